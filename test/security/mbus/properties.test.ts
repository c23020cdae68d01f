/** fast-check properties of M-Bus encryption and the key exchange (DESIGN.md § Fuzzing). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import type { LinkAddress } from '../../../harness/codec/wmbus/address.ts';
import {
  MbusCryptoError, dsmrPlaintext, keyExchangeDecrypt, keyExchangeEncrypt, keyExchangeRecords, keyExchangeRecordsDecode,
  mbusDecrypt, mbusEncrypt, mbusFillerPad, mode15Iv, mode15Open, mode15Seal, mode5Iv, mode5Open, mode5Seal,
} from '../../../harness/security/mbus/index.ts';
import { nodeCbcEncrypt, nodeEcbEncrypt, refAddress, refIv15, refIv5, unhex } from './node-ref.ts';

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const letter = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
const linkArb: fc.Arbitrary<LinkAddress> = fc.record({
  manufacturer: fc.tuple(letter, letter, letter).map((l) => l.join('')),
  id: fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
  version: fc.integer({ min: 0, max: 255 }),
  medium: fc.integer({ min: 0, max: 255 }),
});
const modeArb = fc.constantFrom<5 | 15>(5, 15);
// 2F 2F ‖ random ‖ 2F fill: what both modes encrypt.
const plainArb = fc.uint8Array({ maxLength: 200 }).map((r) => mbusFillerPad(Uint8Array.from([0x2f, 0x2f, ...r])));
const isCryptoError = (e: unknown) => e instanceof MbusCryptoError && Number.isInteger(e.offset) && e.offset >= 0;

const vectors = loadVectors('mbus-crypto').groups;
const goldenBodies = vectors.filter((g) => g.params?.op === 'open15').flatMap((g) => g.tests.filter((t) => t.result === 'valid'));

describe('M-Bus encryption properties', () => {
  it('mbusDecrypt(mbusEncrypt(x)) = x for random keys, IVs and payloads; ciphertext equals node:crypto', () => {
    fc.assert(fc.property(modeArb, key16, key16, plainArb, (mode, key, iv, data) => {
      const ct = mbusEncrypt({ mode, key, iv, data });
      expect(Array.from(ct)).toEqual(Array.from(nodeCbcEncrypt(key, iv, data)));
      expect(Array.from(mbusDecrypt({ mode, key, iv, data: ct, blocks: ct.length / 16 }))).toEqual(Array.from(data));
    }), fcOpts);
  });

  it('IV builders equal the independent construction (DSMR-P2 §5.2, mode 5)', () => {
    fc.assert(fc.property(linkArb, fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 255 }), (link, fcount, acc) => {
      expect(Array.from(mode15Iv({ ...link, frameCounter: fcount }))).toEqual(Array.from(refIv15(refAddress(link), fcount)));
      expect(Array.from(mode5Iv({ ...link, accessNumber: acc }))).toEqual(Array.from(refIv5(refAddress(link), acc)));
    }), fcOpts);
  });

  it('mode 15: open(seal(records)) gives 2F 2F ‖ records ‖ ≥ 2 fillers and the frame counter', () => {
    fc.assert(fc.property(key16, linkArb, fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 200 }), (key, link, frameCounter, records) => {
      const { blocks, body } = mode15Seal({ key, link, frameCounter, records });
      const r = mode15Open({ key, link, blocks, body, strict: true });
      expect(r.frameCounter).toBe(frameCounter);
      expect(Array.from(r.plaintext)).toEqual(Array.from(dsmrPlaintext(records)));
      expect(Array.from(r.plaintext.subarray(2, 2 + records.length))).toEqual(Array.from(records));
      expect(r.plaintext.length - records.length - 2).toBeGreaterThanOrEqual(2);
      if (frameCounter > 0) expect(mode15Open({ key, link, blocks, body, lastFrameCounter: frameCounter - 1 }).frameCounter).toBe(frameCounter);
      expect(() => mode15Open({ key, link, blocks, body, lastFrameCounter: frameCounter })).toThrow(MbusCryptoError);
    }), fcOpts);
  });

  it('mode 5: open(seal(records)) gives 2F 2F ‖ records ‖ fill', () => {
    fc.assert(fc.property(key16, linkArb, fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 200 }), (key, link, accessNumber, records) => {
      const { blocks, body } = mode5Seal({ key, link, accessNumber, records });
      const r = mode5Open({ key, link, accessNumber, blocks, body });
      expect(Array.from(r.plaintext.subarray(0, records.length + 2))).toEqual([0x2f, 0x2f, ...records]);
      expect(r.trailer.length).toBe(0);
    }), fcOpts);
  });

  it('a different key almost never passes the check bytes (and never throws anything but MbusCryptoError)', () => {
    let passed = 0;
    fc.assert(fc.property(modeArb, key16, key16, key16, plainArb, (mode, key, other, iv, data) => {
      fc.pre(Buffer.compare(key, other) !== 0);
      const ct = mbusEncrypt({ mode, key, iv, data });
      try { mbusDecrypt({ mode, key: other, iv, data: ct }); passed++; } catch (e) {
        expect(isCryptoError(e)).toBe(true);
        expect((e as MbusCryptoError).code).toBe('check-bytes-missing');
      }
    }), fcOpts);
    expect(passed).toBeLessThan(3); // probability 2^-16 per run
  });

  it('mutated golden mode 15 bodies: MbusCryptoError or a value', () => {
    const arb = fc.constantFrom(...goldenBodies).chain((t) => {
      const body = unhex(t.hex!);
      return fc.tuple(fc.constant(t), fc.oneof(
        fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, x]) => { const b = body.slice(); b[p % b.length]! ^= x; return b; }),
        fc.nat().map((k) => body.slice(0, k % (body.length + 1))),
        fc.uint8Array({ minLength: 1, maxLength: 9 }).map((tail) => Uint8Array.from([...body, ...tail])),
      ), fc.integer({ min: 0, max: 16 }));
    });
    fc.assert(fc.property(arb, ([t, body, blocks]) => {
      const p = t.params as { key: string; link: LinkAddress };
      try {
        const r = mode15Open({ key: unhex(p.key), link: p.link, blocks, body });
        expect(Array.from(r.plaintext.subarray(0, 2))).toEqual([0x2f, 0x2f]);
      } catch (e) { expect(isCryptoError(e)).toBe(true); }
    }), fcOpts);
  });

  it('random inputs to mbusDecrypt: MbusCryptoError or a plaintext starting 2F 2F', () => {
    fc.assert(fc.property(modeArb, fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 80 }), fc.option(fc.integer({ min: -1, max: 17 }), { nil: undefined }), (mode, key, iv, data, blocks) => {
      try {
        const p = mbusDecrypt({ mode, key, iv, data, ...(blocks !== undefined ? { blocks } : {}) });
        expect([p[0], p[1]]).toEqual([0x2f, 0x2f]);
      } catch (e) { expect(isCryptoError(e)).toBe(true); }
    }), fcOpts);
  });
});

describe('key exchange properties', () => {
  it('unwrap(wrap(k)) = k, wrap equals node:crypto ECB, records read back', () => {
    fc.assert(fc.property(key16, key16, (newKey, defaultKey) => {
      const w = keyExchangeEncrypt(newKey, defaultKey);
      expect(Array.from(w)).toEqual(Array.from(nodeEcbEncrypt(defaultKey, newKey)));
      expect(Array.from(keyExchangeDecrypt(w, defaultKey))).toEqual(Array.from(newKey));
      const rec = keyExchangeRecords(w);
      expect(Array.from(rec.subarray(3, 11))).toEqual(Array.from(w.subarray(8)).reverse());
      expect(Array.from(keyExchangeRecordsDecode(rec).wrapped)).toEqual(Array.from(w));
    }), fcOpts);
  });

  it('mutated key records: MbusCryptoError or a value that re-encodes to the same bytes', () => {
    const golden = unhex('07FD1903E0EED1F68E9B8F47FD195E1372754AB79F27');
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat({ max: 23 }), (p, x, cut) => {
      const b = golden.slice(0, cut);
      if (b.length) b[p % b.length]! ^= x;
      try {
        const r = keyExchangeRecordsDecode(b);
        expect(Array.from(keyExchangeRecords(r.wrapped))).toEqual(Array.from(b));
      } catch (e) { expect(isCryptoError(e)).toBe(true); }
    }), fcOpts);
  });
});
