/**
 * Certificate parsing for the DLMS/COSEM X.509 v3 profile (GB §9.2.6.4; KSMW §3.5.2): @peculiar/x509
 * parses and renders the certificate; der.ts extracts the byte strings the checks compare (TBS, names,
 * key identifiers, the public key point, authorityCertIssuer/serial of the AKI, SAN hwSerialNum).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { bytesToHex } from '../../codec/bytes.ts';
import { fail, SecurityError } from '../errors.ts';
import { derBytes, derChildren, derRead, derValue, expectTag, oidDecode, type Tlv } from './der.ts';

let providerSet = false;
/** @peculiar/x509 needs a WebCrypto provider; node's is used (set once, lazily). */
export function x509Provider(): void {
  if (!providerSet) {
    (x509.cryptoProvider.set as (c: unknown) => unknown).call(x509.cryptoProvider, webcrypto);
    providerSet = true;
  }
}

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
} as const;

/** RFC 5280 KeyUsage bits as @peculiar/x509 numbers them. */
export const KEY_USAGE = { digitalSignature: 1, nonRepudiation: 2, keyEncipherment: 4, dataEncipherment: 8, keyAgreement: 16, keyCertSign: 32, cRLSign: 64, encipherOnly: 128, decipherOnly: 256 } as const;

export interface ParsedExtension { oid: string; critical: boolean; value: Uint8Array }

export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  serialNumber: Uint8Array;
  signatureAlgorithm: string;
  tbsSignatureAlgorithm: string;
  /** DER ECDSA-Sig-Value (the BIT STRING content after its unused-bits byte). */
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  issuerText: string;
  subjectText: string;
  notBefore: Date;
  notAfter: Date;
  publicKeyAlgorithm: string;
  /** Named curve OID (P-256 / P-384 or anything else found). */
  curveOid?: string;
  /** subjectPublicKey BIT STRING value (04 ‖ x ‖ y for EC keys). */
  publicKey: Uint8Array;
  extensions: ParsedExtension[];
  keyUsage?: number;
  basicConstraints?: { ca: boolean; pathLength?: number };
  subjectKeyId?: Uint8Array;
  authorityKeyId?: { keyId?: Uint8Array; issuer?: Uint8Array; serial?: Uint8Array };
  /** System title from SAN otherName hardwareModuleName hwSerialNum, or from a 16-hex-digit subject CN. */
  systemTitle?: Uint8Array;
}

function bitStringValue(b: Uint8Array, t: Tlv, what: string): Uint8Array {
  expectTag(t, 0x03, what);
  if (t.end - t.valueStart < 1 || b[t.valueStart] !== 0) fail('bad-certificate', t.start, `${what}: BIT STRING with unused bits`);
  return b.subarray(t.valueStart + 1, t.end);
}

function algOid(b: Uint8Array, t: Tlv | undefined, what: string): { oid: string; params?: Tlv } {
  const seq = expectTag(t, 0x30, what);
  const kids = derChildren(b, seq);
  const oid = expectTag(kids[0], 0x06, `${what} algorithm`);
  return { oid: oidDecode(derValue(b, oid)), ...(kids[1] ? { params: kids[1] } : {}) };
}

function akiParse(v: Uint8Array): ParsedCertificate['authorityKeyId'] {
  const seq = expectTag(derRead(v, 0), 0x30, 'AuthorityKeyIdentifier');
  const out: NonNullable<ParsedCertificate['authorityKeyId']> = {};
  for (const k of derChildren(v, seq)) {
    if (k.tag === 0x80) out.keyId = derValue(v, k);
    else if (k.tag === 0xa1) {
      // GeneralNames; directoryName [4] EXPLICIT Name
      const dn = derChildren(v, k).find((g) => g.tag === 0xa4);
      if (dn) out.issuer = derBytes(v, expectTag(derChildren(v, dn)[0], 0x30, 'authorityCertIssuer Name'));
    } else if (k.tag === 0x82) out.serial = derValue(v, k);
  }
  return out;
}

