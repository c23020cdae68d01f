/**
 * Byte cursor and the A-XDR primitive readers/writers shared by the Data codec and the xDLMS APDU codec.
 * A-XDR (IEC 61334-6, used by IEC 62056-5-3) encodes constrained integers as fixed-size big-endian
 * values and lengths/quantities in a BER-like form: one octet below 0x80, otherwise 0x8N followed by N
 * length octets. Every read checks the bytes left first, so a huge declared length never allocates.
 */
import { axdrFail } from './errors.ts';

export interface Cursor {
  readonly b: Uint8Array;
  o: number;
}

/** Decoding options shared by the Data and APDU decoders. */
export interface AxdrDecodeOptions {
  /** Reject non-canonical encodings (non-minimal lengths, non-zero bit-string padding) instead of marking them. */
  strict?: boolean;
  /** Maximum container nesting (arrays, structures, compact-array descriptions); default 64. */
  maxDepth?: number;
  /** Maximum number of values one decode may create; default 4 × input length + 1024 (bounds memory against zero-size amplification). */
  maxNodes?: number;
  /** Called for every non-canonical construct accepted in lenient mode (code, offset). */
  onNonCanonical?: (code: string, offset: number) => void;
}

/** Per-decode state: options plus the node budget counter. */
export interface DecodeCtx {
  strict: boolean;
  maxDepth: number;
  maxNodes: number;
  nodes: number;
  onNonCanonical?: (code: string, offset: number) => void;
}

export const DEFAULT_MAX_DEPTH = 64;

export function decodeCtx(inputLength: number, opts: AxdrDecodeOptions = {}): DecodeCtx {
  return {
    strict: opts.strict ?? false,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxNodes: opts.maxNodes ?? 4 * inputLength + 1024,
    nodes: 0,
    ...(opts.onNonCanonical ? { onNonCanonical: opts.onNonCanonical } : {}),
  };
}

export function cursor(b: Uint8Array, o = 0): Cursor {
  return { b, o };
}

export function left(c: Cursor): number {
  return c.b.length - c.o;
}

export function need(c: Cursor, n: number, what: string): void {
  if (c.b.length - c.o < n) axdrFail('truncated', c.o, `${what} needs ${n} byte(s), ${c.b.length - c.o} left`);
}

export function u8(c: Cursor, what = 'octet'): number {
  need(c, 1, what);
  return c.b[c.o++]!;
}

export function u16(c: Cursor, what = 'Unsigned16'): number {
  need(c, 2, what);
  const v = (c.b[c.o]! << 8) | c.b[c.o + 1]!;
  c.o += 2;
  return v;
}

export function u32(c: Cursor, what = 'Unsigned32'): number {
  need(c, 4, what);
  const v = c.b[c.o]! * 0x1000000 + ((c.b[c.o + 1]! << 16) | (c.b[c.o + 2]! << 8) | c.b[c.o + 3]!);
  c.o += 4;
  return v;
}

export function i8(c: Cursor, what = 'Integer8'): number {
  const v = u8(c, what);
  return v >= 0x80 ? v - 0x100 : v;
}

export function i16(c: Cursor, what = 'Integer16'): number {
  const v = u16(c, what);
  return v >= 0x8000 ? v - 0x10000 : v;
}

export function i32(c: Cursor, what = 'Integer32'): number {
  const v = u32(c, what);
  return v >= 0x80000000 ? v - 0x100000000 : v;
}

