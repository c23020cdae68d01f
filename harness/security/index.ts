/**
 * # Security layer (harness/security)
 *
 * DLMS/COSEM cryptographic protection as the Green Book (DLMS UA 1000-2 Ed. 8.3 §9.2, IEC 62056-5-3)
 * defines it and KSMW §3.1/§3.5/§3.6/§11/§12 profiles it. Pure functions over `Uint8Array`; every failure
 * is a `SecurityError` (harness/codec/errors.ts) with a stable code and a byte offset, so callers can tell
 * a wrong key (`bad-tag`) from a wrong counter (`replay`) from a malformed envelope (`bad-length`).
 *
 * | module | what |
 * |---|---|
 * | suites.ts, security-control.ts | suites 0/1/2 (AES-GCM-128/-256, P-256/P-384, SHA-256/384); SC byte |
 * | gcm.ts | `protect` / `unprotect`: SC ‖ IC ‖ ciphertext ‖ 12-byte tag, the three protection modes |
 * | ciphering.ts, general.ts | glo-/ded- service APDUs, general-glo/ded-ciphering, general-ciphering, general-signing; `decipherApdu`, `cipheredEnvelopeDecode`, `cipherApdu` |
 * | keywrap.ts | AES key wrap (RFC 3394) for key_transfer and new HLS secrets |
 * | ecc.ts, kdf.ts | ECDSA (raw r ‖ s), ECDH, NIST SP 800-56A concatenation KDF, C(2e,0s) key_agreement, C(1e,1s), C(0e,2s) |
 * | hls.ts | HLS mechanisms 5 (GMAC), 6 (SHA-256), 7 (ECDSA): f(StoC) / f(CtoS), compute and verify |
 * | frame-counter.ts | invocation counters per key and direction: replay, exhaustion, persistence |
 * | x509/ | certificate parse, role/profile and chain checks with named findings, issuance and CSRs for simulators |
 *
 * Not here: M-Bus AES-CBC (harness/security/mbus, another module) and V.44 compression (SC bit 7 is
 * refused with `compression-unsupported`). Keys never appear in outputs or error messages.
 *
 * `cipheredEnvelopeDecode` output is described by `cipheredEnvelopeSchema` (decode-schema.json).
 */
import cipheredEnvelopeSchemaJson from './decode-schema.json' with { type: 'json' };

export const cipheredEnvelopeSchema: object = cipheredEnvelopeSchemaJson;

export { SecurityError, type SecurityErrorCode } from './errors.ts';
export { SUITES, TAG_LENGTH, SYSTEM_TITLE_LENGTH, IC_MAX, suiteParams, type SuiteId, type SuiteParams } from './suites.ts';
export { securityControlEncode, securityControlDecode, securityControlJson, protectionKind, type SecurityControl, type SecurityControlJson } from './security-control.ts';
export { protect, unprotect, aesGcmEncrypt, aesGcmDecrypt, aesGcmKeystreamXor, dlmsIv, constantTimeEqual, type ProtectParams, type UnprotectParams, type Unprotected, type RequiredProtection } from './gcm.ts';
export { decipherApdu, cipheredEnvelopeDecode, cipheredEnvelopeEncode, cipherApdu, cipheredKind, cipheredApduName, gloTagFor, dedTagFor, SERVICE_CIPHERED_TAGS, TAG_GENERAL_GLO_CIPHERING, TAG_GENERAL_DED_CIPHERING, type DecipherKeys, type Deciphered, type CipherApduParams } from './ciphering.ts';
export { generalCipheringEncode, generalCipheringDecode, generalSigningEncode, generalSigningDecode, generalSigningSign, generalSigningVerify, generalHeaderEncode, keyInfoEncode, TAG_GENERAL_CIPHERING, TAG_GENERAL_SIGNING, type GeneralHeader, type GeneralCiphering, type GeneralSigning, type KeyInfo } from './general.ts';
export { aesKeyWrap, aesKeyUnwrap } from './keywrap.ts';
export { ecdsaSign, ecdsaVerify, ecdsaCheck, ecdhSharedSecret, eccPublicKey, eccPublicKeyValid, eccKeyPair, eccCoordinateLength, type EccSuiteId } from './ecc.ts';
export { concatKdf, algorithmId, kdfOtherInfo, deriveAgreedKey, keyAgreementAlgorithm, keyAgreementDataSign, keyAgreementDataVerify, ephemeralUnifiedKey, onePassKeyOriginate, onePassKeyReceive, staticUnifiedKey, ALGORITHM_IDS, type AlgorithmName } from './kdf.ts';
export * from './hls.ts';
export * from './frame-counter.ts';
export { certificateParse, certificateJson, pemDecode, OID, KEY_USAGE, type ParsedCertificate } from './x509/certificate.ts';
export { certificateChainCheck, certificateCheck, keyIdentifiers, type CertificateRole, type CertificateFinding, type FindingCode, type CertificateCheckOptions, type ChainCheckResult } from './x509/checks.ts';
export { certificateIssue, certificateRequestCreate, certificateRequestVerify, type CertificateIssueParams } from './x509/issue.ts';
