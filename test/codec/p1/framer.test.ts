/**
 * p1Split / createP1Framer: serial streams where reading starts mid-telegram, meters with and without
 * CR LF after `!XXXX` (digest §5 A2), telegrams cut short by a reset, DSMR 2.2/3.0 `!` without CRC,
 * and arbitrary chunking (property, fcOpts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P1_MAX_TELEGRAM, createP1Framer, p1Parse, p1Split } from '../../../harness/codec/p1/index.ts';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';

const tests = loadVectors('p1').groups.flatMap((g) => g.tests);
const text = (id: number) => tests.find((t) => t.tcId === id)!.text!;
const T42 = text(9); // DSMR 4.2, ends with CR LF
const T50 = text(10); // DSMR 5.0, ends with CR LF
const T22 = text(7); // DSMR 2.2: '!' + CR LF, no CRC
const TRN = text(14); // DSMR 4.2 without CR LF after !XXXX

describe('p1Split', () => {
  it('splits back-to-back telegrams and keeps what precedes the first /', () => {
    const tail = '0-1:24.2.1(171105140000W)(01203.554*m3)\r\n!ABCD\r\n';
    expect(p1Split(tail + T42 + T50 + T22)).toEqual({ telegrams: [T42, T50, T22], rest: '', garbage: [tail] });
  });
  it('a telegram without CR LF after the CRC ends before the next /', () => {
    expect(p1Split(TRN + T50 + TRN)).toEqual({ telegrams: [TRN, T50, TRN], rest: '', garbage: [] });
  });
  it('an incomplete last telegram is the rest', () => {
    const half = T50.slice(0, 300);
    expect(p1Split(T42 + half)).toEqual({ telegrams: [T42], rest: half, garbage: [] });
  });
  it('a telegram cut short by a new header becomes garbage', () => {
    const cut = T42.slice(0, 200) + '\r\n';
    expect(p1Split(cut + T50)).toEqual({ telegrams: [T50], rest: '', garbage: [cut] });
  });
  it('bytes between telegrams (an extra CR LF, noise) are garbage', () => {
    expect(p1Split(T42 + '\r\n' + T50 + 'xx')).toEqual({ telegrams: [T42, T50], rest: '', garbage: ['\r\n', 'xx'] });
  });
  it('! with fewer than 4 hex digits runs to its line end', () => {
    const odd = '/ABC5x\r\n\r\n1-0:1.8.1(1*kWh)\r\n!12\r\n';
    expect(p1Split(odd + T42).telegrams).toEqual([odd, T42]);
  });
  it('every split telegram parses on its own', () => {
    const { telegrams } = p1Split(T42 + T50 + TRN + T42);
    for (const t of telegrams) expect(p1Parse(t).crc.valid).toBe(true);
  });
});

describe('createP1Framer', () => {
  it('reading starts mid-telegram: the partial telegram is garbage, the next ones come out whole', () => {
    const f = createP1Framer();
    const stream = T42.slice(123) + T50 + T42;
    expect(f.push(stream.slice(0, 500))).toEqual([]);
    expect(f.push(stream.slice(500))).toEqual([T50, T42]);
    expect(f.garbage()).toEqual([T42.slice(123)]);
    expect(f.pending()).toBe('');
  });
  it('waits for the line ending after !XXXX; delivers on the next / or on flush', () => {
    const f = createP1Framer();
    expect(f.push(TRN)).toEqual([]);
    expect(f.pending()).toBe(TRN);
    expect(f.push('/')).toEqual([TRN]);
    expect(f.pending()).toBe('/');
    const g = createP1Framer();
    g.push(TRN);
    expect(g.flush()).toEqual([TRN]);
  });
  it('a CR at the end of a chunk waits for a possible LF', () => {
    const f = createP1Framer();
    expect(f.push(T42.slice(0, -1))).toEqual([]);
    expect(f.push('\n')).toEqual([T42]);
  });
  it('byte-at-a-time delivery gives the same telegrams', () => {
    const f = createP1Framer();
    const out: string[] = [];
    for (const c of T50 + T22 + T42) out.push(...f.push(c));
    expect(out).toEqual([T50, T22, T42]);
    expect(f.garbage()).toEqual([]);
  });
  it('never holds more than P1_MAX_TELEGRAM bytes of a telegram that does not end', () => {
    const f = createP1Framer();
    const junk = '/XYZ5 no end\r\n' + '1-0:1.8.1(000001.000*kWh)\r\n'.repeat(4000);
    expect(f.push(junk)).toEqual([]);
    expect(f.pending().length).toBeLessThanOrEqual(P1_MAX_TELEGRAM);
    expect(f.push(T42)).toEqual([T42]);
    expect(f.garbage().join('')).toBe(junk);
  });
  it('flush turns an unfinished telegram into garbage', () => {
    const f = createP1Framer();
    f.push(T42.slice(0, 100));
    expect(f.flush()).toEqual([]);
    expect(f.garbage()).toEqual([T42.slice(0, 100)]);
  });
  it('any chunking of a stream yields the telegrams p1Split finds', () => {
    const pool = [T42, T50, T22, TRN, '\r\n', 'noise', T42.slice(0, 77)];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }), (picks, sizes) => {
        const stream = picks.map((i) => pool[i]!).join('');
        const f = createP1Framer();
        const out: string[] = [];
        let pos = 0;
        for (const n of sizes) { out.push(...f.push(stream.slice(pos, pos + n))); pos += n; }
        out.push(...f.push(stream.slice(pos)));
        out.push(...f.flush());
        const split = p1Split(stream);
        expect(out).toEqual(split.telegrams);
        expect(f.garbage().join('')).toBe(split.garbage.join('') + split.rest);
      }),
      fcOpts,
    );
  });
});
