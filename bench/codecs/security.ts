/**
 * Security-layer throughput: AES-GCM-128 (suite 0/1) and AES-GCM-256 (suite 2) protect/unprotect in
 * authenticated-encryption mode on 64 B, 1 KiB and 16 KiB APDUs, and ECDSA P-256 sign/verify (raw r ‖ s).
 */
import { measure, type BenchRow } from '../lib.ts';
import { protect, unprotect } from '../../harness/security/gcm.ts';
import { ecdsaSign, ecdsaVerify, eccPublicKey } from '../../harness/security/ecc.ts';

export default function bench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const systemTitle = Uint8Array.from([0x4d, 0x4d, 0x4d, 0, 0, 0xbc, 0x61, 0x4e]);
  for (const [name, sc, keyLength] of [['AES-GCM-128', 0x31, 16], ['AES-GCM-256', 0x32, 32]] as const) {
    const key = new Uint8Array(keyLength).map((_, i) => i);
    const authKey = new Uint8Array(keyLength).map((_, i) => 0xd0 + i);
    for (const size of [64, 1024, 16384]) {
      const plain = new Uint8Array(size).map((_, i) => i & 0xff);
      let ic = 0;
      const content = protect({ securityControl: sc, systemTitle, invocationCounter: 1, key, authKey }, plain);
      rows.push(measure('security', `${name} protect ${size} B`, size, () => protect({ securityControl: sc, systemTitle, invocationCounter: ic++ & 0x7fffffff, key, authKey }, plain)));
      rows.push(measure('security', `${name} unprotect ${size} B`, size, () => unprotect({ systemTitle, key, authKey }, content)));
    }
  }
  const d = new Uint8Array(32).fill(0x11);
  const pub = eccPublicKey(1, d);
  const msg = new Uint8Array(80).map((_, i) => i);
  const sig = ecdsaSign(1, d, msg);
  rows.push(measure('security', 'ECDSA P-256 sign', msg.length, () => ecdsaSign(1, d, msg), 300, 'RFC 6979, raw r‖s'));
  rows.push(measure('security', 'ECDSA P-256 verify', msg.length, () => ecdsaVerify(1, pub, msg, sig)));
  return rows;
}
