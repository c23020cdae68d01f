/**
 * fast-check generators of well-formed COSEM Data values (every type, nested containers, compact-arrays
 * with matching elements, NaN payloads, invalid-UTF-8 octets), shared by the axdr and apdu tests.
 */
import fc from 'fast-check';
import type { AxdrValue, TypeDescription, SimpleType } from '../../../harness/codec/axdr/types.ts';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function isValidUtf8(b: Uint8Array): boolean {
  try {
    utf8Strict.decode(b);
    return true;
  } catch {
    return false;
  }
}

const latin1 = (b: Uint8Array): string => Array.from(b, (x) => String.fromCharCode(x)).join('');

/** NaN octets whose payload differs from the canonical quiet NaN a DataView writes. */
function nanBytes(size: 4 | 8): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ minLength: size, maxLength: size }).map((b) => {
    const out = b.slice();
    if (size === 4) { out[0] = (out[0]! & 0x80) | 0x7f; out[1] = out[1]! | 0x80; }
    else { out[0] = (out[0]! & 0x80) | 0x7f; out[1] = out[1]! | 0xf0; }
    return out;
  }).filter((b) => {
    const dv = new DataView(b.buffer);
    const isNan = Number.isNaN(size === 4 ? dv.getFloat32(0) : dv.getFloat64(0));
    const canonical = size === 4 ? [0x7f, 0xc0, 0, 0] : [0x7f, 0xf8, 0, 0, 0, 0, 0, 0];
    return isNan && !canonical.every((x, i) => b[i] === x);
  });
}

const simpleCache = new Map<SimpleType, fc.Arbitrary<AxdrValue>>();

/** A simple (leaf) value of the given type (arbitraries built once per type). */
export function simpleArb(type: SimpleType): fc.Arbitrary<AxdrValue> {
  let a = simpleCache.get(type);
  if (!a) simpleCache.set(type, (a = buildSimpleArb(type)));
  return a;
}

function buildSimpleArb(type: SimpleType): fc.Arbitrary<AxdrValue> {
  switch (type) {
    case 'null-data':
    case 'dont-care':
      return fc.constant({ type } as AxdrValue);
    case 'boolean':
      return fc.oneof(fc.boolean().map((value) => ({ type, value })), fc.integer({ min: 2, max: 255 }).map((raw) => ({ type, value: true, raw })));
    case 'bit-string':
      return fc.array(fc.constantFrom('0', '1'), { maxLength: 40 }).map((a) => ({ type, value: a.join('') }));
    case 'double-long': return fc.integer({ min: -0x80000000, max: 0x7fffffff }).map((value) => ({ type, value }));
    case 'double-long-unsigned': return fc.integer({ min: 0, max: 0xffffffff }).map((value) => ({ type, value }));
    case 'integer': return fc.integer({ min: -128, max: 127 }).map((value) => ({ type, value }));
    case 'long': return fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type, value }));
    case 'bcd':
    case 'unsigned':
    case 'enum': return fc.integer({ min: 0, max: 255 }).map((value) => ({ type, value }));
    case 'long-unsigned': return fc.integer({ min: 0, max: 0xffff }).map((value) => ({ type, value }));
    case 'long64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type, value }));
    case 'long64-unsigned': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value) => ({ type, value }));
    case 'octet-string': return fc.uint8Array({ maxLength: 300 }).map((value) => ({ type, value }));
    case 'visible-string': return fc.uint8Array({ maxLength: 40 }).map((b) => ({ type, value: latin1(b) }));
    case 'utf8-string':
      return fc.oneof(
        fc.string({ unit: 'binary', maxLength: 20 }).map((value) => ({ type, value })),
        fc.uint8Array({ minLength: 1, maxLength: 12 }).filter((b) => !isValidUtf8(b)).map((bytes) => ({ type, value: utf8Lossy.decode(bytes), bytes })),
      );
    case 'float32':
      return fc.oneof(fc.float().map((value) => ({ type, value })), nanBytes(4).map((raw) => ({ type, value: NaN, raw })));
    case 'float64':
      return fc.oneof(fc.double().map((value) => ({ type, value })), nanBytes(8).map((raw) => ({ type, value: NaN, raw })));
    case 'date-time': return fc.uint8Array({ minLength: 12, maxLength: 12 }).map((value) => ({ type, value }));
    case 'date': return fc.uint8Array({ minLength: 5, maxLength: 5 }).map((value) => ({ type, value }));
    case 'time': return fc.uint8Array({ minLength: 4, maxLength: 4 }).map((value) => ({ type, value }));
  }
}

