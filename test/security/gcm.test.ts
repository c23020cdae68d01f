/** vectors/gcm.json: Green Book ciphering + HLS-GMAC examples, McGrew–Viega GCM, suite 2, negatives; all re-derived with node:crypto. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadVectors, vectorRows } from '../helpers/vectors.ts';
import { fcOpts } from '../helpers/fc.ts';
import { aesGcmDecrypt, aesGcmEncrypt, protect, unprotect } from '../../harness/security/gcm.ts';
import { hls5FCtoS, hls5FStoC, hls5VerifyFCtoS, hls5VerifyFStoC } from '../../harness/security/hls.ts';
import { securityControlDecode, securityControlEncode } from '../../harness/security/security-control.ts';
import { SecurityError } from '../../harness/security/errors.ts';
import { CodecError } from '../../harness/codec/errors.ts';
import { H, X, refGcm, refProtect } from './node-ref.ts';

const file = loadVectors('gcm');
type P = Record<string, unknown>;
const str = (o: P, k: string) => o[k] as string;

describe('gcm.json', () => {
  it.each(vectorRows(file))('%s', (_n, t, g) => {
    const p: P = { ...(g.params ?? {}), ...(t.params ?? {}) };
    if (t.result === 'invalid') {
      const keys = { systemTitle: H(str(p, 'systemTitle')), key: H(str(p, 'EK')), authKey: H(str(p, 'AK')), ...(p.expectedSuite !== undefined ? { expectedSuite: p.expectedSuite as 0 | 1 | 2 } : {}) };
      let err: unknown;
      try { unprotect(keys, H(t.hex!)); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe(t.error);
      expect((err as SecurityError).offset).toBe(p.offset);
      return;
    }
    const exp = t.expected as Record<string, string>;
    if (p.key !== undefined) {
      // raw GCM known answers, confirmed with node:crypto
      const [key, iv, aad, pt] = [H(str(p, 'key')), H(str(p, 'iv')), H(str(p, 'aad')), H(t.hex!)];
      const ref = refGcm(key, iv, aad, pt);
      expect(X(ref.ct)).toBe(exp.ciphertext!.toUpperCase());
      expect(X(ref.tag)).toBe(exp.tag16!.toUpperCase());
      const r12 = aesGcmEncrypt(key, iv, aad, pt);
      expect(X(r12.ciphertext)).toBe(exp.ciphertext!.toUpperCase());
      expect(X(r12.tag)).toBe(exp.tag12!.toUpperCase());
      expect(X(aesGcmEncrypt(key, iv, aad, pt, 16).tag)).toBe(exp.tag16!.toUpperCase());
      expect(X(aesGcmDecrypt(key, iv, aad, r12.ciphertext, r12.tag))).toBe(X(pt));
      return;
    }
    if (exp.f !== undefined) {
      // HLS-GMAC GB Table 43
      const k = { key: H(str(p, 'EK')), authKey: H(str(p, 'AK')) };
      const x = { clientSystemTitle: H(str(p, 'clientSystemTitle')), serverSystemTitle: H(str(p, 'serverSystemTitle')), ctos: H(str(p, 'ctos')), stoc: H(str(p, 'stoc')) };
      const ic = p.invocationCounter as number;
      const st = H(str(p, 'systemTitle'));
      const ref = refGcm(k.key, new Uint8Array([...st, ic >>> 24, (ic >>> 16) & 255, (ic >>> 8) & 255, ic & 255]), new Uint8Array([0x10, ...k.authKey, ...H(t.hex!)]), new Uint8Array(0));
      expect(X(ref.tag.subarray(0, 12))).toBe(exp.f.slice(10));
      const isPass3 = X(st) === X(x.clientSystemTitle);
      const f = isPass3 ? hls5FStoC(k, x, ic) : hls5FCtoS(k, x, ic);
      expect(X(f)).toBe(exp.f);
      expect((isPass3 ? hls5VerifyFStoC : hls5VerifyFCtoS)(k, x, f)).toEqual({ invocationCounter: ic });
      return;
    }
    const sc = p.securityControl as number;
    const keys = { systemTitle: H(str(p, 'systemTitle')), key: H(str(p, 'EK')), authKey: H(str(p, 'AK')) };
    const ref = refProtect({ sc, key: keys.key, ak: keys.authKey, st: keys.systemTitle, ic: p.invocationCounter as number }, H(t.hex!));
    expect(X(ref)).toBe(exp.content);
    expect(X(protect({ ...keys, securityControl: sc, invocationCounter: p.invocationCounter as number }, H(t.hex!)))).toBe(exp.content);
    const u = unprotect({ ...keys, expectedSuite: (sc & 15) as 0 | 1 | 2 }, H(exp.content!));
    expect(X(u.plain)).toBe(t.hex!.toUpperCase());
    expect(u.securityControl).toBe(sc);
    expect(u.invocationCounter).toBe(p.invocationCounter);
  });
});

describe('security control byte', () => {
  it('names the GB Table 37 bits', () => {
    expect(securityControlDecode(0x31)).toEqual({ suite: 1, authentication: true, encryption: true, broadcast: false, compression: false });
    expect(securityControlDecode(0xf2)).toEqual({ suite: 2, authentication: true, encryption: true, broadcast: true, compression: true });
    expect(securityControlEncode({ suite: 0, authentication: true, encryption: false, broadcast: true, compression: false })).toBe(0x50);
  });
  it('decode/encode is the identity on every byte', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), (b) => securityControlEncode(securityControlDecode(b)) === b), fcOpts);
  });
});

const suiteArb = fc.constantFrom<0 | 1 | 2>(0, 1, 2);
const modeArb = fc.constantFrom(0x10, 0x20, 0x30);
const caseArb = suiteArb.chain((suite) => fc.record({
  suite: fc.constant(suite),
  mode: modeArb,
  broadcast: fc.boolean(),
  key: fc.uint8Array({ minLength: suite === 2 ? 32 : 16, maxLength: suite === 2 ? 32 : 16 }),
  authKey: fc.uint8Array({ minLength: suite === 2 ? 32 : 16, maxLength: suite === 2 ? 32 : 16 }),
  systemTitle: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  ic: fc.integer({ min: 0, max: 0xffffffff }),
  plain: fc.uint8Array({ maxLength: 300 }),
}));

describe('protect/unprotect properties', () => {
  it('unprotect(protect(x)) = x for random keys, titles, counters, plaintexts and every SC mode (and matches node:crypto)', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const sc = c.mode | c.suite | (c.broadcast ? 0x40 : 0);
      const keys = { systemTitle: c.systemTitle, key: c.key, authKey: c.authKey };
      const content = protect({ ...keys, securityControl: sc, invocationCounter: c.ic }, c.plain);
      expect(X(content)).toBe(X(refProtect({ sc, key: c.key, ak: c.authKey, st: c.systemTitle, ic: c.ic }, c.plain)));
      const u = unprotect({ ...keys, expectedSuite: c.suite }, content);
      expect(X(u.plain)).toBe(X(c.plain));
      expect(u.securityControl).toBe(sc);
      expect(u.invocationCounter).toBe(c.ic);
    }), fcOpts);
  });

  it('any bit flip in an authenticated content (header, data or tag) is a typed error', () => {
    fc.assert(fc.property(caseArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (c, pos, bit) => {
      const mode = c.mode === 0x20 ? 0x30 : c.mode; // encryption-only has no integrity to test
      const sc = mode | c.suite;
      const keys = { systemTitle: c.systemTitle, key: c.key, authKey: c.authKey };
      const content = protect({ ...keys, securityControl: sc, invocationCounter: c.ic }, c.plain);
      const m = content.slice();
      m[pos % m.length]! ^= 1 << bit;
      let err: unknown;
      try { unprotect({ ...keys, required: mode === 0x30 ? 'authenticated-encryption' : 'authentication' }, m); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect(typeof (err as SecurityError).offset).toBe('number');
    }), fcOpts);
  });

  it('clearing the A bit is caught by the required protection (and only by it)', () => {
    const keys = { systemTitle: H('4D4D4D0000BC614E'), key: H('000102030405060708090A0B0C0D0E0F'), authKey: H('D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF') };
    const c = protect({ ...keys, securityControl: 0x30, invocationCounter: 1 }, H('C0010000080000010000FF0200'));
    const downgraded = c.slice();
    downgraded[0] = 0x20;
    expect(() => unprotect({ ...keys, required: 'authentication' }, downgraded)).toThrow(expect.objectContaining({ code: 'insufficient-protection', offset: 0 }));
    expect(unprotect(keys, downgraded).securityControl).toBe(0x20);
  });

  it('a wrong key, authentication key or system title is bad-tag', () => {
    fc.assert(fc.property(caseArb, fc.constantFrom('key', 'authKey', 'systemTitle'), fc.nat(), (c, which, pos) => {
      const sc = 0x30 | c.suite;
      const keys = { systemTitle: c.systemTitle, key: c.key, authKey: c.authKey };
      const content = protect({ ...keys, securityControl: sc, invocationCounter: c.ic }, c.plain);
      const wrong = { ...keys, [which]: keys[which as keyof typeof keys].slice() };
      (wrong[which as keyof typeof keys] as Uint8Array)[pos % 8]! ^= 0x01;
      expect(() => unprotect(wrong, content)).toThrow(expect.objectContaining({ code: 'bad-tag', offset: content.length - 12 }));
    }), fcOpts);
  });

  it('arbitrary bytes given to unprotect either decode or raise a CodecError', () => {
    const keys = { systemTitle: H('4D4D4D0000BC614E'), key: H('000102030405060708090A0B0C0D0E0F'), authKey: H('D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF') };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      try { unprotect(keys, b); } catch (e) { expect(e).toBeInstanceOf(CodecError); }
    }), fcOpts);
  });
});
