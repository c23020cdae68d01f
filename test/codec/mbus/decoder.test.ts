/** `meterproof decode mbus`: documents match decode-schema.json, errors carry offsets, strict mode, no secrets. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { hexToBytes } from '../../../harness/codec/bytes.ts';
import { decoder } from '../../../harness/codec/mbus/decoder.ts';
import { loadDecoder } from '../../../harness/codec/decoder.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(decoder.schema);
const file = loadVectors('mbus');
const frames = file.groups.filter((g) => (g.params as { kind: string }).kind === 'frame').flatMap((g) => g.tests);
const UK = hexToBytes('000102030405060708090A0B0C0D0E0F');

describe('mbus decoder', () => {
  it('is what the CLI loads for the layer "mbus"', async () => {
    expect((await loadDecoder('mbus')).layer).toBe('mbus');
    expect(decoder.input).toBe('binary');
  });
  it.each(frames.map((t) => [t.tcId, t] as const))('vector #%s: the document matches the schema; invalid vectors have an error with an offset', (_id, t) => {
    const key = (t.params as { key?: string } | undefined)?.key;
    const doc = decoder.decode(hexToBytes(t.hex!), { key: key ? hexToBytes(key) : UK });
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    if (t.result === 'invalid' && !t.flags.includes('strict') && !(t.params as { link?: unknown } | undefined)?.link) {
      expect(doc.errors.length).toBeGreaterThan(0);
      expect(doc.errors.every((e) => typeof e.offset === 'number')).toBe(true);
    }
  });
  it('the gas-meter RSP_UD prints the shape the brief asks for', () => {
    const t = file.groups.flatMap((g) => g.tests).find((x) => x.comment.includes('re-encrypted with the IV of DSMR-P2 §5.2'))!;
    const doc = decoder.decode(hexToBytes(t.hex!), { key: UK }) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 4)).toEqual(['link', 'ci', 'header', 'records']);
    expect(doc).toMatchObject({
      link: { format: 'long', c: '08', cName: 'RSP_UD', address: 1, checksumValid: true },
      ci: '72',
      header: { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 3, mediumName: 'gas', accessNumber: 0xf6, status: 0, configWord: 0x0f30, encryption: { mode: 15, blocks: 3 } },
      frameCounter: 1,
      errors: [],
    });
    const volume = (doc.records as Record<string, unknown>[]).find((r) => r.vif === '13');
    expect(volume).toEqual(expect.objectContaining({ dif: '4C', storage: 1, tariff: 0, subunit: 0, function: 'instantaneous', quantity: 'volume', unit: 'm3', exponent: -3, raw: 391, value: 0.391 }));
  });
  it('a link fault gives a document with link null and the error', () => {
    const doc = decoder.decode(hexToBytes('68060768530051017A052416'), {});
    expect(doc).toMatchObject({ link: null, ci: null, header: null, records: [], errors: [{ code: 'l-mismatch', offset: 2 }] });
    expect(validate(doc)).toBe(true);
  });
  it('a bad checksum is reported but the content is still shown', () => {
    const doc = decoder.decode(hexToBytes('68060668530051017A052516'), {});
    expect(doc).toMatchObject({ link: { checksumValid: false, checksum: '25' }, records: [{ vif: '7A', value: 5 }], errors: [{ code: 'bad-checksum', offset: 10 }] });
  });
  it('strict mode turns warnings into errors (offsets count from the start byte)', () => {
    // RSP_UD without header (CI 78h) carrying 01 6F 05: VIF 6Fh is reserved. CS = 08+01+78+01+6F+05 = F6h.
    const frame = hexToBytes('68060668080178016F05F616');
    expect(frame[10]).toBe((0x08 + 0x01 + 0x78 + 0x01 + 0x6f + 0x05) % 256);
    const lenient = decoder.decode(frame, {}) as unknown as { errors: unknown[]; warnings: { code: string; offset: number }[] };
    expect(lenient.errors).toEqual([]);
    expect(lenient.warnings).toMatchObject([{ code: 'unknown-vif', offset: 7 }]);
    const strict = decoder.decode(frame, { strict: true }) as unknown as { errors: unknown[]; warnings: unknown[] };
    expect(strict.errors).toMatchObject([{ code: 'unknown-vif', offset: 7 }]);
    expect(strict.warnings).toEqual([]);
  });
  it('property: any bytes give a schema-valid, JSON-serialisable document without throwing', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constantFrom(...frames.map((t) => hexToBytes(t.hex!)))), fc.boolean(), (b, strict) => {
      const doc = decoder.decode(b, { strict, key: UK });
      expect(validate(JSON.parse(JSON.stringify(doc)))).toBe(true);
    }), fcOpts);
  });
  it('the key never appears in the document', () => {
    const t = file.groups.flatMap((g) => g.tests).find((x) => x.comment.includes('re-encrypted with the IV of DSMR-P2 §5.2'))!;
    expect(JSON.stringify(decoder.decode(hexToBytes(t.hex!), { key: UK })).toUpperCase()).not.toContain('0102030405060708');
  });
});
