/** `meterproof decode wmbus`: link JSON, DSMR strict checks, app-layer plumbing, schema, no key in output. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { CodecError } from '../../../harness/codec/errors.ts';
import { decoder, wmbusDecode, type MbusAppLayer } from '../../../harness/codec/wmbus/decoder.ts';
import { mbusDecrypt } from '../../../harness/security/mbus/index.ts';
import { unhex } from './independent.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
const vectors = loadVectors('wmbus').groups.filter((g) => g.params?.op === 'frame-decode').flatMap((g) => g.tests);
const tc = (comment: string) => vectors.find((t) => t.comment.startsWith(comment))!;
const SND_NR = unhex(tc('SND_NR meter data').hex!);
const OMS = unhex(tc('OMS Vol.2 Annex N.2.1').hex!);
const USER_KEY = unhex('000102030405060708090A0B0C0D0E0F');

class StubError extends CodecError {
  constructor(offset: number) { super('stub', 'stub-failure', offset, 'stub failed'); }
}

/** A stand-in for harness/codec/mbus that records what it was given. */
function stub(behaviour: 'ok' | 'codec-error' | 'crash' = 'ok') {
  const seen: Array<{ bytes: Uint8Array; ctx: unknown }> = [];
  const app: MbusAppLayer = {
    mbusAppDecode(bytes, ctx) {
      seen.push({ bytes, ctx });
      if (behaviour === 'codec-error') throw new StubError(20);
      if (behaviour === 'crash') throw new TypeError('boom');
      return { tag: 'app' };
    },
    mbusAppToJson: () => ({ ci: 0x7a, header: { accessNumber: 0xf6 }, records: [{ dif: 1 }], frameCounter: 1, errors: [{ code: 'x', message: 'y', offset: 16 }], encrypted: true }),
  };
  return { app, seen };
}

