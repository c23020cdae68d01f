/**
 * A-XDR decoding of COSEM Data (IEC 62056-6-2 §4.1.5, Green Book `Data ::= CHOICE`). Lenient by default:
 * non-minimal lengths and non-zero bit-string padding are accepted and marked on the node (and reported
 * through `onNonCanonical`); `strict: true` rejects them. Resource limits: nesting depth (`maxDepth`,
 * default 64) and a node budget (`maxNodes`) stop nesting bombs and zero-size amplification; element
 * counts and lengths are checked against the bytes left before anything is allocated.
 */
import { axdrFail } from './errors.ts';
import { type AxdrDecodeOptions, type Cursor, type DecodeCtx, cursor, decodeCtx, left, readLength, u8 } from './cursor.ts';
import { decodeCompactContents, readTypeDescription } from './compact.ts';
import { decodeSimple } from './simple.ts';
import { type AxdrValue, type SimpleType, AXDR_TYPE_BY_TAG } from './types.ts';

/** Decode one tagged Data value at the cursor (used by the APDU codec with its own cursor/context). */
export function decodeData(c: Cursor, ctx: DecodeCtx, depth = 0): AxdrValue {
  const at = c.o;
  const tag = u8(c, 'Data tag');
  const type = AXDR_TYPE_BY_TAG.get(tag);
  if (type === undefined) axdrFail('unknown-type', at, `Data tag ${tag} (0x${tag.toString(16).padStart(2, '0')}) is not a COSEM data type`);
  if (++ctx.nodes > ctx.maxNodes) axdrFail('too-many-elements', at, `more than ${ctx.maxNodes} values`);
  if (type === 'array' || type === 'structure' || type === 'compact-array') {
    if (depth + 1 > ctx.maxDepth) axdrFail('nesting-too-deep', at, `${type} nests deeper than ${ctx.maxDepth} levels`);
  }
  if (type === 'array' || type === 'structure') {
    const lenAt = c.o;
    const { n, nonMinimal } = readLength(c, ctx, `${type} element count`);
    // Every element needs at least its tag octet: a count above the bytes left can never be satisfied.
    if (n > left(c)) axdrFail('count-exceeds-input', lenAt, `${type} declares ${n} elements, only ${left(c)} byte(s) follow`);
    const value: AxdrValue[] = [];
    for (let i = 0; i < n; i++) value.push(decodeData(c, ctx, depth + 1));
    return nonMinimal ? { type, value, nonMinimalLength: true } : { type, value };
  }
  if (type === 'compact-array') {
    const description = readTypeDescription(c, ctx, depth + 1);
    const lenAt = c.o;
    const { n, nonMinimal } = readLength(c, ctx, 'compact-array contents');
    if (n > left(c)) axdrFail('length-exceeds-input', lenAt, `compact-array contents declare ${n} octets, only ${left(c)} byte(s) follow`);
    const start = c.o;
    c.o += n;
    const value = decodeCompactContents(c.b, start, start + n, ctx, description, depth + 1);
    return nonMinimal ? { type, description, value, nonMinimalLength: true } : { type, description, value };
  }
  return decodeSimple(c, ctx, type as SimpleType);
}

/** Decode a Data value starting at `offset`; returns the value and the offset just after it. */
export function axdrDecodeAt(bytes: Uint8Array, offset: number, opts: AxdrDecodeOptions = {}): { value: AxdrValue; end: number } {
  const c = cursor(bytes, offset);
  const value = decodeData(c, decodeCtx(bytes.length, opts));
  return { value, end: c.o };
}

/** Decode exactly one Data value; bytes after it are an error (`trailing-bytes`). */
export function axdrDecode(bytes: Uint8Array, opts: AxdrDecodeOptions = {}): AxdrValue {
  const { value, end } = axdrDecodeAt(bytes, 0, opts);
  if (end !== bytes.length) axdrFail('trailing-bytes', end, `${bytes.length - end} byte(s) after the Data value`);
  return value;
}
