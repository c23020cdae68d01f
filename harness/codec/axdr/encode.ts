/**
 * Canonical A-XDR encoding of COSEM Data: shortest length forms, zero bit-string padding, tags from
 * `AXDR_TAGS`. Values that cannot be represented (out-of-range integers, wrong octet counts, visible-string
 * characters above U+00FF, compact-array elements that do not match their description) raise AxdrError.
 * Nesting is limited like decoding (default 64), which also stops cyclic object graphs.
 */
import { axdrFail } from './errors.ts';
import { type Sink, DEFAULT_MAX_DEPTH, put8, putBytes, putLength, sink, sinkBytes } from './cursor.ts';
import { descriptionIsZeroSize, encodeCompactElement, writeTypeDescription } from './compact.ts';
import { encodeSimple } from './simple.ts';
import { type AxdrValue, AXDR_TAGS } from './types.ts';

export interface AxdrEncodeOptions {
  maxDepth?: number;
}

/** Append one tagged Data value to a sink (used by the APDU encoder). */
export function encodeData(s: Sink, v: AxdrValue, depth = 0, maxDepth = DEFAULT_MAX_DEPTH): void {
  if (v === null || typeof v !== 'object') axdrFail('bad-value', 0, 'Data value must be an object { type, value }');
  const tag = (AXDR_TAGS as Record<string, number>)[v.type];
  if (tag === undefined) axdrFail('unknown-type', 0, `unknown Data type ${String(v.type)}`);
  if (v.type === 'array' || v.type === 'structure' || v.type === 'compact-array') {
    if (depth + 1 > maxDepth) axdrFail('nesting-too-deep', 0, `${v.type} nests deeper than ${maxDepth} levels`);
  }
  put8(s, tag);
  if (v.type === 'array' || v.type === 'structure') {
    if (!Array.isArray(v.value)) axdrFail('bad-value', 0, `${v.type} value must be an array`);
    putLength(s, v.value.length);
    for (const e of v.value) encodeData(s, e, depth + 1, maxDepth);
    return;
  }
  if (v.type === 'compact-array') {
    if (!Array.isArray(v.value)) axdrFail('bad-value', 0, 'compact-array value must be an array');
    writeTypeDescription(s, v.description, depth + 1, maxDepth);
    if (v.value.length > 0 && descriptionIsZeroSize(v.description)) {
      axdrFail('compact-array-zero-size', 0, 'elements of a zero-size description cannot be counted; use an empty compact-array');
    }
    const body = sink(64);
    for (const e of v.value) encodeCompactElement(body, v.description, e, depth + 1, maxDepth);
    putLength(s, body.n);
    putBytes(s, body.buf.subarray(0, body.n));
    return;
  }
  encodeSimple(s, v);
}

export function axdrEncode(v: AxdrValue, opts: AxdrEncodeOptions = {}): Uint8Array {
  const s = sink(64);
  encodeData(s, v, 0, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  return sinkBytes(s);
}
