/**
 * compact-array [19] (IEC 62056-6-2 §4.1.5; Green Book `compact-array` and `TypeDescription`):
 *   contents-description TypeDescription, array-contents OCTET STRING
 * The description gives one element's type once (array = Unsigned16 count + element description,
 * structure = A-XDR quantity + field descriptions, simple types = their tag alone); the contents are the
 * elements' encodings without tags, concatenated. Elements are decoded until the contents are used up.
 * A description whose elements occupy zero octets (null-data, dont-care, empty structures) cannot carry
 * an element count, so such contents must be empty and the encoder refuses elements for it.
 */
import { AxdrError, axdrFail } from './errors.ts';
import { type Cursor, type DecodeCtx, type Sink, checkInt, cursor, put16, put8, putLength, readLength, u16, u8 } from './cursor.ts';
import { decodeSimple, encodeSimple } from './simple.ts';
import { type AxdrValue, type SimpleType, type TypeDescription, AXDR_TAGS, AXDR_TYPE_BY_TAG } from './types.ts';

export function readTypeDescription(c: Cursor, ctx: DecodeCtx, depth: number): TypeDescription {
  const at = c.o;
  const tag = u8(c, 'type description');
  const type = AXDR_TYPE_BY_TAG.get(tag);
  if (type === undefined || type === 'compact-array') {
    axdrFail('bad-type-description', at, `type description tag ${tag} (0x${tag.toString(16)}) is not allowed in a compact-array`);
  }
  if (type === 'array' || type === 'structure') {
    if (depth + 1 > ctx.maxDepth) axdrFail('nesting-too-deep', at, `type description nests deeper than ${ctx.maxDepth}`);
    if (++ctx.nodes > ctx.maxNodes) axdrFail('too-many-elements', at, `more than ${ctx.maxNodes} values`);
    if (type === 'array') {
      const count = u16(c, 'array number-of-elements');
      return { type, count, element: readTypeDescription(c, ctx, depth + 1) };
    }
    const lenAt = c.o;
    const { n, nonMinimal } = readLength(c, ctx, 'structure description');
    // Each field description takes at least one octet.
    if (n > c.b.length - c.o) axdrFail('count-exceeds-input', lenAt, `structure description declares ${n} fields, only ${c.b.length - c.o} byte(s) follow`);
    const elements: TypeDescription[] = [];
    for (let i = 0; i < n; i++) elements.push(readTypeDescription(c, ctx, depth + 1));
    return nonMinimal ? { type, elements, nonMinimalLength: true } : { type, elements };
  }
  return { type: type as SimpleType };
}

export function writeTypeDescription(s: Sink, d: TypeDescription, depth: number, maxDepth: number): void {
  const tag = (AXDR_TAGS as Record<string, number>)[d.type];
  if ((d.type === 'array' || d.type === 'structure') && depth + 1 > maxDepth) {
    axdrFail('nesting-too-deep', 0, `type description nests deeper than ${maxDepth}`);
  }
  if (tag === undefined || (d.type as string) === 'compact-array') axdrFail('bad-type-description', 0, `${String(d.type)} cannot appear in a type description`);
  put8(s, tag);
  if (d.type === 'array') {
    put16(s, checkInt(d.count, 0, 0xffff, 'array number-of-elements'));
    writeTypeDescription(s, d.element, depth + 1, maxDepth);
  } else if (d.type === 'structure') {
    if (!Array.isArray(d.elements)) axdrFail('bad-type-description', 0, 'structure description needs elements');
    putLength(s, d.elements.length);
    for (const e of d.elements) writeTypeDescription(s, e, depth + 1, maxDepth);
  }
}

/** True when one element of this description occupies no octets at all. */
export function descriptionIsZeroSize(d: TypeDescription): boolean {
  if (d.type === 'null-data' || d.type === 'dont-care') return true;
  if (d.type === 'array') return d.count === 0 || descriptionIsZeroSize(d.element);
  if (d.type === 'structure') return d.elements.every(descriptionIsZeroSize);
  return false;
}

function decodeElement(c: Cursor, ctx: DecodeCtx, d: TypeDescription, depth: number): AxdrValue {
  if (++ctx.nodes > ctx.maxNodes) axdrFail('too-many-elements', c.o, `more than ${ctx.maxNodes} values`);
  if (d.type === 'array') {
    const value: AxdrValue[] = [];
    for (let i = 0; i < d.count; i++) value.push(decodeElement(c, ctx, d.element, depth + 1));
    return { type: 'array', value };
  }
  if (d.type === 'structure') return { type: 'structure', value: d.elements.map((e) => decodeElement(c, ctx, e, depth + 1)) };
  return decodeSimple(c, ctx, d.type);
}

/**
 * Decode array-contents occupying input[start, end) into elements. The cursor is limited to `end` but
 * keeps absolute offsets, so errors point into the whole input.
 */
export function decodeCompactContents(input: Uint8Array, start: number, end: number, ctx: DecodeCtx, d: TypeDescription, depth: number): AxdrValue[] {
  const out: AxdrValue[] = [];
  if (end === start) return out;
  if (descriptionIsZeroSize(d)) axdrFail('compact-array-contents', start, 'contents are not empty but the described element occupies no octets');
  const c = cursor(input.subarray(0, end), start);
  try {
    while (c.o < end) out.push(decodeElement(c, ctx, d, depth));
  } catch (e) {
    if (e instanceof AxdrError && e.code === 'truncated') {
      axdrFail('compact-array-contents', e.offset, `compact-array contents end inside an element (${e.message})`);
    }
    throw e;
  }
  return out;
}

/** Encode one element untagged, checking it matches the description exactly. */
export function encodeCompactElement(s: Sink, d: TypeDescription, v: AxdrValue, depth: number, maxDepth: number): void {
  if (!v || v.type !== d.type) axdrFail('compact-array-mismatch', 0, `compact-array element is ${v?.type}, the description says ${d.type}`);
  if (d.type === 'array') {
    const items = (v as { value: AxdrValue[] }).value;
    if (!Array.isArray(items) || items.length !== d.count) axdrFail('compact-array-mismatch', 0, `array element must have ${d.count} items`);
    for (const it of items) encodeCompactElement(s, d.element, it, depth + 1, maxDepth);
    return;
  }
  if (d.type === 'structure') {
    const items = (v as { value: AxdrValue[] }).value;
    if (!Array.isArray(items) || items.length !== d.elements.length) axdrFail('compact-array-mismatch', 0, `structure element must have ${d.elements.length} fields`);
    items.forEach((it, i) => encodeCompactElement(s, d.elements[i]!, it, depth + 1, maxDepth));
    return;
  }
  encodeSimple(s, v);
}
