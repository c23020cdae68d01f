/**
 * Key derivation and key agreement (GB §9.2.3.4.6; NIST SP 800-56A Rev. 2 §5.8.1.1 concatenation KDF):
 *
 *   K = H(00000001 ‖ Z ‖ OtherInfo) truncated to keydatalen (128 bit suite 1, 256 bit suite 2),
 *   OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo (SuppPubInfo/SuppPrivInfo not used in DLMS).
 *
 * AlgorithmID is the value of the COSEM cryptographic algorithm OID 2.16.756.5.8.3.x (7 bytes 60 85 74 05
 * 08 03 x); PartyUInfo = ID_U (system title of U, plus Datalen ‖ transaction-id as Nonce_U for C(0e,2s));
 * PartyVInfo = ID_V. Checked against the Green Book Annex C.2 example (vectors/ecc.json).
 *
 * Schemes: C(2e,0s) ephemeral unified — the key_agreement method of IC 64, client = U, server = V (KSMW
 * §3.5.3.2); C(1e,1s) one-pass DH and C(0e,2s) static unified — the agreed-key choice of general-ciphering
 * (originator = U, recipient = V). KSMW puts agreed-key general-ciphering out of scope (§3.3.1) but the
 * primitives are here for the simulator and fuzzer.
 */
import { concatBytes } from '../codec/bytes.ts';
import { ecdhSharedSecret, ecdsaCheck, ecdsaSign, eccCoordinateLength, eccPublicKey, hashFor, type EccSuiteId } from './ecc.ts';
import { fail } from './errors.ts';
import { SYSTEM_TITLE_LENGTH, eccSuite } from './suites.ts';

/** COSEM cryptographic algorithm ids (GB §9.4.2.2.4 / Table 18): arc 2.16.756.5.8.3.x. */
export const ALGORITHM_IDS = { 'aes-gcm-128': 0, 'aes-gcm-256': 1, 'aes-wrap-128': 2, 'aes-wrap-256': 3 } as const;
export type AlgorithmName = keyof typeof ALGORITHM_IDS;

/** DER contents of the OID (what enters OtherInfo): 2×40+16 = 0x60, 756 = 0x85 0x74, 5, 8, 3, x. */
export function algorithmId(name: AlgorithmName): Uint8Array {
  return new Uint8Array([0x60, 0x85, 0x74, 0x05, 0x08, 0x03, ALGORITHM_IDS[name]]);
}

/** NIST SP 800-56A concatenation KDF with the suite's hash (SHA-256 suite 1, SHA-384 suite 2). */
export function concatKdf(suite: EccSuiteId, z: Uint8Array, otherInfo: Uint8Array, keyLength: number): Uint8Array {
  const s = eccSuite(suite);
  if (!Number.isInteger(keyLength) || keyLength < 1 || keyLength > 255 * 48) fail('bad-kdf-length', 0, `KDF output length ${keyLength} out of range`);
  const hash = hashFor(s.hash);
  const out = new Uint8Array(keyLength);
  for (let counter = 1, off = 0; off < keyLength; counter++) {
    const block = hash(concatBytes(new Uint8Array([counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff]), z, otherInfo));
    out.set(block.subarray(0, Math.min(block.length, keyLength - off)), off);
    off += block.length;
  }
  return out;
}

function checkTitle(t: Uint8Array, what: string): void {
  if (t.length !== SYSTEM_TITLE_LENGTH) fail('bad-system-title-length', 0, `${what} must be an 8-byte system title, got ${t.length}`);
}

/** OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo; `nonceU` (C(0e,2s) only) adds Datalen ‖ transaction-id to PartyUInfo. */
export function kdfOtherInfo(algorithm: AlgorithmName, idU: Uint8Array, idV: Uint8Array, nonceU?: Uint8Array): Uint8Array {
  checkTitle(idU, 'ID_U');
  checkTitle(idV, 'ID_V');
  if (nonceU && nonceU.length > 255) fail('bad-length', 0, 'Nonce_U (transaction-id) longer than 255 bytes');
  const u = nonceU ? concatBytes(idU, new Uint8Array([nonceU.length]), nonceU) : idU;
  return concatBytes(algorithmId(algorithm), u, idV);
}

/** Key length the suite derives (128 bit suite 1, 256 bit suite 2). */
export function derivedKeyLength(suite: EccSuiteId): 16 | 32 {
  return eccSuite(suite).keyLength;
}

/** Default AlgorithmID for a key_agreement key_id: GCM keys → aes-gcm-x, master key (KEK) → aes-wrap-x [ours; KSMW digest A-45]. */
export function keyAgreementAlgorithm(suite: EccSuiteId, keyId: number): AlgorithmName {
  const big = suite === 2;
  if (keyId === 3) return big ? 'aes-wrap-256' : 'aes-wrap-128';
  return big ? 'aes-gcm-256' : 'aes-gcm-128';
}

function gcmAlgorithm(suite: EccSuiteId): AlgorithmName {
  return suite === 2 ? 'aes-gcm-256' : 'aes-gcm-128';
}

/** Z → derived key for two parties (U originates / is the client, V is the recipient / server). */
export function deriveAgreedKey(suite: EccSuiteId, z: Uint8Array, algorithm: AlgorithmName, idU: Uint8Array, idV: Uint8Array, nonceU?: Uint8Array): Uint8Array {
  return concatKdf(suite, z, kdfOtherInfo(algorithm, idU, idV, nonceU), derivedKeyLength(suite));
}

