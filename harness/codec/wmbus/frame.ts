/**
 * Wireless M-Bus link-layer frames, EN 13757-4 frame formats A and B (FT3 of EN 60870-5-1 without the
 * 05h 64h start bytes, which the radio preamble replaces — DSMR-P2 §3.2, Table 4).
 *
 * Format A (the DSMR format, DSMR-P2 §3.2): block 1 = L C M A (10 bytes) + CRC, then the payload (CI
 * onwards) in blocks of 16 bytes, the last one shorter, each followed by its CRC. L counts the bytes after
 * L without the CRCs (DSMR-P2 §3.2.1), so L = 9 + payload length, at most 255.
 *
 * Format B (EN 13757-4; not used by DSMR): block 1 (L C M A) carries no CRC of its own; block 2 holds up to
 * 116 payload bytes and ends with one CRC over blocks 1 and 2 (at most 128 bytes with that CRC); an
 * optional block 3 holds the rest of the payload (up to 126 bytes) plus a CRC over block 3 only. L counts
 * every byte after L including the CRCs. The published EN 13757-4 example `14 44 AE 0C … 87 7A C5` is a
 * format B frame (one CRC over 19 bytes).
 *
 * CRCs: crc16En13757 (crc.ts), transmitted high byte first.
 */
import { crc16En13757 } from './crc.ts';
import { WmbusError, wmbusCrcError } from './errors.ts';

export type WmbusFormat = 'A' | 'B';

export interface WmbusFrame {
  format: WmbusFormat;
  /** C-field (cfield.ts names it). */
  c: number;
  /** M-field as a number (the wire carries it little endian). */
  m: number;
  /** A-field as on the wire: ID (4 bytes, LSB first), VER, DEV. */
  a: Uint8Array;
  /** Everything after block 1 without the CRCs: CI field onwards. */
  payload: Uint8Array;
}

/** Largest payload (CI onwards) that fits L ≤ 255. */
export const WMBUS_MAX_PAYLOAD: Readonly<Record<WmbusFormat, number>> = { A: 246, B: 242 };

/** Format B: payload bytes in block 2 (CI + 115 data bytes; block 1 + block 2 + CRC = 128 bytes). */
const B_BLOCK2_PAYLOAD = 116;

/** One CRC-protected segment of a frame, in frame offsets. `block` is the EN 13757-4 block number (1-based). */
export interface CrcSegment {
  block: number;
  start: number;
  /** Offset of the 2 CRC bytes; the CRC covers [start, crcOffset). */
  crcOffset: number;
  /** Payload bytes in this segment: frame range [payloadStart, crcOffset). */
  payloadStart: number;
}

export function wmbusLField(format: WmbusFormat, payloadLength: number): number {
  if (format === 'A') return 9 + payloadLength;
  return 9 + payloadLength + 2 + (payloadLength > B_BLOCK2_PAYLOAD ? 2 : 0);
}

/** Payload length implied by an L-field, or null if no frame of that format has this L. */
export function wmbusPayloadLength(format: WmbusFormat, l: number): number | null {
  if (format === 'A') return l >= 9 ? l - 9 : null;
  if (l < 11) return null;
  if (l <= 9 + B_BLOCK2_PAYLOAD + 2) return l - 11;
  // L = 128 or 129 would leave block 3 without room for data plus CRC.
  return l >= 130 ? l - 13 : null;
}

/** CRC segments of a frame carrying `payloadLength` bytes after block 1. */
export function wmbusCrcLayout(format: WmbusFormat, payloadLength: number): CrcSegment[] {
  const segs: CrcSegment[] = [];
  if (format === 'A') {
    segs.push({ block: 1, start: 0, crcOffset: 10, payloadStart: 10 });
    let pos = 12;
    for (let done = 0, block = 2; done < payloadLength; block++) {
      const n = Math.min(16, payloadLength - done);
      segs.push({ block, start: pos, crcOffset: pos + n, payloadStart: pos });
      pos += n + 2;
      done += n;
    }
    return segs;
  }
  const n2 = Math.min(B_BLOCK2_PAYLOAD, payloadLength);
  segs.push({ block: 2, start: 0, crcOffset: 10 + n2, payloadStart: 10 });
  if (payloadLength > B_BLOCK2_PAYLOAD) {
    const start = 12 + n2;
    segs.push({ block: 3, start, crcOffset: start + payloadLength - n2, payloadStart: start });
  }
  return segs;
}

/** Total bytes on the wire (after the preamble) for a payload length. */
export function wmbusFrameLength(format: WmbusFormat, payloadLength: number): number {
  const segs = wmbusCrcLayout(format, payloadLength);
  return segs[segs.length - 1]!.crcOffset + 2;
}

/** Frame offset of payload byte `p` (for error offsets reported by the layers above). */
export function wmbusPayloadOffset(format: WmbusFormat, p: number): number {
  if (format === 'A') return 12 + p + 2 * Math.floor(p / 16);
  return p < B_BLOCK2_PAYLOAD ? 10 + p : 12 + p;
}

function checkByte(v: number, name: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new WmbusError('bad-field', 0, `${name} must be a byte, got ${v}`);
}

