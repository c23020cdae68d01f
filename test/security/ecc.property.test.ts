/** ECDSA / ECDH / key-agreement / HLS properties over random keys (fcOpts runs), cross-checked with node:crypto. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../helpers/fc.ts';
import { ecdhSharedSecret, ecdsaSign, ecdsaVerify, eccPublicKey, type EccSuiteId } from '../../harness/security/ecc.ts';
import { hls5FCtoS, hls5FStoC, hls5VerifyFCtoS, hls5VerifyFStoC, hls6FCtoS, hls6FStoC, hls6VerifyFCtoS, hls6VerifyFStoC, hls7FCtoS, hls7FStoC, hls7VerifyFCtoS, hls7VerifyFStoC } from '../../harness/security/hls.ts';
import { X, refEcdh, refPublicKey, refVerify } from './node-ref.ts';
import { scalar, suiteArb, title } from './ecc-arbs.ts';

/**
 * Pure-JS scalar multiplications cost 1–5 ms each (noble, constant time): CI runs the full fcOpts count
 * (the 1000-run floor), a local run (no CI variable) a fraction to stay quick.
 */
const ecRuns = (divisor: number) => (process.env['CI'] ? fcOpts : { ...fcOpts, numRuns: Math.max(1, Math.floor(fcOpts.numRuns / divisor)) });

describe('ECDSA', () => {
  it('verify(sign(m)) holds, node:crypto agrees, and a different message fails', () => {
    fc.assert(fc.property(suiteArb.chain((s) => fc.tuple(fc.constant(s), scalar(s))), fc.uint8Array({ maxLength: 200 }), ([suite, d], msg) => {
      const pub = eccPublicKey(suite, d);
      expect(X(pub)).toBe(X(refPublicKey(d)));
      const sig = ecdsaSign(suite, d, msg);
      expect(sig.length).toBe(suite === 1 ? 64 : 96);
      expect(ecdsaVerify(suite, pub, msg, sig)).toBe(true);
      expect(refVerify(pub, msg, sig)).toBe(true);
      expect(refVerify(pub, Uint8Array.from([...msg, 0]), sig)).toBe(false);
    }), ecRuns(4));
  }, 180_000); // bounded by the run count; a loaded machine may need more than the default minute
});

describe('ECDH and key agreement', () => {
  it('both sides compute the same Z (our side with noble, the other side with node:crypto)', () => {
    fc.assert(fc.property(suiteArb.chain((s) => fc.tuple(fc.constant(s), scalar(s), scalar(s))), ([suite, a, b]) => {
      const z1 = ecdhSharedSecret(suite, a, eccPublicKey(suite, b));
      expect(X(z1)).toBe(X(refEcdh(b, eccPublicKey(suite, a))));
    }), ecRuns(10));
  }, 180_000); // bounded by the run count; a loaded machine may need more than the default minute

});

describe('HLS passes 3/4', () => {
  const exch = fc.record({ clientSystemTitle: title, serverSystemTitle: title, ctos: fc.uint8Array({ minLength: 8, maxLength: 64 }), stoc: fc.uint8Array({ minLength: 8, maxLength: 64 }) });
  it('HLS 5 and 6: each side verifies what the other computed; a flipped bit fails', () => {
    fc.assert(fc.property(exch, fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 16, maxLength: 32 }), fc.integer({ min: 0, max: 0xfffffffe }), fc.nat(),
      (x, key, authKey, secret, ic, pos) => {
        const k = { key, authKey, suite: 1 as const };
        const f3 = hls5FStoC(k, x, ic);
        expect(hls5VerifyFStoC(k, x, f3)).toEqual({ invocationCounter: ic });
        expect(hls5VerifyFCtoS(k, x, hls5FCtoS(k, x, ic))).toEqual({ invocationCounter: ic });
        const bad = f3.slice();
        bad[5 + (pos % 12)]! ^= 1;
        expect(() => hls5VerifyFStoC(k, x, bad)).toThrow(expect.objectContaining({ code: 'hls-failed' }));
        hls6VerifyFStoC(secret, x, hls6FStoC(secret, x));
        hls6VerifyFCtoS(secret, x, hls6FCtoS(secret, x));
        const bad6 = hls6FCtoS(secret, x);
        bad6[pos % 32]! ^= 0x80;
        expect(() => hls6VerifyFCtoS(secret, x, bad6)).toThrow(expect.objectContaining({ code: 'hls-failed' }));
      }), fcOpts);
  });
  it('HLS 7: client and server signatures verify with the right key only', () => {
    fc.assert(fc.property(exch, fc.constant<EccSuiteId>(1).chain((s) => fc.tuple(fc.constant(s), scalar(s), scalar(s))), (x, [suite, c, s]) => {
      const f3 = hls7FStoC(suite, c, x);
      hls7VerifyFStoC(suite, eccPublicKey(suite, c), x, f3);
      expect(() => hls7VerifyFStoC(suite, eccPublicKey(suite, s), x, f3)).toThrow(expect.objectContaining({ code: 'hls-failed' }));
      hls7VerifyFCtoS(suite, eccPublicKey(suite, s), x, hls7FCtoS(suite, s, x));
    }), ecRuns(10));
  }, 180_000); // bounded by the run count; a loaded machine may need more than the default minute
});
