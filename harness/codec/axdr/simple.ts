/**
 * Contents of the simple (non-container) COSEM data types, without their tag: shared by tagged Data
 * and by compact-array contents, which carry the same encodings untagged (IEC 62056-6-2 §4.1.5).
 */
import { axdrFail } from './errors.ts';
import {
  type Cursor, type DecodeCtx, type Sink, checkInt, i16, i32, i64, i8, left, put16, put32, put64, put8, putBytes,
  putLength, readLength, take, u16, u32, u64, u8,
} from './cursor.ts';
import { type AxdrValue, type SimpleType, FIXED_OCTET_TYPES, INT_TYPES } from './types.ts';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Enc = new TextEncoder();

/** Canonical NaN octets a DataView writes; other NaN payloads are kept as `raw`. */
const F32_NAN = [0x7f, 0xc0, 0x00, 0x00];
const F64_NAN = [0x7f, 0xf8, 0, 0, 0, 0, 0, 0];

function sameBytes(a: Uint8Array, b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Read a length and check the content it announces fits in the input (before any allocation). */
function readSizedLength(c: Cursor, ctx: DecodeCtx, what: string, unitBits = 8): { n: number; bytes: number; nonMinimal: boolean } {
  const at = c.o;
  const { n, nonMinimal } = readLength(c, ctx, what);
  const bytes = unitBits === 1 ? Math.ceil(n / 8) : n;
  if (bytes > left(c)) axdrFail('length-exceeds-input', at, `${what} declares ${n}${unitBits === 1 ? ' bits' : ' octets'}, only ${left(c)} byte(s) follow`);
  return { n, bytes, nonMinimal };
}

export function decodeSimple(c: Cursor, ctx: DecodeCtx, type: SimpleType): AxdrValue {
  switch (type) {
    case 'null-data':
    case 'dont-care':
      return { type };
    case 'boolean': {
      const b = u8(c, 'boolean');
      return b === 0 || b === 1 ? { type, value: b === 1 } : { type, value: true, raw: b };
    }
    case 'bit-string': {
      const at = c.o;
      const { n, bytes, nonMinimal } = readSizedLength(c, ctx, 'bit-string', 1);
      const octets = c.b.subarray(c.o, c.o + bytes);
      c.o += bytes;
      let bits = '';
      for (let i = 0; i < n; i++) bits += (octets[i >> 3]! >> (7 - (i & 7))) & 1 ? '1' : '0';
      const pad = n % 8 === 0 ? 0 : octets[bytes - 1]! & (0xff >> (n % 8));
      const v: AxdrValue = { type, value: bits };
      if (nonMinimal) v.nonMinimalLength = true;
      if (pad !== 0) {
        if (ctx.strict) axdrFail('bit-string-padding', at, 'unused bits of the bit-string are not zero');
        ctx.onNonCanonical?.('bit-string-padding', at);
        v.nonZeroPadding = true;
      }
      return v;
    }
    case 'double-long': return { type, value: i32(c, type) };
    case 'double-long-unsigned': return { type, value: u32(c, type) };
    case 'integer': return { type, value: i8(c, type) };
    case 'long': return { type, value: i16(c, type) };
    case 'bcd':
    case 'unsigned':
    case 'enum': return { type, value: u8(c, type) };
    case 'long-unsigned': return { type, value: u16(c, type) };
    case 'long64': return { type, value: i64(c, type) };
    case 'long64-unsigned': return { type, value: u64(c, type) };
    case 'octet-string':
    case 'visible-string':
    case 'utf8-string': {
      const { bytes, nonMinimal } = readSizedLength(c, ctx, type);
      const raw = take(c, bytes, type);
      let v: AxdrValue;
      if (type === 'octet-string') v = { type, value: raw };
      else if (type === 'visible-string') v = { type, value: latin1(raw) };
      else {
        try {
          v = { type, value: utf8Strict.decode(raw) };
        } catch {
          v = { type, value: utf8Lossy.decode(raw), bytes: raw };
        }
      }
      if (nonMinimal) v.nonMinimalLength = true;
      return v;
    }
    case 'float32':
    case 'float64': {
      const size = type === 'float32' ? 4 : 8;
      const raw = take(c, size, type);
      const dv = new DataView(raw.buffer, raw.byteOffset, size);
      const value = size === 4 ? dv.getFloat32(0) : dv.getFloat64(0);
      if (Number.isNaN(value) && !sameBytes(raw, size === 4 ? F32_NAN : F64_NAN)) return { type, value, raw };
      return { type, value };
    }
    case 'date-time':
    case 'date':
    case 'time':
      return { type, value: take(c, FIXED_OCTET_TYPES[type], type) };
  }
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function bytesOf(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) axdrFail('bad-value', 0, `${what} value must be a Uint8Array`);
  return v;
}

/** Encode the contents of a simple value (no tag). */
export function encodeSimple(s: Sink, v: AxdrValue): void {
  switch (v.type) {
    case 'null-data':
    case 'dont-care':
      return;
    case 'boolean':
      if (typeof v.value !== 'boolean') axdrFail('bad-value', 0, 'boolean value must be true or false');
      // A raw octet is kept only when it still means the same truth value.
      if (v.raw !== undefined && Number.isInteger(v.raw) && v.raw >= 2 && v.raw <= 0xff && v.value) put8(s, v.raw);
      else put8(s, v.value ? 1 : 0);
      return;
    case 'bit-string': {
      if (typeof v.value !== 'string' || !/^[01]*$/.test(v.value)) axdrFail('bad-value', 0, 'bit-string value must be a string of 0/1');
      const n = v.value.length;
      putLength(s, n);
      const out = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (v.value.charCodeAt(i) === 0x31) out[i >> 3]! |= 0x80 >> (i & 7);
      putBytes(s, out);
      return;
    }
    case 'double-long':
    case 'double-long-unsigned':
    case 'bcd':
    case 'integer':
    case 'long':
    case 'unsigned':
    case 'long-unsigned':
    case 'enum': {
      const t = INT_TYPES[v.type];
      const n = checkInt(v.value, t.min, t.max, v.type);
      if (t.size === 1) put8(s, n);
      else if (t.size === 2) put16(s, n);
      else put32(s, n);
      return;
    }
    case 'long64':
    case 'long64-unsigned': {
      const ok = typeof v.value === 'bigint' &&
        (v.type === 'long64' ? BigInt.asIntN(64, v.value) === v.value : BigInt.asUintN(64, v.value) === v.value);
      if (!ok) axdrFail('value-out-of-range', 0, `${v.type} must be a bigint in its 64-bit range, got ${String(v.value)}`);
      put64(s, v.value);
      return;
    }
    case 'octet-string': {
      const b = bytesOf(v.value, v.type);
      putLength(s, b.length);
      putBytes(s, b);
      return;
    }
    case 'visible-string': {
      if (typeof v.value !== 'string') axdrFail('bad-value', 0, 'visible-string value must be a string');
      const b = new Uint8Array(v.value.length);
      for (let i = 0; i < v.value.length; i++) {
        const ch = v.value.charCodeAt(i);
        if (ch > 0xff) axdrFail('value-out-of-range', 0, `visible-string character U+${ch.toString(16)} does not fit one octet`);
        b[i] = ch;
      }
      putLength(s, b.length);
      putBytes(s, b);
      return;
    }
    case 'utf8-string': {
      let b: Uint8Array;
      if (v.bytes !== undefined) b = bytesOf(v.bytes, v.type);
      else {
        if (typeof v.value !== 'string' || LONE_SURROGATE.test(v.value)) axdrFail('bad-value', 0, 'utf8-string value must be a well-formed string');
        b = utf8Enc.encode(v.value);
      }
      putLength(s, b.length);
      putBytes(s, b);
      return;
    }
    case 'float32':
    case 'float64': {
      const size = v.type === 'float32' ? 4 : 8;
      if (typeof v.value !== 'number') axdrFail('bad-value', 0, `${size === 4 ? 'float32' : 'float64'} value must be a number`);
      if (Number.isNaN(v.value) && v.raw instanceof Uint8Array && v.raw.length === size) {
        const dv = new DataView(v.raw.buffer, v.raw.byteOffset, size);
        if (Number.isNaN(size === 4 ? dv.getFloat32(0) : dv.getFloat64(0))) {
          putBytes(s, v.raw);
          return;
        }
      }
      const out = new Uint8Array(size);
      const dv = new DataView(out.buffer);
      if (size === 4) dv.setFloat32(0, v.value);
      else dv.setFloat64(0, v.value);
      putBytes(s, out);
      return;
    }
    case 'date-time':
    case 'date':
    case 'time': {
      const b = bytesOf(v.value, v.type);
      if (b.length !== FIXED_OCTET_TYPES[v.type]) axdrFail('bad-value', 0, `${v.type} must be ${FIXED_OCTET_TYPES[v.type]} octets, got ${b.length}`);
      putBytes(s, b);
      return;
    }
    default:
      axdrFail('bad-value', 0, `${(v as unknown as { type: string }).type} is not a simple type`);
  }
}
