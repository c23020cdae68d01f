/**
 * Certificate checks for the roles KSMW §3.5.2 and the Green Book (§9.2.6.3–§9.2.6.5) define: Root-CA
 * (trust anchor), Sub-CA (e.g. the HES-CA), and end-entity digital-signature, key-agreement and TLS
 * certificates of DLMS servers and clients. Instead of a yes/no, every deviation becomes a named finding,
 * so that a chain with a defect — such as the KSMW §12 example chain (client AKI names the wrong
 * authorityCertIssuer, root pathLenConstraint 0 above a Sub-CA) — is reported, not accepted.
 *
 * `error` findings break the chain (valid = false); `warning` findings are deviations a strict meter may
 * refuse (KSMW §3.5.2: optional fields "may be rejected") but a lenient one accepts.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesEqual, bytesToHex } from '../../codec/bytes.ts';
import { ecdsaVerifyDer } from '../ecc.ts';
import { certificateParse, KEY_USAGE, OID, type ParsedCertificate } from './certificate.ts';

export type CertificateRole = 'root-ca' | 'sub-ca' | 'digital-signature' | 'key-agreement' | 'tls';

export type FindingCode =
  | 'version-not-v3' | 'serial-invalid' | 'signature-algorithm-inconsistent' | 'signature-algorithm-not-allowed'
  | 'curve-not-allowed' | 'issuer-curve-weaker' | 'not-yet-valid' | 'expired'
  | 'key-usage-missing' | 'key-usage-not-critical' | 'key-usage-wrong' | 'key-usage-extra'
  | 'basic-constraints-missing' | 'basic-constraints-not-critical' | 'ca-flag-missing' | 'end-entity-is-ca' | 'basic-constraints-on-end-entity'
  | 'path-length-exceeded' | 'extended-key-usage-missing'
  | 'issuer-name-mismatch' | 'root-not-self-issued' | 'signature-invalid' | 'untrusted-root'
  | 'aki-missing' | 'aki-keyid-mismatch' | 'aki-issuer-mismatch' | 'aki-serial-mismatch' | 'aki-optional-fields'
  | 'ski-missing' | 'ski-mismatch' | 'unknown-critical-extension' | 'optional-extension'
  | 'no-system-title' | 'system-title-mismatch' | 'san-not-critical';

export interface CertificateFinding {
  code: FindingCode;
  severity: 'error' | 'warning';
  /** Index in the chain (0 = end entity). */
  certificate: number;
  subject: string;
  message: string;
  ref: string;
}

export interface CertificateCheckOptions {
  /** Verification time (the virtual clock; KSMW example certificates expired in 2020). */
  at: Date;
  /** Security suite of the context: 1 → P-256/SHA-256 only, 2 → P-384/SHA-384 (P-256 keys under a P-384 CA). */
  suite?: 1 | 2;
  /** Role of the end entity (default digital-signature: the only end-entity type KSMW uses, §3.5.2). */
  leafRole?: CertificateRole;
  /** Expected system title of the end entity (e.g. the calling-AP-title). */
  systemTitle?: Uint8Array;
  /** Trust anchors (DER). When given, the chain's last certificate must be one of them. */
  trustAnchors?: Uint8Array[];
}

const REQUIRED_KU: Record<CertificateRole, number> = {
  'root-ca': KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
  'sub-ca': KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
  'digital-signature': KEY_USAGE.digitalSignature,
  'key-agreement': KEY_USAGE.keyAgreement,
  tls: KEY_USAGE.digitalSignature | KEY_USAGE.keyAgreement,
};

/** Extensions each role uses without a finding (GB Table 28 as reproduced in the KSMW digest §3.2 — verify). */
const EXPECTED_EXT: Record<CertificateRole, string[]> = {
  'root-ca': [OID.keyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier],
  'sub-ca': [OID.keyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.certificatePolicies],
  'digital-signature': [OID.keyUsage, OID.authorityKeyIdentifier, OID.subjectKeyIdentifier, OID.subjectAltName],
  'key-agreement': [OID.keyUsage, OID.authorityKeyIdentifier, OID.subjectKeyIdentifier, OID.subjectAltName],
  tls: [OID.keyUsage, OID.authorityKeyIdentifier, OID.subjectKeyIdentifier, OID.subjectAltName, OID.extKeyUsage, OID.certificatePolicies],
};

const KNOWN_EXT = new Set<string>([OID.keyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.certificatePolicies,
  OID.subjectAltName, OID.issuerAltName, OID.extKeyUsage, OID.crlDistributionPoints]);

