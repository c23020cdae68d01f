/**
 * SNRM/UA parameter negotiation (IEC 62056-46 "HDLC parameter negotiation", ISO/IEC 13239 XID-style
 * information field): format identifier 0x81, group identifier 0x80, group length (one octet), then
 * parameters as identifier · length · big-endian value. IEC 62056-46 uses four of them:
 *   0x05 maximum information field length – transmit, 0x06 … – receive, 0x07 window size – transmit,
 *   0x08 window size – receive. An absent parameter (or an SNRM without information field) means the default:
 *   128 octets and a window of 1.
 * Values may be 1, 2 or 4 octets; the canonical encoder writes information lengths in the fewest octets (1 or
 * 2) and window sizes in 4, as the published SNRM/UA frames do.
 */
import { HdlcError } from './errors.ts';

export const HDLC_PARAM_FORMAT_ID = 0x81;
export const HDLC_PARAM_GROUP_ID = 0x80;

export const HDLC_PARAM_IDS = {
  maxInfoTransmit: 0x05,
  maxInfoReceive: 0x06,
  windowTransmit: 0x07,
  windowReceive: 0x08,
} as const;

export const HDLC_PARAM_NAMES: Record<number, string> = {
  0x05: 'maximum-information-field-length-transmit',
  0x06: 'maximum-information-field-length-receive',
  0x07: 'window-size-transmit',
  0x08: 'window-size-receive',
};

/** One negotiated parameter exactly as sent (order and value width are kept for byte-exact round trips). */
export interface HdlcParameter {
  id: number;
  value: number;
  size: 1 | 2 | 4;
}

/** The four IEC 62056-46 parameters by name; absent = not sent (the default applies). */
export interface HdlcNegotiation {
  maxInfoTransmit?: number;
  maxInfoReceive?: number;
  windowTransmit?: number;
  windowReceive?: number;
}

/** Values that apply when a parameter is not negotiated (IEC 62056-46 defaults). */
export const HDLC_DEFAULT_NEGOTIATION: Required<HdlcNegotiation> = {
  maxInfoTransmit: 128,
  maxInfoReceive: 128,
  windowTransmit: 1,
  windowReceive: 1,
};

/** Parse an SNRM/UA information field. An empty field yields no parameters. */
export function hdlcParametersDecode(info: Uint8Array, base = 0): HdlcParameter[] {
  if (info.length === 0) return [];
  if (info.length < 3) throw new HdlcError('bad-parameter', base + info.length, 'parameter field shorter than its 3-octet header');
  if (info[0] !== HDLC_PARAM_FORMAT_ID) throw new HdlcError('bad-parameter', base, `format identifier 0x${info[0]!.toString(16)} is not 0x81`);
  if (info[1] !== HDLC_PARAM_GROUP_ID) throw new HdlcError('bad-parameter', base + 1, `group identifier 0x${info[1]!.toString(16)} is not 0x80`);
  const groupLength = info[2]!;
  if (3 + groupLength !== info.length) {
    throw new HdlcError('bad-parameter', base + 2, `group length ${groupLength} does not match the ${info.length - 3} octets that follow`);
  }
  const out: HdlcParameter[] = [];
  const seen = new Set<number>();
  let p = 3;
  while (p < info.length) {
    if (p + 2 > info.length) throw new HdlcError('bad-parameter', base + p, 'parameter header runs past the group');
    const id = info[p]!;
    const size = info[p + 1]!;
    if (size !== 1 && size !== 2 && size !== 4) {
      throw new HdlcError('bad-parameter', base + p + 1, `parameter 0x${id.toString(16)} has a ${size}-octet value (1, 2 or 4 expected)`);
    }
    if (p + 2 + size > info.length) throw new HdlcError('bad-parameter', base + p + 1, `parameter 0x${id.toString(16)} value runs past the group`);
    if (seen.has(id)) throw new HdlcError('bad-parameter', base + p, `parameter 0x${id.toString(16)} appears twice`);
    seen.add(id);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + info[p + 2 + i]!;
    out.push({ id, value, size });
    p += 2 + size;
  }
  return out;
}

