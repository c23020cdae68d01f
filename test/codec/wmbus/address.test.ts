/** M-field letters, BCD ID, link-address vs Short ID order, C-field names and DSMR-P2 Table 6. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import {
  C_FIELD, WmbusError, cFieldName, dsmrWirelessAllowed, idDecode, idEncode, linkAddressDecode, linkAddressEncode,
  manufacturerDecode, manufacturerEncode, shortIdDecode, shortIdEncode,
} from '../../../harness/codec/wmbus/index.ts';
import { hex } from './independent.ts';

const NET = { manufacturer: 'NET', id: '23456789', version: 0x42, medium: 3 };

describe('address fields', () => {
  it("'NET' packs to 38B4h, B4 38 on the wire (DSMR-P2 App. B; hand calc 14·1024 + 5·32 + 20)", () => {
    expect(manufacturerEncode('NET')).toBe(14 * 1024 + 5 * 32 + 20);
    expect(manufacturerEncode('NET')).toBe(0x38b4);
    expect(manufacturerDecode(0x38b4)).toBe('NET');
    expect(hex(linkAddressEncode(NET)).slice(0, 4)).toBe('B438');
  });

  it('published manufacturers: ELS = 1593h (OMS N.2.1 frame bytes 93 15), CEN = 0CAEh (EN 13757-4 example AE 0C)', () => {
    expect(manufacturerEncode('ELS')).toBe(0x1593);
    expect(manufacturerEncode('CEN')).toBe(0x0cae);
  });

  it('ID 23456789 is sent 89 67 45 23 (DSMR-P2 App. B, §4.2.2)', () => {
    expect(hex(idEncode('23456789'))).toBe('89674523');
    expect(idDecode(Uint8Array.of(0x89, 0x67, 0x45, 0x23))).toBe('23456789');
  });

  it('link address is MAN ID VER DEV, Short ID is ID MAN VER DEV (DSMR-P2 §3.2.4 vs §4.2.2); IV bytes 0-7 = link order (§5.2.1)', () => {
    expect(hex(linkAddressEncode(NET))).toBe('B43889674523' + '4203');
    expect(hex(shortIdEncode(NET))).toBe('89674523B438' + '4203');
    expect(shortIdDecode(shortIdEncode(NET))).toEqual(NET);
  });

  it('bad manufacturer / id are typed errors', () => {
    expect(() => manufacturerEncode('ne')).toThrow(WmbusError);
    expect(() => manufacturerEncode('n3t')).toThrow(WmbusError);
    expect(() => idEncode('1234567')).toThrow(WmbusError);
    expect(() => linkAddressEncode({ ...NET, version: 256 })).toThrow(WmbusError);
  });

  it('round trip of any link address', () => {
    const letter = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
    const arb = fc.record({
      manufacturer: fc.tuple(letter, letter, letter).map((l) => l.join('')),
      id: fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
      version: fc.integer({ min: 0, max: 255 }),
      medium: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(fc.property(arb, (a) => {
      expect(linkAddressDecode(linkAddressEncode(a))).toEqual(a);
      expect(shortIdDecode(shortIdEncode(a))).toEqual(a);
    }), fcOpts);
  });
});

describe('C-field', () => {
  it('names the EN 13757-4 frame types, ignoring FCB (DSMR-P2 §3.2.2) and ACD/DFC', () => {
    expect(cFieldName(0x44)).toBe('SND_NR');
    expect(cFieldName(0x53)).toBe('SND_UD');
    expect(cFieldName(0x73)).toBe('SND_UD');
    expect(cFieldName(0x5b)).toBe('REQ_UD2');
    expect(cFieldName(0x7b)).toBe('REQ_UD2');
    expect(cFieldName(0x08)).toBe('RSP_UD');
    expect(cFieldName(0x28)).toBe('RSP_UD');
    expect(cFieldName(0x00)).toBe('ACK');
    expect(cFieldName(0x06)).toBe('CNF_IR');
    expect(cFieldName(0x46)).toBe('SND_IR');
    expect(cFieldName(0x47)).toBe('ACC_NR');
    expect(cFieldName(0x48)).toBe('ACC_DMD');
    expect(cFieldName(0x40)).toBe('SND_NKE');
    expect(cFieldName(0x64)).toBeNull(); // FCB set without FCV
    expect(cFieldName(0x80)).toBeNull();
    expect(C_FIELD.SND_NR).toBe(0x44);
  });

  it('DSMR-P2 Table 6: exactly the listed C/CI pairs are allowed', () => {
    const allowed = [[0x40, 0x80], [0x44, 0x7a], [0x5b, 0x80], [0x7b, 0x80], [0x08, 0x7a], [0x53, 0x5b], [0x73, 0x5b], [0x53, 0x6c], [0x73, 0x6c], [0x00, 0x8a], [0x46, 0x7a], [0x06, 0x80]];
    for (const [c, ci] of allowed) expect(dsmrWirelessAllowed(c!, ci!), `${c} ${ci}`).toBe(true);
    let n = 0;
    for (let c = 0; c < 256; c++) for (let ci = 0; ci < 256; ci++) if (dsmrWirelessAllowed(c, ci)) n++;
    expect(n).toBe(allowed.length);
    expect(dsmrWirelessAllowed(0x5a, 0x80)).toBe(false); // REQ_UD1 not allowed (§3.2.2)
    expect(dsmrWirelessAllowed(0x47, 0x7a)).toBe(false); // ACC_NR
    expect(dsmrWirelessAllowed(0x48, 0x7a)).toBe(false); // ACC_DMD
    expect(dsmrWirelessAllowed(0x44, null)).toBe(false);
  });
});
