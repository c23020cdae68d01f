/** fast-check properties of the wireless M-Bus link layer and the 3-out-of-6 coding (DESIGN.md § Fuzzing). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import {
  WMBUS_MAX_PAYLOAD, WmbusError, threeOfSixDecode, threeOfSixEncode, wmbusFrameDecode, wmbusFrameEncode, wmbusFrameInspect,
  wmbusTModeDecode, wmbusTModeEncode, type WmbusFormat, type WmbusFrame,
} from '../../../harness/codec/wmbus/index.ts';
import { crcByDivision, refLayout, refThreeOfSix, unhex } from './independent.ts';

const goldens = loadVectors('wmbus').groups
  .filter((g) => g.params?.op === 'frame-decode')
  .flatMap((g) => g.tests.filter((t) => t.result !== 'invalid').map((t) => ({ bytes: unhex(t.hex!), format: t.params!.format as WmbusFormat })));

// Payload sizes biased to the block edges: A every 16 bytes, B at 116/117 and the maxima.
const sizeArb = (format: WmbusFormat) => fc.oneof(
  fc.integer({ min: 0, max: WMBUS_MAX_PAYLOAD[format] }),
  format === 'A'
    ? fc.integer({ min: 0, max: 15 }).chain((k) => fc.constantFrom(16 * k, 16 * k + 1, Math.max(0, 16 * k - 1))).map((n) => Math.min(n, 246))
    : fc.constantFrom(0, 1, 115, 116, 117, 118, 241, 242),
);

const frameArb = (format: WmbusFormat): fc.Arbitrary<WmbusFrame> => sizeArb(format).chain((n) => fc.record({
  format: fc.constant(format),
  c: fc.integer({ min: 0, max: 255 }),
  m: fc.integer({ min: 0, max: 0xffff }),
  a: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  payload: fc.uint8Array({ minLength: n, maxLength: n }),
}));

const isWmbusError = (e: unknown) => e instanceof WmbusError && Number.isInteger(e.offset) && e.offset >= 0;

describe('wmbus frame properties', () => {
  for (const format of ['A', 'B'] as const) {
    it(`format ${format}: decode(encode(x)) = x, CRCs match the independent CRC`, () => {
      fc.assert(fc.property(frameArb(format), (f) => {
        const bytes = wmbusFrameEncode(f);
        const back = wmbusFrameDecode(bytes, { format });
        expect(back).toEqual(f);
        for (const s of refLayout(format, bytes[0]!)) {
          expect((bytes[s.to]! << 8) | bytes[s.to + 1]!).toBe(crcByDivision(bytes.subarray(s.from, s.to)));
        }
        expect(wmbusFrameDecode(bytes).format, 'auto detection').toBe(format);
      }), fcOpts);
    });

    it(`format ${format}: any single-byte change is a CRC error naming the changed block (or a length error if L changed)`, () => {
      fc.assert(fc.property(frameArb(format), fc.nat(), fc.integer({ min: 1, max: 255 }), (f, pos, x) => {
        const bytes = wmbusFrameEncode(f);
        const i = pos % bytes.length;
        const bad = bytes.slice();
        bad[i]! ^= x;
        let err: unknown;
        try { wmbusFrameDecode(bad, { format }); } catch (e) { err = e; }
        expect(isWmbusError(err)).toBe(true);
        const e = err as WmbusError;
        if (i === 0) {
          expect(['bad-crc', 'truncated', 'length-mismatch', 'l-field-invalid']).toContain(e.code);
        } else {
          const seg = refLayout(format, bytes[0]!).find((s) => i >= s.from && i < s.to + 2)!;
          expect(e.code).toBe('bad-crc');
          expect(e.block).toBe(seg.block);
        }
      }), fcOpts);
    });
  }

  it('payloads beyond L = 255 are refused with payload-too-long', () => {
    fc.assert(fc.property(fc.constantFrom<WmbusFormat>('A', 'B'), fc.integer({ min: 1, max: 40 }), (format, extra) => {
      const f: WmbusFrame = { format, c: 0x44, m: 0x38b4, a: new Uint8Array(6), payload: new Uint8Array(WMBUS_MAX_PAYLOAD[format] + extra) };
      expect(() => wmbusFrameEncode(f)).toThrow(WmbusError);
    }), fcOpts);
  });

  it('mutations of golden frames: WmbusError, or a frame that re-encodes to the same bytes', () => {
    const mutated = fc.constantFrom(...goldens).chain(({ bytes, format }) => fc.tuple(
      fc.constant(format),
      fc.oneof(
        fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, x]) => { const b = bytes.slice(); b[p % b.length]! ^= x; return b; }),
        fc.nat().map((k) => bytes.slice(0, k % (bytes.length + 1))),
        fc.uint8Array({ minLength: 1, maxLength: 20 }).map((tail) => Uint8Array.from([...bytes, ...tail])),
        fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([p, ins]) => { const k = p % bytes.length; return Uint8Array.from([...bytes.slice(0, k), ...ins, ...bytes.slice(k)]); }),
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([p, v]) => { const b = bytes.slice(); b[0] = v; b[p % b.length] = v; return b; }),
      ),
      fc.boolean(),
    ));
    fc.assert(fc.property(mutated, ([format, b, auto]) => {
      const opts = auto ? {} : { format };
      expect(() => wmbusFrameInspect(b, opts)).not.toThrow();
      let f: WmbusFrame | undefined;
      try { f = wmbusFrameDecode(b, opts); } catch (e) { expect(isWmbusError(e)).toBe(true); return; }
      expect(Array.from(wmbusFrameEncode(f))).toEqual(Array.from(b));
    }), fcOpts);
  });

  it('random bytes: decode throws only WmbusError, inspect never throws', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<WmbusFormat | 'auto'>('A', 'B', 'auto'), (b, format) => {
      const insp = wmbusFrameInspect(b, { format });
      try { wmbusFrameDecode(b, { format }); expect(insp.errors).toEqual([]); } catch (e) { expect(isWmbusError(e)).toBe(true); }
    }), fcOpts);
  });
});

describe('3-out-of-6 properties', () => {
  it('decode(encode(x)) = x and the chips equal the independent encoder', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (x) => {
      const chips = threeOfSixEncode(x);
      expect(Array.from(chips)).toEqual(Array.from(refThreeOfSix(x)));
      expect(Array.from(threeOfSixDecode(chips))).toEqual(Array.from(x));
      expect(Array.from(threeOfSixDecode(chips, x.length))).toEqual(Array.from(x));
    }), fcOpts);
  });

  it('random chips: a typed error, or bytes whose encoding reproduces the decoded chips', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (chips) => {
      let out: Uint8Array;
      try { out = threeOfSixDecode(chips); } catch (e) { expect(isWmbusError(e)).toBe(true); expect((e as WmbusError).code).toBe('invalid-3of6-symbol'); return; }
      const re = threeOfSixEncode(out);
      const bits = (b: Uint8Array, n: number) => Array.from(b, (v) => v.toString(2).padStart(8, '0')).join('').slice(0, n);
      expect(bits(re, out.length * 12)).toBe(bits(chips, out.length * 12));
    }), fcOpts);
  });

  it('T-mode: format A frames survive the chip layer; damaged chips give WmbusError', () => {
    fc.assert(fc.property(frameArb('A'), fc.nat(), fc.integer({ min: 1, max: 255 }), (f, pos, x) => {
      const chips = wmbusTModeEncode(f);
      expect(wmbusTModeDecode(chips)).toEqual(f);
      const bad = chips.slice();
      bad[pos % bad.length]! ^= x;
      try { wmbusTModeDecode(bad); } catch (e) { expect(isWmbusError(e)).toBe(true); }
    }), fcOpts);
  });
});
