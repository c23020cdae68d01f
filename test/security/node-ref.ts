/**
 * Independent reference computations with node:crypto (OpenSSL), used to confirm every expected value in
 * the security vectors without the code under test.
 */
import crypto from 'node:crypto';

export const H = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
export const X = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

export function refGcm(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, pt: Uint8Array): { ct: Uint8Array; tag: Uint8Array } {
  const c = crypto.createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-128-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(pt), c.final()]);
  return { ct: new Uint8Array(ct), tag: new Uint8Array(c.getAuthTag()) };
}

/** DLMS protection per GB Table 38, in node:crypto only. */
export function refProtect(p: { sc: number; key: Uint8Array; ak: Uint8Array; st: Uint8Array; ic: number; aadFields?: Uint8Array }, info: Uint8Array): Uint8Array {
  const icb = Buffer.alloc(4);
  icb.writeUInt32BE(p.ic);
  const iv = Buffer.concat([p.st, icb]);
  const head = Buffer.concat([Buffer.from([p.sc]), icb]);
  const fields = p.aadFields ?? new Uint8Array(0);
  const A = (p.sc & 0x10) !== 0;
  const E = (p.sc & 0x20) !== 0;
  if (A && E) {
    const r = refGcm(p.key, iv, Buffer.concat([Buffer.from([p.sc]), p.ak, fields]), info);
    return Buffer.concat([head, r.ct, r.tag.subarray(0, 12)]);
  }
  if (A) {
    const r = refGcm(p.key, iv, Buffer.concat([Buffer.from([p.sc]), p.ak, fields, info]), new Uint8Array(0));
    return Buffer.concat([head, info, r.tag.subarray(0, 12)]);
  }
  if (E) {
    // GCM's encryption part is CTR starting at IV ‖ 00000002
    const c = crypto.createCipheriv(`aes-${p.key.length * 8}-ctr` as 'aes-128-ctr', p.key, Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
    return Buffer.concat([head, c.update(info), c.final()]);
  }
  return Buffer.concat([head, info]);
}

export function refWrap(kek: Uint8Array, data: Uint8Array): Uint8Array {
  const c = crypto.createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, Buffer.alloc(8, 0xa6));
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function refPublicKey(d: Uint8Array): Uint8Array {
  const e = crypto.createECDH(d.length === 32 ? 'prime256v1' : 'secp384r1');
  e.setPrivateKey(d);
  return new Uint8Array(e.getPublicKey().subarray(1));
}

export function refEcdh(d: Uint8Array, peer: Uint8Array): Uint8Array {
  const e = crypto.createECDH(d.length === 32 ? 'prime256v1' : 'secp384r1');
  e.setPrivateKey(d);
  return new Uint8Array(e.computeSecret(Buffer.concat([Buffer.from([4]), peer])));
}

function jwkPublic(xy: Uint8Array) {
  const n = xy.length / 2;
  return crypto.createPublicKey({ key: { kty: 'EC', crv: n === 32 ? 'P-256' : 'P-384', x: Buffer.from(xy.subarray(0, n)).toString('base64url'), y: Buffer.from(xy.subarray(n)).toString('base64url') }, format: 'jwk' });
}

/** ECDSA verification of a raw r ‖ s signature (hash by curve size). */
export function refVerify(xy: Uint8Array, msg: Uint8Array, rs: Uint8Array): boolean {
  return crypto.verify(xy.length === 64 ? 'sha256' : 'sha384', msg, { key: jwkPublic(xy), dsaEncoding: 'ieee-p1363' }, rs);
}

export function refSha(alg: 'sha256' | 'sha384', ...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(crypto.createHash(alg).update(Buffer.concat(parts)).digest());
}
