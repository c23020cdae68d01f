/**
 * Readable JSON form of COSEM Data: `{ type, value }` trees (DESIGN.md § Decoders as a product).
 * Octet strings are hex; a 6-octet string carries an `obis` hint (logical names are octet-string(6)), a
 * 12-octet string whose fields are all in range carries a `date-time` hint (clock values are often sent
 * as octet-string(12)), printable strings an `ascii` hint. 64-bit integers are JSON numbers when safe,
 * else decimal strings; floats that JSON cannot hold are "NaN"/"Infinity"/"-Infinity" and always come
 * with their exact `hex`.
 */
import { bytesToHex } from '../bytes.ts';
import { obisFormat } from '../obis/index.ts';
import { type DateTimeJson, dateJson, dateTimeJson, timeJson } from './datetime.ts';
import type { AxdrValue, TypeDescription } from './types.ts';

export type AxdrJson = { type: string; value: unknown; [hint: string]: unknown };

export type TypeDescriptionJson =
  | { type: string }
  | { type: 'array'; count: number; element: TypeDescriptionJson }
  | { type: 'structure'; elements: TypeDescriptionJson[] };

export function typeDescriptionToJson(d: TypeDescription): TypeDescriptionJson {
  if (d.type === 'array') return { type: 'array', count: d.count, element: typeDescriptionToJson(d.element) };
  if (d.type === 'structure') return { type: 'structure', elements: d.elements.map(typeDescriptionToJson) };
  return { type: d.type };
}

function bigOrNumber(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

function floatJson(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  // JSON has no negative zero; the sign survives in `hex`.
  return Object.is(v, -0) ? 0 : v;
}

function floatHex(v: { type: 'float32' | 'float64'; value: number; raw?: Uint8Array }): string {
  if (v.raw) return bytesToHex(v.raw);
  const size = v.type === 'float32' ? 4 : 8;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  if (size === 4) dv.setFloat32(0, v.value);
  else dv.setFloat64(0, v.value);
  return bytesToHex(out);
}

export function isPrintableAscii(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (let i = 0; i < b.length; i++) if (b[i]! < 0x20 || b[i]! > 0x7e) return false;
  return true;
}

function latin1Of(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Hints for an octet-string: OBIS for 6 octets, date-time for plausible 12 octets, ASCII when printable. */
export function octetStringHints(b: Uint8Array): { obis?: string; 'date-time'?: DateTimeJson; ascii?: string } {
  const h: { obis?: string; 'date-time'?: DateTimeJson; ascii?: string } = {};
  if (b.length === 6) h.obis = obisFormat(b);
  if (b.length === 12) {
    // Same test as looksLikeDateTime, without decoding the fields twice.
    const dt = dateTimeJson(b);
    if (dt.invalid.length === 0) h['date-time'] = dt;
  }
  if (isPrintableAscii(b)) h.ascii = latin1Of(b);
  return h;
}

export function axdrToJson(v: AxdrValue): AxdrJson {
  const mark = 'nonMinimalLength' in v && v.nonMinimalLength ? { nonMinimalLength: true } : {};
  switch (v.type) {
    case 'null-data':
    case 'dont-care':
      return { type: v.type, value: null };
    case 'array':
    case 'structure':
      return { type: v.type, value: v.value.map(axdrToJson), ...mark };
    case 'boolean':
      return { type: v.type, value: v.value, ...(v.raw !== undefined ? { raw: v.raw } : {}) };
    case 'bit-string':
      return { type: v.type, value: v.value, ...mark, ...(v.nonZeroPadding ? { nonZeroPadding: true } : {}) };
    case 'bcd': {
      const hi = v.value >> 4;
      const lo = v.value & 0x0f;
      return { type: v.type, value: v.value, ...(hi <= 9 && lo <= 9 ? { digits: `${hi}${lo}` } : {}) };
    }
    case 'double-long':
    case 'double-long-unsigned':
    case 'integer':
    case 'long':
    case 'unsigned':
    case 'long-unsigned':
    case 'enum':
      return { type: v.type, value: v.value };
    case 'long64':
    case 'long64-unsigned':
      return { type: v.type, value: bigOrNumber(v.value) };
    case 'octet-string':
      return { type: v.type, value: bytesToHex(v.value), ...octetStringHints(v.value), ...mark };
    case 'visible-string':
      return { type: v.type, value: v.value, ...mark };
    case 'utf8-string':
      return { type: v.type, value: v.value, ...(v.bytes ? { 'invalid-utf8': true, hex: bytesToHex(v.bytes) } : {}), ...mark };
    case 'float32':
    case 'float64':
      return { type: v.type, value: floatJson(v.value), hex: floatHex(v) };
    case 'date-time': {
      const j = dateTimeJson(v.value);
      return { type: v.type, value: j.iso, hex: bytesToHex(v.value), 'date-time': j };
    }
    case 'date': {
      const j = dateJson(v.value);
      return { type: v.type, value: j.iso, hex: bytesToHex(v.value), date: j };
    }
    case 'time': {
      const j = timeJson(v.value);
      return { type: v.type, value: j.iso, hex: bytesToHex(v.value), time: j };
    }
    case 'compact-array':
      return { type: v.type, description: typeDescriptionToJson(v.description), value: v.value.map(axdrToJson), ...mark };
  }
}