export function wmbusFrameEncode(f: WmbusFrame): Uint8Array {
  if (f.format !== 'A' && f.format !== 'B') throw new WmbusError('bad-field', 0, `format must be 'A' or 'B'`);
  checkByte(f.c, 'C-field');
  if (!Number.isInteger(f.m) || f.m < 0 || f.m > 0xffff) throw new WmbusError('bad-field', 2, `M-field must be 16 bits, got ${f.m}`);
  if (f.a.length !== 6) throw new WmbusError('bad-field', 4, `A-field must be 6 bytes, got ${f.a.length}`);
  const n = f.payload.length;
  if (n > WMBUS_MAX_PAYLOAD[f.format]) {
    throw new WmbusError('payload-too-long', 10, `format ${f.format} carries at most ${WMBUS_MAX_PAYLOAD[f.format]} bytes after block 1 (L ≤ 255), got ${n}`);
  }
  const segs = wmbusCrcLayout(f.format, n);
  const out = new Uint8Array(segs[segs.length - 1]!.crcOffset + 2);
  out[0] = wmbusLField(f.format, n);
  out[1] = f.c;
  out[2] = f.m & 0xff;
  out[3] = f.m >>> 8;
  out.set(f.a, 4);
  let p = 0;
  for (const s of segs) {
    const len = s.crcOffset - s.payloadStart;
    out.set(f.payload.subarray(p, p + len), s.payloadStart);
    p += len;
    const crc = crc16En13757(out, s.start, s.crcOffset);
    out[s.crcOffset] = crc >>> 8;
    out[s.crcOffset + 1] = crc & 0xff;
  }
  return out;
}

export interface WmbusDecodeOptions {
  /** 'auto' (default): format B when the byte count equals L + 1, else format A. */
  format?: WmbusFormat | 'auto';
}

export interface WmbusInspection {
  format: WmbusFormat;
  /** L-field, when at least one byte was given. */
  l?: number;
  /** Header fields and whatever payload bytes could be located (present once block 1 is complete). */
  frame?: WmbusFrame;
  /** Per CRC segment: true = valid, false = bad, null = not (fully) present. */
  crc: Array<{ block: number; crcOffset: number; valid: boolean | null }>;
  errors: WmbusError[];
}

/** Lenient analysis for the decoder: every problem found, in frame order of importance, never throws. */
export function wmbusFrameInspect(bytes: Uint8Array, opts: WmbusDecodeOptions = {}): WmbusInspection {
  const errors: WmbusError[] = [];
  const want = opts.format ?? 'auto';
  if (bytes.length === 0) {
    return { format: want === 'B' ? 'B' : 'A', crc: [], errors: [new WmbusError('too-short', 0, 'empty input: no L-field')] };
  }
  const l = bytes[0]!;
  const format: WmbusFormat = want === 'auto' ? (bytes.length === l + 1 ? 'B' : 'A') : want;
  const n = wmbusPayloadLength(format, l);
  if (n === null) {
    const why = format === 'A' ? 'below 9 (L, C, M and A need 9 bytes after L)' : 'impossible in format B (below 11, or 128/129)';
    errors.push(new WmbusError('l-field-invalid', 0, `L-field ${l} is ${why}`));
    return { format, l, crc: [], errors };
  }
  const segs = wmbusCrcLayout(format, n);
  const total = segs[segs.length - 1]!.crcOffset + 2;
  if (bytes.length < total) {
    const seg = segs.find((s) => s.crcOffset + 2 > bytes.length)!;
    errors.push(new WmbusError('truncated', bytes.length,
      `format ${format} frame with L=${l} needs ${total} bytes, got ${bytes.length}: it ends inside block ${seg.block}`));
  } else if (bytes.length > total) {
    errors.push(new WmbusError('length-mismatch', total,
      `L=${l} gives a format ${format} frame of ${total} bytes, but ${bytes.length - total} more byte(s) follow`));
  }
  const crc: WmbusInspection['crc'] = [];
  const payload: number[] = [];
  for (const s of segs) {
    const have = s.crcOffset + 2 <= bytes.length;
    for (let i = s.payloadStart; i < Math.min(s.crcOffset, bytes.length); i++) payload.push(bytes[i]!);
    if (!have) {
      crc.push({ block: s.block, crcOffset: s.crcOffset, valid: null });
      continue;
    }
    const calc = crc16En13757(bytes, s.start, s.crcOffset);
    const got = (bytes[s.crcOffset]! << 8) | bytes[s.crcOffset + 1]!;
    const valid = calc === got;
    crc.push({ block: s.block, crcOffset: s.crcOffset, valid });
    if (!valid) {
      const what = format === 'B' && s.block === 2 ? 'blocks 1-2' : `block ${s.block}`;
      errors.push(wmbusCrcError(s.block, s.crcOffset,
        `CRC of ${what} is ${hex4(got)}, computed ${hex4(calc)} over offsets ${s.start}..${s.crcOffset - 1}`));
    }
  }
  const result: WmbusInspection = { format, l, crc, errors };
  if (bytes.length >= 10) {
    result.frame = { format, c: bytes[1]!, m: bytes[2]! | (bytes[3]! << 8), a: bytes.slice(4, 10), payload: Uint8Array.from(payload) };
  }
  return result;
}

/** Strict decode: throws the first WmbusError (length problems before CRC problems). */
export function wmbusFrameDecode(bytes: Uint8Array, opts: WmbusDecodeOptions = {}): WmbusFrame {
  const r = wmbusFrameInspect(bytes, opts);
  if (r.errors.length > 0) throw r.errors[0]!;
  return r.frame!;
}

function hex4(v: number): string {
  return v.toString(16).toUpperCase().padStart(4, '0');
}
