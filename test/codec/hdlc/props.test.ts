/** Property tests of the HDLC codec and framer (DESIGN.md § Fuzzing), all with fcOpts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesEqual, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import {
  type HdlcAddress,
  type HdlcFrame,
  type HdlcNegotiation,
  hdlcControlDecode,
  hdlcFrameDecode,
  hdlcFrameEncode,
  hdlcFramer,
  hdlcMaxInfoLength,
  hdlcNegotiationDecode,
  hdlcNegotiationEncode,
  hdlcSplit,
} from '../../../harness/codec/hdlc/index.ts';
import { refChecksOk } from './reference.ts';
import { mutate, mutationArb } from './mutate.ts';

export const addressArb: fc.Arbitrary<HdlcAddress> = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((upper) => ({ size: 1 as const, upper })),
  fc.tuple(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0x7f })).map(([upper, lower]) => ({ size: 2 as const, upper, lower })),
  fc.tuple(fc.integer({ min: 0, max: 0x3fff }), fc.integer({ min: 0, max: 0x3fff })).map(([upper, lower]) => ({ size: 4 as const, upper, lower })),
);

/** Information sizes biased to the interesting places: none, small, around 255/256, the maximum. */
const infoArb = (max: number): fc.Arbitrary<Uint8Array> =>
  fc
    .oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 5, arbitrary: fc.integer({ min: 1, max: 64 }) },
      { weight: 2, arbitrary: fc.constantFrom(1, 244, 245, 246, 247, 248, max - 1, max) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max }) },
    )
    .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));

export const frameArb: fc.Arbitrary<HdlcFrame> = fc
  .record({
    segmented: fc.boolean(),
    destination: addressArb,
    source: addressArb,
    control: fc.integer({ min: 0, max: 255 }).map(hdlcControlDecode),
  })
  .chain((h) => infoArb(hdlcMaxInfoLength(h.destination.size, h.source.size)).map((info) => ({ ...h, info })));

/** A small frame (for streams): short information fields keep the streams fast. */
const smallFrameArb: fc.Arbitrary<HdlcFrame> = fc.record({
  segmented: fc.boolean(),
  destination: addressArb,
  source: addressArb,
  control: fc.integer({ min: 0, max: 255 }).map(hdlcControlDecode),
  info: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 1, maxLength: 80 })),
});

const golden = vectorRows(loadVectors('hdlc'))
  .filter(([, t]) => t.result === 'valid' && !t.flags.includes('stream'))
  .map(([, t]) => hexToBytes(t.hex!));