describe('wmbus decoder', () => {
  it('prints the link fields of every valid frame vector and validates against its schema', () => {
    for (const t of vectors.filter((v) => v.result !== 'invalid')) {
      const doc = decoder.decode(unhex(t.hex!), {});
      const exp = t.expected as Record<string, unknown>;
      expect(doc.link).toEqual({
        format: exp.format, l: exp.l, c: exp.c, cName: exp.cName, manufacturer: exp.manufacturer, id: exp.id,
        version: exp.version, medium: exp.medium, mediumName: exp.mediumName, crcValid: true,
      });
      expect(doc.ci).toBe(exp.ci);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('reports each invalid frame vector as an error with the vector code and offset, never throws', () => {
    for (const t of vectors.filter((v) => v.result === 'invalid')) {
      const doc = decoder.decode(unhex(t.hex!), {});
      const err = doc.errors.find((e) => e.code === t.error);
      expect(err, t.comment).toBeDefined();
      expect(typeof err!.offset).toBe('number');
      expect(validate(doc)).toBe(true);
    }
  });

  it('marks crcValid false and names the block when a CRC is bad', () => {
    const bad = SND_NR.slice();
    bad[35]! ^= 1;
    const doc = decoder.decode(bad, {});
    expect((doc.link as { crcValid: boolean }).crcValid).toBe(false);
    expect(doc.errors[0]).toMatchObject({ code: 'bad-crc', offset: 46 });
    expect(doc.errors[0]!.message).toContain('block 3');
  });

  it('without an application layer shows the payload as hex with app-layer-unavailable', () => {
    const doc = wmbusDecode(SND_NR, {}, null);
    expect(doc.payload).toBe((tc('SND_NR meter data').expected as { payload: string }).payload);
    expect(doc.errors).toEqual([expect.objectContaining({ code: 'app-layer-unavailable', offset: 12 })]);
    expect(validate(doc)).toBe(true);
  });

  it('hands CI onwards, the key and the link address to the application layer and passes its JSON through', () => {
    const { app, seen } = stub();
    const doc = wmbusDecode(SND_NR, { key: USER_KEY, strict: true }, app);
    expect(Array.from(seen[0]!.bytes)).toEqual(Array.from(unhex((tc('SND_NR meter data').expected as { payload: string }).payload)));
    expect(seen[0]!.ctx).toEqual({ key: USER_KEY, link: { manufacturer: 'NET', id: '23456789', version: 0x42, medium: 3 }, strict: true, decrypt: mbusDecrypt });
    expect(doc.header).toEqual({ accessNumber: 0xf6 });
    expect(doc.records).toEqual([{ dif: 1 }]);
    expect(doc.frameCounter).toBe(1);
    expect(doc.app).toEqual({ encrypted: true });
    // Payload offset 16 sits after block 2's CRC: frame offset 12 + 16 + 2.
    expect(doc.errors).toEqual([{ code: 'x', message: 'y', offset: 30 }]);
    expect(validate(doc)).toBe(true);
  });

  it('maps an application-layer CodecError offset into frame offsets; other exceptions become app-layer-failed', () => {
    const a = wmbusDecode(SND_NR, {}, stub('codec-error').app);
    expect(a.errors).toEqual([expect.objectContaining({ code: 'stub-failure', offset: 12 + 20 + 2 })]);
    expect(a.payload).toBeDefined();
    const b = wmbusDecode(SND_NR, {}, stub('crash').app);
    expect(b.errors).toEqual([expect.objectContaining({ code: 'app-layer-failed' })]);
  });

  it('strict mode applies DSMR-P2 Table 6 and the format A rule', () => {
    const ok = wmbusDecode(SND_NR, { strict: true }, stub().app);
    expect(ok.errors.map((e) => e.code)).not.toContain('c-ci-not-allowed');
    const oms = wmbusDecode(OMS, { strict: true }, stub().app);
    expect(oms.errors.map((e) => e.code)).not.toContain('c-ci-not-allowed'); // SND_NR with CI 7Ah is a Table 6 pair
    const fmtB = wmbusDecode(unhex(tc('EN 13757-4 annex example').hex!), { strict: true }, stub().app);
    expect(fmtB.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['format-b-not-dsmr', 'c-ci-not-allowed']));
    const lenient = wmbusDecode(unhex(tc('EN 13757-4 annex example').hex!), {}, stub().app);
    expect(lenient.errors.map((e) => e.code)).not.toContain('format-b-not-dsmr');
  });

  it('with the real application layer the DSMR SND_NR decrypts under the user key (or the payload is shown as hex)', () => {
    const doc = decoder.decode(SND_NR, { key: USER_KEY });
    expect(validate(doc)).toBe(true);
    if (doc.errors.some((e) => e.code === 'app-layer-unavailable')) {
      expect(doc.payload).toBe((tc('SND_NR meter data').expected as { payload: string }).payload);
      return;
    }
    expect(doc.errors.filter((e) => e.code.includes('check-bytes') || e.code.includes('crypt'))).toEqual([]);
    expect((doc.records as unknown[]).length).toBeGreaterThan(0);
    if (doc.frameCounter !== undefined) expect(doc.frameCounter).toBe(1);
  });

  it('hints at stripped CRCs when format B was guessed and its CRC fails', () => {
    const stripped = unhex('0E46B438896745234203' + '7A100000A0'); // SND_IR without its two CRCs: 15 bytes = L + 1
    const doc = decoder.decode(stripped, {});
    expect(doc.errors[0]).toMatchObject({ code: 'bad-crc' });
    expect(doc.errors[0]!.message).toContain('without its CRCs');
  });

  it('never echoes the key', () => {
    const key = unhex('A1B2C3D4E5F60718293A4B5C6D7E8F90');
    const text = JSON.stringify([decoder.decode(SND_NR, { key }), wmbusDecode(SND_NR, { key }, stub('codec-error').app)]);
    expect(text).not.toContain('A1B2C3D4');
    expect(text.toLowerCase()).not.toContain('a1b2c3d4');
  });

  it('never throws on arbitrary input and always matches the schema', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (b, strict) => {
      const doc = decoder.decode(b, { strict });
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }), fcOpts);
  });
});
