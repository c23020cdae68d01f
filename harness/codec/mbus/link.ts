/**
 * Wired M-Bus link layer: EN 13757-2 frames in the FT1.2 format class of EN 60870-5-1 (DSMR-P2 §3.1,
 * Table 2). Single character E5h, short frame `10 C A CS 16`, control frame (long frame with L = 3) and
 * long frame `68 L L 68 C A CI data CS 16`; C-field and A-field semantics.
 */
import { MbusError } from './errors.ts';

export const MBUS_ACK = 0xe5;
export const MBUS_SHORT_START = 0x10;
export const MBUS_LONG_START = 0x68;
export const MBUS_STOP = 0x16;
/** L counts C, A, CI and the user data; it is one byte, so the user data after CI is at most 252 bytes. */
export const MBUS_MAX_DATA = 252;

export type MbusFrame =
  | { format: 'single' }
  | { format: 'short'; c: number; a: number }
  | { format: 'control'; c: number; a: number; ci: number }
  | { format: 'long'; c: number; a: number; ci: number; data: Uint8Array };

export type MbusFrameFormat = MbusFrame['format'];

export interface MbusFrameDecoded {
  frame: MbusFrame;
  /** Bytes the frame occupies. */
  length: number;
  /** The checksum byte as received (absent for E5). */
  checksum?: number;
  checksumValid: boolean;
}

export interface MbusFrameDecodeOptions {
  /** Return a frame whose checksum is wrong (checksumValid false) instead of throwing `bad-checksum`. */
  allowBadChecksum?: boolean;
  /** Ignore bytes after the frame (stream use); otherwise they raise `length-mismatch`/`trailing-bytes`. */
  allowTrailing?: boolean;
}

/** Arithmetic sum modulo 256 of bytes[start..end) (EN 60870-5-1 FT1.2 checksum; DSMR-P2 Table 2). */
export function mbusChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s = (s + bytes[i]!) & 0xff;
  return s;
}

function byteCheck(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new MbusError('bad-field', 0, `${what} must be a byte, got ${v}`);
}

/** Encode a frame; L and CS are computed. */
export function mbusFrameEncode(frame: MbusFrame): Uint8Array {
  if (frame.format === 'single') return Uint8Array.of(MBUS_ACK);
  byteCheck(frame.c, 'C');
  byteCheck(frame.a, 'A');
  if (frame.format === 'short') {
    return Uint8Array.of(MBUS_SHORT_START, frame.c, frame.a, (frame.c + frame.a) & 0xff, MBUS_STOP);
  }
  byteCheck(frame.ci, 'CI');
  const data = frame.format === 'long' ? frame.data : new Uint8Array(0);
  if (data.length > MBUS_MAX_DATA) throw new MbusError('too-long', 0, `user data of ${data.length} bytes exceeds ${MBUS_MAX_DATA} (L ≤ 255)`);
  const l = 3 + data.length;
  const out = new Uint8Array(l + 6);
  out.set([MBUS_LONG_START, l, l, MBUS_LONG_START, frame.c, frame.a, frame.ci]);
  out.set(data, 7);
  out[l + 4] = mbusChecksum(out, 4, l + 4);
  out[l + 5] = MBUS_STOP;
  return out;
}

