/**
 * AES key wrap (RFC 3394, default IV A6A6A6A6A6A6A6A6) as DLMS uses it to transport keys under the
 * master key / KEK (GB §9.2.3.3.7.7; IC 64 global_key_transfer; KSMW §3.5.3.1; new HLS secrets, KSMW
 * §3.6). @noble/ciphers 2 provides `aeskw`. Key data: at least two 64-bit blocks (GB: n ≥ 2).
 */
import { aeskw } from '@noble/ciphers/aes.js';
import { fail } from './errors.ts';

function checkKek(kek: Uint8Array): void {
  if (kek.length !== 16 && kek.length !== 24 && kek.length !== 32) fail('bad-key-length', 0, `KEK must be 16, 24 or 32 bytes, got ${kek.length}`);
}

export function aesKeyWrap(kek: Uint8Array, keyData: Uint8Array): Uint8Array {
  checkKek(kek);
  if (keyData.length < 16 || keyData.length % 8 !== 0) fail('bad-wrap-length', 0, `key data must be n ≥ 2 blocks of 8 bytes, got ${keyData.length} bytes`);
  return aeskw(kek).encrypt(keyData);
}

/** Unwraps and checks the integrity value; a wrong KEK or altered data is `unwrap-integrity`. */
export function aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  checkKek(kek);
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) fail('bad-wrap-length', 0, `wrapped data must be n ≥ 3 blocks of 8 bytes, got ${wrapped.length} bytes`);
  try {
    return aeskw(kek).decrypt(wrapped);
  } catch {
    return fail('unwrap-integrity', 0, 'key unwrap integrity check failed (wrong KEK or altered data)');
  }
}
