/**
 * CRC-16/ARC (DSMR P1 5.x/4.x §6.x CRC16, not in the seed release notes; digest §1.4): the codec's
 * table-driven CRC against two independent bitwise references, the catalogue check values, the two CRCs
 * printed in the release notes, and detection of every single-byte change of golden telegrams.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P1Error, crc16Arc, crc16ArcLatin1, crc16Hex, p1Parse } from '../../../harness/codec/p1/index.ts';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { ARC, MODBUS, XMODEM, crcArcLsb, crcRef, hex4 } from './crc-ref.ts';
import { coveredRange } from './view.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const vectors = loadVectors('p1').groups.flatMap((g) => g.tests);
const byId = (id: number) => vectors.find((t) => t.tcId === id)!.text!;

describe('reference CRCs (test side) reproduce the catalogue check values', () => {
  it('CRC-16/ARC("123456789") = 0xBB3D, two ways', () => {
    expect(crcRef('123456789', ARC)).toBe(0xbb3d);
    expect(crcArcLsb('123456789')).toBe(0xbb3d);
  });
  it('look-alikes: MODBUS = 0x4B37, XMODEM = 0x31C3', () => {
    expect(crcRef('123456789', MODBUS)).toBe(0x4b37);
    expect(crcRef('123456789', XMODEM)).toBe(0x31c3);
  });
  it('the release-note CRCs 141B and CE7C check against the reconstructed examples (digest §1.9)', () => {
    expect(hex4(crcRef(coveredRange(byId(1))!))).toBe('141B');
    expect(hex4(crcArcLsb(coveredRange(byId(2))!))).toBe('CE7C');
  });
});

describe('crc16Arc (codec)', () => {
  it('check value and the printed CRCs', () => {
    expect(crc16Arc(ascii('123456789'))).toBe(0xbb3d);
    expect(crc16Hex(crc16Arc(ascii(coveredRange(byId(1))!)))).toBe('141B');
    expect(crc16Hex(crc16ArcLatin1(coveredRange(byId(2))!))).toBe('CE7C');
    expect(crc16Arc(new Uint8Array(0))).toBe(0);
    expect(crc16Hex(0x0a)).toBe('000A');
  });
  it('equals the bitwise reference on any bytes, and chains through init', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 50 }), (a, b) => {
        expect(crc16Arc(a)).toBe(crcRef(a, ARC));
        const ab = new Uint8Array([...a, ...b]);
        expect(crc16Arc(b, crc16Arc(a))).toBe(crc16Arc(ab));
        expect(crc16ArcLatin1(String.fromCharCode(...ab))).toBe(crcRef(ab, ARC));
      }),
      fcOpts,
    );
  });
});

describe('every single-byte change of a golden telegram is detected', () => {
  // Exhaustive over positions × byte changes (CRC-16 catches every burst up to 16 bits).
  const golden = vectors.filter((t) => t.result === 'valid').slice(0, 3);
  const changes = [(b: number) => b ^ 0x01, (b: number) => b ^ 0x20, (b: number) => b ^ 0x80, (b: number) => (b + 1) & 0xff, () => 0x30];
  it.each(golden.map((t) => [t.tcId, t.text!] as const))('vector #%i', (_id, text) => {
    const covered = coveredRange(text)!;
    const stated = crc16Arc(ascii(covered));
    const bytes = ascii(text);
    let checked = 0;
    for (let i = 0; i < covered.length; i++) {
      for (const change of changes) {
        const b = change(bytes[i]!);
        if (b === bytes[i]) continue;
        const m = bytes.slice();
        m[i] = b;
        expect(crcRef(m.subarray(0, covered.length), ARC)).not.toBe(stated);
        // Through the parser: strict always rejects (CRC mismatch, or the change broke the structure).
        expect(() => p1Parse(m)).toThrow(P1Error);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(covered.length * 3);
  });
});
