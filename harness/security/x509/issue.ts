/**
 * Certificate issuance for simulators and test fixtures (not a CA product): builds certificates in the
 * DLMS profile (GB §9.2.6.4; KSMW §3.5.2) — subject CN = system title as 16 hex digits for end entities,
 * keyUsage critical per role, basicConstraints critical on CAs, SKI (method 1) and AKI keyIdentifier only
 * (no optional AKI fields, KSMW digest A-20) — signed with ECDSA via @peculiar/x509 over node WebCrypto.
 * Also builds PKCS #10 requests (generate_certificate_request, KSMW §3.5.2).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { bytesToHex } from '../../codec/bytes.ts';
import { eccCoordinateLength, eccPublicKey, type EccSuiteId } from '../ecc.ts';
import { fail } from '../errors.ts';
import { certificateParse, x509Provider } from './certificate.ts';
import { keyIdentifiers, type CertificateRole } from './checks.ts';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

function curveParams(suite: EccSuiteId) {
  return suite === 2 ? { namedCurve: 'P-384', hash: 'SHA-384' } : { namedCurve: 'P-256', hash: 'SHA-256' };
}

async function importPublic(suite: EccSuiteId, pub: Uint8Array): Promise<CryptoKeyLike> {
  const n = eccCoordinateLength(suite);
  if (pub.length !== 2 * n) fail('bad-public-key', 0, `public key must be ${2 * n} bytes x‖y`);
  const jwk = { kty: 'EC', crv: curveParams(suite).namedCurve, x: b64u(pub.subarray(0, n)), y: b64u(pub.subarray(n)), ext: true };
  return webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: curveParams(suite).namedCurve }, true, ['verify']);
}

async function importPrivate(suite: EccSuiteId, d: Uint8Array): Promise<CryptoKeyLike> {
  const n = eccCoordinateLength(suite);
  const pub = eccPublicKey(suite, d);
  const jwk = { kty: 'EC', crv: curveParams(suite).namedCurve, d: b64u(d), x: b64u(pub.subarray(0, n)), y: b64u(pub.subarray(n)), ext: true };
  return webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: curveParams(suite).namedCurve }, true, ['sign']);
}

type CryptoKeyLike = Awaited<ReturnType<typeof webcrypto.subtle.importKey>>;

const KU: Record<CertificateRole, number> = {
  'root-ca': x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
  'sub-ca': x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
  'digital-signature': x509.KeyUsageFlags.digitalSignature,
  'key-agreement': x509.KeyUsageFlags.keyAgreement,
  tls: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
};

export interface CertificateIssueParams {
  role: CertificateRole;
  /** Suite of the signing CA key and hash (1: P-256/SHA-256, 2: P-384/SHA-384). */
  suite: EccSuiteId;
  /** Subject key: raw x ‖ y on the subject's curve (defaults to the issuing suite's curve). */
  subjectPublicKey: Uint8Array;
  subjectSuite?: EccSuiteId;
  /** Subject DN (e.g. "CN=HES-CA"); end entities default to CN = system title hex. */
  subject?: string;
  systemTitle?: Uint8Array;
  /** Issuing CA; absent for a self-signed root, which then needs `selfPrivateKey`. */
  issuer?: { certificate: Uint8Array; privateKey: Uint8Array };
  selfPrivateKey?: Uint8Array;
  /** Positive serial as hex (≤ 20 octets). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  pathLength?: number;
  /** Extra extensions for negative fixtures (e.g. an optional or unknown critical extension). */
  extraExtensions?: x509.Extension[];
  /** Override the key usage bits (negative fixtures). */
  keyUsage?: number;
}

/** Issues a DER certificate. */
export async function certificateIssue(p: CertificateIssueParams): Promise<Uint8Array> {
  x509Provider();
  const subjectSuite = p.subjectSuite ?? p.suite;
  const subject = p.subject ?? (p.systemTitle ? `CN=${bytesToHex(p.systemTitle)}` : undefined);
  if (!subject) fail('bad-certificate', 0, 'certificate needs a subject or a system title');
  const signingKey = p.issuer ? await importPrivate(p.suite, p.issuer.privateKey) : p.selfPrivateKey ? await importPrivate(p.suite, p.selfPrivateKey) : fail('bad-private-key', 0, 'self-signed certificate needs selfPrivateKey');
  const publicKey = await importPublic(subjectSuite, p.subjectPublicKey);
  const point = new Uint8Array([4, ...p.subjectPublicKey]);
  const extensions: x509.Extension[] = [];
  const ca = p.role === 'root-ca' || p.role === 'sub-ca';
  if (ca) extensions.push(new x509.BasicConstraintsExtension(true, p.pathLength, true));
  extensions.push(new x509.KeyUsagesExtension(p.keyUsage ?? KU[p.role], true));
  extensions.push(new x509.SubjectKeyIdentifierExtension(bytesToHex(keyIdentifiers(point).method1)));
  let issuerName = subject;
  if (p.issuer) {
    const ic = certificateParse(p.issuer.certificate);
    issuerName = ic.subjectText;
    const id = ic.subjectKeyId ?? keyIdentifiers(ic.publicKey).method1;
    extensions.push(new x509.AuthorityKeyIdentifierExtension(bytesToHex(id)));
  }
  if (p.role === 'tls') extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]));
  extensions.push(...(p.extraExtensions ?? []));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: p.serialNumber, subject, issuer: issuerName, notBefore: p.notBefore, notAfter: p.notAfter,
    signingAlgorithm: { name: 'ECDSA', hash: curveParams(p.suite).hash }, publicKey, signingKey, extensions,
  });
  return new Uint8Array(cert.rawData);
}

/** PKCS #10 request signed with the new key (proof of possession), subject CN = system title. */
export async function certificateRequestCreate(suite: EccSuiteId, privateKey: Uint8Array, systemTitle: Uint8Array): Promise<Uint8Array> {
  x509Provider();
  const pub = eccPublicKey(suite, privateKey);
  const keys = { privateKey: await importPrivate(suite, privateKey), publicKey: await importPublic(suite, pub) };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${bytesToHex(systemTitle)}`, keys, signingAlgorithm: { name: 'ECDSA', hash: curveParams(suite).hash },
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return new Uint8Array(csr.rawData);
}

/** Verifies a PKCS #10 request's self-signature and returns its subject and raw public key. */
export async function certificateRequestVerify(der: Uint8Array): Promise<{ subject: string; publicKey: Uint8Array; valid: boolean }> {
  x509Provider();
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch (e) {
    return fail('bad-certificate', 0, `PKCS #10 request does not parse (${(e as Error).message.slice(0, 80)})`);
  }
  const spki = new Uint8Array(csr.publicKey.rawData);
  // The uncompressed point is the tail of the SPKI: 04 ‖ x ‖ y.
  const n = spki.length >= 120 ? 48 : 32;
  return { subject: csr.subject, publicKey: spki.slice(spki.length - 2 * n), valid: await csr.verify() };
}
