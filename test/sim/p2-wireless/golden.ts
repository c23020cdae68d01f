/**
 * Expected wireless frames, computed here from the DSMR-P2 examples (App. B identity and keys, B1.3 clear
 * column, §5.2 IV rule) with our own CRC-16/EN-13757 and node:crypto — independently of the wmbus codec,
 * the security layer, the role and the simulator — and the research digest's §5.5 derived wireless
 * vectors, which the tests check against this computation.
 */
import { createCipheriv } from 'node:crypto';

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
export const show = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');

/** CRC-16/EN-13757: polynomial 3D65h, initial value 0, not reflected, final XOR FFFFh (EN 13757-4; digest §2.2). */
export function crc(bytes: Uint8Array): number {
  let r = 0;
  for (const b of bytes) {
    r ^= b << 8;
    for (let i = 0; i < 8; i++) r = r & 0x8000 ? ((r << 1) ^ 0x3d65) & 0xffff : (r << 1) & 0xffff;
  }
  return r ^ 0xffff;
}

/** Format A (DSMR-P2 §3.2, Table 4): block 1 = L C M A + CRC, then 16-byte blocks of the rest + CRC each (high byte first). */
export function formatA(c: number, lla: Uint8Array, rest: Uint8Array): Uint8Array {
  const head = Uint8Array.from([9 + rest.length, c, ...lla]);
  const out: number[] = [];
  const put = (b: Uint8Array) => { const v = crc(b); out.push(...b, v >> 8, v & 0xff); };
  put(head);
  for (let i = 0; i < rest.length; i += 16) put(rest.subarray(i, i + 16));
  return Uint8Array.from(out);
}

/** DSMR-P2 App. B: default key, user key, device link address MAN ID VER DEV ('NET', 23456789, 42h, gas). */
export const DK = hex('00112233445566778899AABBCCDDEEFF');
export const UK = hex('000102030405060708090A0B0C0D0E0F');
export const LLA = hex('B4 38 89 67 45 23 42 03');
/** The Short ID (ID MAN VER DEV) the E-meter names in long headers (DSMR-P2 §4.2.2). */
export const SHORT_ID = hex('89 67 45 23 B4 38 42 03');
export const ZERO_LLA = new Uint8Array(8);
/** App. B1.3 clear column: 2F 2F, the records (status, E-ID, 2009-06-18 11:00 stamp, 0,391 m³, config 05h), 2F ×4. */
export const B13_PLAIN = hex('2F 2F 01 FD 17 00 0D 78 11 39 38 37 36 35 34 33 32 31 30 31 31 58 58 58 58 58 46 6D 00 00 0B 32 16 00 4C 13 91 03 00 00 01 FD 67 05 2F 2F 2F 2F');
/** App. B1.1: the user key wrapped with the default key, as sent (bytes reversed, two halves). */
export const SET_KEY_RECORDS = hex('07 FD 19 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A B7 9F 27');

export function iv(fc: number): Uint8Array {
  const le = [fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24];
  return Uint8Array.from([...LLA, ...le, ...le]);
}

export function cbc(key: Uint8Array, ivBytes: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-cbc', key, ivBytes).setAutoPadding(false);
  return Uint8Array.from(Buffer.concat([c.update(plain), c.final()]));
}

export const fcRecord = (fc: number): Uint8Array => Uint8Array.from([0x04, 0xfd, 0x08, fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24]);

/** SND_NR (DSMR-P2 §4.4.2) with the B1.3 records, encrypted (method 15, 3 blocks; CW B, S set → wire 30 AF), FC `fc`. */
export function sndNrB13(acc: number, fc: number): Uint8Array {
  return formatA(0x44, LLA, Uint8Array.from([0x7a, acc, 0x00, 0x30, 0xaf, ...cbc(UK, iv(fc), B13_PLAIN), ...fcRecord(fc)]));
}

/** An E-meter frame without application data (CI 80h, long header of the target, CW 00 00): SND_NKE, REQ_UD2, CNF_IR. */
export const emeterNoData = (c: number, acc: number): Uint8Array => formatA(c, ZERO_LLA, Uint8Array.from([0x80, ...SHORT_ID, acc, 0, 0, 0]));

/** ACK (DSMR-P2 §4.4.3) with CW-1 as given (A0h as the §4.4.3 table prints it; 80h when S = 0, §4.2.6). */
export const ack = (acc: number, cw1: number): Uint8Array => formatA(0x00, LLA, Uint8Array.of(0x8a, acc, 0, 0, cw1));

/** The research digest §5.5 derived wireless vectors, as printed there. */
export const DIGEST = {
  sndNr: hex('45 44 B4 38 89 67 45 23 42 03 A2 1C 7A F6 00 30 AF 5D 89 BC 44 8C D7 42 A7 05 4B C8 E6 CF 82 A4 38 42 9D D1 4E 73 8F E5 2A 8F 76 9B EB 2D F9 66 09 7B 4C AE C0 1F 97 DB F2 0E 04 07 AB CD 29 B6 C4 A2 D4 6E 4E CA 3D 04 FD 08 01 00 00 00 94 CD'),
  sndNke: hex('16 40 00 00 00 00 00 00 00 00 47 05 80 89 67 45 23 B4 38 42 03 01 00 00 00 BA 21'),
  reqUd2: hex('16 5B 00 00 00 00 00 00 00 00 5E 2C 80 89 67 45 23 B4 38 42 03 01 00 00 00 BA 21'),
  cnfIr: hex('16 06 00 00 00 00 00 00 00 00 BD 45 80 89 67 45 23 B4 38 42 03 F6 00 00 00 B9 75'),
  ack: hex('0E 00 B4 38 89 67 45 23 42 03 54 02 8A 01 00 00 A0 D4 A5'),
  setKey: hex('2C 53 00 00 00 00 00 00 00 00 85 27 5B 89 67 45 23 B4 38 42 03 01 00 00 00 07 FD 19 85 01 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A EC 39 B7 9F 27 73 94'),
  sndIr: hex('0E 46 B4 38 89 67 45 23 42 03 AE 42 7A 10 00 00 A0 C1 07'),
};
