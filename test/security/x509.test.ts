/**
 * vectors/x509.json (KSMW §12 certificates: printed PEM corrupt, rebuilt DER valid, chain defects reported)
 * and checks on certificates issued for each role, cross-checked with node:crypto X509Certificate.
 */
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fc from 'fast-check';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { loadVectors, vectorRows } from '../helpers/vectors.ts';
import { fcOpts } from '../helpers/fc.ts';
import { certificateJson, certificateParse, pemDecode } from '../../harness/security/x509/certificate.ts';
import { certificateChainCheck, certificateCheck, keyIdentifiers, type CertificateFinding, type CertificateRole } from '../../harness/security/x509/checks.ts';
import { certificateIssue, certificateRequestCreate, certificateRequestVerify } from '../../harness/security/x509/issue.ts';
import { eccPublicKey } from '../../harness/security/ecc.ts';
import { SecurityError } from '../../harness/security/errors.ts';
import { CodecError } from '../../harness/codec/errors.ts';
import { H, X } from './node-ref.ts';

const file = loadVectors('x509');
const codes = (fs: CertificateFinding[], sev: 'error' | 'warning') => fs.filter((f) => f.severity === sev).map((f) => ({ certificate: f.certificate, code: f.code })).sort((a, b) => a.certificate - b.certificate || a.code.localeCompare(b.code));
const sorted = (v: Array<{ certificate: number; code: string }>) => [...v].sort((a, b) => a.certificate - b.certificate || a.code.localeCompare(b.code));