describe('hdlc properties', () => {
  it('decode(encode(frame)) = frame, and the check sequences agree with the reference CRC', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        const b = hdlcFrameEncode(f);
        expect(refChecksOk(b)).toBe(true);
        expect(hdlcFrameDecode(b)).toEqual(f);
      }),
      fcOpts,
    );
  });

  it('encode(decode(b)) = b for every golden frame', () => {
    for (const b of golden) expect(bytesEqual(hdlcFrameEncode(hdlcFrameDecode(b)), b)).toBe(true);
  });

  it('a mutated golden frame is an HdlcError or a frame that re-encodes to the same octets', () => {
    fc.assert(
      fc.property(fc.nat({ max: golden.length - 1 }), mutationArb, (i, ms) => {
        const m = mutate(golden[i]!, ms);
        let f: HdlcFrame;
        try {
          f = hdlcFrameDecode(m);
        } catch (e) {
          expect(isCodecError(e) && e.layer === 'hdlc' && e.offset >= 0 && e.offset <= m.length).toBe(true);
          return;
        }
        expect(bytesEqual(hdlcFrameEncode(f), m)).toBe(true);
      }),
      fcOpts,
    );
  });

  it('negotiation parameters round-trip (canonical widths)', () => {
    const n16 = fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined });
    const n32 = fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined });
    fc.assert(
      fc.property(fc.record({ maxInfoTransmit: n16, maxInfoReceive: n16, windowTransmit: n32, windowReceive: n32 }), (n) => {
        const clean = Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as HdlcNegotiation;
        expect(hdlcNegotiationDecode(hdlcNegotiationEncode(clean))).toEqual(clean);
      }),
      fcOpts,
    );
  });

  it('the framer recovers every frame from any chunking with garbage between frames', () => {
    const garbageArb = fc.oneof(
      { weight: 3, arbitrary: fc.constant(new Uint8Array(0)) },
      { weight: 4, arbitrary: fc.uint8Array({ maxLength: 24 }) },
      { weight: 1, arbitrary: fc.constantFrom(hexToBytes('7E'), hexToBytes('7E7E'), hexToBytes('7EA0'), hexToBytes('7EA8FF03'), hexToBytes('7EA00B')) },
      // a damaged or cut-off real frame: the hardest kind of noise. The cut removes at least the closing flag
      // and one FCS octet (a frame missing only its closing flag is a real frame when the next flag follows).
      { weight: 2, arbitrary: fc.tuple(smallFrameArb, fc.nat()).map(([f, k]) => { const b = hdlcFrameEncode(f); return b.slice(0, 1 + (k % (b.length - 2))); }) },
      { weight: 2, arbitrary: fc.tuple(smallFrameArb, fc.nat()).map(([f, k]) => { const b = hdlcFrameEncode(f); b[b.length - 2 - (k % 2)]! ^= 0x40; return b; }) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ frame: smallFrameArb, garbage: garbageArb, share: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        garbageArb,
        fc.array(fc.nat(), { maxLength: 12 }),
        (items, tail, cuts) => {
          const parts: Uint8Array[] = [];
          const expected: Array<{ offset: number; frame: HdlcFrame; end: number }> = [];
          let n = 0;
          let prevEndsFrame = false;
          for (const it of items) {
            parts.push(it.garbage);
            n += it.garbage.length;
            let b = hdlcFrameEncode(it.frame);
            let offset = n;
            if (it.garbage.length === 0 && prevEndsFrame && it.share) {
              b = b.subarray(1); // shared flag: the previous closing flag opens this frame
              offset = n - 1;
            }
            parts.push(b);
            n += b.length;
            expected.push({ offset, frame: it.frame, end: n });
            prevEndsFrame = true;
          }
          parts.push(tail);
          const stream = new Uint8Array(n + tail.length);
          let o = 0;
          for (const p of parts) {
            stream.set(p, o);
            o += p.length;
          }
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const framer = hdlcFramer();
          const got: Array<{ offset: number; frame: HdlcFrame; len: number }> = [];
          const garbage: Array<{ offset: number; length: number }> = [];
          let last = 0;
          for (const p of [...points, stream.length]) {
            const r = framer.push(stream.subarray(last, p));
            last = p;
            got.push(...r.frames.map((f) => ({ offset: f.offset, frame: f.frame, len: f.bytes.length })));
            garbage.push(...r.garbage);
            expect(framer.buffered()).toBeLessThanOrEqual(2049 + 1);
          }
          const end = framer.end();
          got.push(...end.frames.map((f) => ({ offset: f.offset, frame: f.frame, len: f.bytes.length })));
          garbage.push(...end.garbage);
          expect(got.map((g) => g.offset)).toEqual(expected.map((e) => e.offset));
          expect(got.map((g) => g.frame)).toEqual(expected.map((e) => e.frame));
          // no garbage run overlaps a recovered frame
          for (const g of garbage) {
            for (const f of got) expect(g.offset + g.length <= f.offset || g.offset >= f.offset + f.len).toBe(true);
          }
        },
      ),
      fcOpts,
    );
  });

  it('hdlcSplit on arbitrary octets never throws and only returns checked frames', () => {
    const noisy = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.constantFrom(0x7e, 0xa0, 0xa8, 0x07, 0x03, 0x21, 0x93, 0x00, 0xff), { maxLength: 200 }).map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(noisy, fc.boolean(), (b, final) => {
        const r = hdlcSplit(b, { final });
        let at = 0;
        for (const f of r.frames) {
          expect(f.offset).toBeGreaterThanOrEqual(at - 1);
          expect(refChecksOk(f.bytes)).toBe(true);
          expect(bytesEqual(b.subarray(f.offset, f.offset + f.bytes.length), f.bytes)).toBe(true);
          at = f.offset + f.bytes.length;
        }
        expect(r.restOffset + r.rest.length).toBe(b.length);
        if (final) expect(r.rest.length).toBe(0);
      }),
      fcOpts,
    );
  });
});
