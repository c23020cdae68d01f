/**
 * A-XDR length of an OCTET STRING (IEC 61334-6 / GB §9.5 A-XDR rules as used by the ciphered APDUs):
 * one byte below 128, else 0x80|n followed by n big-endian length bytes. We accept only the minimal
 * form so that every accepted envelope re-encodes to the same bytes, and never trust a declared length
 * beyond the bytes that are actually there.
 */
import { fail } from './errors.ts';

export function axdrLengthEncode(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) fail('bad-length', 0, `length ${n} cannot be encoded`);
  if (n < 0x80) return new Uint8Array([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

/** Reads a length at `offset`; returns the value and the offset just past the length field. */
export function axdrLengthDecode(b: Uint8Array, offset: number): { length: number; next: number } {
  if (offset >= b.length) fail('truncated', offset, 'length byte missing');
  const first = b[offset]!;
  if (first < 0x80) return { length: first, next: offset + 1 };
  const n = first & 0x7f;
  if (n === 0 || n > 4) fail('bad-length', offset, `length prefix 0x${first.toString(16)} is not a valid A-XDR length`);
  if (offset + 1 + n > b.length) fail('truncated', b.length, `length field needs ${n} more bytes`);
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[offset + 1 + i]!;
  if (v < 0x80 || (n > 1 && b[offset + 1] === 0)) fail('non-minimal-length', offset, `length ${v} is not in its minimal encoding`);
  return { length: v, next: offset + 1 + n };
}

/** Reads a length-prefixed octet string, checking the declared length against the remaining bytes. */
export function axdrOctetStringDecode(b: Uint8Array, offset: number, field: string): { value: Uint8Array; start: number; next: number } {
  const { length, next } = axdrLengthDecode(b, offset);
  if (length > b.length - next) fail('bad-length', offset, `${field} declares ${length} bytes, only ${b.length - next} remain`);
  return { value: b.subarray(next, next + length), start: next, next: next + length };
}

export function axdrOctetStringEncode(v: Uint8Array): Uint8Array {
  const len = axdrLengthEncode(v.length);
  const out = new Uint8Array(len.length + v.length);
  out.set(len);
  out.set(v, len.length);
  return out;
}
