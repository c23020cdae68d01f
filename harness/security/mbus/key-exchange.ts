/**
 * DSMR "set new key" (DSMR-P2 §6.5, §6.5.1, App. B1.1).
 *
 * The central system wraps the new user key with the device's default key: one AES-128-ECB encryption,
 * no IV (verified on B1.1: ECB-encrypt(default key, user key) gives the printed 27 9F … E0 03). The
 * 16-byte result W is read as one 128-bit integer whose most significant byte is W[0] and sent as two
 * 64-bit integer records, least significant byte first: `07 FD 19` + W15…W8 (storage 0, low half), then
 * `47 FD 19` + W7…W0 (storage bit set, high half). The 16 value bytes on the wire are therefore W reversed.
 * The message is sent unencrypted (CI 51h wired, CI 5Bh with CW 00 00 wireless) and always wrapped with the
 * default key, even when a user key is set (§6.5).
 *
 * The printed B1.1 frame carries DIF 47h on the second record (as §6.5.1 demands) but its checksum 4Eh is
 * the one for DIF 07h, and its remark says "Storage 0"; DIF 47h with checksum 8Eh is the consistent
 * reading (digest §5.2).
 */
import { aesEcbDecrypt, aesEcbEncrypt } from './aes.ts';
import { MbusCryptoError } from './errors.ts';

const LOW_DIF = 0x07; // 64-bit integer, storage 0
const HIGH_DIF = 0x47; // 64-bit integer, storage 1
const VIF = 0xfd;
const VIFE = 0x19; // DSMR-P2 §6.5.1: formerly reserved VIFE, AES-128 key exchange

function check16(b: Uint8Array, what: string): void {
  if (b.length !== 16) throw new MbusCryptoError('key-length', 0, `${what} must be 16 bytes, got ${b.length}`);
}

/** W = AES-128-ECB-Encrypt(defaultKey, newKey). */
export function keyExchangeEncrypt(newKey: Uint8Array, defaultKey: Uint8Array): Uint8Array {
  check16(newKey, 'new user key');
  check16(defaultKey, 'default key');
  return aesEcbEncrypt(defaultKey, newKey);
}

/** newKey = AES-128-ECB-Decrypt(defaultKey, W). */
export function keyExchangeDecrypt(wrapped: Uint8Array, defaultKey: Uint8Array): Uint8Array {
  check16(wrapped, 'wrapped key');
  check16(defaultKey, 'default key');
  return aesEcbDecrypt(defaultKey, wrapped);
}

/** The two records `07 FD 19 W15..W8 47 FD 19 W7..W0` (22 bytes). */
export function keyExchangeRecords(wrapped: Uint8Array): Uint8Array {
  check16(wrapped, 'wrapped key');
  const out = new Uint8Array(22);
  out.set([LOW_DIF, VIF, VIFE], 0);
  out.set([HIGH_DIF, VIF, VIFE], 11);
  for (let i = 0; i < 8; i++) {
    out[3 + i] = wrapped[15 - i]!;
    out[14 + i] = wrapped[7 - i]!;
  }
  return out;
}

/**
 * Read the two records back to W. The halves are told apart by the storage bit of the DIF; the order the
 * spec shows (storage 0 first) is required unless `allowSwapped` (DSMR-P2 does not say what a device does
 * with swapped records).
 */
export function keyExchangeRecordsDecode(records: Uint8Array, opts: { allowSwapped?: boolean } = {}): { wrapped: Uint8Array; swapped: boolean } {
  if (records.length < 22) throw new MbusCryptoError('key-records-truncated', records.length, `the two key records need 22 bytes, got ${records.length}`);
  if (records.length > 22) throw new MbusCryptoError('trailing-bytes', 22, `${records.length - 22} byte(s) follow the two key records`);
  const halves: Record<number, Uint8Array> = {};
  for (const at of [0, 11]) {
    const dif = records[at]!;
    if (dif !== LOW_DIF && dif !== HIGH_DIF) {
      throw new MbusCryptoError('key-record-dif', at, `DIF ${hex(dif)} is not 07h (64-bit, storage 0) or 47h (64-bit, storage 1)`);
    }
    if (records[at + 1] !== VIF || records[at + 2] !== VIFE) {
      throw new MbusCryptoError('key-record-vif', at + 1, `key record needs VIF FDh VIFE 19h, got ${hex(records[at + 1]!)} ${hex(records[at + 2]!)}`);
    }
    if (halves[dif]) throw new MbusCryptoError('key-record-dif', at, `two records with DIF ${hex(dif)}: one must be 07h (low half) and one 47h (high half)`);
    halves[dif] = records.subarray(at + 3, at + 11);
  }
  const swapped = records[0] === HIGH_DIF;
  if (swapped && !opts.allowSwapped) throw new MbusCryptoError('key-record-order', 0, 'the high half (DIF 47h) comes before the low half (DIF 07h)');
  const wire = new Uint8Array(16);
  wire.set(halves[LOW_DIF]!, 0);
  wire.set(halves[HIGH_DIF]!, 8);
  return { wrapped: wire.reverse(), swapped };
}

function hex(v: number): string {
  return `${v.toString(16).toUpperCase().padStart(2, '0')}h`;
}
