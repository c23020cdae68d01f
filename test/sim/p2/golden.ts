/**
 * Expected frames for the gas simulator and the master, computed here with node:crypto from the DSMR-P2
 * examples (App. B identity and keys, B1.1, B1.3 clear column, §5.2 IV rule, §6.2.1 clock block) —
 * independently of the codec, the security layer and the simulator.
 */
import { createCipheriv } from 'node:crypto';

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
export const show = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');

/** DSMR-P2 App. B: default key and user key. */
export const DK = hex('00112233445566778899AABBCCDDEEFF');
export const UK = hex('000102030405060708090A0B0C0D0E0F');
/** App. B1.1 as printed, and with the checksum the bytes add up to (8Eh; the print says 4Eh). */
export const B11_PRINTED = hex('68 19 19 68 53 01 51 07 FD 19 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A B7 9F 27 4E 16');
export const B11_CORRECTED = hex('68 19 19 68 53 01 51 07 FD 19 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A B7 9F 27 8E 16');
/** App. B1.3, clear column: the records from the status record to the last filler (2F 2F lead and trail). */
export const B13_PLAIN = hex('2F 2F 01 FD 17 00 0D 78 11 39 38 37 36 35 34 33 32 31 30 31 31 58 58 58 58 58 46 6D 00 00 0B 32 16 00 4C 13 91 03 00 00 01 FD 67 05 2F 2F 2F 2F');
/** App. B1.3 printed ciphertext (made with VER 40h in the IV, digest A2). */
export const B13_PRINTED_CT = hex('F1 80 C5 3E 07 68 C7 6A E6 E2 4A 98 BD D5 94 7F 62 27 32 BF 63 72 AA 2A A9 AF 6D 0F 0C 71 FB 59 7F FC 62 05 A2 5F 50 84 27 87 A6 F0 C2 9D 50 7B');
/** App. B identity in long-header order: ID 23456789, MAN 'NET', VER 42h, DEV 03h. */
export const SHORT_ID = hex('89 67 45 23 B4 38 42 03');

/** DSMR-P2 §5.2 IV: MAN, ID, VER, DEV, then the frame counter twice, LSB first. */
export function iv(fc: number, version = 0x42): Uint8Array {
  const le = [fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24];
  return Uint8Array.from([0xb4, 0x38, 0x89, 0x67, 0x45, 0x23, version, 0x03, ...le, ...le]);
}

export function cbc(key: Uint8Array, ivBytes: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-cbc', key, ivBytes).setAutoPadding(false);
  return Uint8Array.from(Buffer.concat([c.update(plain), c.final()]));
}

/** FT1.2 long frame with L and the 8-bit sum computed here. */
export function longFrame(c: number, a: number, ci: number, data: Uint8Array): Uint8Array {
  const l = 3 + data.length;
  const out = Uint8Array.from([0x68, l, l, 0x68, c, a, ci, ...data, 0, 0x16]);
  let s = 0;
  for (let i = 4; i < out.length - 2; i++) s = (s + out[i]!) & 0xff;
  out[out.length - 2] = s;
  return out;
}

export const fcRecord = (fc: number): Uint8Array => Uint8Array.from([0x04, 0xfd, 0x08, fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24]);

/** An encrypted wired command (CI 5Ah short header or 6Ch long header) as DSMR-P2 §4.3.3/§4.3.4/§5 build it. */
export function encryptedCommand(ci: 0x5a | 0x6c, acc: number, fc: number, plain: Uint8Array, a = 1): Uint8Array {
  const ct = cbc(UK, iv(fc), plain);
  const head = ci === 0x6c ? [...SHORT_ID, acc, 0, (ct.length / 16) << 4, 0x0f] : [acc, 0, (ct.length / 16) << 4, 0x0f];
  return longFrame(0x53, a, ci, Uint8Array.from([...head, ...ct, ...fcRecord(fc)]));
}

/** DSMR-P2 §6.2.1 clock block for 2013-07-16 13:00:00 UTC (the footnote-4 example): type I 00 00 4D B0 17 00. */
export const CLOCK_BLOCK_2013 = hex('2F 2F 00 00 00 4D B0 17 00 00 00 00 2F 2F 2F 2F');
export const CLOCK_2013 = Date.UTC(2013, 6, 16, 13, 0, 0);

/** Digest §5.5 derived vectors (checked below against the computation above). */
export const DIGEST = {
  clear5a: hex('68 1E 1E 68 53 01 5A 02 00 10 0F 1E 2D 5D A8 32 C3 8A 17 D7 C4 72 A1 9A A1 E7 E1 04 FD 08 04 00 00 00 73 16'),
  clock6c: hex('68 26 26 68 53 01 6C 89 67 45 23 B4 38 42 03 03 00 10 0F 73 35 57 CA 5C 9F 44 97 2E F7 A3 F8 48 46 1E 52 04 FD 08 06 00 00 00 D7 16'),
  clock6cPlain: hex('68 1F 1F 68 53 01 6C 89 67 45 23 B4 38 42 03 03 00 00 00 2F 2F 00 00 00 4D B0 17 00 00 00 00 2F 2F 2F 2F 7A 16'),
  b12Select: hex('68 1E 1E 68 53 01 5A 01 00 10 0F 95 82 19 FE 3B EE 6B AE 75 BD 33 0B D9 2F E8 2F 04 FD 08 02 00 00 00 D8 16'),
  b13Corrected: hex('68 46 46 68 08 01 72 89 67 45 23 B4 38 42 03 F6 00 30 0F 5D 89 BC 44 8C D7 42 A7 05 4B C8 82 A4 38 42 9D D1 4E 73 8F E5 2A 8F 76 9B EB 2D 09 7B 4C AE C0 1F 97 DB F2 0E 04 07 AB CD 29 B6 D4 6E 4E CA 3D 04 FD 08 01 00 00 00 7A 16'),
};

/** The plaintext blocks of the digest's derived commands, from the DSMR-P2 record definitions. */
export const PLAIN = {
  clearStatus: hex('2F 2F 01 FD 97 06 73 2F 2F 2F 2F 2F 2F 2F 2F 2F'),
  selectHwMetFw: hex('2F 2F 08 FD 0D 08 FD 0E 2F 2F 2F 2F 2F 2F 2F 2F'),
};