export const SIMPLE_TYPES: SimpleType[] = [
  'null-data', 'boolean', 'bit-string', 'double-long', 'double-long-unsigned', 'octet-string', 'visible-string', 'utf8-string', 'bcd',
  'integer', 'long', 'unsigned', 'long-unsigned', 'long64', 'long64-unsigned', 'enum', 'float32', 'float64', 'date-time', 'date', 'time',
  'dont-care',
];

export const anySimpleArb: fc.Arbitrary<AxdrValue> = fc.oneof(...SIMPLE_TYPES.map(simpleArb));

/** Type descriptions (compact-array element types), nesting at most `depth`. */
export function descriptionArb(depth: number): fc.Arbitrary<TypeDescription> {
  const leaf = fc.constantFrom(...SIMPLE_TYPES).map((type) => ({ type }) as TypeDescription);
  if (depth <= 0) return leaf;
  const inner = descriptionArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ count: fc.integer({ min: 0, max: 3 }), element: inner }).map(({ count, element }) => ({ type: 'array', count, element }) as TypeDescription) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 4 }).map((elements) => ({ type: 'structure', elements }) as TypeDescription) },
  );
}

function zeroSize(d: TypeDescription): boolean {
  if (d.type === 'null-data' || d.type === 'dont-care') return true;
  if (d.type === 'array') return d.count === 0 || zeroSize(d.element);
  if (d.type === 'structure') return d.elements.every(zeroSize);
  return false;
}

/** One compact-array element matching the description. */
export function elementArb(d: TypeDescription): fc.Arbitrary<AxdrValue> {
  if (d.type === 'array') return fc.tuple(...Array.from({ length: d.count }, () => elementArb(d.element))).map((value) => ({ type: 'array', value }));
  if (d.type === 'structure') return fc.tuple(...d.elements.map(elementArb)).map((value) => ({ type: 'structure', value }));
  return simpleArb(d.type);
}

export const compactArrayArb: fc.Arbitrary<AxdrValue> = descriptionArb(2).chain((description) =>
  (zeroSize(description) ? fc.constant([] as AxdrValue[]) : fc.array(elementArb(description), { maxLength: 4 })).map(
    (value) => ({ type: 'compact-array', description, value }) as AxdrValue,
  ));

/** Any Data value: nested arrays/structures (bounded depth) of every type including compact-arrays. */
export const axdrValueArb: fc.Arbitrary<AxdrValue> = fc.letrec<{ value: AxdrValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: anySimpleArb },
    { weight: 1, arbitrary: compactArrayArb },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }).map((value) => ({ type: 'array', value }) as AxdrValue) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }).map((value) => ({ type: 'structure', value }) as AxdrValue) },
  ),
})).value;

/** A chain of `depth` nested containers around a leaf (deep structures near the nesting limit). */
export const deepValueArb: fc.Arbitrary<AxdrValue> = fc.tuple(fc.integer({ min: 1, max: 63 }), anySimpleArb, fc.array(fc.boolean(), { minLength: 63, maxLength: 63 }))
  .map(([depth, leaf, kinds]) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = { type: kinds[i] ? 'array' : 'structure', value: [v] };
    return v;
  });

/** Remove the lenient-decode marks so a re-decoded canonical value can be compared. */
export function stripMarks<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripMarks) as T;
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'nonMinimalLength' && k !== 'nonZeroPadding' && k !== 'nonCanonical') out[k] = stripMarks(x);
    return out as T;
  }
  return v;
}