export function hdlcParametersEncode(params: HdlcParameter[]): Uint8Array {
  let n = 0;
  for (const q of params) n += 2 + q.size;
  if (n > 0xff) throw new HdlcError('bad-value', 0, `parameter group of ${n} octets exceeds 255`);
  const out = new Uint8Array(3 + n);
  out[0] = HDLC_PARAM_FORMAT_ID;
  out[1] = HDLC_PARAM_GROUP_ID;
  out[2] = n;
  let p = 3;
  for (const q of params) {
    if (!Number.isInteger(q.id) || q.id < 0 || q.id > 0xff) throw new HdlcError('bad-value', 0, `parameter id ${q.id} is not an octet`);
    if (q.size !== 1 && q.size !== 2 && q.size !== 4) throw new HdlcError('bad-value', 0, `parameter size ${String(q.size)} is not 1, 2 or 4`);
    const max = q.size === 4 ? 0xffffffff : (1 << (8 * q.size)) - 1;
    if (!Number.isInteger(q.value) || q.value < 0 || q.value > max) {
      throw new HdlcError('bad-value', 0, `parameter 0x${q.id.toString(16)} value ${q.value} does not fit ${q.size} octets`);
    }
    out[p++] = q.id;
    out[p++] = q.size;
    for (let i = q.size - 1; i >= 0; i--) out[p++] = Math.floor(q.value / 2 ** (8 * i)) & 0xff;
  }
  return out;
}

/** Name the four IEC 62056-46 parameters; other identifiers are ignored here (they stay in the entry list). */
export function hdlcNegotiationFromParameters(params: HdlcParameter[]): HdlcNegotiation {
  const n: HdlcNegotiation = {};
  for (const q of params) {
    if (q.id === HDLC_PARAM_IDS.maxInfoTransmit) n.maxInfoTransmit = q.value;
    else if (q.id === HDLC_PARAM_IDS.maxInfoReceive) n.maxInfoReceive = q.value;
    else if (q.id === HDLC_PARAM_IDS.windowTransmit) n.windowTransmit = q.value;
    else if (q.id === HDLC_PARAM_IDS.windowReceive) n.windowReceive = q.value;
  }
  return n;
}

export function hdlcNegotiationDecode(info: Uint8Array): HdlcNegotiation {
  return hdlcNegotiationFromParameters(hdlcParametersDecode(info));
}

/** Canonical parameter list: identifiers ascending, lengths in 1 or 2 octets, windows in 4 octets. */
export function hdlcNegotiationToParameters(n: HdlcNegotiation): HdlcParameter[] {
  const out: HdlcParameter[] = [];
  const info = (id: number, v: number | undefined): void => {
    if (v !== undefined) out.push({ id, value: v, size: v <= 0xff ? 1 : 2 });
  };
  const win = (id: number, v: number | undefined): void => {
    if (v !== undefined) out.push({ id, value: v, size: 4 });
  };
  info(HDLC_PARAM_IDS.maxInfoTransmit, n.maxInfoTransmit);
  info(HDLC_PARAM_IDS.maxInfoReceive, n.maxInfoReceive);
  win(HDLC_PARAM_IDS.windowTransmit, n.windowTransmit);
  win(HDLC_PARAM_IDS.windowReceive, n.windowReceive);
  return out;
}

/** Encode a negotiation; with no parameter at all the result is empty (SNRM/UA without information field). */
export function hdlcNegotiationEncode(n: HdlcNegotiation): Uint8Array {
  const params = hdlcNegotiationToParameters(n);
  return params.length === 0 ? new Uint8Array(0) : hdlcParametersEncode(params);
}

/** The values in force after a negotiation (defaults filled in). */
export function hdlcNegotiationEffective(n: HdlcNegotiation): Required<HdlcNegotiation> {
  return { ...HDLC_DEFAULT_NEGOTIATION, ...Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) };
}
