/**
 * The subset of BER (ITU-T X.690) the ACSE APDUs need, read strictly and written canonically:
 * definite lengths only, in the fewest octets (X.690 §10.1 DER rule; IEC 62056-5-3 encodes the ACSE APDUs with
 * BER, and every published DLMS example uses minimal lengths), minimal INTEGER contents (X.690 §8.3.2, a BER
 * rule), minimal OBJECT IDENTIFIER sub-identifiers (§8.19.2), BIT STRING with an unused-bits octet (§8.6.2.2).
 * Every length is checked against the octets that remain before anything is sliced: no allocation follows a
 * declared length.
 */
import { AcseError } from './errors.ts';

export interface Tlv {
  /** Identifier octet(s) as one number: class and constructed bits included for low tag numbers (e.g. 0xA1). */
  tag: number;
  /** Tag number (low 5 bits, or the high-tag-number form's value). */
  number: number;
  constructed: boolean;
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  start: number;
  contentStart: number;
  end: number;
}

/**
 * Read one TLV at `pos`, inside `[pos, limit)`. `outer` names what `limit` is, for the error code: the end of the
 * input (`truncated`) or the end of an enclosing value (`bad-length`).
 */
export function berRead(b: Uint8Array, pos: number, limit: number, outer: 'input' | 'enclosing' = 'enclosing'): Tlv {
  const overflow = outer === 'input' ? 'truncated' : 'bad-length';
  if (pos >= limit) throw new AcseError(overflow, pos, 'expected a tag, found the end of the value');
  const id = b[pos]!;
  let p = pos + 1;
  let number = id & 0x1f;
  let tag = id;
  if (number === 0x1f) {
    // High-tag-number form (X.690 §8.1.2.4); no ACSE field uses it, callers reject the tag.
    number = 0;
    for (let k = 0; ; k++) {
      if (p >= limit) throw new AcseError(overflow, p, 'tag runs past the end of the value');
      const o = b[p++]!;
      if (k === 0 && o === 0x80) throw new AcseError('bad-tag', p - 1, 'high tag number with a leading 0x80 octet');
      if (k >= 3) throw new AcseError('bad-tag', pos, 'tag number too large');
      number = number * 128 + (o & 0x7f);
      if ((o & 0x80) === 0) break;
    }
    tag = -1;
  }
  if (p >= limit) throw new AcseError(overflow, p, 'expected a length, found the end of the value');
  const l0 = b[p]!;
  const lenAt = p;
  p++;
  let len: number;
  if (l0 < 0x80) len = l0;
  else if (l0 === 0x80) throw new AcseError('indefinite-length', lenAt, 'indefinite length is not allowed');
  else if (l0 === 0xff) throw new AcseError('bad-length', lenAt, 'length octet 0xFF is reserved');
  else {
    const k = l0 & 0x7f;
    if (k > 4) throw new AcseError('bad-length', lenAt, `${k}-octet length field is too large`);
    if (p + k > limit) throw new AcseError(overflow, lenAt, 'length octets run past the end of the value');
    if (b[p] === 0) throw new AcseError('overlong-length', lenAt, 'long-form length with a leading zero octet');
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + b[p + i]!;
    p += k;
    if (len < 0x80) throw new AcseError('overlong-length', lenAt, `length ${len} must use the short form`);
  }
  if (len > limit - p) {
    throw new AcseError(overflow, lenAt, `length ${len} runs past the end of the ${outer === 'input' ? 'input' : 'enclosing value'} (${limit - p} octets left)`);
  }
  return { tag, number, constructed: (id & 0x20) !== 0, cls: id >>> 6, start: pos, contentStart: p, end: p + len };
}

/** Length octets in the shortest form. */
export function berLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

function lengthOctets(n: number): number {
  return n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
}

