/** Independent AES reference for the mbus-crypto tests: node:crypto (OpenSSL), never @noble/ciphers. */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function run(c: ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>, data: Uint8Array): Uint8Array {
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}
export const nodeCbcEncrypt = (key: Uint8Array, iv: Uint8Array, p: Uint8Array) => run(createCipheriv('aes-128-cbc', key, iv), p);
export const nodeCbcDecrypt = (key: Uint8Array, iv: Uint8Array, c: Uint8Array) => run(createDecipheriv('aes-128-cbc', key, iv), c);
export const nodeEcbEncrypt = (key: Uint8Array, p: Uint8Array) => run(createCipheriv('aes-128-ecb', key, null), p);
export const nodeEcbDecrypt = (key: Uint8Array, c: Uint8Array) => run(createDecipheriv('aes-128-ecb', key, null), c);

/** IV bytes 0-7 restated from DSMR-P2 §5.2: manufacturer letters packed 5 bits each, LE; ID BCD LSB first. */
export function refAddress(a: { manufacturer: string; id: string; version: number; medium: number }): Uint8Array {
  const m = [...a.manufacturer].reduce((v, ch) => v * 32 + (ch.charCodeAt(0) - 64), 0);
  const id = Buffer.from(a.id, 'hex').reverse();
  return new Uint8Array([m % 256, Math.floor(m / 256), ...id, a.version, a.medium]);
}
export const refIv15 = (addr: Uint8Array, fc: number) => {
  const b = Buffer.alloc(16);
  b.set(addr, 0);
  b.writeUInt32LE(fc, 8);
  b.writeUInt32LE(fc, 12);
  return new Uint8Array(b);
};
export const refIv5 = (addr: Uint8Array, acc: number) => new Uint8Array([...addr, ...new Array<number>(8).fill(acc)]);

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
