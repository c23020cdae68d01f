/** Property tests of the wrapper codec and TCP reassembler (DESIGN.md § Fuzzing), all with fcOpts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesEqual, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import {
  type WrapperPdu,
  type WrapperStreamPdu,
  WrapperError,
  wrapperDecode,
  wrapperEncode,
  wrapperReassembler,
} from '../../../harness/codec/wrapper/index.ts';
import { mutate, mutationArb } from '../hdlc/mutate.ts';

const pduArb: fc.Arbitrary<WrapperPdu & { version: number }> = fc.record({
  version: fc.constant(1),
  srcWPort: fc.integer({ min: 0, max: 0xffff }),
  dstWPort: fc.integer({ min: 0, max: 0xffff }),
  apdu: fc.oneof({ weight: 5, arbitrary: fc.uint8Array({ maxLength: 64 }) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 250, maxLength: 600 }) }),
});

/** Cut `b` at the given points (taken modulo its length). */
function chunks(b: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, b.length]) {
    out.push(b.subarray(last, p));
    last = p;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const golden = vectorRows(loadVectors('wrapper'))
  .filter(([, t]) => t.result === 'valid' && !t.flags.includes('stream'))
  .map(([, t]) => hexToBytes(t.hex!));

describe('wrapper properties', () => {
  it('decode(encode(p)) = p', () => {
    fc.assert(fc.property(pduArb, (p) => void expect(wrapperDecode(wrapperEncode(p))).toEqual(p)), fcOpts);
  });

  it('encode(decode(b)) = b for every golden PDU', () => {
    for (const b of golden) expect(bytesEqual(wrapperEncode(wrapperDecode(b)), b)).toBe(true);
  });

  it('a mutated golden PDU is a WrapperError or a PDU that re-encodes to the same octets', () => {
    fc.assert(
      fc.property(fc.nat({ max: golden.length - 1 }), mutationArb, fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }), (i, ms, maxLength) => {
        const m = mutate(golden[i]!, ms);
        let p: WrapperPdu;
        try {
          p = wrapperDecode(m, maxLength === undefined ? {} : { maxLength });
        } catch (e) {
          expect(isCodecError(e) && e.layer === 'wrapper' && e.offset >= 0 && e.offset <= m.length).toBe(true);
          return;
        }
        expect(bytesEqual(wrapperEncode(p), m)).toBe(true);
      }),
      fcOpts,
    );
  });

  it('the reassembler returns every PDU, with its stream offset, whatever the TCP read chunking', () => {
    fc.assert(
      fc.property(fc.array(pduArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (pdus, cuts) => {
        const encoded = pdus.map(wrapperEncode);
        const stream = concat(encoded);
        const r = wrapperReassembler();
        const got: WrapperStreamPdu[] = [];
        for (const c of chunks(stream, cuts)) got.push(...r.push(c));
        r.end();
        expect(got.map(({ offset: _o, ...p }) => p)).toEqual(pdus);
        let off = 0;
        got.forEach((p, k) => {
          expect(p.offset).toBe(off);
          off += encoded[k]!.length;
        });
        expect(r.garbage).toEqual([]);
      }),
      fcOpts,
    );
  });

  it('strict reassembly fails at the first octet of inserted garbage, after delivering the PDUs before it', () => {
    fc.assert(
      fc.property(
        fc.array(pduArb, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 16 }).filter((g) => g[0] !== 0x00),
        fc.array(fc.nat(), { maxLength: 10 }),
        (pdus, at, garbage, cuts) => {
          const k = at % (pdus.length + 1);
          const encoded = pdus.map(wrapperEncode);
          const before = concat(encoded.slice(0, k));
          const stream = concat([before, garbage, ...encoded.slice(k)]);
          const r = wrapperReassembler();
          const got: WrapperStreamPdu[] = [];
          let err: unknown;
          try {
            for (const c of chunks(stream, cuts)) got.push(...r.push(c));
            r.end();
          } catch (e) {
            err = e;
          }
          expect(r.error()).toBe(err);
          expect(err).toBeInstanceOf(WrapperError);
          expect((err as WrapperError).code).toBe('bad-version');
          expect((err as WrapperError).offset).toBe(before.length);
          expect(got.length).toBe(k);
        },
      ),
      fcOpts,
    );
  });

  it('resync mode recovers every PDU from garbage that cannot imitate a header, whatever the chunking', () => {
    const garbageArb = fc.uint8Array({ maxLength: 20 }).map((g) => g.map((x) => (x === 0 ? 0x7e : x)));
    fc.assert(
      fc.property(fc.array(fc.tuple(garbageArb, pduArb), { minLength: 1, maxLength: 6 }), garbageArb, fc.array(fc.nat(), { maxLength: 20 }), (items, tail, cuts) => {
        const parts: Uint8Array[] = [];
        const runs: Array<{ offset: number; length: number }> = [];
        let n = 0;
        for (const [g, p] of items) {
          if (g.length) runs.push({ offset: n, length: g.length });
          const e = wrapperEncode(p);
          parts.push(g, e);
          n += g.length + e.length;
        }
        if (tail.length) runs.push({ offset: n, length: tail.length });
        parts.push(tail);
        const r = wrapperReassembler({ resync: true });
        const got: WrapperStreamPdu[] = [];
        for (const c of chunks(concat(parts), cuts)) got.push(...r.push(c));
        r.end();
        expect(got.map(({ offset: _o, ...p }) => p)).toEqual(items.map(([, p]) => p));
        expect(r.garbage.map(({ offset, length }) => ({ offset, length }))).toEqual(runs);
      }),
      fcOpts,
    );
  });

  it('independent datagrams: garbage datagrams fail alone, the others decode', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pduArb.map((p) => ({ p, b: wrapperEncode(p) })), fc.uint8Array({ maxLength: 30 }).map((b) => ({ p: undefined, b }))), { maxLength: 8 }), (dgs) => {
        for (const { p, b } of dgs) {
          try {
            const d = wrapperDecode(b);
            if (p) expect(d).toEqual(p);
            else expect(bytesEqual(wrapperEncode(d), b)).toBe(true);
          } catch (e) {
            expect(p).toBeUndefined();
            expect(e).toBeInstanceOf(WrapperError);
          }
        }
      }),
      fcOpts,
    );
  });
});
