/**
 * A minimal DER reader for the parts of a certificate that must be compared byte for byte (TBS, names,
 * key identifiers, the subject public key). Definite lengths only, as DER requires (X.690 §10.1);
 * every length is checked against the enclosing element, so a corrupt certificate is a typed error.
 */
import { fail } from '../errors.ts';

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  valueStart: number;
  /** Offset just past the content. */
  end: number;
}

export function derRead(b: Uint8Array, offset: number, limit = b.length): Tlv {
  if (offset + 2 > limit) fail('bad-certificate', offset, 'DER element truncated');
  const tag = b[offset]!;
  if ((tag & 0x1f) === 0x1f) fail('bad-certificate', offset, 'high-tag-number form is not used in certificates');
  let len = b[offset + 1]!;
  let o = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) fail('bad-certificate', offset + 1, 'indefinite or oversized DER length');
    if (o + n > limit) fail('bad-certificate', o, 'DER length truncated');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[o + i]!;
    if (len < 0x80 || b[o] === 0) fail('bad-certificate', offset + 1, 'DER length not in minimal form');
    o += n;
  }
  if (len > limit - o) fail('bad-certificate', offset, `DER element declares ${len} bytes, only ${limit - o} remain`);
  return { tag, start: offset, valueStart: o, end: o + len };
}

export function derChildren(b: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let o = parent.valueStart; o < parent.end;) {
    const t = derRead(b, o, parent.end);
    out.push(t);
    o = t.end;
  }
  return out;
}

export const derBytes = (b: Uint8Array, t: Tlv): Uint8Array => b.subarray(t.start, t.end);
export const derValue = (b: Uint8Array, t: Tlv): Uint8Array => b.subarray(t.valueStart, t.end);

export function oidDecode(v: Uint8Array): string {
  if (v.length === 0) fail('bad-certificate', 0, 'empty OID');
  const arcs: number[] = [];
  let acc = 0;
  for (const byte of v) {
    acc = acc * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) { arcs.push(acc); acc = 0; }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) fail('bad-certificate', t?.start ?? 0, `${what}: expected tag 0x${tag.toString(16)}, got ${t ? '0x' + t.tag.toString(16) : 'nothing'}`);
  return t;
}
