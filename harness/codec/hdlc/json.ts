/**
 * JSON view of HDLC frames for `meterproof decode hdlc` and failure traces: field names after IEC 62056-46
 * (frame format, destination/source address, control, HCS, information, FCS), reserved addresses named, SNRM/UA
 * parameters and FRMR reasons decoded, and the APDU carried by I/UI frames shown through the acse/apdu
 * decoders — per frame when it fits one frame, reassembled when it was segmented (S bit).
 */
import { bytesToHex } from '../bytes.ts';
import { nestedApduJson, errorJson, type NestedApduJson } from '../acse/json.ts';
import { type HdlcAddress, hdlcClientAddressName, hdlcLowerAddressName, hdlcUpperAddressName } from './address.ts';
import { type HdlcControl, hdlcControlEncode } from './control.ts';
import { type HdlcFrame, type HdlcFrameLayout, hex16 } from './frame.ts';
import { hdlcFrmrInfoDecode, hdlcLlcRole } from './llc.ts';
import { HDLC_PARAM_NAMES, hdlcParametersDecode } from './params.ts';

export interface HdlcWarning {
  code: string;
  offset?: number;
  message: string;
}

export function hdlcAddressJson(a: HdlcAddress, bytes: Uint8Array): Record<string, unknown> {
  const names: Record<string, string> = {};
  if (a.size === 1) {
    const asClient = hdlcClientAddressName(a.upper);
    if (asClient) names['as-client'] = asClient;
  }
  const upper = hdlcUpperAddressName(a.upper, a.size);
  if (upper) names['as-server-upper'] = upper;
  if (a.lower !== undefined) {
    const lower = hdlcLowerAddressName(a.lower, a.size);
    if (lower) names['as-server-lower'] = lower;
  }
  return {
    hex: bytesToHex(bytes),
    size: a.size,
    upper: a.upper,
    ...(a.lower !== undefined ? { lower: a.lower } : {}),
    ...(Object.keys(names).length ? { names } : {}),
  };
}

export function hdlcControlJson(c: HdlcControl): Record<string, unknown> {
  const hex = bytesToHex(Uint8Array.of(hdlcControlEncode(c)));
  if (c.type === 'unknown') return { hex, frame: 'unknown' };
  const out: Record<string, unknown> = { hex, frame: c.type, 'poll-final': c.pf };
  if (c.type === 'I') out['N(S)'] = c.ns;
  if (c.type === 'I' || c.type === 'RR' || c.type === 'RNR') out['N(R)'] = c.nr;
  return out;
}

/** JSON of one frame; `offset` is where its opening flag sits in the decoded input. */
export function hdlcFrameJson(
  frame: HdlcFrame,
  layout: HdlcFrameLayout,
  bytes: Uint8Array,
  offset: number,
  warnings: HdlcWarning[],
  showApdu: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    offset,
    length: bytes.length,
    'frame-format': { type: layout.formatType, segmentation: frame.segmented, 'frame-length': layout.frameLength },
    'destination-address': hdlcAddressJson(frame.destination, bytes.subarray(layout.destinationOffset, layout.sourceOffset)),
    'source-address': hdlcAddressJson(frame.source, bytes.subarray(layout.sourceOffset, layout.controlOffset)),
    control: hdlcControlJson(frame.control),
  };
  if (layout.hcs !== undefined) out.hcs = hex16(layout.hcs);
  out.fcs = hex16(layout.fcs);
  const c = frame.control;
  if (frame.destination.size > 1 && frame.source.size > 1) {
    warnings.push({ code: 'no-client-address', offset: offset + layout.destinationOffset, message: 'neither address has one octet, yet one of them must be a client address (IEC 62056-46)' });
  }
  if (c.type === 'unknown') {
    warnings.push({ code: 'unknown-control', offset: offset + layout.controlOffset, message: `control octet 0x${bytesToHex(Uint8Array.of(c.value))} is not an IEC 62056-46 frame type` });
  }
  if (frame.info.length === 0) return out;
  const infoAt = offset + (layout.infoOffset ?? 0);
  const info: Record<string, unknown> = { hex: bytesToHex(frame.info), length: frame.info.length };
  out.information = info;
  if (c.type === 'SNRM' || c.type === 'UA') {
    try {
      info.parameters = hdlcParametersDecode(frame.info).map((p) => ({
        id: p.id,
        ...(HDLC_PARAM_NAMES[p.id] ? { name: HDLC_PARAM_NAMES[p.id] } : {}),
        value: p.value,
        size: p.size,
      }));
    } catch (e) {
      const err = errorJson(e);
      warnings.push({ code: err.code, offset: infoAt + (err.offset ?? 0), message: err.message });
    }
  } else if (c.type === 'FRMR') {
    const f = hdlcFrmrInfoDecode(frame.info);
    if (f) {
      info.frmr = {
        'rejected-control': bytesToHex(Uint8Array.of(f.rejectedControl)),
        'V(S)': f.vs, 'C/R': f.cr, 'V(R)': f.vr,
        'W-undefined-control': f.w, 'X-information-not-permitted': f.x, 'Y-information-too-long': f.y, 'Z-invalid-N(R)': f.z,
      };
    }
  } else if (c.type === 'I' || c.type === 'UI') {
    const role = hdlcLlcRole(frame.info);
    if (role) info.llc = role;
    if (showApdu && role) info.apdu = nestedApduJson(frame.info.subarray(3));
  } else if (c.type !== 'unknown') {
    warnings.push({ code: 'unexpected-information', offset: infoAt, message: `${c.type} frame carries an information field` });
  }
  return out;
}

export interface ReassembledApdu extends NestedApduJson {
  /** Indexes (into `frames`) of the segments, in order. */
  frames: number[];
  llc?: string;
}

/**
 * Join the information fields of segmented I/UI frames (S bit set on all but the last) per direction. An APDU
 * that fits one frame is shown in that frame; only multi-frame APDUs are listed here.
 */
export function hdlcReassemble(
  entries: Array<{ frame: HdlcFrame; index: number; offset: number }>,
  warnings: HdlcWarning[],
): ReassembledApdu[] {
  const out: ReassembledApdu[] = [];
  const pending = new Map<string, { parts: Uint8Array[]; frames: number[]; offset: number }>();
  for (const { frame, index, offset } of entries) {
    const c = frame.control.type;
    if ((c !== 'I' && c !== 'UI') || frame.info.length === 0) continue;
    const key = `${JSON.stringify(frame.destination)}>${JSON.stringify(frame.source)}`;
    const p = pending.get(key);
    if (!p && !frame.segmented) continue; // single-frame APDU, shown in place
    const cur = p ?? { parts: [], frames: [], offset };
    cur.parts.push(frame.info);
    cur.frames.push(index);
    if (frame.segmented) {
      pending.set(key, cur);
      continue;
    }
    pending.delete(key);
    let n = 0;
    for (const x of cur.parts) n += x.length;
    const all = new Uint8Array(n);
    n = 0;
    for (const x of cur.parts) {
      all.set(x, n);
      n += x.length;
    }
    const role = hdlcLlcRole(all);
    if (!role) warnings.push({ code: 'missing-llc', offset: cur.offset, message: 'reassembled information field does not start with an LLC header' });
    out.push({ frames: cur.frames, ...(role ? { llc: role } : {}), ...nestedApduJson(role ? all.subarray(3) : all) });
  }
  for (const p of pending.values()) {
    warnings.push({ code: 'incomplete-segmentation', offset: p.offset, message: `segmented APDU ends after ${p.frames.length} frame(s) without a final segment` });
  }
  return out;
}