/** RFC 5280 §4.2.1.2 key identifiers: method 1 (SHA-1 of the key) and method 2 (0100 ‖ low 60 bits). */
export function keyIdentifiers(publicKey: Uint8Array): { method1: Uint8Array; method2: Uint8Array } {
  const h = sha1(publicKey);
  const m2 = h.slice(12);
  m2[0] = 0x40 | (m2[0]! & 0x0f);
  return { method1: h, method2: m2 };
}

const isCa = (r: CertificateRole) => r === 'root-ca' || r === 'sub-ca';
const curveName = (oid?: string) => (oid === OID.p256 ? 'P-256' : oid === OID.p384 ? 'P-384' : undefined);

/** Checks one certificate against its issuer (itself for a root) and its role. */
function checkOne(c: ParsedCertificate, issuer: ParsedCertificate, role: CertificateRole, idx: number, caBelow: number, o: CertificateCheckOptions): CertificateFinding[] {
  const out: CertificateFinding[] = [];
  const add = (code: FindingCode, severity: 'error' | 'warning', message: string, ref: string) => out.push({ code, severity, certificate: idx, subject: c.subjectText, message, ref });
  if (c.version !== 3) add('version-not-v3', 'error', `version ${c.version}, DLMS needs X.509 v3`, 'GB §9.2.6.4 Table 24');
  if (c.serialNumber.length === 0 || c.serialNumber.length > 21 || (c.serialNumber[0]! & 0x80) !== 0 || (c.serialNumber.length === 21 && c.serialNumber[0] !== 0)) {
    add('serial-invalid', 'error', 'serial number must be a positive integer of at most 20 octets', 'GB Table 24; RFC 5280 §4.1.2.2');
  }
  if (c.tbsSignatureAlgorithm !== c.signatureAlgorithm) add('signature-algorithm-inconsistent', 'error', 'tbsCertificate.signature differs from signatureAlgorithm', 'RFC 5280 §4.1.2.3');
  const wantSig = o.suite === 2 ? OID.ecdsaSha384 : o.suite === 1 ? OID.ecdsaSha256 : undefined;
  if (wantSig ? c.signatureAlgorithm !== wantSig : c.signatureAlgorithm !== OID.ecdsaSha256 && c.signatureAlgorithm !== OID.ecdsaSha384) {
    add('signature-algorithm-not-allowed', 'error', `signature algorithm ${c.signatureAlgorithm} is not the suite's ECDSA`, 'GB §9.2.6.4 Table 23');
  }
  const curve = curveName(c.curveOid);
  const issuerCurve = curveName(issuer.curveOid);
  const curveOk = c.publicKeyAlgorithm === OID.ecPublicKey && curve !== undefined &&
    (o.suite === 1 ? curve === 'P-256' : o.suite === 2 ? curve === 'P-384' || (role !== 'root-ca' && issuerCurve === 'P-384') : true);
  if (!curveOk) add('curve-not-allowed', 'error', `public key ${curve ?? c.curveOid ?? c.publicKeyAlgorithm} is not allowed in suite ${o.suite ?? '1/2'}`, 'GB §9.2.6.5 Table 33; KSMW §3.5.2');
  if (curve === 'P-384' && issuerCurve === 'P-256') add('issuer-curve-weaker', 'error', 'a P-384 key must be certified by a P-384 CA key', 'GB §9.2.6.5');
  if (o.at < c.notBefore) add('not-yet-valid', 'error', `not valid before ${c.notBefore.toISOString()}`, 'GB §9.2.6.3.2');
  if (o.at > c.notAfter) add('expired', 'error', `expired ${c.notAfter.toISOString()}`, 'GB §9.2.6.3.2');
  // Key usage: mandatory and critical in every role (GB §9.2.6.4.4.4 Table 29).
  const ku = c.extensions.find((e) => e.oid === OID.keyUsage);
  if (!ku || c.keyUsage === undefined) add('key-usage-missing', 'error', 'keyUsage extension missing', 'GB Table 28/29');
  else {
    if (!ku.critical) add('key-usage-not-critical', 'error', 'keyUsage must be critical', 'GB §9.2.6.4.4.4');
    const need = REQUIRED_KU[role];
    if ((c.keyUsage & need) !== need) add('key-usage-wrong', 'error', `role ${role} needs keyUsage 0x${need.toString(16)}, has 0x${c.keyUsage.toString(16)}`, 'GB Table 29');
    else if (c.keyUsage !== need) add('key-usage-extra', 'warning', `keyUsage has bits beyond those of role ${role}`, 'GB Table 29');
  }
  // Basic constraints: CA certificates only (GB Table 28); path length per RFC 5280 §4.2.1.9.
  const bc = c.extensions.find((e) => e.oid === OID.basicConstraints);
  if (isCa(role)) {
    if (!bc || !c.basicConstraints) add('basic-constraints-missing', 'error', 'CA certificate without basicConstraints', 'GB Table 28; RFC 5280 §4.2.1.9');
    else {
      if (!bc.critical) add('basic-constraints-not-critical', 'warning', 'basicConstraints of a CA should be critical', 'RFC 5280 §4.2.1.9');
      if (!c.basicConstraints.ca) add('ca-flag-missing', 'error', 'basicConstraints cA is false on a CA certificate', 'RFC 5280 §4.2.1.9');
      const pl = c.basicConstraints.pathLength;
      if (pl !== undefined && caBelow > pl) {
        add('path-length-exceeded', 'error', `pathLenConstraint ${pl} but ${caBelow} CA certificate(s) below it in the chain${role === 'root-ca' ? ' (a trust anchor\'s constraint is enforced by OpenSSL/mbedTLS-style verifiers)' : ''}`, 'RFC 5280 §4.2.1.9, §6.1.4; KSMW digest §3.4');
      }
    }
  } else if (c.basicConstraints) {
    if (c.basicConstraints.ca) add('end-entity-is-ca', 'error', 'end-entity certificate claims cA', 'GB Table 28');
    else add('basic-constraints-on-end-entity', 'warning', 'basicConstraints is not used on end entities', 'GB Table 28');
  }
  if (role === 'tls' && !c.extensions.some((e) => e.oid === OID.extKeyUsage)) add('extended-key-usage-missing', 'error', 'TLS certificate without extendedKeyUsage', 'GB Table 28');
  // Names and signature.
  if (role === 'root-ca' && !bytesEqual(c.issuer, c.subject)) add('root-not-self-issued', 'error', 'root certificate is not self-issued', 'KSMW §3.5.2; GB §9.2.6.3.3');
  if (!bytesEqual(c.issuer, issuer.subject)) add('issuer-name-mismatch', 'error', `issuer "${c.issuerText}" is not the subject of the next certificate ("${issuer.subjectText}")`, 'RFC 5280 §6.1.3 (a)(4)');
  const issuerCurveName = curveName(issuer.curveOid);
  const hash = c.signatureAlgorithm === OID.ecdsaSha384 ? 'sha384' : 'sha256';
  let sigOk = false;
  try {
    sigOk = issuerCurveName !== undefined && ecdsaVerifyDer(issuerCurveName, hash, issuer.publicKey, c.tbs, c.signature);
  } catch {
    sigOk = false; // a malformed issuer key is reported as a signature that does not verify
  }
  if (!sigOk) {
    add('signature-invalid', 'error', role === 'root-ca' ? 'self-signature does not verify' : 'signature does not verify with the issuer key', 'GB §9.2.6.3.2; KSMW §3.5.2.1');
  }
  // Key identifiers (RFC 5280 §4.2.1.1/§4.2.1.2; GB §9.2.6.4.4.1/.2: method 1 or 2).
  const own = keyIdentifiers(c.publicKey);
  const ski = c.subjectKeyId;
  if (isCa(role) && !ski) add('ski-missing', 'error', 'CA certificate without subjectKeyIdentifier', 'RFC 5280 §4.2.1.2; KSMW digest §3.2');
  if (ski && !bytesEqual(ski, own.method1) && !bytesEqual(ski, own.method2)) add('ski-mismatch', 'error', 'subjectKeyIdentifier is neither method 1 nor method 2 of the key', 'GB §9.2.6.4.4.2');
  const aki = c.authorityKeyId;
  if (role !== 'root-ca' && !aki) add('aki-missing', 'error', 'authorityKeyIdentifier missing', 'RFC 5280 §4.2.1.1; KSMW digest §3.2');
  if (aki) {
    const iss = keyIdentifiers(issuer.publicKey);
    const issuerIds = [iss.method1, iss.method2, ...(issuer.subjectKeyId ? [issuer.subjectKeyId] : [])];
    if (aki.keyId && !issuerIds.some((k) => bytesEqual(k, aki.keyId!))) add('aki-keyid-mismatch', 'error', `AKI keyIdentifier ${bytesToHex(aki.keyId)} does not identify the issuer key`, 'RFC 5280 §4.2.1.1');
    if (aki.issuer && !bytesEqual(aki.issuer, issuer.issuer)) add('aki-issuer-mismatch', 'error', `AKI authorityCertIssuer must name the issuer of the issuing CA's certificate ("${issuer.issuerText}")`, 'RFC 5280 §4.2.1.1; KSMW digest §3.4');
    if (aki.serial && !bytesEqual(aki.serial, issuer.serialNumber)) add('aki-serial-mismatch', 'error', `AKI authorityCertSerialNumber ${bytesToHex(aki.serial)} is not the issuer certificate's serial ${bytesToHex(issuer.serialNumber)}`, 'RFC 5280 §4.2.1.1');
    if (aki.issuer || aki.serial) add('aki-optional-fields', 'warning', 'AKI carries the optional authorityCertIssuer/serial fields', 'KSMW §3.5.2 (optional fields may be rejected)');
  }
  for (const e of c.extensions) {
    if (e.critical && !KNOWN_EXT.has(e.oid)) add('unknown-critical-extension', 'error', `critical extension ${e.oid} is not recognised`, 'GB §9.2.6.4.1; RFC 5280 §4.2');
    else if (!EXPECTED_EXT[role].includes(e.oid)) add('optional-extension', 'warning', `extension ${e.oid} is optional for role ${role}`, 'KSMW §3.5.2 (only mandatory fields)');
  }
  if (!isCa(role)) {
    const san = c.extensions.find((e) => e.oid === OID.subjectAltName);
    const emptySubject = c.subject.length <= 2;
    if (emptySubject && san && !san.critical) add('san-not-critical', 'error', 'subject is empty, so subjectAltName must be critical', 'GB §9.2.6.4.4.6');
    if (!c.systemTitle) add('no-system-title', 'warning', 'neither SAN hwSerialNum nor a 16-hex-digit CN gives a system title', 'GB §9.2.6.4.4.6; KSMW digest A-20');
    else if (o.systemTitle && !bytesEqual(c.systemTitle, o.systemTitle)) add('system-title-mismatch', 'error', `certificate system title ${bytesToHex(c.systemTitle)} is not the expected ${bytesToHex(o.systemTitle)}`, 'GB §9.2.6.4.4.6');
  }
  return out;
}

