/**
 * AES-GCM as DLMS/COSEM uses it (GB §9.2.3.3.7, §9.2.7.2.4; NIST SP 800-38D) on top of @noble/ciphers:
 * a 96-bit IV = system title (8) ‖ invocation counter (4, big-endian), a tag truncated to its 12 leading
 * bytes, and the authentication key AK carried in the additional authenticated data:
 *
 * | SC bits E A | protection               | plaintext P | AAD A                        | content after SH |
 * |-------------|--------------------------|-------------|------------------------------|------------------|
 * | 0 1         | authentication only      | —           | SC ‖ AK ‖ (fields) ‖ I       | I ‖ T            |
 * | 1 0         | encryption only          | I           | —                            | C                |
 * | 1 1         | authenticated encryption | I           | SC ‖ AK ‖ (fields)           | C ‖ T            |
 *
 * (GB Table 38; "fields" = transaction-id ‖ originator-system-title ‖ recipient-system-title ‖ date-time ‖
 * other-information, each as length ‖ value, and only for general-ciphering.)
 */
import { ctr, gcm } from '@noble/ciphers/aes.js';
import { concatBytes } from '../codec/bytes.ts';
import { fail } from './errors.ts';
import { securityControlDecode } from './security-control.ts';
import { SYSTEM_TITLE_LENGTH, TAG_LENGTH, suiteParams, type SuiteId } from './suites.ts';

/** Constant-time comparison of two equal-length byte strings (no early exit on the first difference). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function checkGcmInputs(key: Uint8Array, iv: Uint8Array, tagLength: number): void {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) fail('bad-key-length', 0, `AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  if (iv.length !== 12) fail('bad-iv-length', 0, `GCM IV must be 96 bits (12 bytes) here, got ${iv.length}`);
  if (!Number.isInteger(tagLength) || tagLength < 12 || tagLength > 16) fail('bad-tag-length', 0, `tag length ${tagLength} outside 12..16`);
}

/** GCM authenticated encryption; the tag is the `tagLength` leading bytes of the full tag (MSB_t). */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, tagLength = TAG_LENGTH): { ciphertext: Uint8Array; tag: Uint8Array } {
  checkGcmInputs(key, iv, tagLength);
  const out = gcm(key, iv, aad).encrypt(plaintext);
  return { ciphertext: out.subarray(0, plaintext.length), tag: out.slice(plaintext.length, plaintext.length + tagLength) };
}

/** CTR keystream part of GCM only (encryption-only mode): counter blocks start at inc32(J0) = IV ‖ 00000002. */
export function aesGcmKeystreamXor(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkGcmInputs(key, iv, TAG_LENGTH);
  const cb = new Uint8Array(16);
  cb.set(iv);
  cb[15] = 2;
  return ctr(key, cb).encrypt(data);
}

/**
 * GCM authenticated decryption with a truncated tag. The plaintext is released only after the tag matched
 * (SP 800-38D §7.2; GB §9.2.2.5: a message is processed only if its protection verified).
 */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, tagOffset = 0): Uint8Array {
  checkGcmInputs(key, iv, tag.length);
  const plain = aesGcmKeystreamXor(key, iv, ciphertext);
  const expected = gcm(key, iv, aad).encrypt(plain).subarray(plain.length, plain.length + tag.length);
  if (!constantTimeEqual(expected, tag)) {
    plain.fill(0);
    fail('bad-tag', tagOffset, 'authentication tag does not verify (wrong key, wrong authentication key, wrong system title/counter, or altered data)');
  }
  return plain;
}

export function invocationCounterBytes(ic: number): Uint8Array {
  if (!Number.isInteger(ic) || ic < 0 || ic > 0xffffffff) fail('bad-invocation-counter', 0, `invocation counter ${ic} is not a 32-bit unsigned integer`);
  return new Uint8Array([ic >>> 24, (ic >>> 16) & 0xff, (ic >>> 8) & 0xff, ic & 0xff]);
}

/** IV = system title (fixed field) ‖ invocation counter (invocation field) (GB §9.2.3.3.7.3). */
export function dlmsIv(systemTitle: Uint8Array, invocationCounter: number): Uint8Array {
  if (systemTitle.length !== SYSTEM_TITLE_LENGTH) fail('bad-system-title-length', 0, `system title must be 8 bytes, got ${systemTitle.length}`);
  return concatBytes(systemTitle, invocationCounterBytes(invocationCounter));
}

export interface ProtectionKeys {
  /** The originator's system title (IV fixed field). */
  systemTitle: Uint8Array;
  /** Block cipher key EK (global unicast/broadcast, dedicated, or an ephemeral key). */
  key: Uint8Array;
  /** Authentication key AK; needed when the A bit is set. Pass an empty array for "no AK in use". */
  authKey?: Uint8Array;
  /** general-ciphering only: the encoded transaction-id … other-information fields that join the AAD. */
  aadFields?: Uint8Array;
  /** general-ciphering only: SC with neither A nor E (GB Figure 84). */
  allowNoProtection?: boolean;
}

export interface ProtectParams extends ProtectionKeys {
  securityControl: number;
  invocationCounter: number;
}

export type RequiredProtection = 'none' | 'authentication' | 'encryption' | 'authenticated-encryption';

