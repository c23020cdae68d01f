/** A-XDR Data codec: every vector of vectors/axdr.json through the codec and the `decode axdr` decoder. */
import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { AxdrError, axdrDecode, axdrDecodeAt, axdrEncode, axdrToJson, dateTimeBytes } from '../../../harness/codec/axdr/index.ts';
import { decoder } from '../../../harness/codec/axdr/decoder.ts';

const file = loadVectors('axdr');
const ajv = new Ajv({ allErrors: true, strict: false });
const validateDoc = ajv.compile(decoder.schema);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('axdr vectors', () => {
  it.each(vectorRows(file))('%s', (_name, t) => {
    const bytes = hexToBytes(t.hex!);
    const doc = decoder.decode(bytes, {});
    expect(validateDoc(doc) ? [] : validateDoc.errors).toEqual([]);
    if (t.result === 'invalid') {
      const e = thrown(() => axdrDecode(bytes));
      expect(e).toBeInstanceOf(AxdrError);
      expect((e as AxdrError).code).toBe(t.error);
      expect(Number.isInteger((e as AxdrError).offset)).toBe(true);
      expect((e as AxdrError).offset).toBeGreaterThanOrEqual(0);
      expect((e as AxdrError).offset).toBeLessThanOrEqual(bytes.length);
      expect(doc.errors.map((x) => x.code)).toContain(t.error);
      return;
    }
    const value = axdrDecode(bytes);
    expect(axdrToJson(value)).toEqual(t.expected);
    expect(doc.data).toEqual(t.expected);
    const strictError = (t.params as { strictError?: string } | undefined)?.strictError;
    if (t.result === 'valid') {
      // Canonical input: the encoder reproduces it exactly, and strict decoding accepts it.
      expect(bytesToHex(axdrEncode(value))).toBe(t.hex!.toUpperCase());
      expect(axdrToJson(axdrDecode(bytes, { strict: true }))).toEqual(t.expected);
      expect(doc.errors).toEqual([]);
    } else if (strictError) {
      const e = thrown(() => axdrDecode(bytes, { strict: true }));
      expect(e).toBeInstanceOf(AxdrError);
      expect((e as AxdrError).code).toBe(strictError);
      expect(doc.errors.map((x) => x.code)).toContain(strictError);
      expect(decoder.decode(bytes, { strict: true }).errors.map((x) => x.code)).toEqual([strictError]);
    }
  });
});

describe('axdr decoder document', () => {
  it('reports trailing bytes but still shows the value', () => {
    const doc = decoder.decode(hexToBytes('110100'), {});
    expect(doc.data).toEqual({ type: 'unsigned', value: 1 });
    expect(doc.errors).toMatchObject([{ code: 'trailing-bytes', offset: 2 }]);
  });
  it('never throws on arbitrary octets', () => {
    for (let i = 0; i < 256; i++) {
      const doc = decoder.decode(Uint8Array.of(i, 0x81, 0x80, 1, 2), {});
      expect(validateDoc(doc)).toBe(true);
    }
  });
});

describe('axdr helpers', () => {
  it('dateTimeBytes builds the octets of the published KSMW-style push time', () => {
    const b = dateTimeBytes({ year: 2021, month: 7, day: 19, dayOfWeek: 1, hour: 15, minute: 46, second: 35, hundredths: 0, deviation: -120, clockStatus: 0x80 });
    expect(bytesToHex(b)).toBe('07E50713010F2E2300FF8880');
    expect(bytesToHex(dateTimeBytes({ year: 0xffff, month: 0xfe, day: 0xfe, hour: 2, minute: 0, second: 0 }))).toBe('FFFFFEFEFF020000FF8000FF');
  });
  it('axdrDecodeAt decodes in place and returns the end offset', () => {
    const b = hexToBytes('AABB120904FE00');
    expect(axdrDecodeAt(b, 2)).toEqual({ value: { type: 'long-unsigned', value: 2308 }, end: 5 });
    expect(axdrDecodeAt(b, 6)).toEqual({ value: { type: 'null-data' }, end: 7 });
    const e = thrown(() => axdrDecodeAt(b, 5));
    expect((e as AxdrError).code).toBe('unknown-type');
    expect((e as AxdrError).offset).toBe(5);
  });
});
