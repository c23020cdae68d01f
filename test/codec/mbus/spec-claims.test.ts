/**
 * Independent checks of the DSMR-P2 examples and of the digest's claims about them (node:crypto and
 * hand arithmetic only), plus the codec against those facts: §5.2.1 Example 1 IV, App. B1.1 key wrap
 * and checksum, App. B1.3 ciphertext/IV version and length field, and every derived ciphertext in the
 * vector file.
 */
import { describe, it, expect } from 'vitest';
import { hexToBytes, bytesToHex } from '../../../harness/codec/bytes.ts';
import { mbusMode15Iv, mbusMode5Iv, mbusIdentityBytes } from '../../../harness/codec/mbus/index.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { nodeEncrypt, nodeEcbEncrypt, nodeDecrypt, sum8 } from './helpers.ts';

const UK = hexToBytes('000102030405060708090A0B0C0D0E0F');
const DK = hexToBytes('00112233445566778899AABBCCDDEEFF');
const NET = { manufacturer: 'NET', id: '23456789', version: 0x42, medium: 3 };
const file = loadVectors('mbus');
const vector = (needle: string) => file.groups.flatMap((g) => g.tests).find((t) => t.comment.includes(needle))!;

describe('DSMR-P2 §5.2.1 Example 1', () => {
  it('the mode 15 IV is MAN, ID, VER, DEV, then the frame counter twice, LSB first', () => {
    expect(bytesToHex(mbusMode15Iv(mbusIdentityBytes(NET), 1), ' ')).toBe('B4 38 89 67 45 23 42 03 01 00 00 00 01 00 00 00');
    expect(bytesToHex(mbusMode15Iv(mbusIdentityBytes(NET), 0x01020304), ' ')).toBe('B4 38 89 67 45 23 42 03 04 03 02 01 04 03 02 01');
  });
  it('NET packs to 38B4h: (14·1024 + 5·32 + 20) sent low byte first', () => {
    expect(14 * 1024 + 5 * 32 + 20).toBe(0x38b4);
    expect(bytesToHex(mbusIdentityBytes(NET).subarray(0, 2))).toBe('B438');
  });
  it('the mode 5 IV repeats the access number eight times', () => {
    expect(bytesToHex(mbusMode5Iv(mbusIdentityBytes(NET), 0x2a))).toBe('B438896745234203' + '2A'.repeat(8));
  });
});

describe('DSMR-P2 App. B1.1', () => {
  const printed = hexToBytes(vector('App. B1.1 set-new-key telegram as printed').hex!);
  it('the wrapped key is AES-128-ECB-encrypt(default key, user key), as printed', () => {
    expect(bytesToHex(nodeEcbEncrypt(DK, UK), ' ')).toBe('27 9F B7 4A 75 72 13 5E 8F 9B 8E F6 D1 EE E0 03');
  });
  it('the 16 key bytes on the wire are the wrapped key reversed (07 FD 19 half first)', () => {
    const wire = [...printed.subarray(10, 18), ...printed.subarray(21, 29)];
    expect(bytesToHex(Uint8Array.from(wire.reverse()))).toBe(bytesToHex(nodeEcbEncrypt(DK, UK)));
  });
  it('L = 19h is right, the printed checksum 4Eh is not: the sum is 8Eh; 4Eh would need DIF 07h for the second half', () => {
    expect(printed[1]).toBe(printed.length - 6);
    expect(sum8(printed, 4, printed.length - 2)).toBe(0x8e);
    expect(printed[printed.length - 2]).toBe(0x4e);
    expect((sum8(printed, 4, printed.length - 2) - 0x40 + 256) % 256).toBe(0x4e);
  });
});

