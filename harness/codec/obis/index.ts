/**
 * # obis — OBIS codes (IEC 62056-6-1 object identification system)
 *
 * An OBIS code has six value groups A–F (0..255 each). On the wire (COSEM logical_name, xDLMS
 * instance-id) it is an octet-string of exactly 6 octets; in text it is written `A-B:C.D.E.F`
 * (IEC 62056-6-1 §4, DLMS UA Blue Book), with two common variants:
 *   - `A-B:C.D.E*F`  the E/F separator written `*` (IEC 62056-21 data sets, DSMR P1 historical values)
 *   - `A-B:C.D.E`    the reduced form with F omitted; F is then 255 (how DSMR P1 telegrams write codes)
 *   - `A.B.C.D.E.F`  six dot-separated groups (found in tools and some vendor documentation)
 * `obisParse` accepts all of them (leading zeros in a group are tolerated); `obisFormat` always writes
 * the canonical `A-B:C.D.E.F`.
 *
 * Masks select sets of codes: a group written `*` matches any value, e.g. `0-*:24.2.1.255` (every M-Bus
 * channel's value of 24.2.1) or `1-0:1.8.*.255` (every tariff of 1.8). A mask is also a plain structure
 * `{ a, b, c, d, e, f }` with `null` for "any". Errors are `ObisError` with a stable code and the
 * character (text) or byte (octets) offset.
 *
 * API: obisParse, obisFormat, obisFromOctets, obisGroups, obisFromGroups, obisEquals, obisMaskParse,
 * obisMaskFormat, obisMatch, ObisError.
 */
import { layerError } from '../errors.ts';

export class ObisError extends layerError('obis') {}

/** bad-syntax (unexpected character / missing group), out-of-range (group > 255), bad-length (octets ≠ 6), empty. */
export type ObisErrorCode = 'bad-syntax' | 'out-of-range' | 'bad-length' | 'empty';

function fail(code: ObisErrorCode, offset: number, message: string): never {
  throw new ObisError(code, offset, message);
}

export interface ObisGroups { a: number; b: number; c: number; d: number; e: number; f: number }
export interface ObisMask { a: number | null; b: number | null; c: number | null; d: number | null; e: number | null; f: number | null }

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

/** Parse the text into six groups; `wildcards` lets a group be `*` (returned as null). */
function parseGroups(text: string, wildcards: boolean): Array<number | null> {
  if (typeof text !== 'string' || text.length === 0) fail('empty', 0, 'OBIS text is empty');
  let i = 0;
  const group = (name: string): number | null => {
    const start = i;
    if (wildcards && text[i] === '*') {
      // A `*` is a wildcard only where a group starts; `E*F` keeps `*` as the E/F separator.
      i++;
      return null;
    }
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === start) fail('bad-syntax', start, `value group ${name} expected at character ${start}`);
    if (i - start > 3) fail('out-of-range', start, `value group ${name} "${text.slice(start, i)}" is larger than 255`);
    const v = Number(text.slice(start, i));
    if (v > 255) fail('out-of-range', start, `value group ${name} ${v} is larger than 255`);
    return v;
  };
  const sep = (allowed: string, what: string): string => {
    const ch = text[i];
    if (ch === undefined || !allowed.includes(ch)) {
      fail('bad-syntax', i, ch === undefined ? `text ends where ${what} is expected` : `unexpected "${ch}" where ${what} is expected`);
    }
    i++;
    return ch;
  };
  const a = group('A');
  const first = sep('-.', '"-" (or "." in the dotted form)');
  if (first === '.') {
    // Dotted form: A.B.C.D.E.F, all six groups required.
    const out = [a];
    for (let k = 1; k < 6; k++) {
      if (k > 1) sep('.', '"."');
      out.push(group(KEYS[k]!.toUpperCase()));
    }
    if (i !== text.length) fail('bad-syntax', i, `unexpected "${text[i]}" after value group F`);
    return out;
  }
  const b = group('B');
  sep(':', '":"');
  const c = group('C');
  sep('.', '"."');
  const d = group('D');
  sep('.', '"."');
  const e = group('E');
  if (i === text.length) return [a, b, c, d, e, 255]; // reduced form: F omitted = 255
  sep('.*', '"." or "*" before value group F');
  const f = group('F');
  if (i !== text.length) fail('bad-syntax', i, `unexpected "${text[i]}" after value group F`);
  return [a, b, c, d, e, f];
}