function sanSystemTitle(v: Uint8Array): Uint8Array | undefined {
  const seq = expectTag(derRead(v, 0), 0x30, 'SubjectAltName');
  for (const g of derChildren(v, seq)) {
    if (g.tag !== 0xa0) continue; // otherName
    const [typeId, value] = derChildren(v, g);
    if (!typeId || typeId.tag !== 0x06 || oidDecode(derValue(v, typeId)) !== OID.hardwareModuleName || !value) continue;
    const hmn = derChildren(v, value)[0];
    if (!hmn || hmn.tag !== 0x30) continue;
    const serial = derChildren(v, hmn)[1];
    if (serial?.tag === 0x04) return derValue(v, serial).slice();
  }
  return undefined;
}

/** Parses one DER certificate (use pemDecode for PEM); anything malformed is `bad-certificate` with an offset. */
export function certificateParse(input: Uint8Array): ParsedCertificate {
  x509Provider();
  const der = input;
  const top = derRead(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) fail('bad-certificate', top.end, 'certificate is not one DER SEQUENCE');
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(der);
  } catch (e) {
    return fail('bad-certificate', 0, `X.509 structure does not parse (${(e as Error).message.slice(0, 80)})`);
  }
  const [tbsT, algT, sigT] = derChildren(der, top);
  const tbsSeq = expectTag(tbsT, 0x30, 'tbsCertificate');
  const tbsKids = derChildren(der, tbsSeq);
  let i = 0;
  let version = 1;
  if (tbsKids[0]?.tag === 0xa0) {
    const v = expectTag(derChildren(der, tbsKids[0])[0], 0x02, 'version');
    version = der[v.end - 1]! + 1;
    i = 1;
  }
  const serialT = expectTag(tbsKids[i], 0x02, 'serialNumber');
  const tbsAlg = algOid(der, tbsKids[i + 1], 'signature');
  const issuerT = expectTag(tbsKids[i + 2], 0x30, 'issuer');
  const subjectT = expectTag(tbsKids[i + 4], 0x30, 'subject');
  const spkiT = expectTag(tbsKids[i + 5], 0x30, 'subjectPublicKeyInfo');
  const [spkiAlgT, spkiKeyT] = derChildren(der, spkiT);
  const spkiAlg = algOid(der, spkiAlgT, 'subjectPublicKeyInfo');
  const extensions: ParsedExtension[] = [];
  const extWrap = tbsKids.find((k) => k.tag === 0xa3);
  if (extWrap) {
    for (const e of derChildren(der, expectTag(derChildren(der, extWrap)[0], 0x30, 'extensions'))) {
      const parts = derChildren(der, e);
      const oid = oidDecode(derValue(der, expectTag(parts[0], 0x06, 'extnID')));
      const critical = parts.length === 3 && parts[1]!.tag === 0x01 && der[parts[1]!.valueStart] !== 0;
      extensions.push({ oid, critical, value: derValue(der, expectTag(parts[parts.length - 1], 0x04, 'extnValue')) });
    }
  }
  const out: ParsedCertificate = {
    der, tbs: derBytes(der, tbsSeq), version, serialNumber: derValue(der, serialT),
    signatureAlgorithm: algOid(der, algT, 'signatureAlgorithm').oid, tbsSignatureAlgorithm: tbsAlg.oid,
    signature: bitStringValue(der, expectTag(sigT, 0x03, 'signatureValue'), 'signatureValue'),
    issuer: derBytes(der, issuerT), subject: derBytes(der, subjectT), issuerText: cert.issuer, subjectText: cert.subject,
    notBefore: cert.notBefore, notAfter: cert.notAfter,
    publicKeyAlgorithm: spkiAlg.oid, publicKey: bitStringValue(der, expectTag(spkiKeyT, 0x03, 'subjectPublicKey'), 'subjectPublicKey'),
    extensions,
  };
  if (spkiAlg.params?.tag === 0x06) out.curveOid = oidDecode(derValue(der, spkiAlg.params));
  try {
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    if (ku) out.keyUsage = ku.usages;
    const bc = cert.getExtension(x509.BasicConstraintsExtension);
    if (bc) out.basicConstraints = { ca: bc.ca, ...(bc.pathLength !== undefined ? { pathLength: bc.pathLength } : {}) };
    const ski = extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
    if (ski) out.subjectKeyId = derValue(ski.value, expectTag(derRead(ski.value, 0), 0x04, 'SubjectKeyIdentifier'));
    const aki = extensions.find((e) => e.oid === OID.authorityKeyIdentifier);
    if (aki) out.authorityKeyId = akiParse(aki.value);
    const san = extensions.find((e) => e.oid === OID.subjectAltName);
    const st = san ? sanSystemTitle(san.value) : undefined;
    const cn = /(?:^|,\s*)CN=([0-9A-Fa-f]{16})(?:,|$)/.exec(cert.subject)?.[1];
    if (st) out.systemTitle = st;
    else if (cn) out.systemTitle = Uint8Array.from(Buffer.from(cn, 'hex'));
  } catch (e) {
    if (e instanceof SecurityError) throw e;
    return fail('bad-certificate', 0, `certificate extension does not parse (${(e as Error).message.slice(0, 80)})`);
  }
  return out;
}

