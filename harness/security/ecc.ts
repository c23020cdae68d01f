/**
 * ECDSA and ECDH for security suites 1 (P-256, SHA-256) and 2 (P-384, SHA-384) (GB §9.2.3.4.5,
 * §9.2.3.4.6; FIPS 186-4; NIST SP 800-56A), on @noble/curves. DLMS carries public keys as the raw
 * x ‖ y coordinates (no 0x04 prefix) and signatures as the raw r ‖ s (FE2OS, not DER) — 64 bytes on
 * P-256, 96 on P-384 (GB §9.2.3.4.5; KSMW §3.5.3.2 key_agreement data; HLS 7).
 *
 * Signatures are deterministic (RFC 6979) unless extra entropy is asked for, and high-S signatures are
 * both produced and accepted: DLMS peers (OpenSSL, Java) do not normalise S, so rejecting high S would
 * refuse valid signatures.
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { fail } from './errors.ts';
import { eccSuite } from './suites.ts';

export type EccSuiteId = 1 | 2;

function curveOf(suite: number) {
  const s = eccSuite(suite);
  return { curve: s.curve === 'P-256' ? p256 : p384, n: s.curve === 'P-256' ? 32 : 48, name: s.curve };
}

export function eccCoordinateLength(suite: EccSuiteId): 32 | 48 {
  return curveOf(suite).n as 32 | 48;
}

/** Accepts raw x ‖ y or SEC1 uncompressed 04 ‖ x ‖ y; returns SEC1 for the library. */
function sec1(suite: EccSuiteId, pub: Uint8Array): Uint8Array {
  const { n, name } = curveOf(suite);
  if (pub.length === 2 * n) {
    const out = new Uint8Array(2 * n + 1);
    out[0] = 4;
    out.set(pub, 1);
    return out;
  }
  if (pub.length === 2 * n + 1 && pub[0] === 4) return pub;
  return fail('bad-public-key', 0, `${name} public key must be ${2 * n} bytes x‖y (or ${2 * n + 1} with 04 prefix), got ${pub.length}`);
}

function checkPrivate(suite: EccSuiteId, d: Uint8Array): void {
  const { curve, n, name } = curveOf(suite);
  if (d.length !== n || !curve.utils.isValidSecretKey(d)) fail('bad-private-key', 0, `not a valid ${name} private key (${d.length} bytes)`);
}

/** Raw x ‖ y public key for a private scalar. */
export function eccPublicKey(suite: EccSuiteId, privateKey: Uint8Array): Uint8Array {
  checkPrivate(suite, privateKey);
  return curveOf(suite).curve.getPublicKey(privateKey, false).slice(1);
}

/** True when the point is on the curve (and not the point at infinity). */
export function eccPublicKeyValid(suite: EccSuiteId, publicKey: Uint8Array): boolean {
  try {
    return curveOf(suite).curve.utils.isValidPublicKey(sec1(suite, publicKey), false);
  } catch {
    return false;
  }
}

/** A fresh key pair from the platform CSPRNG (for ephemeral keys and simulators). */
export function eccKeyPair(suite: EccSuiteId): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = curveOf(suite).curve.utils.randomSecretKey();
  return { privateKey, publicKey: eccPublicKey(suite, privateKey) };
}

/** ECDSA over `message` (hashed with the suite's hash); returns r ‖ s. */
export function ecdsaSign(suite: EccSuiteId, privateKey: Uint8Array, message: Uint8Array, opts: { extraEntropy?: boolean } = {}): Uint8Array {
  checkPrivate(suite, privateKey);
  return curveOf(suite).curve.sign(message, privateKey, { lowS: false, extraEntropy: opts.extraEntropy ?? false });
}

/** Verifies a raw r ‖ s signature. Malformed keys/signatures throw; a wrong signature returns false. */
export function ecdsaVerify(suite: EccSuiteId, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const { curve, n, name } = curveOf(suite);
  if (signature.length !== 2 * n) fail('bad-signature-length', 0, `${name} signature must be ${2 * n} bytes r‖s, got ${signature.length}`);
  const pub = sec1(suite, publicKey);
  if (!eccPublicKeyValid(suite, pub)) fail('bad-public-key', 0, `public key is not a point on ${name}`);
  try {
    return curve.verify(signature, message, pub, { lowS: false });
  } catch {
    return false;
  }
}

/** As ecdsaVerify, but a signature that does not verify is a typed error (`bad-signature`). */
export function ecdsaCheck(suite: EccSuiteId, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, offset = 0): void {
  if (!ecdsaVerify(suite, publicKey, message, signature)) fail('bad-signature', offset, 'ECDSA signature does not verify with this public key');
}

/** Verifies a DER-encoded ECDSA signature (X.509 certificates carry DER, RFC 5480) with an explicit hash. */
export function ecdsaVerifyDer(curveName: 'P-256' | 'P-384', hash: 'sha256' | 'sha384', publicKey: Uint8Array, message: Uint8Array, der: Uint8Array): boolean {
  const suite: EccSuiteId = curveName === 'P-256' ? 1 : 2;
  const { curve } = curveOf(suite);
  const pub = sec1(suite, publicKey);
  // Hash mismatch with the curve default (e.g. P-256 key signed with SHA-384) is hashed here explicitly.
  const prehashed = hashFor(hash)(message);
  try {
    return curve.verify(der, prehashed, pub, { lowS: false, prehash: false, format: 'der' });
  } catch {
    return false;
  }
}

export function hashFor(h: 'sha256' | 'sha384'): (m: Uint8Array) => Uint8Array {
  return h === 'sha256' ? sha256 : sha384;
}

/**
 * ECC CDH primitive (SP 800-56A §5.7.1.2): Z = x-coordinate of d · Q (cofactor 1 on P-256/P-384).
 * The peer point is validated (on curve); a bad point is `bad-public-key`.
 */
export function ecdhSharedSecret(suite: EccSuiteId, privateKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  checkPrivate(suite, privateKey);
  const { curve, name } = curveOf(suite);
  const pub = sec1(suite, peerPublicKey);
  try {
    return curve.getSharedSecret(privateKey, pub, true).slice(1);
  } catch {
    return fail('bad-public-key', 0, `peer public key is not a point on ${name}`);
  }
}
