/**
 * Typing of one value group: number (Fn(x,y) / In with optional `*unit`), TST time stamp, hex-encoded
 * octet string, OBIS id, plain string. Strong shapes (a valid TST, a number with a unit) win over the
 * table's expectation without a deviation, so variants of an object in other national profiles still
 * decode; a value that fits neither its expectation nor a strong shape yields a deviation.
 */
import type { P1Kind } from './objects.ts';
import type { P1Value } from './types.ts';

const NUM = /^[+-]?\d+(?:\.\d+)?$/;
const TST = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([SW])$/;
const TST_SHAPE = /^\d{12}[A-Za-z]$/;
const LEGACY_TST = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/;
const OBIS_ID = /^\d{1,3}-\d{1,3}:\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const HEX = /^(?:[0-9A-Fa-f]{2})+$/;
const HEX_LOWER = /[a-f]/;

export interface ValueProblem {
  code: 'bad-number' | 'bad-timestamp' | 'hex-lowercase';
  message: string;
}

export interface TypedValue {
  value: P1Value;
  problem?: ValueProblem;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * TST `YYMMDDhhmmssX` → ISO-8601. X = W (no DST) → +01:00, X = S (DST) → +02:00: the DSMR countries
 * (NL, BE, LU) run on CET/CEST [ext]. Years are 2000 + YY. Returns null for an impossible date.
 */
export function p1TimestampIso(text: string): string | null {
  const m = TST.exec(text) ?? LEGACY_TST.exec(text);
  if (!m) return null;
  const [, yy, mo, dd, hh, mi, ss, x] = m;
  const month = Number(mo), day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000 + Number(yy), month)) return null;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return null;
  const offset = x === 'W' ? '+01:00' : x === 'S' ? '+02:00' : '';
  return `20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}${offset}`;
}

const HEX_VALUE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) { t['0123456789abcdef'.charCodeAt(i)] = i; t['0123456789ABCDEF'.charCodeAt(i)] = i; }
  return t;
})();
// Only used on pure 7-bit input, where windows-1252 (the WHATWG 'latin1') equals ASCII.
const ASCII_DECODER = new TextDecoder('latin1');
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Decode an even-length hex string to text when every octet is printable (ASCII, or valid UTF-8). */
export function p1HexText(hex: string): string | null {
  const n = hex.length >> 1;
  const bytes = new Uint8Array(n);
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const hi = HEX_VALUE[hex.charCodeAt(2 * i)] ?? -1, lo = HEX_VALUE[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return null;
    const b = (hi << 4) | lo;
    bytes[i] = b;
    if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b > 0x7e) ascii = false;
  }
  if (ascii) return ASCII_DECODER.decode(bytes);
  try {
    const s = UTF8_DECODER.decode(bytes);
    // eslint-disable-next-line no-control-regex
    return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/.test(s) ? null : s;
  } catch {
    return null;
  }
}

function num(raw: string, text: string, unit: string | null): P1Value {
  const dot = text.indexOf('.');
  let digits = 0;
  for (let i = 0; i < text.length; i++) { const c = text.charCodeAt(i); if (c >= 48 && c <= 57) digits++; }
  return { raw, text, unit, value: Number(text), kind: 'number', decimals: dot < 0 ? 0 : text.length - dot - 1, digits };
}

function str(raw: string, text: string, unit: string | null): P1Value {
  return { raw, text, unit, value: text, kind: 'string' };
}

function tst(raw: string, text: string, unit: string | null): TypedValue {
  const iso = p1TimestampIso(text);
  if (iso === null) return { value: str(raw, text, unit), problem: { code: 'bad-timestamp', message: `'${text}' is not a valid TST YYMMDDhhmmssX time stamp` } };
  const x = text[12];
  return { value: { raw, text, unit, value: iso, kind: 'timestamp', ...(x === 'S' || x === 'W' ? { dst: x } : {}) } };
}

/**
 * Type the contents of one `(...)` group. `expected` comes from the objects table (undefined when the
 * object is unknown); `numericHint` marks electricity quantities whose unit-less numbers are numbers.
 */
export function p1TypeValue(raw: string, expected: P1Kind | undefined, numericHint = false): TypedValue {
  if (raw === '') return { value: { raw, text: '', unit: null, value: null, kind: 'empty' } };
  const star = raw.indexOf('*');
  const text = star < 0 ? raw : raw.slice(0, star);
  const unit = star < 0 ? null : raw.slice(star + 1);
  if (unit !== null) {
    // A unit makes the value a number whatever the table says (digest §1.5: numeric values carry *unit).
    if (NUM.test(text)) return { value: num(raw, text, unit) };
    return { value: str(raw, text, unit), problem: { code: 'bad-number', message: `'${text}' carries unit '${unit}' but is not a decimal number` } };
  }
  const tstShaped = TST_SHAPE.test(text);
  switch (expected) {
    case 'timestamp':
      if (tstShaped || LEGACY_TST.test(text)) return tst(raw, text, unit);
      return { value: str(raw, text, unit), problem: { code: 'bad-timestamp', message: `'${text}' is not a TST YYMMDDhhmmssX time stamp` } };
    case 'number':
      if (NUM.test(text)) return { value: num(raw, text, unit) };
      if (tstShaped) return tst(raw, text, unit);
      if (OBIS_ID.test(text)) return { value: { raw, text, unit, value: text, kind: 'obis' } };
      return { value: str(raw, text, unit), problem: { code: 'bad-number', message: `'${text}' is not a decimal number` } };
    case 'hex-text': {
      if (!HEX.test(text)) return { value: str(raw, text, unit) };
      const decoded = p1HexText(text);
      const value: P1Value = decoded === null ? str(raw, text, unit) : { raw, text, unit, value: decoded, kind: 'hex-text' };
      return HEX_LOWER.test(text)
        ? { value, problem: { code: 'hex-lowercase', message: `hex digits of '${text.length > 24 ? text.slice(0, 24) + '…' : text}' are lower case` } }
        : { value };
    }
    case 'string':
      return { value: str(raw, text, unit) };
    case 'obis':
    default:
      if (tstShaped) return tst(raw, text, unit);
      if (OBIS_ID.test(text)) return { value: { raw, text, unit, value: text, kind: 'obis' } };
      if (numericHint && NUM.test(text)) return { value: num(raw, text, unit) };
      return { value: str(raw, text, unit) };
  }
}