/** Strict PEM → DER: one CERTIFICATE block, base64 alphabet, length a multiple of 4 (RFC 7468 §3). */
export function pemDecode(text: string): Uint8Array {
  const begin = text.indexOf('-----BEGIN CERTIFICATE-----');
  const end = text.indexOf('-----END CERTIFICATE-----');
  if (begin < 0 || end < begin) fail('bad-pem', Math.max(begin, 0), 'no CERTIFICATE block');
  const bodyStart = begin + '-----BEGIN CERTIFICATE-----'.length;
  let b64 = '';
  for (let i = bodyStart; i < end; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) continue;
    if (!/[A-Za-z0-9+/=]/.test(ch)) fail('bad-pem', i, `character ${JSON.stringify(ch)} is not base64`);
    b64 += ch;
  }
  if (b64.length % 4 !== 0) fail('bad-pem', end, `base64 body has ${b64.length} characters, not a multiple of 4`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) fail('bad-pem', bodyStart, 'padding inside the base64 body');
  return Uint8Array.from(Buffer.from(b64, 'base64'));
}

/** A JSON-ready view (for reports and the decode CLI). */
export function certificateJson(c: ParsedCertificate): Record<string, unknown> {
  return {
    version: c.version, serialNumber: bytesToHex(c.serialNumber), signatureAlgorithm: c.signatureAlgorithm,
    issuer: c.issuerText, subject: c.subjectText, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
    curve: c.curveOid === OID.p256 ? 'P-256' : c.curveOid === OID.p384 ? 'P-384' : c.curveOid,
    extensions: c.extensions.map((e) => ({ oid: e.oid, critical: e.critical })),
    ...(c.keyUsage !== undefined ? { keyUsage: c.keyUsage } : {}),
    ...(c.basicConstraints ? { basicConstraints: c.basicConstraints } : {}),
    ...(c.subjectKeyId ? { subjectKeyIdentifier: bytesToHex(c.subjectKeyId) } : {}),
    ...(c.authorityKeyId ? { authorityKeyIdentifier: { ...(c.authorityKeyId.keyId ? { keyIdentifier: bytesToHex(c.authorityKeyId.keyId) } : {}), ...(c.authorityKeyId.serial ? { authorityCertSerialNumber: bytesToHex(c.authorityKeyId.serial) } : {}), ...(c.authorityKeyId.issuer ? { authorityCertIssuer: true } : {}) } } : {}),
    ...(c.systemTitle ? { systemTitle: bytesToHex(c.systemTitle) } : {}),
  };
}