describe('x509.json', () => {
  it.each(vectorRows(file))('%s', (_n, t) => {
    const p = (t.params ?? {}) as Record<string, unknown>;
    if (t.text !== undefined) {
      let err: unknown;
      try { certificateParse(pemDecode(t.text)); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe(t.error);
      expect(typeof (err as SecurityError).offset).toBe('number');
      // node/OpenSSL cannot read it either
      expect(() => new crypto.X509Certificate(t.text!)).toThrow();
      return;
    }
    const der = H(t.hex!);
    if (p.chain) {
      const chain = [der, ...(p.chain as string[]).map(H)];
      const r = certificateChainCheck(chain, { at: new Date(p.at as string), suite: p.suite as 1 | 2, leafRole: (p.leafRole as CertificateRole | undefined) ?? 'digital-signature', ...(p.systemTitle ? { systemTitle: H(p.systemTitle as string) } : {}) });
      const exp = t.expected as { valid: boolean; errors: Array<{ certificate: number; code: string }>; warnings: Array<{ certificate: number; code: string }> };
      expect(codes(r.findings, 'error')).toEqual(sorted(exp.errors));
      expect(codes(r.findings, 'warning')).toEqual(sorted(exp.warnings));
      expect(r.valid).toBe(exp.valid);
      if (t.error) expect(r.findings.some((f) => f.code === t.error && f.severity === 'error')).toBe(true);
      for (const f of r.findings) expect(f.ref.length).toBeGreaterThan(0);
      // independent: node/OpenSSL signature and issuer checks on the same chain
      const nodeCerts = chain.map((d) => new crypto.X509Certificate(d));
      for (let i = 0; i + 1 < nodeCerts.length; i++) {
        const sigOk = nodeCerts[i]!.verify(nodeCerts[i + 1]!.publicKey);
        expect(r.findings.some((f) => f.certificate === i && f.code === 'signature-invalid')).toBe(!sigOk);
      }
      return;
    }
    if (t.result === 'invalid') {
      let err: unknown;
      try { certificateParse(der); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe(t.error);
      expect(typeof (err as SecurityError).offset).toBe('number');
      return;
    }
    const exp = t.expected as Record<string, unknown>;
    const c = certificateParse(der);
    const j = certificateJson(c);
    expect(j.subject).toBe(exp.subject);
    expect(j.issuer).toBe(exp.issuer);
    expect((j.serialNumber as string)).toBe(exp.serialNumber);
    expect(j.notBefore).toBe(exp.notBefore);
    expect(j.notAfter).toBe(exp.notAfter);
    expect(j.curve).toBe(exp.curve);
    expect(j.keyUsage).toBe(exp.keyUsage);
    expect(c.extensions.map((e) => e.oid + (e.critical ? '!' : ''))).toEqual(exp.extensions);
    if (exp.basicConstraints) expect(j.basicConstraints).toEqual(exp.basicConstraints);
    if (exp.subjectKeyIdentifier) expect(j.subjectKeyIdentifier).toBe(exp.subjectKeyIdentifier);
    if (exp.authorityKeyIdentifier) expect(j.authorityKeyIdentifier).toEqual(exp.authorityKeyIdentifier);
    // independent: node's view of the same certificate
    const n = new crypto.X509Certificate(der);
    expect(n.subject).toBe((exp.subject as string).replace(/^CN=/, 'CN='));
    expect(n.serialNumber).toBe(exp.serialNumber);
    expect(new Date(n.validTo).toISOString()).toBe(exp.notAfter);
    if (exp.subjectKeyIdentifier) {
      const spki = n.publicKey.export({ format: 'der', type: 'spki' });
      expect(X(crypto.createHash('sha1').update(spki.subarray(-65)).digest())).toBe(exp.subjectKeyIdentifier);
      expect(X(keyIdentifiers(c.publicKey).method1)).toBe(exp.subjectKeyIdentifier);
    }
  });
});

// ---- issued certificates: every role, and one defect at a time ----
const k1 = (b: number) => new Uint8Array(32).fill(b);
const nb = new Date('2024-01-01T00:00:00Z');
const na = new Date('2034-01-01T00:00:00Z');
const at = new Date('2025-06-01T00:00:00Z');
const ST = H('4D4D4D0000000001');

async function pki() {
  const root = await certificateIssue({ role: 'root-ca', suite: 1, subject: 'CN=Test Root', subjectPublicKey: eccPublicKey(1, k1(1)), selfPrivateKey: k1(1), serialNumber: '01', notBefore: nb, notAfter: na, pathLength: 1 });
  const sub = await certificateIssue({ role: 'sub-ca', suite: 1, subject: 'CN=Test Sub-CA', subjectPublicKey: eccPublicKey(1, k1(2)), issuer: { certificate: root, privateKey: k1(1) }, serialNumber: '02', notBefore: nb, notAfter: na, pathLength: 0 });
  return { root, sub };
}

describe('issued certificates per role', () => {
  it('root → sub-CA → end entity is clean for every end-entity role and node:crypto agrees', async () => {
    const { root, sub } = await pki();
    for (const role of ['digital-signature', 'key-agreement', 'tls'] as const) {
      const ee = await certificateIssue({ role, suite: 1, systemTitle: ST, subjectPublicKey: eccPublicKey(1, k1(3)), issuer: { certificate: sub, privateKey: k1(2) }, serialNumber: '03', notBefore: nb, notAfter: na });
      const r = certificateChainCheck([ee, sub, root], { at, suite: 1, leafRole: role, systemTitle: ST, trustAnchors: [root] });
      expect(r.findings).toEqual([]);
      expect(r.valid).toBe(true);
      const [n0, n1, n2] = [ee, sub, root].map((d) => new crypto.X509Certificate(d));
      expect(n0!.verify(n1!.publicKey) && n1!.verify(n2!.publicKey) && n2!.verify(n2!.publicKey)).toBe(true);
      expect(n0!.checkIssued(n1!) && n1!.checkIssued(n2!)).toBe(true);
      expect(n0!.subject).toBe('CN=4D4D4D0000000001');
    }
  });

  it('reports one named finding per defect', async () => {
    const { root, sub } = await pki();
    const ee = (o: Partial<Parameters<typeof certificateIssue>[0]>) => certificateIssue({ role: 'digital-signature', suite: 1, systemTitle: ST, subjectPublicKey: eccPublicKey(1, k1(3)), issuer: { certificate: sub, privateKey: k1(2) }, serialNumber: '03', notBefore: nb, notAfter: na, ...o });
    const errs = (r: ReturnType<typeof certificateChainCheck>) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.certificate}:${f.code}`);
    const check = async (leaf: Uint8Array, o: Partial<Parameters<typeof certificateChainCheck>[1]> = {}) => certificateChainCheck([leaf, sub, root], { at, suite: 1, ...o });
    expect(errs(await check(await ee({ keyUsage: x509.KeyUsageFlags.keyAgreement })))).toEqual(['0:key-usage-wrong']);
    expect(errs(await check(await ee({ notAfter: new Date('2025-01-01T00:00:00Z') })))).toEqual(['0:expired']);
    expect(errs(await check(await ee({ notBefore: new Date('2026-01-01T00:00:00Z') })))).toEqual(['0:not-yet-valid']);
    expect(errs(await check(await ee({ issuer: { certificate: sub, privateKey: k1(9) } })))).toEqual(['0:signature-invalid']);
    expect(errs(await check(await ee({}), { systemTitle: H('4D4D4D0000000002') }))).toEqual(['0:system-title-mismatch']);
    expect(errs(await check(await ee({ extraExtensions: [new x509.Extension('1.2.3.4', true, new Uint8Array([5, 0]))] })))).toEqual(['0:unknown-critical-extension']);
    expect(errs(await check(await ee({}), { trustAnchors: [sub] }))).toEqual(['2:untrusted-root']);
    expect(errs(await check(await ee({ subjectSuite: 2, subjectPublicKey: eccPublicKey(2, new Uint8Array(48).fill(4)) })))).toEqual(['0:curve-not-allowed', '0:issuer-curve-weaker']);
    // a third CA level below a sub-CA with pathLen 0
    const sub2 = await certificateIssue({ role: 'sub-ca', suite: 1, subject: 'CN=Deeper', subjectPublicKey: eccPublicKey(1, k1(5)), issuer: { certificate: sub, privateKey: k1(2) }, serialNumber: '05', notBefore: nb, notAfter: na });
    const leaf2 = await certificateIssue({ role: 'digital-signature', suite: 1, systemTitle: ST, subjectPublicKey: eccPublicKey(1, k1(6)), issuer: { certificate: sub2, privateKey: k1(5) }, serialNumber: '06', notBefore: nb, notAfter: na });
    // root pathLen 1 and sub-CA pathLen 0 with two CAs below the root: both constraints are exceeded
    expect(errs(certificateChainCheck([leaf2, sub2, sub, root], { at, suite: 1 }))).toEqual(['2:path-length-exceeded', '3:path-length-exceeded']);
    // an end entity presented as a CA
    expect(errs(certificateChainCheck([leaf2, await ee({}), root], { at, suite: 1 })).sort()).toContain('1:basic-constraints-missing');
  });

  it('single-certificate import check (KSMW §3.5.2.1) and CSR round trip', async () => {
    const { root, sub } = await pki();
    expect(certificateCheck(sub, 'sub-ca', root, { at, suite: 1 })).toEqual([]);
    expect(certificateCheck(root, 'root-ca', root, { at, suite: 1 })).toEqual([]);
    const csr = await certificateRequestCreate(1, k1(7), H('4B464D0005F5E101'));
    const v = await certificateRequestVerify(csr);
    expect(v.valid).toBe(true);
    expect(v.subject).toBe('CN=4B464D0005F5E101');
    expect(X(v.publicKey)).toBe(X(eccPublicKey(1, k1(7))));
    const n = crypto.createPublicKey({ key: Buffer.from(new x509.Pkcs10CertificateRequest(csr).publicKey.rawData), format: 'der', type: 'spki' });
    expect(n.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

describe('certificate parser robustness', () => {
  const golden = vectorRows(file).filter(([, t]) => t.result === 'valid' && t.hex).map(([, t]) => H(t.hex!));
  it('any mutation of a golden certificate parses or raises a CodecError (no other exception)', () => {
    fc.assert(fc.property(fc.constantFrom(...golden), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), fc.boolean(), (der, muts, truncate) => {
      const m = der.slice();
      for (const [pos, v] of muts) m[pos % m.length] = v;
      const input = truncate ? m.subarray(0, muts[0]![0] % m.length) : m;
      try {
        certificateParse(input);
        certificateChainCheck([input], { at, suite: 1 });
      } catch (e) {
        expect(e).toBeInstanceOf(CodecError);
      }
    }), fcOpts);
  });
});