describe('DSMR-P2 App. B1.3', () => {
  const clear = hexToBytes(vector('App. B1.3 clear column as printed').hex!);
  const enc = hexToBytes(vector('App. B1.3 encrypted column as printed').hex!);
  const plaintext = clear.subarray(19, 67);
  const ciphertext = enc.subarray(19, 67);
  const iv = (ver: number) => hexToBytes(`B43889674523${ver.toString(16)}03` + '01000000'.repeat(2));
  it('the printed ciphertext is AES-128-CBC of the clear column under the IV App. B lists (VER 40h), not under VER 42h', () => {
    expect(iv(0x40)[6]).toBe(0x40);
    expect(bytesToHex(nodeEncrypt(UK, iv(0x40), plaintext))).toBe(bytesToHex(ciphertext));
    expect(bytesToHex(nodeEncrypt(UK, iv(0x42), plaintext))).not.toBe(bytesToHex(ciphertext));
  });
  it('decrypting the printed ciphertext with VER 42h changes only byte 6 of block 1: 0Dh becomes 0Fh (a DIF 0Fh)', () => {
    const wrong = nodeDecrypt({ mode: 15, key: UK, iv: iv(0x42), data: ciphertext });
    const diff = [...wrong].map((b, i) => (b !== plaintext[i] ? i : -1)).filter((i) => i >= 0);
    expect(diff).toEqual([6]);
    expect(wrong[6]).toBe(0x0f);
  });
  it('printed L = 3Fh = 63 counts C … last data byte without the 7-byte frame-counter record; both checksums include it', () => {
    expect(clear[1]).toBe(0x3f);
    expect(clear.length - 6).toBe(70);
    expect(70 - 63).toBe(7);
    expect(bytesToHex(clear.subarray(67, 74))).toBe('04FD0801000000');
    expect(sum8(clear, 4, clear.length - 2)).toBe(0x53);
    expect(sum8(enc, 4, enc.length - 2)).toBe(0x93);
  });
  it('the corrected encrypted vector is the clear column encrypted under the §5.2 IV (VER 42h)', () => {
    const v = hexToBytes(vector('App. B1.3 re-encrypted with the IV of DSMR-P2 §5.2').hex!);
    expect(bytesToHex(v.subarray(19, 67))).toBe(bytesToHex(nodeEncrypt(UK, iv(0x42), plaintext)));
  });
});

describe('derived encrypted vectors', () => {
  const fcLe = (fc: number) => `${fc.toString(16).padStart(2, '0')}000000`;
  const cbc = (fc: number, plain: string) => bytesToHex(nodeEncrypt(UK, hexToBytes('B438896745234203' + fcLe(fc) + fcLe(fc)), hexToBytes(plain)));
  it('readout-list selection of FD 0D and FD 0E (FC 2)', () => {
    expect(vector('Select hardware and metrology versions').hex!.slice(22, 54)).toBe(cbc(2, '2F2F08FD0D08FD0E' + '2F'.repeat(8)));
  });
  it('status clear 01 FD 97 06 73 (FC 4)', () => {
    expect(vector('Clear the non-permanent status bits').hex!.slice(22, 54)).toBe(cbc(4, '2F2F01FD970673' + '2F'.repeat(9)));
  });
  it('clock block 2013-07-16 13:00:00 (FC 6): type I bytes 00 00 4D B0 17 00 worked out by hand', () => {
    // second 0; minute 0; hour 13 | day-of-week 2 << 5 = 4Dh; day 16 | (13 & 7) << 5 = B0h; month 7 | (13 >> 3) << 4 = 17h; week 0.
    expect([13 | (2 << 5), 16 | ((13 & 7) << 5), 7 | ((13 >> 3) << 4)]).toEqual([0x4d, 0xb0, 0x17]);
    expect(vector('Encrypted clock synchronisation').hex!.slice(38, 70)).toBe(cbc(6, '2F2F0000004DB01700000000' + '2F2F2F2F'));
  });
  it('mode 5 volume record under IV MAN ID VER DEV ‖ 8 × 2Ah', () => {
    const iv = hexToBytes('B438896745234203' + '2A'.repeat(8));
    expect(vector('EN 13757-3 mode 5').hex!.slice(10)).toBe(bytesToHex(nodeEncrypt(UK, iv, hexToBytes('2F2F0C1391030000' + '2F'.repeat(8)))));
  });
});