export function u64(c: Cursor, what = 'Unsigned64'): bigint {
  const hi = u32(c, what);
  const lo = u32(c, what);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function i64(c: Cursor, what = 'Integer64'): bigint {
  return BigInt.asIntN(64, u64(c, what));
}

/** Take `n` bytes as a copy (values never alias the input buffer). */
export function take(c: Cursor, n: number, what: string): Uint8Array {
  need(c, n, what);
  const out = c.b.slice(c.o, c.o + n);
  c.o += n;
  return out;
}

/**
 * Read an A-XDR length/quantity. Returns the value and whether it was non-minimal (lenient mode); in strict
 * mode a non-minimal form throws `non-minimal-length`. IEC 61334-6 §6.3 (length of variable-size
 * values): short form below 128, long form 0x81..0x84 + big-endian octets.
 */
export function readLength(c: Cursor, ctx: Pick<DecodeCtx, 'strict' | 'onNonCanonical'>, what: string): { n: number; nonMinimal: boolean } {
  const at = c.o;
  const first = u8(c, `${what} length`);
  if (first < 0x80) return { n: first, nonMinimal: false };
  const k = first & 0x7f;
  if (k === 0) axdrFail('indefinite-length', at, `${what} uses the indefinite length form 0x80, which A-XDR does not allow`);
  if (k > 4) axdrFail('length-too-long', at, `${what} length announces ${k} length octets (at most 4 are supported)`);
  need(c, k, `${what} length`);
  let n = 0;
  for (let i = 0; i < k; i++) n = n * 256 + c.b[c.o + i]!;
  c.o += k;
  const nonMinimal = k === 1 ? n < 0x80 : n < 2 ** (8 * (k - 1));
  if (nonMinimal) {
    if (ctx.strict) axdrFail('non-minimal-length', at, `${what} length ${n} is not in its shortest form (0x${first.toString(16)})`);
    ctx.onNonCanonical?.('non-minimal-length', at);
  }
  return { n, nonMinimal };
}

/** Canonical (shortest) A-XDR length octets for n (0 ≤ n < 2^32). */
export function lengthBytes(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) axdrFail('value-out-of-range', 0, `length ${n} cannot be encoded`);
  if (n < 0x80) return [n];
  const out: number[] = [];
  let v = n;
  while (v > 0) {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  }
  return [0x80 | out.length, ...out];
}

/** A growable byte sink for encoders (amortised doubling, no per-byte allocation). */
export interface Sink {
  buf: Uint8Array;
  n: number;
}

export function sink(initial = 64): Sink {
  return { buf: new Uint8Array(initial), n: 0 };
}

function grow(s: Sink, extra: number): void {
  if (s.n + extra <= s.buf.length) return;
  let size = s.buf.length * 2;
  while (size < s.n + extra) size *= 2;
  const nb = new Uint8Array(size);
  nb.set(s.buf.subarray(0, s.n));
  s.buf = nb;
}

export function put8(s: Sink, v: number): void {
  grow(s, 1);
  s.buf[s.n++] = v & 0xff;
}

export function put16(s: Sink, v: number): void {
  grow(s, 2);
  s.buf[s.n++] = (v >>> 8) & 0xff;
  s.buf[s.n++] = v & 0xff;
}

export function put32(s: Sink, v: number): void {
  grow(s, 4);
  s.buf[s.n++] = (v >>> 24) & 0xff;
  s.buf[s.n++] = (v >>> 16) & 0xff;
  s.buf[s.n++] = (v >>> 8) & 0xff;
  s.buf[s.n++] = v & 0xff;
}

export function put64(s: Sink, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  put32(s, Number(u >> 32n));
  put32(s, Number(u & 0xffffffffn));
}

export function putBytes(s: Sink, b: Uint8Array | readonly number[]): void {
  grow(s, b.length);
  if (b instanceof Uint8Array) s.buf.set(b, s.n);
  else for (let i = 0; i < b.length; i++) s.buf[s.n + i] = b[i]! & 0xff;
  s.n += b.length;
}

export function putLength(s: Sink, n: number): void {
  putBytes(s, lengthBytes(n));
}

export function sinkBytes(s: Sink): Uint8Array {
  return s.buf.slice(0, s.n);
}

/** Check an integer is in [min, max] before encoding it (typed error, never a silent wrap). */
export function checkInt(v: unknown, min: number, max: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    axdrFail('value-out-of-range', 0, `${what} must be an integer in ${min}..${max}, got ${String(v)}`);
  }
  return v;
}
