/** A-XDR Data codec properties (DESIGN.md § Fuzzing), all with fcOpts. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { mutate, mutationArb } from '../../helpers/mutate.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { CodecError } from '../../../harness/codec/errors.ts';
import {
  AxdrError, axdrDecode, axdrEncode, axdrLengthDecode, axdrLengthEncode, axdrToJson, type AxdrValue,
} from '../../../harness/codec/axdr/index.ts';
import { decoder } from '../../../harness/codec/axdr/decoder.ts';
import { axdrValueArb, compactArrayArb, deepValueArb, stripMarks } from './arbitraries.ts';

const golden = vectorRows(loadVectors('axdr')).map(([, t]) => t).filter((t) => t.result !== 'invalid');
const canonical = golden.filter((t) => t.result === 'valid').map((t) => hexToBytes(t.hex!));
const goldenBytes = golden.map((t) => hexToBytes(t.hex!)).filter((b) => b.length > 0 && b.length < 400);
const validateDoc = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);

/** Decode; on success the value must re-encode, re-decode to itself, and (if nothing was non-canonical) reproduce the input. */
function checkDecodeContract(bytes: Uint8Array): void {
  let nonCanonical = 0;
  let v: AxdrValue;
  try {
    v = axdrDecode(bytes, { onNonCanonical: () => { nonCanonical++; } });
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    expect(e).toBeInstanceOf(AxdrError);
    expect(Number.isInteger((e as AxdrError).offset)).toBe(true);
    return;
  }
  const re = axdrEncode(v);
  expect(axdrDecode(re)).toEqual(stripMarks(v));
  if (nonCanonical === 0) expect(bytesToHex(re)).toBe(bytesToHex(bytes));
  expect(() => JSON.stringify(axdrToJson(v))).not.toThrow();
}

describe('axdr properties', () => {
  it('decode(encode(x)) = x for generated values of every type, nested containers and compact-arrays', () => {
    fc.assert(fc.property(axdrValueArb, (v) => {
      expect(axdrDecode(axdrEncode(v), { strict: true })).toEqual(v);
    }), fcOpts);
  });

  it('decode(encode(x)) = x for compact-arrays with nested type descriptions', () => {
    fc.assert(fc.property(compactArrayArb, (v) => {
      expect(axdrDecode(axdrEncode(v))).toEqual(v);
    }), fcOpts);
  });

  it('decode(encode(x)) = x for deep nesting up to the 64-level limit', () => {
    fc.assert(fc.property(deepValueArb, (v) => {
      expect(axdrDecode(axdrEncode(v))).toEqual(v);
    }), fcOpts);
  });

  it('encode(decode(b)) = b for the canonical golden vectors', () => {
    fc.assert(fc.property(fc.constantFrom(...canonical), (b) => {
      expect(bytesToHex(axdrEncode(axdrDecode(b)))).toBe(bytesToHex(b));
    }), fcOpts);
  });

  it('mutations of golden vectors: AxdrError or a value that re-encodes (exactly, when canonical)', () => {
    fc.assert(fc.property(fc.constantFrom(...goldenBytes), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (b, muts) => {
      checkDecodeContract(mutate(b, muts));
    }), fcOpts);
  });

  it('arbitrary octets: AxdrError or a re-encodable value, and the decoder document always matches its schema', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      checkDecodeContract(b);
      const doc = decoder.decode(b, {});
      expect(validateDoc(doc)).toBe(true);
    }), fcOpts);
  });

  it('floats are bit-exact for every 4/8-octet pattern (NaN payloads, -0, subnormals)', () => {
    fc.assert(fc.property(fc.boolean(), fc.uint8Array({ minLength: 8, maxLength: 8 }), (is32, raw) => {
      const b = Uint8Array.from([is32 ? 0x17 : 0x18, ...raw.subarray(0, is32 ? 4 : 8)]);
      expect(bytesToHex(axdrEncode(axdrDecode(b)))).toBe(bytesToHex(b));
    }), fcOpts);
  });

  it('axdrToJson is total and JSON-serialisable on generated values', () => {
    fc.assert(fc.property(axdrValueArb, (v) => {
      const j = axdrToJson(v);
      expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    }), fcOpts);
  });

  it('A-XDR length octets round-trip for every 32-bit length and are minimal', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
      const enc = axdrLengthEncode(n);
      const expectedSize = n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 5;
      expect(enc.length).toBe(expectedSize);
      expect(axdrLengthDecode(enc, 0, { strict: true })).toEqual({ length: n, size: expectedSize, nonMinimal: false });
    }), fcOpts);
  });
});

describe('axdr length forms (hand-computed octets)', () => {
  it.each([
    [0, '00'], [127, '7F'], [128, '8180'], [255, '81FF'], [256, '820100'], [65535, '82FFFF'], [65536, '83010000'],
    [16777215, '83FFFFFF'], [16777216, '8401000000'], [4294967295, '84FFFFFFFF'],
  ])('%i → %s', (n, hex) => {
    expect(bytesToHex(axdrLengthEncode(n))).toBe(hex);
    expect(axdrLengthDecode(hexToBytes(hex))).toEqual({ length: n, size: hex.length / 2, nonMinimal: false });
  });

  it('non-minimal forms are marked, and rejected when strict', () => {
    expect(axdrLengthDecode(hexToBytes('8105'))).toEqual({ length: 5, size: 2, nonMinimal: true });
    expect(axdrLengthDecode(hexToBytes('83000100'))).toEqual({ length: 256, size: 4, nonMinimal: true });
    expect(() => axdrLengthDecode(hexToBytes('8105'), 0, { strict: true })).toThrow(AxdrError);
  });

  it('an octet-string of 65536 octets uses the 0x83 form both ways', () => {
    const content = new Uint8Array(65536).map((_, i) => (i * 7) & 0xff);
    const enc = new Uint8Array(5 + content.length);
    enc.set([0x09, 0x83, 0x01, 0x00, 0x00]);
    enc.set(content, 5);
    const v = axdrDecode(enc);
    expect(v.type).toBe('octet-string');
    expect(bytesToHex((v as { value: Uint8Array }).value)).toBe(bytesToHex(content));
    expect(bytesToHex(axdrEncode(v))).toBe(bytesToHex(enc));
  });

  it('the encoder rejects values it cannot represent with typed errors', () => {
    const bad: unknown[] = [
      { type: 'unsigned', value: 256 }, { type: 'long', value: 1.5 }, { type: 'long64', value: 2n ** 63n },
      { type: 'date-time', value: new Uint8Array(11) }, { type: 'visible-string', value: '\u20ac' }, { type: 'bit-string', value: '012' },
      { type: 'utf8-string', value: '\ud800' }, { type: 'octet-string', value: 'AA' }, { type: 'no-such-type', value: 1 },
      { type: 'compact-array', description: { type: 'null-data' }, value: [{ type: 'null-data' }] },
      { type: 'compact-array', description: { type: 'unsigned' }, value: [{ type: 'long-unsigned', value: 1 }] },
      { type: 'compact-array', description: { type: 'compact-array' }, value: [] },
    ];
    for (const v of bad) {
      expect(() => axdrEncode(v as AxdrValue)).toThrow(AxdrError);
    }
    const cyclic: { type: 'array'; value: unknown[] } = { type: 'array', value: [] };
    cyclic.value.push(cyclic);
    const e = (() => { try { axdrEncode(cyclic as AxdrValue); } catch (x) { return x; } return undefined; })();
    expect(e).toBeInstanceOf(AxdrError);
    expect((e as AxdrError).code).toBe('nesting-too-deep');
  });
});
