/**
 * EN 13757-3 Annex A data types as they appear in data records: integers (type B signed, type C
 * unsigned, type D bit fields), BCD (type A, with negative numbers), 32-bit real (type H), dates and
 * times (types G, F, I, J) and the variable-length LVAR coding (EN 13757-3 Table 5).
 *
 * Choices (documented because the base standard leaves room):
 * - Negative BCD: the most significant nibble Fh is a minus sign and the other digits are the magnitude
 *   (EN 13757-3 type A; libmbus and wmbusmeters read it the same way). Any other nibble above 9 is a
 *   `bad-bcd` error — we do not guess at "error display" codes.
 * - Two-digit years have no century in types G and I; type F carries a hundred-year field. Years 00–80
 *   map to 2000–2080 and 81–99 to 1981–1999 when the century is unknown (the usual pivot), and
 *   1900 + 100·HY + year when HY is not 0.
 * - Dates are printed as ISO-8601 with `Z`: DSMR-P2 §6.2.1 makes every P2 time UTC.
 */
import { MbusError } from './errors.ts';

export type MbusInt = number | bigint;

/** Little-endian integer of 1–8 bytes; BigInt above 6 bytes. */
export function intDecode(b: Uint8Array, signed: boolean): MbusInt {
  if (b.length <= 6) {
    let v = 0;
    for (let i = b.length - 1; i >= 0; i--) v = v * 256 + b[i]!;
    if (signed && b.length > 0 && (b[b.length - 1]! & 0x80)) v -= 2 ** (8 * b.length);
    return v;
  }
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return signed ? BigInt.asIntN(8 * b.length, v) : v;
}

export function intEncode(value: MbusInt, size: number, signed: boolean): Uint8Array {
  const bits = BigInt(8 * size);
  const v = BigInt(value);
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (v < min || v > max) throw new MbusError('value-range', 0, `${v} does not fit ${size} byte(s) ${signed ? 'signed' : 'unsigned'}`);
  let u = BigInt.asUintN(Number(bits), v);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) { out[i] = Number(u & 0xffn); u >>= 8n; }
  return out;
}

/** Narrow a BigInt to a number when it is safe. */
export const intNormalize = (v: MbusInt): MbusInt =>
  typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;

export interface BcdResult {
  value: MbusInt | null;
  /** Offset (within the field) of the first byte holding a nibble that is not a digit, or -1. */
  badByte: number;
}

/** BCD, least significant byte first (EN 13757-3 type A). `signedTop`: the top nibble Fh means negative. */
export function bcdDecode(b: Uint8Array, signedTop = true): BcdResult {
  let digits = '';
  let negative = false;
  for (let i = b.length - 1; i >= 0; i--) {
    const hi = b[i]! >> 4, lo = b[i]! & 15;
    if (i === b.length - 1 && hi === 0xf && signedTop) negative = true;
    else if (hi > 9) return { value: null, badByte: i };
    else digits += hi;
    if (lo > 9) return { value: null, badByte: i };
    digits += lo;
  }
  if (digits === '') return { value: 0, badByte: -1 };
  const mag = BigInt(digits);
  return { value: intNormalize(negative ? -mag : mag), badByte: -1 };
}