/** Parse `A-B:C.D.E.F`, `A-B:C.D.E*F`, `A-B:C.D.E` (F = 255) or `A.B.C.D.E.F` into 6 octets. */
export function obisParse(text: string): Uint8Array {
  return Uint8Array.from(parseGroups(text, false) as number[]);
}

/** Validate the 6-octet form (a copy is returned). */
export function obisFromOctets(b: Uint8Array): Uint8Array {
  if (!(b instanceof Uint8Array)) fail('bad-length', 0, 'OBIS octets must be a Uint8Array');
  if (b.length !== 6) fail('bad-length', Math.min(b.length, 6), `an OBIS code is 6 octets, got ${b.length}`);
  return b.slice();
}

function octetsOf(o: Uint8Array | readonly number[]): readonly number[] | Uint8Array {
  if (o.length !== 6) fail('bad-length', Math.min(o.length, 6), `an OBIS code is 6 octets, got ${o.length}`);
  for (let k = 0; k < 6; k++) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) fail('out-of-range', k, `value group ${KEYS[k]!.toUpperCase()} is not 0..255`);
  }
  return o;
}

/** Canonical text `A-B:C.D.E.F`; `star: true` writes `A-B:C.D.E*F`. */
export function obisFormat(o: Uint8Array | readonly number[], opts: { star?: boolean } = {}): string {
  const v = octetsOf(o);
  return `${v[0]}-${v[1]}:${v[2]}.${v[3]}.${v[4]}${opts.star ? '*' : '.'}${v[5]}`;
}

export function obisGroups(o: Uint8Array | readonly number[]): ObisGroups {
  const v = octetsOf(o);
  return { a: v[0]!, b: v[1]!, c: v[2]!, d: v[3]!, e: v[4]!, f: v[5]! };
}

export function obisFromGroups(g: ObisGroups): Uint8Array {
  return Uint8Array.from(octetsOf(KEYS.map((k) => g[k])));
}

export function obisEquals(x: Uint8Array | string, y: Uint8Array | string): boolean {
  const a = typeof x === 'string' ? obisParse(x) : octetsOf(x);
  const b = typeof y === 'string' ? obisParse(y) : octetsOf(y);
  for (let k = 0; k < 6; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Parse a mask: like `obisParse`, but any value group may be `*` (matches every value). */
export function obisMaskParse(text: string): ObisMask {
  const g = parseGroups(text, true);
  return { a: g[0]!, b: g[1]!, c: g[2]!, d: g[3]!, e: g[4]!, f: g[5]! } as ObisMask;
}

export function obisMaskFormat(m: ObisMask): string {
  const s = KEYS.map((k) => {
    const v = m[k];
    if (v === null) return '*';
    if (!Number.isInteger(v) || v < 0 || v > 255) fail('out-of-range', KEYS.indexOf(k), `mask group ${k.toUpperCase()} is not 0..255 or null`);
    return String(v);
  });
  return `${s[0]}-${s[1]}:${s[2]}.${s[3]}.${s[4]}.${s[5]}`;
}

/** True when every non-wildcard group of the mask equals the code's group. */
export function obisMatch(mask: ObisMask | string, code: Uint8Array | string): boolean {
  const m = typeof mask === 'string' ? obisMaskParse(mask) : mask;
  const o = typeof code === 'string' ? obisParse(code) : octetsOf(code);
  for (let k = 0; k < 6; k++) {
    const want = m[KEYS[k]!];
    if (want !== null && want !== o[k]) return false;
  }
  return true;
}
