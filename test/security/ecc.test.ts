/** vectors/ecc.json: RFC 6979, NIST CAVS ECDH, GB/KSMW KDF, key_agreement and HLS 6/7 values — all confirmed with node:crypto. */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows } from '../helpers/vectors.ts';
import { ecdhSharedSecret, ecdsaCheck, ecdsaSign, ecdsaVerify, eccPublicKey, type EccSuiteId } from '../../harness/security/ecc.ts';
import { concatKdf, deriveAgreedKey, keyAgreementDataVerify, kdfOtherInfo, type AlgorithmName } from '../../harness/security/kdf.ts';
import { hls6FCtoS, hls6FStoC, hls6VerifyFStoC, hls7FCtoS, hls7FStoC, hls7VerifyFCtoS, hls7VerifyFStoC } from '../../harness/security/hls.ts';
import { SecurityError } from '../../harness/security/errors.ts';
import { H, X, refEcdh, refPublicKey, refSha, refVerify } from './node-ref.ts';

type P = Record<string, unknown>;
const s = (p: P, k: string) => H(p[k] as string);

function invalid(p: P, hex: string): void {
  const suite = p.suite as EccSuiteId;
  const x = () => ({ clientSystemTitle: s(p, 'clientSystemTitle'), serverSystemTitle: s(p, 'serverSystemTitle'), ctos: s(p, 'ctos'), stoc: s(p, 'stoc') });
  switch (p.check) {
    case 'ecdsa': return ecdsaCheck(suite, s(p, 'publicKey'), H(hex), s(p, 'signature'));
    case 'ecdh': { ecdhSharedSecret(suite, s(p, 'privateKey'), H(hex)); return; }
    case 'hls6-fstoc': return hls6VerifyFStoC(H(hex), x(), s(p, 'response'));
    case 'hls7-fctos': return hls7VerifyFCtoS(suite, s(p, 'publicKey'), x(), s(p, 'response'));
    case 'key-agreement-data': { keyAgreementDataVerify(suite, p.keyId as number, H(hex), s(p, 'publicKey')); return; }
  }
  throw new Error(`unknown check ${String(p.check)}`);
}

describe('ecc.json', () => {
  it.each(vectorRows(loadVectors('ecc')))('%s', (_n, t, g) => {
    const p: P = { ...(g.params ?? {}), ...(t.params ?? {}) };
    const exp = (t.expected ?? {}) as Record<string, string>;
    const suite = p.suite as EccSuiteId;
    if (t.result === 'invalid') {
      let err: unknown;
      try { invalid(p, t.hex!); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe(t.error);
      expect((err as SecurityError).offset).toBe(p.offset);
      // the negative is negative for OpenSSL too
      if (p.check === 'ecdsa' && t.error === 'bad-signature') expect(refVerify(s(p, 'publicKey'), H(t.hex!), s(p, 'signature'))).toBe(false);
      return;
    }
    if (exp.fStoC) {
      const x = { clientSystemTitle: s(p, 'clientSystemTitle'), serverSystemTitle: s(p, 'serverSystemTitle'), ctos: s(p, 'ctos'), stoc: s(p, 'stoc') };
      const secret = H(t.hex!);
      expect(X(refSha('sha256', secret, x.clientSystemTitle, x.serverSystemTitle, x.stoc, x.ctos))).toBe(exp.fStoC);
      expect(X(refSha('sha256', secret, x.serverSystemTitle, x.clientSystemTitle, x.ctos, x.stoc))).toBe(exp.fCtoS);
      expect(X(hls6FStoC(secret, x))).toBe(exp.fStoC);
      expect(X(hls6FCtoS(secret, x))).toBe(exp.fCtoS);
      return;
    }
    if (exp.otherInfo) {
      const z = H(t.hex!);
      const oi = kdfOtherInfo(p.algorithm as AlgorithmName, s(p, 'idU'), s(p, 'idV'), p.nonceU ? s(p, 'nonceU') : undefined);
      expect(X(oi)).toBe(exp.otherInfo);
      const ref = refSha(suite === 2 ? 'sha384' : 'sha256', H('00000001'), z, H(exp.otherInfo));
      expect(X(ref).startsWith(exp.key!)).toBe(true);
      if (exp.fullHash) expect(X(ref)).toBe(exp.fullHash);
      expect(X(deriveAgreedKey(suite, z, p.algorithm as AlgorithmName, s(p, 'idU'), s(p, 'idV'), p.nonceU ? s(p, 'nonceU') : undefined))).toBe(exp.key);
      expect(X(concatKdf(suite, z, oi, 48))).toBe(X(Uint8Array.from([...ref, ...refSha(suite === 2 ? 'sha384' : 'sha256', H('00000002'), z, oi)]).subarray(0, 48)));
      return;
    }
    if (exp.z) {
      const d = s(p, 'privateKey');
      expect(X(refPublicKey(d))).toBe(exp.publicKey);
      expect(X(refEcdh(d, H(t.hex!)))).toBe(exp.z);
      expect(X(eccPublicKey(suite, d))).toBe(exp.publicKey);
      expect(X(ecdhSharedSecret(suite, d, H(t.hex!)))).toBe(exp.z);
      if (p.peerPrivateKey) expect(X(ecdhSharedSecret(suite, s(p, 'peerPrivateKey'), eccPublicKey(suite, d)))).toBe(exp.z);
      return;
    }
    // signatures
    const pub = exp.publicKey ? H(exp.publicKey) : s(p, 'publicKey');
    expect(X(refPublicKey(s(p, 'privateKey')))).toBe(X(pub));
    expect(refVerify(pub, H(t.hex!), H(exp.signature!))).toBe(true);
    expect(ecdsaVerify(suite, pub, H(t.hex!), H(exp.signature!))).toBe(true);
    const mine = ecdsaSign(suite, s(p, 'privateKey'), H(t.hex!));
    expect(refVerify(pub, H(t.hex!), mine)).toBe(true);
    if (!t.flags.includes('randomized')) expect(X(mine)).toBe(exp.signature); // RFC 6979: deterministic, high S kept
    if (p.use === 'hls7-fstoc' || p.use === 'hls7-fctos') {
      const x = { clientSystemTitle: s(p, 'clientSystemTitle'), serverSystemTitle: s(p, 'serverSystemTitle'), ctos: s(p, 'ctos'), stoc: s(p, 'stoc') };
      const f = p.use === 'hls7-fstoc' ? hls7FStoC(suite, s(p, 'privateKey'), x) : hls7FCtoS(suite, s(p, 'privateKey'), x);
      expect(X(f)).toBe(exp.signature);
      (p.use === 'hls7-fstoc' ? hls7VerifyFStoC : hls7VerifyFCtoS)(suite, pub, x, H(exp.signature!));
    }
    if (p.use === 'key-agreement') {
      const q = H(t.hex!).subarray(1);
      expect(X(keyAgreementDataVerify(suite, p.keyId as number, Uint8Array.from([...q, ...H(exp.signature!)]), pub))).toBe(X(q));
    }
  });
});