/**
 * key_agreement method data for one key (IC 64 method 3; KSMW §3.5.3.2; layout as the GB example that
 * vectors/ecc.json checks): key_data = Q_e (x ‖ y) ‖ signature r ‖ s, the signature made with the sender's
 * digital-signature key over key_id (1 byte) ‖ Q_e.
 */
export function keyAgreementDataSign(suite: EccSuiteId, keyId: number, ephemeralPublicKey: Uint8Array, signingPrivateKey: Uint8Array): Uint8Array {
  const n = eccCoordinateLength(suite);
  if (ephemeralPublicKey.length !== 2 * n) fail('bad-public-key', 0, `ephemeral public key must be ${2 * n} bytes x‖y`);
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 255) fail('bad-key-info', 0, `key_id ${keyId} is not an enum value`);
  const sig = ecdsaSign(suite, signingPrivateKey, concatBytes(new Uint8Array([keyId]), ephemeralPublicKey));
  return concatBytes(ephemeralPublicKey, sig);
}

/** Checks key_data against the peer's digital-signature public key; returns the peer's ephemeral public key. */
export function keyAgreementDataVerify(suite: EccSuiteId, keyId: number, keyData: Uint8Array, peerSigningPublicKey: Uint8Array): Uint8Array {
  const n = eccCoordinateLength(suite);
  if (keyData.length !== 4 * n) fail('bad-length', 0, `key_data must be ${4 * n} bytes (Q_e ‖ r ‖ s), got ${keyData.length}`);
  const q = keyData.subarray(0, 2 * n);
  ecdsaCheck(suite, peerSigningPublicKey, concatBytes(new Uint8Array([keyId]), q), keyData.subarray(2 * n), 2 * n);
  return q.slice();
}

/** C(2e,0s): both sides derive the same key; client = U, server = V (GB §9.2.3.4.6.2). */
export function ephemeralUnifiedKey(suite: EccSuiteId, p: {
  ownEphemeralPrivateKey: Uint8Array; peerEphemeralPublicKey: Uint8Array;
  clientSystemTitle: Uint8Array; serverSystemTitle: Uint8Array; keyId: number; algorithm?: AlgorithmName;
}): Uint8Array {
  const z = ecdhSharedSecret(suite, p.ownEphemeralPrivateKey, p.peerEphemeralPublicKey);
  try {
    return deriveAgreedKey(suite, z, p.algorithm ?? keyAgreementAlgorithm(suite, p.keyId), p.clientSystemTitle, p.serverSystemTitle);
  } finally {
    z.fill(0); // GB: destroy Z after derivation
  }
}

/**
 * C(1e,1s) one-pass DH for general-ciphering agreed-key (key-parameters 0x01): originator U sends
 * Q_e,U ‖ signature(Q_e,U) as key-ciphered-data. Returns the ephemeral key material and the derived key.
 */
export function onePassKeyOriginate(suite: EccSuiteId, p: {
  ephemeralPrivateKey: Uint8Array; recipientStaticPublicKey: Uint8Array; signingPrivateKey: Uint8Array;
  originatorSystemTitle: Uint8Array; recipientSystemTitle: Uint8Array; algorithm?: AlgorithmName;
}): { keyCipheredData: Uint8Array; key: Uint8Array } {
  const q = eccPublicKey(suite, p.ephemeralPrivateKey);
  const z = ecdhSharedSecret(suite, p.ephemeralPrivateKey, p.recipientStaticPublicKey);
  const key = deriveAgreedKey(suite, z, p.algorithm ?? gcmAlgorithm(suite), p.originatorSystemTitle, p.recipientSystemTitle);
  z.fill(0);
  return { keyCipheredData: concatBytes(q, ecdsaSign(suite, p.signingPrivateKey, q)), key };
}

/** Recipient side of C(1e,1s): verifies the originator's signature over Q_e,U, then derives the key. */
export function onePassKeyReceive(suite: EccSuiteId, p: {
  keyCipheredData: Uint8Array; staticPrivateKey: Uint8Array; originatorSigningPublicKey: Uint8Array;
  originatorSystemTitle: Uint8Array; recipientSystemTitle: Uint8Array; algorithm?: AlgorithmName;
}): Uint8Array {
  const n = eccCoordinateLength(suite);
  if (p.keyCipheredData.length !== 4 * n) fail('bad-length', 0, `key-ciphered-data must be ${4 * n} bytes (Q_e,U ‖ r ‖ s), got ${p.keyCipheredData.length}`);
  const q = p.keyCipheredData.subarray(0, 2 * n);
  ecdsaCheck(suite, p.originatorSigningPublicKey, q, p.keyCipheredData.subarray(2 * n), 2 * n);
  const z = ecdhSharedSecret(suite, p.staticPrivateKey, q);
  const key = deriveAgreedKey(suite, z, p.algorithm ?? gcmAlgorithm(suite), p.originatorSystemTitle, p.recipientSystemTitle);
  z.fill(0);
  return key;
}

/** C(0e,2s) static unified: Z from the static keys, Nonce_U = transaction-id (GB Table 17). */
export function staticUnifiedKey(suite: EccSuiteId, p: {
  ownStaticPrivateKey: Uint8Array; peerStaticPublicKey: Uint8Array; transactionId: Uint8Array;
  originatorSystemTitle: Uint8Array; recipientSystemTitle: Uint8Array; algorithm?: AlgorithmName;
}): Uint8Array {
  const z = ecdhSharedSecret(suite, p.ownStaticPrivateKey, p.peerStaticPublicKey);
  const key = deriveAgreedKey(suite, z, p.algorithm ?? gcmAlgorithm(suite), p.originatorSystemTitle, p.recipientSystemTitle, p.transactionId);
  z.fill(0);
  return key;
}
