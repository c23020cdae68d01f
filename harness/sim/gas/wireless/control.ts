/**
 * What the wireless gas meter does with a frame from the E-meter (DSMR-P2 §3.2, §4.1 Table 6, §4.4):
 * format A with every block CRC correct (§3.2, §5.2 item 2), C and CI one of the E-meter rows of
 * Table 6 (SND_NKE 40h/80h, REQ_UD2 5Bh/80h, CNF_IR 06h/80h, SND_UD 53h/5Bh and 53h/6Ch; the FCB is
 * ignored, §3.2.2), the E-meter's own M/A ignored (§3.2.4), the long header naming this device's Short ID
 * (§4.2.2, §4.4.1 ff.). SND_UD commands go to the shared command code (../commands.ts): CI 5Bh carries
 * encrypted control records (readout list, clear status) or, with CW 00 00, the set-key records (§4.4.6);
 * CI 6Ch the clock (§4.4.4). Everything else is not processed (§4.1).
 */
import { bytesEqual } from '../../../codec/bytes.ts';
import { mbusHeaderDecode, mbusIdEncode, mbusManufacturerEncode, type MbusHeader } from '../../../codec/mbus/index.ts';
import { wmbusFrameInspect } from '../../../codec/wmbus/index.ts';
import { applyControl, ci6c, dataRecords, handleSndUd, installKey, openBody, plainAllowed } from '../commands.ts';
import type { GasMeter } from '../meter.ts';

export type WlAction =
  /** Not for this device, not a frame, or not allowed: as if nothing was heard. */
  | { kind: 'drop'; why: string }
  /** SND_NKE (its access number, for the fault that answers it). */
  | { kind: 'nke'; acc: number }
  | { kind: 'cnf-ir' }
  | { kind: 'req' }
  /** A SND_UD that was processed: answered with an ACK copying `acc`. */
  | { kind: 'ack'; acc: number }
  /** Addressed to this device but not processed (DSMR-P2 §4.1, §5.2): no answer. */
  | { kind: 'refused'; acc: number; why: string };

const drop = (why: string): WlAction => ({ kind: 'drop', why });

/** The 8 bytes of the Short ID (ID, MAN, VER, DEV) this device answers to (DSMR-P2 §4.2.2). */
export function shortIdBytes(m: GasMeter): Uint8Array {
  const man = mbusManufacturerEncode(m.identity.manufacturer);
  return Uint8Array.from([...mbusIdEncode(m.identity.id), man & 0xff, man >> 8, m.identity.version, m.identity.medium]);
}

export interface ReceiveOptions {
  /** The FAC was opened by a REQ_UD2 and this is the next frame (only the `p2.fac.reject-after-void-req` fault uses it). */
  afterVoidRequest: boolean;
}

function sndUd5b(m: GasMeter, h: MbusHeader, body: Uint8Array): boolean {
  const mode = (h.configWord >> 8) & 0x0f;
  if (mode === 0) {
    // DSMR-P2 §4.4.6: the unencrypted SND_UD (CW 00 00) carries the set-key records; plain control
    // records only while no user key is set (§6.5, digest A37).
    if (m.has('p2.ctl.wl-plain-5b-rejected')) return false;
    const recs = dataRecords(body, 0);
    if (!recs || recs.length === 0) return false;
    const keyRecs = recs.filter((r) => (r.dif === 0x07 || r.dif === 0x47) && r.vif === 0xfd && r.vife[0] === 0x19 && r.data.length === 8);
    if (keyRecs.length === 2 && recs.length === 2) return installKey(m, keyRecs);
    if (keyRecs.length || !plainAllowed(m, h)) return false;
    applyControl(m, recs);
    return true;
  }
  const plain = openBody(m, h, body);
  if (!plain) return false;
  const recs = dataRecords(plain, 0);
  if (!recs) return false;
  applyControl(m, recs);
  return true;
}

export function wlReceive(m: GasMeter, raw: Uint8Array, o: ReceiveOptions): WlAction {
  const insp = wmbusFrameInspect(raw, { format: 'A' });
  const f = insp.frame;
  if (!f) return drop('not a frame');
  const onlyCrc = insp.errors.length > 0 && insp.errors.every((e) => e.code === 'bad-crc');
  if (insp.errors.length && !(onlyCrc && m.has('p2.wl.accept-bad-crc'))) return drop(`link error ${insp.errors[0]!.code}`);
  // DSMR-P2 §3.2.2: the FCB is ignored (73h acts as 53h, 7Bh as 5Bh).
  let c = f.c;
  if (c === 0x73 || c === 0x7b) {
    if (m.has('p2.wl.fcb-honoured')) return drop('FCB set');
    c &= ~0x20;
  }
  if (m.has('p2.wl.check-emeter-lla') && (f.m !== 0 || f.a.some((b) => b !== 0))) return drop('E-meter link address not zero');
  const ci = f.payload[0];
  const data = f.payload.subarray(1);
  if (ci === undefined) return drop('no CI');
  // Table 6 rows initiated by the E-meter.
  const listed = (c === 0x40 && ci === 0x80) || (c === 0x5b && ci === 0x80) || (c === 0x06 && ci === 0x80) || (c === 0x53 && (ci === 0x5b || ci === 0x6c));
  const reqUd1 = c === 0x5a && ci === 0x80 && m.has('p2.wl.answer-req-ud1');
  if (!listed && !reqUd1) {
    if (c === 0x53 && (ci === 0x5a || ci === 0x51) && m.has('p2.ctl.accept-unlisted-ci')) {
      // The wired forms (short header / no header) taken as commands: the fault.
      const acc = ci === 0x5a ? (data[0] ?? 0) : 0;
      return handleSndUd(m, ci, data) ? { kind: 'ack', acc } : { kind: 'refused', acc, why: 'wired form' };
    }
    return drop(`C ${c.toString(16)}h / CI ${ci.toString(16)}h not in Table 6`);
  }
  // The long header names the target (DSMR-P2 §4.2.1, §4.4.1 ff.); a short header under 5Bh is the fault's.
  let h: MbusHeader;
  let bodyAt = 12;
  const mine = data.length >= 8 && bytesEqual(data.subarray(0, 8), shortIdBytes(m));
  if (ci === 0x5b && c === 0x53 && !mine && m.has('p2.hdr.length-ignores-ci') && data.length >= 4) {
    h = mbusHeaderDecode('short', data, 0);
    bodyAt = 4;
  } else {
    if (data.length < 12) return drop('truncated long header');
    h = mbusHeaderDecode('long', data, 0);
    if (!mine && !m.has('p2.wl.ignore-target-id')) return drop('another device\'s Short ID');
  }
  if (c === 0x40) return { kind: 'nke', acc: h.accessNumber };
  if (c === 0x06) return { kind: 'cnf-ir' };
  if (c === 0x5b || c === 0x5a) return { kind: 'req' };
  if (o.afterVoidRequest && m.has('p2.fac.reject-after-void-req')) return { kind: 'refused', acc: h.accessNumber, why: 'after void request' };
  if (ci === 0x6c) {
    // ci6c checks the Short ID itself; the fault's "any Short ID" reaches it with this device's own.
    const fixed = mine ? data : Uint8Array.from([...shortIdBytes(m), ...data.subarray(8)]);
    return ci6c(m, fixed) ? { kind: 'ack', acc: h.accessNumber } : { kind: 'refused', acc: h.accessNumber, why: 'clock not accepted' };
  }
  return sndUd5b(m, h, data.subarray(bodyAt)) ? { kind: 'ack', acc: h.accessNumber } : { kind: 'refused', acc: h.accessNumber, why: 'command not accepted' };
}