export interface ChainCheckResult {
  valid: boolean;
  findings: CertificateFinding[];
  certificates: ParsedCertificate[];
}

/**
 * Checks a chain given end entity first and trust anchor last ([leaf, sub-CA…, root]); a single
 * certificate is checked as a self-signed root. Parse errors throw SecurityError (`bad-certificate`).
 */
export function certificateChainCheck(chain: Uint8Array[], o: CertificateCheckOptions): ChainCheckResult {
  const certs = chain.map((d) => certificateParse(d));
  const n = certs.length;
  const findings: CertificateFinding[] = [];
  for (let i = 0; i < n; i++) {
    const role: CertificateRole = i === n - 1 ? 'root-ca' : i === 0 ? (o.leafRole ?? 'digital-signature') : 'sub-ca';
    // CA certificates below index i: everything between i and the leaf (the leaf itself is an end entity).
    const caBelow = Math.max(0, i - 1);
    findings.push(...checkOne(certs[i]!, certs[Math.min(i + 1, n - 1)]!, role, i, caBelow, o));
  }
  if (o.trustAnchors && n > 0 && !o.trustAnchors.some((t) => bytesEqual(t, certs[n - 1]!.der))) {
    findings.push({ code: 'untrusted-root', severity: 'error', certificate: n - 1, subject: certs[n - 1]!.subjectText, message: 'the chain does not end at a configured trust anchor', ref: 'GB §9.2.6.6.2; KSMW §3.5.2' });
  }
  return { valid: !findings.some((f) => f.severity === 'error'), findings, certificates: certs };
}

/** Checks a single certificate in its role against a known issuer certificate (e.g. at import, KSMW §3.5.2.1). */
export function certificateCheck(der: Uint8Array, role: CertificateRole, issuerDer: Uint8Array, o: CertificateCheckOptions): CertificateFinding[] {
  const c = certificateParse(der);
  return checkOne(c, role === 'root-ca' ? c : certificateParse(issuerDer), role, 0, 0, o);
}
