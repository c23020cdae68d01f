/** Wired link layer and framer: unit checks and fast-check properties (fcOpts). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { hexToBytes, bytesToHex, concatBytes } from '../../../harness/codec/bytes.ts';
import {
  MbusError, mbusFrameEncode, mbusFrameDecode, mbusControlDecode, mbusAddressInfo, mbusSplit, mbusFramerInit, mbusFramerPush,
  mbusSndNke, mbusReqUd2, mbusReqUd1, mbusSndUd, mbusWithFcb,
} from '../../../harness/codec/mbus/index.ts';
import type { MbusFrame } from '../../../harness/codec/mbus/index.ts';
import { sum8 } from './helpers.ts';

const byte = fc.integer({ min: 0, max: 255 });
const frameArb: fc.Arbitrary<MbusFrame> = fc.oneof(
  fc.constant<MbusFrame>({ format: 'single' }),
  fc.record({ format: fc.constant('short' as const), c: byte, a: byte }),
  fc.record({ format: fc.constant('control' as const), c: byte, a: byte, ci: byte }),
  fc.record({ format: fc.constant('long' as const), c: byte, a: byte, ci: byte, data: fc.uint8Array({ minLength: 1, maxLength: 252 }) }),
);

describe('FT1.2 frames', () => {
  it('builders produce the DSMR-P2 §4.3 short frames with CS = C + A', () => {
    expect(bytesToHex(mbusSndNke(0))).toBe('1040004016');
    expect(bytesToHex(mbusReqUd2(1))).toBe('105B015C16');
    expect(bytesToHex(mbusReqUd2(1, true))).toBe('107B017C16');
    expect(bytesToHex(mbusReqUd1(0xfe))).toBe('105AFE5816');
    expect(bytesToHex(mbusSndUd(0, 0x51, hexToBytes('017A05')))).toBe('68060668530051017A052416');
    // Application reset as a control frame with FCB: CS = 73h + 03h + 50h = C6h.
    expect(bytesToHex(mbusSndUd(3, 0x50, new Uint8Array(0), true))).toBe('68030368730350C616');
  });
  it('a control frame is a long frame with L = 3 and CS over C, A, CI', () => {
    const f = mbusFrameEncode({ format: 'control', c: 0x53, a: 0x03, ci: 0x50 });
    expect(bytesToHex(f)).toBe(`68030368530350${sum8(Uint8Array.of(0x53, 3, 0x50), 0, 3).toString(16).toUpperCase()}16`);
    expect(mbusFrameDecode(f).frame.format).toBe('control');
  });
  it('user data longer than 252 bytes cannot be framed (L is one byte)', () => {
    expect(() => mbusFrameEncode({ format: 'long', c: 8, a: 1, ci: 0x72, data: new Uint8Array(253) })).toThrow(MbusError);
    expect(mbusFrameEncode({ format: 'long', c: 8, a: 1, ci: 0x72, data: new Uint8Array(252) })[1]).toBe(255);
  });
  it('C-field: names, FCB/FCV for the master, ACD/DFC for the slave', () => {
    expect(mbusControlDecode(0x73)).toMatchObject({ name: 'SND_UD', fromMaster: true, fcb: true, fcv: true, known: true });
    expect(mbusControlDecode(0x38)).toMatchObject({ name: 'RSP_UD', fromMaster: false, acd: true, dfc: true, known: true });
    expect(mbusControlDecode(0x1b)).toMatchObject({ name: 'RSP_SKE', known: true });
    expect(mbusControlDecode(0x44)).toMatchObject({ name: 'unknown', known: false });
    expect(mbusControlDecode(0x60)).toMatchObject({ name: 'SND_NKE', known: false, fcb: true });
    expect(mbusWithFcb(0x5b, true)).toBe(0x7b);
    expect(mbusWithFcb(0x7b, false)).toBe(0x5b);
  });
  it('A-field semantics (EN 13757-2; DSMR-P2 §3.1.3)', () => {
    expect([0, 1, 250, 251, 252, 253, 254, 255].map((a) => mbusAddressInfo(a).kind)).toEqual(
      ['unconfigured', 'primary', 'primary', 'reserved', 'reserved', 'network-layer', 'broadcast-reply', 'broadcast-no-reply']);
  });
  it('a bad checksum can be inspected with allowBadChecksum', () => {
    const d = mbusFrameDecode(hexToBytes('105B015D16'), { allowBadChecksum: true });
    expect(d).toMatchObject({ checksumValid: false, checksum: 0x5d, frame: { c: 0x5b, a: 1 } });
  });

  it('property: decode(encode(frame)) = frame', () => {
    fc.assert(fc.property(frameArb, (f) => {
      const b = mbusFrameEncode(f);
      const d = mbusFrameDecode(b);
      expect(d.frame).toEqual(f);
      expect(d.length).toBe(b.length);
      expect(d.checksumValid).toBe(true);
    }), fcOpts);
  });
  it('property: encode(decode(b)) = b for every frame the decoder accepts', () => {
    fc.assert(fc.property(frameArb, fc.nat(), (f, n) => {
      const b = mbusFrameEncode(f);
      expect(bytesToHex(mbusFrameEncode(mbusFrameDecode(b).frame))).toBe(bytesToHex(b));
      // Any single-byte change is either rejected with a typed error or still a frame that re-encodes.
      const m = b.slice();
      m[n % m.length] ^= 1 + (n % 255);
      try {
        const d = mbusFrameDecode(m);
        expect(bytesToHex(mbusFrameEncode(d.frame))).toBe(bytesToHex(m));
      } catch (e) {
        expect(e).toBeInstanceOf(MbusError);
        expect(typeof (e as MbusError).offset).toBe('number');
      }
    }), fcOpts);
  });
  it('property: arbitrary bytes never crash the frame decoder', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      try { mbusFrameDecode(b); } catch (e) { expect(e).toBeInstanceOf(MbusError); }
    }), fcOpts);
  });
});

describe('framer', () => {
  const junkByte = byte.filter((v) => v !== 0x10 && v !== 0x68 && v !== 0xe5);
  it('property: every frame is recovered from a chunked stream with garbage between frames', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.uint8Array({ maxLength: 8 }).map((a) => a.map((v) => (v === 0x10 || v === 0x68 || v === 0xe5 ? 0 : v))), frameArb), { maxLength: 8 }),
      fc.array(junkByte, { maxLength: 5 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
      (items, tail, cuts) => {
        const frames = items.map(([, f]) => mbusFrameEncode(f));
        const stream = concatBytes(...items.flatMap(([junk], i) => [junk, frames[i]!]), Uint8Array.from(tail));
        let state = mbusFramerInit();
        const got: string[] = [];
        const garbage: number[] = [];
        let pos = 0, k = 0;
        while (pos < stream.length) {
          const n = cuts[k++ % cuts.length]!;
          const r = mbusFramerPush(state, stream.subarray(pos, pos + n));
          state = r.state;
          got.push(...r.result.frames.map((f) => bytesToHex(f.bytes)));
          for (const g of r.result.garbage) garbage.push(...g.bytes);
          for (const f of r.result.frames) expect(bytesToHex(stream.subarray(f.offset, f.offset + f.bytes.length))).toBe(bytesToHex(f.bytes));
          pos += n;
        }
        const last = mbusFramerPush(state, new Uint8Array(0), true);
        got.push(...last.result.frames.map((f) => bytesToHex(f.bytes)));
        for (const g of last.result.garbage) garbage.push(...g.bytes);
        expect(got).toEqual(frames.map((f) => bytesToHex(f)));
        expect(garbage).toEqual([...items.flatMap(([junk]) => [...junk]), ...tail]);
        expect(last.state.pending.length).toBe(0);
      }), fcOpts);
  });
  it('property: on arbitrary bytes the split accounts for every byte and returns only valid frames', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (b, final) => {
      const r = mbusSplit(b, { final });
      const total = r.frames.reduce((n, f) => n + f.bytes.length, 0) + r.garbage.reduce((n, g) => n + g.bytes.length, 0) + r.rest.length;
      expect(total).toBe(b.length);
      for (const f of r.frames) expect(mbusFrameDecode(f.bytes).length).toBe(f.bytes.length);
      if (final) expect(r.rest.length).toBe(0);
    }), fcOpts);
  });
  it('a false 68h start with a large L waits for more bytes, and a final flush resynchronises', () => {
    const s = hexToBytes('68FFFF68E5105B015C16');
    expect(mbusSplit(s).rest.length).toBe(s.length);
    const f = mbusSplit(s, { final: true });
    expect(f.frames.map((x) => bytesToHex(x.bytes))).toEqual(['E5', '105B015C16']);
    expect(f.garbage.map((x) => bytesToHex(x.bytes))).toEqual(['68FFFF68']);
  });
});
