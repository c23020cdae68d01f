/** AES-128 block modes through @noble/ciphers with its PKCS#7 layer switched off (M-Bus pads with 2Fh itself). */
import { cbc, ecb } from '@noble/ciphers/aes.js';

export const aesCbcEncrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array =>
  cbc(key, iv, { disablePadding: true }).encrypt(data);
export const aesCbcDecrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array =>
  cbc(key, iv, { disablePadding: true }).decrypt(data);
export const aesEcbEncrypt = (key: Uint8Array, data: Uint8Array): Uint8Array => ecb(key, { disablePadding: true }).encrypt(data);
export const aesEcbDecrypt = (key: Uint8Array, data: Uint8Array): Uint8Array => ecb(key, { disablePadding: true }).decrypt(data);