/** Decode exactly one frame at the start of `bytes`. Throws MbusError with the offset of the fault. */
export function mbusFrameDecode(bytes: Uint8Array, opts: MbusFrameDecodeOptions = {}): MbusFrameDecoded {
  if (bytes.length === 0) throw new MbusError('truncated', 0, 'no bytes');
  const trailing = (end: number, code: string, msg: string): void => {
    if (!opts.allowTrailing && bytes.length > end) throw new MbusError(code, end, msg);
  };
  const b0 = bytes[0]!;
  if (b0 === MBUS_ACK) {
    trailing(1, 'trailing-bytes', `${bytes.length - 1} bytes after the single character E5`);
    return { frame: { format: 'single' }, length: 1, checksumValid: true };
  }
  if (b0 === MBUS_SHORT_START) {
    if (bytes.length < 5) throw new MbusError('truncated', bytes.length, `short frame needs 5 bytes, got ${bytes.length}`);
    if (bytes[4] !== MBUS_STOP) throw new MbusError('bad-stop', 4, `stop byte is ${hex(bytes[4]!)}, expected 16`);
    const c = bytes[1]!, a = bytes[2]!, cs = bytes[3]!;
    const ok = ((c + a) & 0xff) === cs;
    if (!ok && !opts.allowBadChecksum) throw new MbusError('bad-checksum', 3, `checksum ${hex(cs)}, computed ${hex((c + a) & 0xff)}`);
    trailing(5, 'trailing-bytes', `${bytes.length - 5} bytes after the short frame`);
    return { frame: { format: 'short', c, a }, length: 5, checksum: cs, checksumValid: ok };
  }
  if (b0 !== MBUS_LONG_START) throw new MbusError('bad-start', 0, `start byte ${hex(b0)} is none of E5, 10, 68`);
  if (bytes.length < 4) throw new MbusError('truncated', bytes.length, 'long frame header needs 4 bytes');
  const l = bytes[1]!;
  if (bytes[2] !== l) throw new MbusError('l-mismatch', 2, `the two L bytes differ (${hex(l)} and ${hex(bytes[2]!)})`);
  if (bytes[3] !== MBUS_LONG_START) throw new MbusError('bad-start', 3, `second start byte is ${hex(bytes[3]!)}, expected 68`);
  if (l < 3) throw new MbusError('bad-length', 1, `L = ${l} is below 3 (C, A and CI)`);
  const total = l + 6;
  if (bytes.length < total) throw new MbusError('truncated', bytes.length, `L = ${l} announces ${total} bytes, got ${bytes.length}`);
  trailing(total, 'length-mismatch', `L = ${l} announces a ${total}-byte frame but the input has ${bytes.length} bytes`);
  if (bytes[total - 1] !== MBUS_STOP) throw new MbusError('bad-stop', total - 1, `stop byte is ${hex(bytes[total - 1]!)}, expected 16`);
  const cs = bytes[total - 2]!;
  const computed = mbusChecksum(bytes, 4, total - 2);
  const ok = cs === computed;
  if (!ok && !opts.allowBadChecksum) throw new MbusError('bad-checksum', total - 2, `checksum ${hex(cs)}, computed ${hex(computed)}`);
  const c = bytes[4]!, a = bytes[5]!, ci = bytes[6]!;
  const frame: MbusFrame = l === 3 ? { format: 'control', c, a, ci } : { format: 'long', c, a, ci, data: bytes.slice(7, total - 2) };
  return { frame, length: total, checksum: cs, checksumValid: ok };
}

const hex = (v: number): string => v.toString(16).toUpperCase().padStart(2, '0');

// ---------------------------------------------------------------------------------------------------
// C-field (EN 13757-2, link service functions of EN 60870-5-2; DSMR-P2 §3.1.2, Table 5)

export interface MbusControl {
  c: number;
  name: string;
  /** Bit 6 PRM: 1 = from the master (primary station). */
  fromMaster: boolean;
  /** Function code, bits 3–0. */
  fn: number;
  /** Master → slave: frame count bit (bit 5) and frame count valid (bit 4). DSMR-P2 §3.1.2: FCB is ignored. */
  fcb?: boolean;
  fcv?: boolean;
  /** Slave → master: access demand (bit 5) and data flow control (bit 4). */
  acd?: boolean;
  dfc?: boolean;
  /** The exact value is one EN 13757-2 lists for this function. */
  known: boolean;
}