export function bcdEncode(value: MbusInt, size: number, allowNegative = true): Uint8Array {
  const v = BigInt(value);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  const room = size * 2 - (neg ? 1 : 0);
  if (neg && !allowNegative) throw new MbusError('value-range', 0, 'negative value where the coding has no sign');
  if (digits.length > room) throw new MbusError('value-range', 0, `${v} needs more than ${room} BCD digits`);
  const s = (neg ? 'F' : '') + digits.padStart(room, '0');
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[size - 1 - i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const realDecode = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);

export function realEncode(v: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setFloat32(0, v, true);
  return out;
}

/** Scale an integer by 10^exp exactly (decimal string arithmetic, then one rounding to double). */
export function scaleDecimal(raw: MbusInt, exp: number): number {
  if (exp === 0) return Number(raw);
  const neg = raw < 0;
  let digits = (neg ? -BigInt(raw) : BigInt(raw)).toString();
  let s: string;
  if (exp > 0) s = digits + '0'.repeat(exp);
  else {
    digits = digits.padStart(-exp + 1, '0');
    s = `${digits.slice(0, digits.length + exp)}.${digits.slice(digits.length + exp)}`;
  }
  return Number((neg ? '-' : '') + s);
}

// ---------------------------------------------------------------------------------------------------
// Dates and times (EN 13757-3 Annex A). All-bits-set fields mean "every" (63 minutes/seconds, 31 hours,
// 15 months, 127 years, day 0); the IV bit and the all-ones date FFFFh mean invalid.

export interface MbusDateValue {
  /** ISO-8601 text, or null when invalid or a wildcard. */
  iso: string | null;
  invalid: boolean;
  wildcard: boolean;
  /** Fields out of their ranges (month 13, minute 60 …): invalid, and worth a warning. */
  malformed?: boolean;
  fields: Record<string, number | boolean>;
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const fullYear = (yy: number, hy = 0): number => (hy ? 1900 + 100 * hy + yy : yy <= 80 ? 2000 + yy : 1900 + yy);

function dateFields(lo: number, hi: number): { day: number; month: number; year: number } {
  return { day: lo & 0x1f, month: hi & 0x0f, year: ((lo & 0xe0) >> 5) | ((hi & 0xf0) >> 1) };
}

function build(fields: Record<string, number | boolean>, parts: { y?: number; mo?: number; d?: number; h?: number; mi?: number; s?: number }, hy = 0): MbusDateValue {
  const { y, mo, d, h, mi, s } = parts;
  const wild = (y === 127) || (mo === 15) || d === 0 || h === 31 || mi === 63 || s === 63;
  const bad = (y !== undefined && y > 99 && y !== 127) || (mo !== undefined && (mo === 0 || (mo > 12 && mo !== 15))) ||
    (h !== undefined && h > 23 && h !== 31) || (mi !== undefined && mi > 59 && mi !== 63) || (s !== undefined && s > 59 && s !== 63);
  if (bad) return { iso: null, invalid: true, wildcard: false, malformed: true, fields };
  if (wild) return { iso: null, invalid: false, wildcard: true, fields };
  let iso = '';
  if (y !== undefined) {
    const yr = fullYear(y, hy);
    const dim = new Date(Date.UTC(yr, mo!, 0)).getUTCDate();
    if (d! > dim) return { iso: null, invalid: true, wildcard: false, malformed: true, fields };
    iso = `${yr}-${p2(mo!)}-${p2(d!)}`;
  }
  if (h !== undefined) iso += `${iso ? 'T' : ''}${p2(h)}:${p2(mi!)}:${p2(s ?? 0)}${iso ? 'Z' : ''}`;
  return { iso, invalid: false, wildcard: false, fields };
}

/** Type G: date, 2 bytes. FFFFh = invalid. */
export function typeGDecode(b: Uint8Array): MbusDateValue {
  const { day, month, year } = dateFields(b[0]!, b[1]!);
  const fields = { day, month, year };
  if (b[0] === 0xff && b[1] === 0xff) return { iso: null, invalid: true, wildcard: false, fields };
  return build(fields, { y: year, mo: month, d: day });
}

/** Type F: date and time to the minute, 4 bytes; bit 7 of byte 0 = IV (time invalid). */
export function typeFDecode(b: Uint8Array): MbusDateValue {
  const { day, month, year } = dateFields(b[2]!, b[3]!);
  const fields = { minute: b[0]! & 0x3f, invalid: (b[0]! & 0x80) !== 0, hour: b[1]! & 0x1f, hundredYear: (b[1]! >> 5) & 3, summerTime: (b[1]! & 0x80) !== 0, day, month, year };
  if (fields.invalid) return { iso: null, invalid: true, wildcard: false, fields };
  return build(fields, { y: year, mo: month, d: day, h: fields.hour, mi: fields.minute, s: 0 }, fields.hundredYear);
}

/** Type I: date and time to the second, 6 bytes (DSMR-P2 §6.4.3 time stamp, §6.2.1 clock block). */
export function typeIDecode(b: Uint8Array): MbusDateValue {
  const { day, month, year } = dateFields(b[3]!, b[4]!);
  const fields = {
    second: b[0]! & 0x3f, dstActive: (b[0]! & 0x40) !== 0, leapYear: (b[0]! & 0x80) !== 0,
    minute: b[1]! & 0x3f, dstNegative: (b[1]! & 0x40) !== 0, invalid: (b[1]! & 0x80) !== 0,
    hour: b[2]! & 0x1f, dayOfWeek: b[2]! >> 5, day, month, year, week: b[5]! & 0x3f, dstDeviation: b[5]! >> 6,
  };
  if (fields.invalid) return { iso: null, invalid: true, wildcard: false, fields };
  return build(fields, { y: year, mo: month, d: day, h: fields.hour, mi: fields.minute, s: fields.second });
}

/** Type J: time of day, 3 bytes. */
export function typeJDecode(b: Uint8Array): MbusDateValue {
  const fields = { second: b[0]! & 0x3f, minute: b[1]! & 0x3f, hour: b[2]! & 0x1f };
  if ((b[0]! | b[1]!) & 0xc0 || b[2]! & 0xe0) return { iso: null, invalid: true, wildcard: false, malformed: true, fields };
  return build(fields, { h: fields.hour, mi: fields.minute, s: fields.second });
}

/** Type I from a JS date (UTC fields, DSMR-P2 §6.2.1: DST flag and deviation 0; week 0 = not used). */
export function typeIEncode(d: Date, opts: { dayOfWeek?: number; week?: number } = {}): Uint8Array {
  const y = d.getUTCFullYear() % 100;
  const leap = new Date(Date.UTC(d.getUTCFullYear(), 1, 29)).getUTCMonth() === 1;
  const dow = opts.dayOfWeek ?? (((d.getUTCDay() + 6) % 7) + 1);
  return Uint8Array.of(
    d.getUTCSeconds() | (leap ? 0x80 : 0), d.getUTCMinutes(), d.getUTCHours() | (dow << 5),
    d.getUTCDate() | ((y & 7) << 5), (d.getUTCMonth() + 1) | ((y >> 3) << 4), (opts.week ?? 0) & 0x3f,
  );
}

/** Type F from a JS date (UTC fields). */
export function typeFEncode(d: Date): Uint8Array {
  const y = d.getUTCFullYear() % 100;
  const hy = Math.floor(d.getUTCFullYear() / 100) - 19;
  return Uint8Array.of(d.getUTCMinutes(), d.getUTCHours() | ((hy & 3) << 5), d.getUTCDate() | ((y & 7) << 5), (d.getUTCMonth() + 1) | ((y >> 3) << 4));
}

/** Type G from a JS date (UTC fields). */
export function typeGEncode(d: Date): Uint8Array {
  const y = d.getUTCFullYear() % 100;
  return Uint8Array.of(d.getUTCDate() | ((y & 7) << 5), (d.getUTCMonth() + 1) | ((y >> 3) << 4));
}

// ---------------------------------------------------------------------------------------------------
// LVAR (EN 13757-3 Table 5): the first data byte of a variable-length field says what follows.

export type LvarKind = 'text' | 'bcd' | 'negative-bcd' | 'binary';

/** Kind and byte length of a variable-length field, or null for a reserved LVAR value. */
export function lvarInfo(lvar: number): { kind: LvarKind; length: number } | null {
  if (lvar <= 0xbf) return { kind: 'text', length: lvar };
  if (lvar >= 0xc0 && lvar <= 0xc9) return { kind: 'bcd', length: lvar - 0xc0 };
  if (lvar >= 0xd0 && lvar <= 0xd9) return { kind: 'negative-bcd', length: lvar - 0xd0 };
  if (lvar >= 0xe0 && lvar <= 0xef) return { kind: 'binary', length: lvar - 0xe0 };
  if (lvar >= 0xf0 && lvar <= 0xf4) return { kind: 'binary', length: 4 * (lvar - 0xec) };
  if (lvar === 0xf5) return { kind: 'binary', length: 48 };
  if (lvar === 0xf6) return { kind: 'binary', length: 64 };
  return null;
}

/** Strings travel last character first (EN 13757-3; DSMR-P2 §6.4.1 and App. B1.2 show it). */
export function textDecode(b: Uint8Array): string {
  let s = '';
  for (let i = b.length - 1; i >= 0; i--) s += String.fromCharCode(b[i]!);
  return s;
}

export function textEncode(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new MbusError('value-range', 0, 'text must be 8-bit characters');
    out[s.length - 1 - i] = c;
  }
  return out;
}