/** Write tag and length at `out[p]`; returns the position of the content. */
function writeHeader(out: Uint8Array, p: number, tag: number, n: number): number {
  const k = lengthOctets(n);
  out[p] = tag;
  if (k === 0) {
    out[p + 1] = n;
    return p + 2;
  }
  out[p + 1] = 0x80 | k;
  for (let i = 0; i < k; i++) out[p + 2 + i] = Math.floor(n / 2 ** (8 * (k - 1 - i))) & 0xff;
  return p + 2 + k;
}

/** One TLV with a low tag number. */
export function berTlv(tag: number, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + lengthOctets(content.length) + content.length);
  out.set(content, writeHeader(out, 0, tag, content.length));
  return out;
}

/** An explicit tag around one universal TLV (`[n] EXPLICIT T`), in one allocation. */
export function berExplicit(outerTag: number, innerTag: number, content: Uint8Array): Uint8Array {
  const innerLen = 2 + lengthOctets(content.length) + content.length;
  const out = new Uint8Array(2 + lengthOctets(innerLen) + innerLen);
  out.set(content, writeHeader(out, writeHeader(out, 0, outerTag, innerLen), innerTag, content.length));
  return out;
}

/** A constructed TLV whose content is the concatenation of `parts`, in one allocation. */
export function berConstructed(tag: number, parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const q of parts) n += q.length;
  const out = new Uint8Array(2 + lengthOctets(n) + n);
  let p = writeHeader(out, 0, tag, n);
  for (const q of parts) {
    out.set(q, p);
    p += q.length;
  }
  return out;
}


// ---- OBJECT IDENTIFIER (X.690 §8.19) ----

const OID_RE = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;

export function berOidDecode(b: Uint8Array, start: number, end: number): string {
  if (end <= start) throw new AcseError('bad-oid', start, 'empty OBJECT IDENTIFIER');
  if ((b[end - 1]! & 0x80) !== 0) throw new AcseError('bad-oid', end - 1, 'OBJECT IDENTIFIER ends inside a sub-identifier');
  const arcs: number[] = [];
  let p = start;
  while (p < end) {
    if (b[p] === 0x80) throw new AcseError('bad-oid', p, 'sub-identifier with a leading 0x80 octet (not minimal)');
    let v = 0;
    const at = p;
    for (;;) {
      const o = b[p++]!;
      if (v > 2 ** 45) throw new AcseError('bad-oid', at, 'sub-identifier too large');
      v = v * 128 + (o & 0x7f);
      if ((o & 0x80) === 0) break;
    }
    if (arcs.length === 0) {
      if (v < 40) arcs.push(0, v);
      else if (v < 80) arcs.push(1, v - 40);
      else arcs.push(2, v - 80);
    } else arcs.push(v);
  }
  return arcs.join('.');
}

/** Encoded OIDs seen recently: APDUs repeat the same few contexts and mechanisms. */
const OID_CACHE = new Map<string, Uint8Array>();

export function berOidEncode(oid: string): Uint8Array {
  const hit = OID_CACHE.get(oid);
  if (hit) return hit.slice();
  const enc = oidEncode(oid);
  if (OID_CACHE.size >= 64) OID_CACHE.clear();
  OID_CACHE.set(oid, enc);
  return enc.slice();
}

function oidEncode(oid: string): Uint8Array {
  if (typeof oid !== 'string' || !OID_RE.test(oid)) throw new AcseError('bad-value', 0, `"${oid}" is not a dotted OBJECT IDENTIFIER`);
  const arcs = oid.split('.').map(Number);
  const [a0, a1] = [arcs[0]!, arcs[1]!];
  if (a0 > 2 || (a0 < 2 && a1 > 39) || arcs.some((a) => !Number.isSafeInteger(a) || a > 2 ** 48)) {
    throw new AcseError('bad-value', 0, `"${oid}" has arcs outside the encodable range`);
  }
  const subs = [a0 * 40 + a1, ...arcs.slice(2)];
  const out: number[] = [];
  for (const s of subs) {
    const g: number[] = [s & 0x7f];
    for (let v = Math.floor(s / 128); v > 0; v = Math.floor(v / 128)) g.unshift((v & 0x7f) | 0x80);
    out.push(...g);
  }
  return Uint8Array.from(out);
}