export interface UnprotectParams extends ProtectionKeys {
  /** Refuse an SC whose suite differs (the negotiated suite: a per-APDU downgrade is not accepted). */
  expectedSuite?: SuiteId;
  /**
   * Protection the security policy / access rights require; more is accepted, less is
   * `insufficient-protection` (GB §9.2.7.2.2). Without it, an attacker who clears the A bit turns an
   * authenticated APDU into an unauthenticated one that "deciphers" — only the policy can catch that.
   */
  required?: RequiredProtection;
}

export interface Unprotected {
  plain: Uint8Array;
  securityControl: number;
  invocationCounter: number;
}

function checkScAndKeys(sc: number, p: ProtectionKeys, offset: number): { auth: boolean; enc: boolean } {
  const c = securityControlDecode(sc);
  const suite = suiteParams(c.suite, offset);
  if (c.compression) fail('compression-unsupported', offset, 'V.44 compression (SC bit 7) is not supported');
  if (!c.authentication && !c.encryption && !p.allowNoProtection) fail('no-protection-not-allowed', offset, 'SC without authentication or encryption is only allowed in general-ciphering');
  if (p.key.length !== suite.keyLength) fail('bad-key-length', offset, `suite ${suite.id} needs a ${suite.keyLength}-byte key, got ${p.key.length}`);
  if (p.systemTitle.length !== SYSTEM_TITLE_LENGTH) fail('bad-system-title-length', offset, `system title must be 8 bytes, got ${p.systemTitle.length}`);
  if (c.authentication) {
    if (p.authKey === undefined) fail('missing-auth-key', offset, 'SC requests authentication but no authentication key was given');
    if (p.authKey.length !== 0 && p.authKey.length !== suite.keyLength) fail('bad-auth-key-length', offset, `suite ${suite.id} needs a ${suite.keyLength}-byte authentication key, got ${p.authKey.length}`);
  }
  return { auth: c.authentication, enc: c.encryption };
}

function aadFor(sc: number, p: ProtectionKeys, info?: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([sc]), p.authKey ?? new Uint8Array(0), p.aadFields ?? new Uint8Array(0), info ?? new Uint8Array(0));
}

/** Apply the protection SC asks for; returns SC ‖ IC ‖ (ciphertext | information) ‖ tag (GB §9.2.7.2.4). */
export function protect(p: ProtectParams, information: Uint8Array): Uint8Array {
  const { auth, enc } = checkScAndKeys(p.securityControl, p, 0);
  const iv = dlmsIv(p.systemTitle, p.invocationCounter);
  const sh = concatBytes(new Uint8Array([p.securityControl]), invocationCounterBytes(p.invocationCounter));
  if (auth && enc) {
    const { ciphertext, tag } = aesGcmEncrypt(p.key, iv, aadFor(p.securityControl, p), information);
    return concatBytes(sh, ciphertext, tag);
  }
  if (auth) {
    const { tag } = aesGcmEncrypt(p.key, iv, aadFor(p.securityControl, p, information), new Uint8Array(0));
    return concatBytes(sh, information, tag);
  }
  if (enc) return concatBytes(sh, aesGcmKeystreamXor(p.key, iv, information));
  return concatBytes(sh, information);
}

/**
 * Verify and remove protection from SC ‖ IC ‖ … ‖ tag. Error offsets are into `content` plus `baseOffset`
 * (the position of `content` inside the enclosing APDU). The invocation counter is returned, not judged:
 * replay and exhaustion rules belong to the frame-counter tracker (frame-counter.ts).
 */
export function unprotect(p: UnprotectParams, content: Uint8Array, baseOffset = 0): Unprotected {
  const base = baseOffset;
  if (content.length < 5) fail('truncated', base + content.length, `security header needs 5 bytes, got ${content.length}`);
  const sc = content[0]!;
  const scFields = securityControlDecode(sc);
  if (p.expectedSuite !== undefined && scFields.suite !== p.expectedSuite) {
    fail('suite-mismatch', base, `SC names suite ${scFields.suite}, the context uses suite ${p.expectedSuite}`);
  }
  const { auth, enc } = checkScAndKeys(sc, p, base);
  const need = p.required ?? 'none';
  if (((need === 'authentication' || need === 'authenticated-encryption') && !auth) || ((need === 'encryption' || need === 'authenticated-encryption') && !enc)) {
    fail('insufficient-protection', base, `SC 0x${sc.toString(16).padStart(2, '0')} gives less protection than the required ${need}`);
  }
  const ic = ((content[1]! << 24) >>> 0) + (content[2]! << 16) + (content[3]! << 8) + content[4]!;
  const iv = dlmsIv(p.systemTitle, ic);
  const body = content.subarray(5);
  if (auth) {
    if (body.length < TAG_LENGTH) fail('truncated', base + content.length, `authenticated content needs a ${TAG_LENGTH}-byte tag, only ${body.length} bytes follow the header`);
    const data = body.subarray(0, body.length - TAG_LENGTH);
    const tag = body.subarray(body.length - TAG_LENGTH);
    const tagOffset = base + content.length - TAG_LENGTH;
    if (enc) return { plain: aesGcmDecrypt(p.key, iv, aadFor(sc, p), data, tag, tagOffset), securityControl: sc, invocationCounter: ic };
    aesGcmDecrypt(p.key, iv, aadFor(sc, p, data), new Uint8Array(0), tag, tagOffset);
    return { plain: data.slice(), securityControl: sc, invocationCounter: ic };
  }
  if (enc) return { plain: aesGcmKeystreamXor(p.key, iv, body), securityControl: sc, invocationCounter: ic };
  return { plain: body.slice(), securityControl: sc, invocationCounter: ic };
}
