/**
 * Key-agreement properties (Green Book / KSMW schemes C(2e,0s), C(1e,1s), C(0e,2s)) over random keys: both
 * parties derive the same key. Each run costs 6–12 pure-JS scalar multiplications, so this file stands
 * alone to run beside the others; CI runs the full fcOpts count (the 1000-run floor), a local run a tenth.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../helpers/fc.ts';
import { eccPublicKey, type EccSuiteId } from '../../harness/security/ecc.ts';
import { ephemeralUnifiedKey, keyAgreementDataSign, keyAgreementDataVerify, onePassKeyOriginate, onePassKeyReceive, staticUnifiedKey } from '../../harness/security/kdf.ts';
import { X } from './node-ref.ts';
import { scalar, suiteArb, title } from './ecc-arbs.ts';

const runs = process.env['CI'] ? fcOpts : { ...fcOpts, numRuns: Math.max(1, Math.floor(fcOpts.numRuns / 10)) };

describe('key agreement', () => {
  it('C(2e,0s) key_agreement: signed key_data verifies both ways and both sides derive the same key', () => {
    fc.assert(fc.property(fc.constant<EccSuiteId>(1).chain((s) => fc.tuple(fc.constant(s), scalar(s), scalar(s), scalar(s), scalar(s))), title, title, fc.constantFrom(0, 1, 2, 3),
      ([suite, cSign, sSign, cEph, sEph], ct, st, keyId) => {
        const cData = keyAgreementDataSign(suite, keyId, eccPublicKey(suite, cEph), cSign);
        const sData = keyAgreementDataSign(suite, keyId, eccPublicKey(suite, sEph), sSign);
        const qU = keyAgreementDataVerify(suite, keyId, cData, eccPublicKey(suite, cSign)); // server side
        const qV = keyAgreementDataVerify(suite, keyId, sData, eccPublicKey(suite, sSign)); // client side
        const kClient = ephemeralUnifiedKey(suite, { ownEphemeralPrivateKey: cEph, peerEphemeralPublicKey: qV, clientSystemTitle: ct, serverSystemTitle: st, keyId });
        const kServer = ephemeralUnifiedKey(suite, { ownEphemeralPrivateKey: sEph, peerEphemeralPublicKey: qU, clientSystemTitle: ct, serverSystemTitle: st, keyId });
        expect(X(kClient)).toBe(X(kServer));
        expect(kClient.length).toBe(16);
      }), runs);
  }, 240_000); // bounded by the run count; a loaded machine may need minutes

  it('C(1e,1s) and C(0e,2s): originator and recipient derive the same key', () => {
    fc.assert(fc.property(suiteArb.chain((s) => fc.tuple(fc.constant(s), scalar(s), scalar(s), scalar(s), scalar(s))), title, title, fc.uint8Array({ minLength: 1, maxLength: 16 }),
      ([suite, eph, recipStatic, origSign, origStatic], ot, rt, tid) => {
        const o = onePassKeyOriginate(suite, { ephemeralPrivateKey: eph, recipientStaticPublicKey: eccPublicKey(suite, recipStatic), signingPrivateKey: origSign, originatorSystemTitle: ot, recipientSystemTitle: rt });
        const r = onePassKeyReceive(suite, { keyCipheredData: o.keyCipheredData, staticPrivateKey: recipStatic, originatorSigningPublicKey: eccPublicKey(suite, origSign), originatorSystemTitle: ot, recipientSystemTitle: rt });
        expect(X(o.key)).toBe(X(r));
        const su1 = staticUnifiedKey(suite, { ownStaticPrivateKey: origStatic, peerStaticPublicKey: eccPublicKey(suite, recipStatic), transactionId: tid, originatorSystemTitle: ot, recipientSystemTitle: rt });
        const su2 = staticUnifiedKey(suite, { ownStaticPrivateKey: recipStatic, peerStaticPublicKey: eccPublicKey(suite, origStatic), transactionId: tid, originatorSystemTitle: ot, recipientSystemTitle: rt });
        expect(X(su1)).toBe(X(su2));
        expect(su1.length).toBe(suite === 1 ? 16 : 32);
      }), runs);
  }, 240_000); // bounded by the run count; a loaded machine may need minutes
});