// ---- INTEGER (X.690 §8.3), limited to 6 octets so that every value is an exact JS number ----

export function berIntDecode(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0) throw new AcseError('bad-integer', start, 'empty INTEGER');
  if (n > 6) throw new AcseError('bad-integer', start, `${n}-octet INTEGER is larger than this codec supports (6)`);
  if (n > 1) {
    const a = b[start]!;
    const c = b[start + 1]! & 0x80;
    if ((a === 0 && c === 0) || (a === 0xff && c !== 0)) throw new AcseError('bad-integer', start, 'INTEGER is not in its shortest form');
  }
  let v = b[start]! & 0x80 ? -1 : 0; // two's complement: a negative value starts from all ones
  for (let i = start; i < end; i++) v = v * 256 + b[i]!;
  return v;
}

export function berIntEncode(v: number): Uint8Array {
  if (!Number.isInteger(v) || Math.abs(v) > 2 ** 47 - 1) throw new AcseError('bad-value', 0, `INTEGER ${v} outside the supported range`);
  const out: number[] = [];
  let x = v;
  for (;;) {
    const byte = ((x % 256) + 256) % 256;
    out.unshift(byte);
    x = Math.floor(x / 256);
    if ((x === 0 && (byte & 0x80) === 0) || (x === -1 && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

// ---- BIT STRING (X.690 §8.6), primitive form ----

export interface BerBits {
  unusedBits: number;
  bytes: Uint8Array;
}

export function berBitsDecode(b: Uint8Array, start: number, end: number): BerBits {
  if (end <= start) throw new AcseError('bad-bitstring', start, 'BIT STRING without its unused-bits octet');
  const unused = b[start]!;
  if (unused > 7) throw new AcseError('bad-bitstring', start, `unused-bits count ${unused} is above 7`);
  if (unused > 0 && end - start === 1) throw new AcseError('bad-bitstring', start, 'empty BIT STRING with a non-zero unused-bits count');
  const bytes = b.slice(start + 1, end);
  // BER leaves the unused bits to the sender (only DER, X.690 §11.2.1, requires zeros); they are not part of the value.
  if (unused > 0) bytes[bytes.length - 1]! &= (0xff << unused) & 0xff;
  return { unusedBits: unused, bytes };
}

export function berBitsEncode(v: BerBits): Uint8Array {
  if (!Number.isInteger(v.unusedBits) || v.unusedBits < 0 || v.unusedBits > 7 || (v.unusedBits > 0 && v.bytes.length === 0)) {
    throw new AcseError('bad-value', 0, `BIT STRING with ${v.unusedBits} unused bits and ${v.bytes.length} octets`);
  }
  const out = new Uint8Array(1 + v.bytes.length);
  out[0] = v.unusedBits;
  out.set(v.bytes, 1);
  if (v.unusedBits > 0) out[out.length - 1]! &= (0xff << v.unusedBits) & 0xff; // unused bits are sent as zero
  return out;
}

/** A short named-bit BIT STRING as a string of '0'/'1' (bit 0 first), e.g. "1" = version1 / authentication. */
export function berBitsToString(v: BerBits): string {
  let s = '';
  const total = v.bytes.length * 8 - v.unusedBits;
  for (let i = 0; i < total; i++) s += (v.bytes[i >>> 3]! >>> (7 - (i & 7))) & 1 ? '1' : '0';
  return s;
}

export function berBitsFromString(s: string): BerBits {
  if (!/^[01]*$/.test(s)) throw new AcseError('bad-value', 0, `bit string "${s}" has characters other than 0 and 1`);
  const bytes = new Uint8Array(Math.ceil(s.length / 8));
  for (let i = 0; i < s.length; i++) if (s[i] === '1') bytes[i >>> 3]! |= 0x80 >>> (i & 7);
  return { unusedBits: (8 - (s.length % 8)) % 8, bytes };
}