const MASTER_FN: Record<number, { name: string; values: number[] }> = {
  0x0: { name: 'SND_NKE', values: [0x40] },
  0x3: { name: 'SND_UD', values: [0x53, 0x73] },
  // DSMR-P2 Table 5 prints REQ_SKE as 59h; EN 60870-5-2 sends it without FCV (49h). 59h is named
  // REQ_SKE by its function code but is not a listed value (known = false).
  0x9: { name: 'REQ_SKE', values: [0x49] },
  0xa: { name: 'REQ_UD1', values: [0x5a, 0x7a] },
  0xb: { name: 'REQ_UD2', values: [0x5b, 0x7b] },
};
const SLAVE_FN: Record<number, { name: string; values: number[] }> = {
  0x8: { name: 'RSP_UD', values: [0x08, 0x18, 0x28, 0x38] },
  0xb: { name: 'RSP_SKE', values: [0x0b, 0x1b, 0x2b, 0x3b] },
};

export function mbusControlDecode(c: number): MbusControl {
  const fromMaster = (c & 0x40) !== 0;
  const fn = c & 0x0f;
  const entry = (fromMaster ? MASTER_FN : SLAVE_FN)[fn];
  const base = { c, fromMaster, fn, name: entry?.name ?? 'unknown', known: entry?.values.includes(c) ?? false };
  return fromMaster
    ? { ...base, fcb: (c & 0x20) !== 0, fcv: (c & 0x10) !== 0 }
    : { ...base, acd: (c & 0x20) !== 0, dfc: (c & 0x10) !== 0 };
}

export const MBUS_C = { SND_NKE: 0x40, SND_UD: 0x53, REQ_UD1: 0x5a, REQ_UD2: 0x5b, RSP_UD: 0x08, REQ_SKE: 0x49, RSP_SKE: 0x0b } as const;
const FCB = 0x20;

/** Set or clear the FCB bit of a master C value that has FCV (SND_UD, REQ_UD1, REQ_UD2). */
export const mbusWithFcb = (c: number, fcb: boolean): number => (fcb ? c | FCB : c & ~FCB);

// ---------------------------------------------------------------------------------------------------
// A-field (EN 13757-2 primary addressing; DSMR-P2 §3.1.3, §8.3.1)

export type MbusAddressKind = 'unconfigured' | 'primary' | 'reserved' | 'network-layer' | 'broadcast-reply' | 'broadcast-no-reply';

export interface MbusAddressInfo {
  address: number;
  kind: MbusAddressKind;
  meaning: string;
}

export function mbusAddressInfo(a: number): MbusAddressInfo {
  if (a === 0) return { address: a, kind: 'unconfigured', meaning: 'unconfigured slave (factory default); it answers everything sent to 0' };
  if (a <= 250) return { address: a, kind: 'primary', meaning: 'primary address of a configured slave' };
  if (a <= 252) return { address: a, kind: 'reserved', meaning: 'reserved for future use' };
  if (a === 253) return { address: a, kind: 'network-layer', meaning: 'network layer: the slave selected by secondary address (CI 52h)' };
  if (a === 254) return { address: a, kind: 'broadcast-reply', meaning: 'broadcast, every slave replies (test and installation only)' };
  return { address: a, kind: 'broadcast-no-reply', meaning: 'broadcast, no slave replies' };
}

// ---------------------------------------------------------------------------------------------------
// Frame builders for the requests DSMR-P2 §4.3 uses.

export const mbusShortFrame = (c: number, a: number): Uint8Array => mbusFrameEncode({ format: 'short', c, a });
export const mbusSndNke = (a: number): Uint8Array => mbusShortFrame(MBUS_C.SND_NKE, a);
export const mbusReqUd2 = (a: number, fcb = false): Uint8Array => mbusShortFrame(mbusWithFcb(MBUS_C.REQ_UD2, fcb), a);
export const mbusReqUd1 = (a: number, fcb = false): Uint8Array => mbusShortFrame(mbusWithFcb(MBUS_C.REQ_UD1, fcb), a);
export const mbusSndUd = (a: number, ci: number, data: Uint8Array, fcb = false): Uint8Array =>
  mbusFrameEncode(data.length ? { format: 'long', c: mbusWithFcb(MBUS_C.SND_UD, fcb), a, ci, data } : { format: 'control', c: mbusWithFcb(MBUS_C.SND_UD, fcb), a, ci });
