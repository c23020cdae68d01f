/** Data types, header fields, secondary addressing and the readout helpers (unit checks + properties). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import {
  MbusError, bcdDecode, bcdEncode, intDecode, intEncode, typeGDecode, typeFDecode, typeIDecode, typeJDecode, typeGEncode, typeFEncode, typeIEncode,
  textDecode, textEncode, lvarInfo, mbusManufacturerDecode, mbusManufacturerEncode, mbusIdEncode, mbusIdDecode, mbusConfigDecode, mbusConfigEncode,
  mbusHeaderDecode, mbusHeaderEncode, mbusStatusDecode, mbusMediumName, mbusSelectionEncode, mbusSelectionDecode, mbusSelectionMatches, mbusSelectFrame,
  mbusReadoutStart, mbusReadoutNext, mbusCiInfo, mbusVibDescribe,
} from '../../../harness/codec/mbus/index.ts';
import type { MbusHeader, MbusReadoutState } from '../../../harness/codec/mbus/index.ts';

describe('BCD and integers', () => {
  it('negative BCD: top nibble Fh is the sign', () => {
    expect(bcdDecode(hexToBytes('214365F0')).value).toBe(-654321);
    expect(bytesToHex(bcdEncode(-654321, 4))).toBe('214365F0');
    expect(bcdDecode(hexToBytes('9A')).badByte).toBe(0);
    expect(bcdDecode(hexToBytes('F1'), false).value).toBeNull();
  });
  it('property: BCD decode(encode(v)) = v for every width', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.bigInt(-(10n ** 17n), 10n ** 18n - 1n), (size, v) => {
      const digits = BigInt(2 * size);
      const max = 10n ** digits - 1n, min = -(10n ** (digits - 1n) - 1n);
      const x = v > max ? v % (max + 1n) : v < min ? -((-v) % (-min + 1n)) : v;
      expect(BigInt(bcdDecode(bcdEncode(x, size)).value!)).toBe(x);
    }), fcOpts);
  });
  it('property: integer decode(encode(v)) = v, signed and unsigned, 1–8 bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }), fc.boolean(), (size, v, signed) => {
      const bits = BigInt(8 * size);
      const x = signed ? BigInt.asIntN(Number(bits), v) : BigInt.asUintN(Number(bits), v);
      expect(BigInt(intDecode(intEncode(x, size, signed), signed))).toBe(x);
    }), fcOpts);
    expect(() => intEncode(128, 1, true)).toThrow(MbusError);
  });
  it('text is reversed on the wire; LVAR ranges', () => {
    expect(textDecode(textEncode('ABC'))).toBe('ABC');
    expect(bytesToHex(textEncode('ABC'))).toBe('434241');
    expect([0x00, 0xbf, 0xc9, 0xd3, 0xef, 0xf0, 0xf4, 0xf5, 0xf6].map((l) => lvarInfo(l))).toEqual([
      { kind: 'text', length: 0 }, { kind: 'text', length: 191 }, { kind: 'bcd', length: 9 }, { kind: 'negative-bcd', length: 3 },
      { kind: 'binary', length: 15 }, { kind: 'binary', length: 16 }, { kind: 'binary', length: 32 }, { kind: 'binary', length: 48 }, { kind: 'binary', length: 64 },
    ]);
    expect([0xca, 0xcf, 0xda, 0xf7, 0xff].map(lvarInfo)).toEqual([null, null, null, null, null]);
  });
});

describe('dates', () => {
  const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2080-12-31T23:59:59Z'), noInvalidDate: true });
  it('property: type I, F and G round trips (UTC, years 2000–2080)', () => {
    fc.assert(fc.property(dateArb, (d) => {
      const iso = d.toISOString();
      expect(typeIDecode(typeIEncode(d)).iso).toBe(`${iso.slice(0, 19)}Z`);
      expect(typeFDecode(typeFEncode(d)).iso).toBe(`${iso.slice(0, 16)}:00Z`);
      expect(typeGDecode(typeGEncode(d)).iso).toBe(iso.slice(0, 10));
      expect(typeIDecode(typeIEncode(d)).fields.leapYear).toBe(new Date(Date.UTC(d.getUTCFullYear(), 1, 29)).getUTCDate() === 29);
    }), fcOpts);
  });
  it('invalid markers decode as invalid, never as a date', () => {
    expect(typeGDecode(hexToBytes('FFFF'))).toMatchObject({ iso: null, invalid: true });
    expect(typeFDecode(hexToBytes('800BB21A'))).toMatchObject({ iso: null, invalid: true });
    expect(typeIDecode(hexToBytes('00800B321600'))).toMatchObject({ iso: null, invalid: true });
    // day 31, month 13 (0Dh), year 17: out of range → invalid and malformed; month 15 (0Fh) is the "every month" wildcard.
    expect(typeGDecode(hexToBytes('3F2D'))).toMatchObject({ iso: null, invalid: true, malformed: true });
    expect(typeGDecode(hexToBytes('3F2F'))).toMatchObject({ iso: null, invalid: false, wildcard: true });
    expect(typeJDecode(hexToBytes('3C0000'))).toMatchObject({ iso: null, invalid: true, malformed: true });
    // 30 February 2017 (day 30 | year bits 001 → 3Eh; month 2 | year bits 0010 → 22h) does not exist.
    expect(typeGDecode(hexToBytes('3E22'))).toMatchObject({ iso: null, invalid: true, malformed: true });
    expect(typeGDecode(hexToBytes('3D22')).iso).toBeNull();
    expect(typeGDecode(hexToBytes('3C22')).iso).toBe('2017-02-28');
  });
  it('property: any 2/4/6/3 bytes decode to an ISO string that Date parses, or to null', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (b) => {
      for (const v of [typeGDecode(b), typeFDecode(b), typeIDecode(b), typeJDecode(b)]) {
        if (v.iso === null) continue;
        expect(v.invalid).toBe(false);
        if (v.iso.length > 8) expect(Number.isNaN(Date.parse(v.iso.length === 10 ? `${v.iso}T00:00:00Z` : v.iso))).toBe(false);
      }
    }), fcOpts);
  });
});

describe('header fields', () => {
  it('manufacturer letters, ID, medium, status', () => {
    expect(mbusManufacturerDecode(0x38b4)).toBe('NET');
    expect(mbusManufacturerEncode('NET')).toBe(0x38b4);
    expect(() => mbusManufacturerEncode('ne7')).toThrow(MbusError);
    expect(mbusIdDecode(hexToBytes('89674523'))).toBe('23456789');
    expect(bytesToHex(mbusIdEncode('12345678'))).toBe('78563412');
    expect([3, 7, 0x0d, 2, 0x42].map(mbusMediumName)).toEqual(['gas', 'water', 'heat / cooling load meter', 'electricity', 'reserved']);
    expect(mbusStatusDecode(0x1d)).toMatchObject({ applicationError: 'busy', powerLow: true, permanentError: true, temporaryError: true, manufacturerBits: 0 });
  });
  it('configuration word: B1.3 `30 0F` is mode 15, 3 blocks; wireless SND_NR `30 AF` adds B and S', () => {
    expect(mbusConfigDecode(0x0f30)).toMatchObject({ mode: 15, blocks: 3, bidirectional: false, synchronous: false });
    expect(mbusConfigDecode(0xaf30)).toMatchObject({ mode: 15, blocks: 3, bidirectional: true, accessibility: false, synchronous: true });
  });
  it('property: header and configuration word round trips', () => {
    const cfgArb = fc.record({ bidirectional: fc.boolean(), accessibility: fc.boolean(), synchronous: fc.boolean(), reserved: fc.boolean(), mode: fc.integer({ min: 0, max: 15 }), blocks: fc.integer({ min: 0, max: 15 }), content: fc.integer({ min: 0, max: 3 }), hopCount: fc.integer({ min: 0, max: 3 }) });
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(fc.property(cfgArb, fc.stringMatching(/^[0-9]{8}$/), fc.integer({ min: 0, max: 0xffff }), byte, byte, byte, byte, fc.boolean(), (cfg, id, man, ver, med, acc, st, long) => {
      const cw = mbusConfigEncode(cfg);
      expect(mbusConfigDecode(cw)).toEqual({ value: cw, ...cfg });
      const h: MbusHeader = long
        ? { form: 'long', id, manufacturer: mbusManufacturerDecode(man), manufacturerCode: man, version: ver, medium: med, accessNumber: acc, status: st, configWord: cw }
        : { form: 'short', accessNumber: acc, status: st, configWord: cw };
      expect(mbusHeaderDecode(h.form, mbusHeaderEncode(h), 0)).toEqual(h);
    }), fcOpts);
  });
});

describe('secondary addressing', () => {
  it('property: selection decode(encode) and wildcard matching', () => {
    const sel = fc.record({
      id: fc.stringMatching(/^[0-9F]{8}$/), manufacturer: fc.option(fc.stringMatching(/^[A-Z]{3}$/), { nil: null }),
      version: fc.option(fc.integer({ min: 0, max: 254 }), { nil: null }), medium: fc.option(fc.integer({ min: 0, max: 254 }), { nil: null }),
    });
    fc.assert(fc.property(sel, (s) => {
      const d = mbusSelectionDecode(mbusSelectionEncode(s));
      expect({ id: d.id, manufacturer: d.manufacturer, version: d.version, medium: d.medium }).toEqual(s);
      const dev = { id: s.id.replace(/F/g, '7'), manufacturer: s.manufacturer ?? 'NET', version: s.version ?? 1, medium: s.medium ?? 3 };
      expect(mbusSelectionMatches(d, dev)).toBe(true);
      if (s.id[0] !== 'F') expect(mbusSelectionMatches(d, { ...dev, id: `${(Number(s.id[0]) + 1) % 10}${dev.id.slice(1)}` })).toBe(false);
    }), fcOpts);
  });
  it('the selection telegram goes to address 253 with CI 52h', () => {
    const f = mbusSelectFrame({ id: '23456789', manufacturer: 'NET', version: 0x42, medium: 3 });
    expect(bytesToHex(f.subarray(0, 15))).toBe('680B0B6853FD5289674523B4384203');
  });
});

describe('multi-telegram readout', () => {
  it('FCB starts at 1 after SND_NKE, toggles per answer, repeats on timeout, stops at DIF 0Fh/no 1Fh', () => {
    let { state, request } = mbusReadoutStart(5);
    expect(bytesToHex(request)).toBe('107B058016');
    let r = mbusReadoutNext(state, { moreRecordsFollow: true });
    expect(bytesToHex(r.request!)).toBe('105B056016');
    r = mbusReadoutNext(r.state, null);
    expect(bytesToHex(r.request!)).toBe('105B056016');
    r = mbusReadoutNext(r.state, { moreRecordsFollow: true });
    expect(bytesToHex(r.request!)).toBe('107B058016');
    r = mbusReadoutNext(r.state, { moreRecordsFollow: false });
    expect(r).toMatchObject({ request: null, state: { done: true, reason: 'complete', telegrams: 3 } });
  });
  it('property: the readout always ends within its limits', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.boolean(), { nil: null }), { maxLength: 100 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 3 }), (answers, maxTelegrams, maxRetries) => {
      let state: MbusReadoutState = mbusReadoutStart(1).state;
      let requests = 1;
      for (const a of answers) {
        const r = mbusReadoutNext(state, a === null ? null : { moreRecordsFollow: a }, { maxTelegrams, maxRetries });
        state = r.state;
        if (!r.request) break;
        requests++;
      }
      expect(state.telegrams).toBeLessThanOrEqual(maxTelegrams);
      expect(requests).toBeLessThanOrEqual(maxTelegrams * (maxRetries + 1) + 1);
    }), fcOpts);
  });
});

describe('CI and VIF tables', () => {
  it('DSMR-P2 CI codes and their header forms (§4.2.1, Tables 5 and 6)', () => {
    const forms = Object.fromEntries([0x51, 0x5a, 0x5b, 0x6c, 0x72, 0x7a, 0x80, 0x8a].map((c) => [c.toString(16), mbusCiInfo(c).header]));
    expect(forms).toEqual({ 51: 'none', '5a': 'short', '5b': 'long', '6c': 'long', 72: 'long', '7a': 'short', 80: 'long', '8a': 'short' });
    expect(mbusCiInfo(0xbb).name).toBe('set baud rate to 2400 Bd');
  });
  it('VIF tables by hand: 13h is 10^-3 m3, 0Fh is 10^7 J, FD 08 is the access number, FB 08 is 10^-1 GJ', () => {
    expect(mbusVibDescribe(0x13, [], false)).toMatchObject({ quantity: 'volume', unit: 'm3', exponent: -3 });
    expect(mbusVibDescribe(0x0f, [], false)).toMatchObject({ quantity: 'energy', unit: 'J', exponent: 7 });
    expect(mbusVibDescribe(0xfd, [0x08], false)).toMatchObject({ quantity: 'access-number', hint: 'unsigned' });
    expect(mbusVibDescribe(0xfb, [0x08], false)).toMatchObject({ quantity: 'energy', unit: 'J', exponent: 8 });
    expect(mbusVibDescribe(0x22, [], false)).toMatchObject({ quantity: 'on-time', unit: 'h' });
    expect(mbusVibDescribe(0xfd, [], false).unknown.length).toBe(1);
    expect(mbusVibDescribe(0x93, [0x06], true)).toMatchObject({ action: 'AND NOT (clear bits)' });
    expect(mbusVibDescribe(0x93, [0x06], false)).toMatchObject({ recordError: 'data class not implemented' });
  });
});
