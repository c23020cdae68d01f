/**
 * # axdr — COSEM Data in A-XDR (IEC 62056-6-2 §4.1.5 common data types; Green Book xDLMS `Data`)
 *
 * Every COSEM data type: null-data(0) array(1) structure(2) boolean(3) bit-string(4) double-long(5)
 * double-long-unsigned(6) octet-string(9) visible-string(10) utf8-string(12) bcd(13) integer(15)
 * long(16) unsigned(17) long-unsigned(18) compact-array(19) long64(20) long64-unsigned(21) enum(22)
 * float32(23) float64(24) date-time(25) date(26) time(27) dont-care(255). Tag 7 (floating-point, SN
 * referencing only) and the undefined tags are rejected as `unknown-type`.
 *
 * Value model (types.ts): `{ type: 'long-unsigned', value: 7 }`; containers hold `value: AxdrValue[]`;
 * long64 types are bigint; octet-string/date/time/date-time hold their octets; floats are numbers with a
 * `raw` copy for NaN payloads; compact-array is `{ type, description, value }`. Encoding is canonical
 * and decode(encode(v)) = v for every well-formed value; encode(decode(b)) = b for canonical input.
 *
 * Lengths (IEC 61334-6 A-XDR): one octet below 128, else 0x81/0x82/0x83/0x84 + 1–4 big-endian octets;
 * 0x80 (indefinite) and 0x85.. are errors. Decision on non-minimal lengths (e.g. `81 05`): a lenient
 * decode (default) accepts them and marks the node `nonMinimalLength: true` (and calls `onNonCanonical`),
 * `strict: true` rejects them with `non-minimal-length`; the encoder always writes the shortest form.
 * Non-zero padding bits of a bit-string are handled the same way (`nonZeroPadding`, `bit-string-padding`).
 *
 * Limits: nesting depth (`maxDepth`, default 64 → `nesting-too-deep`); node budget (`maxNodes`, default
 * 4 × input length + 1024 → `too-many-elements`: real data needs about 2 values per octet at most, only
 * zero-size compact-array elements need more); declared counts/lengths checked against the bytes left
 * (`count-exceeds-input`, `length-exceeds-input`) before any allocation. Errors: AxdrError (errors.ts).
 *
 * Readable form: `axdrToJson(value)` → `{ type, value }` trees with hints (json.ts, datetime.ts).
 *
 * API: axdrDecode(bytes, opts) · axdrDecodeAt(bytes, offset, opts) · axdrEncode(value) · axdrToJson(value)
 * · typeDescriptionToJson · dateTimeJson/dateJson/timeJson · dateTimeBytes · axdrLengthEncode/Decode · ax.
 */
export { AxdrError, type AxdrErrorCode } from './errors.ts';
export { type AxdrValue, type AxdrType, type TypeDescription, type SimpleType, type IntType, AXDR_TAGS, ax } from './types.ts';
export { type AxdrDecodeOptions, lengthBytes } from './cursor.ts';
export { axdrDecode, axdrDecodeAt } from './decode.ts';
export { axdrEncode, type AxdrEncodeOptions } from './encode.ts';
export { axdrToJson, typeDescriptionToJson, octetStringHints, type AxdrJson, type TypeDescriptionJson } from './json.ts';
export { dateTimeJson, dateJson, timeJson, dateTimeBytes, clockStatusJson, looksLikeDateTime, type DateTimeJson, type ClockStatusJson } from './datetime.ts';

import { cursor, decodeCtx, lengthBytes, readLength } from './cursor.ts';

/** Canonical A-XDR length octets for n. */
export function axdrLengthEncode(n: number): Uint8Array {
  return Uint8Array.from(lengthBytes(n));
}

/** Read an A-XDR length at `offset`: value, octets used, and whether the form was non-minimal. */
export function axdrLengthDecode(bytes: Uint8Array, offset = 0, opts: { strict?: boolean } = {}): { length: number; size: number; nonMinimal: boolean } {
  const c = cursor(bytes, offset);
  const { n, nonMinimal } = readLength(c, decodeCtx(bytes.length, opts), 'A-XDR');
  return { length: n, size: c.o - offset, nonMinimal };
}
