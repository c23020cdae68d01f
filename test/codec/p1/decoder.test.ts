/**
 * `meterproof decode p1`: every vector's document validates against decode-schema.json, carries the
 * vector's values and deviations with severities, and `split` cuts a capture into telegrams.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadDecoder } from '../../../harness/codec/decoder.ts';
import { decoder } from '../../../harness/codec/p1/decoder.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import type { Expected } from './vectors-render.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
const tests = loadVectors('p1').groups.flatMap((g) => g.tests);
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
type Doc = {
  header: string | null;
  crc: { expected: string | null; actual: string | null; valid: boolean | null };
  objects: { obis: string; line: number; values: { raw: string; value: unknown; unit: string | null }[] }[];
  errors: { code: string; line: number; column: number; severity: string }[];
};

describe('decoder p1', () => {
  it('is what the CLI loads for the p1 layer', async () => {
    expect(await loadDecoder('p1')).toBe(decoder);
    expect(decoder.input).toBe('text');
  });

  it.each(tests.map((t) => [t.tcId, t] as const))('vector #%i decodes to a schema-valid document with its values', (_id, t) => {
    const doc = decoder.decode(bytes(t.text!), {}) as unknown as Doc;
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const exp = t.expected as Expected | undefined;
    if (!exp) {
      expect(doc.header).toBeNull();
      expect(doc.errors.map((e) => e.code)).toEqual([t.error]);
      return;
    }
    expect(doc.header).toBe(exp.header!.raw);
    expect(doc.crc).toEqual({ expected: exp.crc!.computed, actual: exp.crc!.stated, valid: exp.crc!.valid });
    expect(doc.objects).toEqual(exp.objects!.map((o) => ({ obis: o.obis, line: o.line, values: o.values.map((v) => ({ raw: v.raw, value: v.value, unit: v.unit })) })));
    expect(doc.errors.map((e) => ({ code: e.code, line: e.line }))).toEqual(exp.deviations);
  });

  it('severity: CRC and structure problems are errors, layout deviations warnings; strict makes all errors', () => {
    const lower = tests.find((t) => t.flags.includes('spec-ambiguous'))!.text!;
    const asPrinted = tests.find((t) => t.tcId === 4)!.text!;
    const warn = decoder.decode(bytes(lower), {}) as unknown as Doc;
    expect(warn.errors.map((e) => e.severity)).toEqual(['warning']);
    const doc = decoder.decode(bytes(asPrinted), {}) as unknown as Doc;
    const sev = Object.fromEntries(doc.errors.map((e) => [e.code, e.severity]));
    expect(sev).toEqual({ 'stray-blank-line': 'warning', 'obis-malformed': 'error', 'line-wrapped': 'warning', 'obis-f-group': 'warning', 'crc-mismatch': 'error' });
    const strict = decoder.decode(bytes(asPrinted), { strict: true }) as unknown as Doc;
    expect(new Set(strict.errors.map((e) => e.severity))).toEqual(new Set(['error']));
  });

  it('split: one input per telegram; whitespace between dropped, other garbage kept in front of its telegram', () => {
    const a = tests.find((t) => t.tcId === 9)!.text!;
    const b = tests.find((t) => t.tcId === 10)!.text!;
    const rn = tests.find((t) => t.tcId === 14)!.text!;
    expect(decoder.split!(`${a}\r\n${b}${rn}${a}`)).toEqual([a, b, rn, a]);
    expect(decoder.split!(`junk${a}tail`)).toEqual([`junk${a}`, 'tail']);
    expect(decoder.split!(`${a}${b.slice(0, 50)}`)).toEqual([a, b.slice(0, 50)]);
    const docs = decoder.split!(`junk${a}tail`).map((x) => decoder.decode(bytes(x), {}) as unknown as Doc);
    expect(docs.map((d) => d.errors.map((e) => e.code))).toEqual([['garbage-before-header'], ['no-telegram']]);
  });
});
