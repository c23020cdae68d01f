/** OBIS codec: every vector of vectors/obis.json, plus fast-check properties (fcOpts). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { fcOpts } from '../../helpers/fc.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { CodecError } from '../../../harness/codec/errors.ts';
import {
  ObisError, obisEquals, obisFormat, obisFromGroups, obisFromOctets, obisGroups, obisMaskFormat, obisMaskParse, obisMatch, obisParse,
  type ObisMask,
} from '../../../harness/codec/obis/index.ts';

const file = loadVectors('obis');

function expectObisError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ObisError);
  expect((caught as ObisError).code).toBe(code);
  expect(typeof (caught as ObisError).offset).toBe('number');
}

describe('obis vectors', () => {
  it.each(vectorRows(file))('%s', (_name, t) => {
    const isMask = t.flags.includes('mask');
    if (t.hex !== undefined) {
      if (t.result === 'invalid') return expectObisError(() => obisFromOctets(hexToBytes(t.hex!)), t.error!);
      const exp = t.expected as { text: string };
      expect(obisFormat(obisFromOctets(hexToBytes(t.hex)))).toBe(exp.text);
      return;
    }
    if (isMask) {
      if (t.result === 'invalid') return expectObisError(() => obisMaskParse(t.text!), t.error!);
      const exp = t.expected as { mask: ObisMask; canonical: string; matches: boolean[] };
      const m = obisMaskParse(t.text!);
      expect(m).toEqual(exp.mask);
      expect(obisMaskFormat(m)).toBe(exp.canonical);
      const codes = (t.params as { codes: string[] }).codes;
      expect(codes.map((c) => obisMatch(t.text!, c))).toEqual(exp.matches);
      expect(codes.map((c) => obisMatch(m, obisParse(c)))).toEqual(exp.matches);
      return;
    }
    if (t.result === 'invalid') return expectObisError(() => obisParse(t.text!), t.error!);
    const exp = t.expected as { octets: string; canonical: string };
    const o = obisParse(t.text!);
    expect(bytesToHex(o)).toBe(exp.octets);
    expect(obisFormat(o)).toBe(exp.canonical);
  });
});

describe('obis API', () => {
  it('formats the E*F variant on request and round-trips groups', () => {
    const o = Uint8Array.of(1, 0, 1, 8, 0, 101);
    expect(obisFormat(o, { star: true })).toBe('1-0:1.8.0*101');
    expect(obisGroups(o)).toEqual({ a: 1, b: 0, c: 1, d: 8, e: 0, f: 101 });
    expect(obisFromGroups({ a: 1, b: 0, c: 1, d: 8, e: 0, f: 101 })).toEqual(o);
    expect(obisEquals('1-0:1.8.0*101', o)).toBe(true);
    expect(obisEquals('1-0:1.8.0', o)).toBe(false);
  });
  it('rejects out-of-range groups in structures', () => {
    expectObisError(() => obisFromGroups({ a: 1, b: 0, c: 1, d: 8, e: 0, f: 256 }), 'out-of-range');
    expectObisError(() => obisMaskFormat({ a: 1, b: null, c: -1, d: 8, e: 0, f: 1 }), 'out-of-range');
    expectObisError(() => obisFormat([1, 2, 3]), 'bad-length');
  });
});

const octet = fc.integer({ min: 0, max: 255 });
const six = fc.array(octet, { minLength: 6, maxLength: 6 });
const maskGroup = fc.option(octet, { nil: null });
const maskArb = fc.record({ a: maskGroup, b: maskGroup, c: maskGroup, d: maskGroup, e: maskGroup, f: maskGroup });

describe('obis properties', () => {
  it('parse(format(o)) = o for every 6-octet code, in both separator styles', () => {
    fc.assert(fc.property(six, (g) => {
      const o = Uint8Array.from(g);
      expect(obisParse(obisFormat(o))).toEqual(o);
      expect(obisParse(obisFormat(o, { star: true }))).toEqual(o);
      expect(obisFromOctets(o)).toEqual(o);
    }), fcOpts);
  });

  it('format(parse(s)) = s for canonical texts built independently from the groups', () => {
    fc.assert(fc.property(six, (g) => {
      const s = `${g[0]}-${g[1]}:${g[2]}.${g[3]}.${g[4]}.${g[5]}`;
      expect(obisFormat(obisParse(s))).toBe(s);
      expect(Array.from(obisParse(`${g[0]}.${g[1]}.${g[2]}.${g[3]}.${g[4]}.${g[5]}`))).toEqual(g);
      expect(Array.from(obisParse(`${g[0]}-${g[1]}:${g[2]}.${g[3]}.${g[4]}`))).toEqual([...g.slice(0, 5), 255]);
    }), fcOpts);
  });

  it('mask matching equals the group-wise definition; masks round-trip through text', () => {
    fc.assert(fc.property(maskArb, six, (m, g) => {
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
      const expected = keys.every((k, i) => m[k] === null || m[k] === g[i]);
      expect(obisMatch(m, Uint8Array.from(g))).toBe(expected);
      expect(obisMaskParse(obisMaskFormat(m))).toEqual(m);
    }), fcOpts);
  });

  it('any text over the OBIS alphabet gives ObisError or a code that re-formats and re-parses identically', () => {
    const ch = fc.constantFrom('0', '1', '2', '5', '9', '-', ':', '.', '*', ' ', 'x');
    fc.assert(fc.property(fc.array(ch, { maxLength: 24 }).map((a) => a.join('')), (s) => {
      for (const parse of [obisParse, (x: string) => obisMaskParse(x)]) {
        try {
          const r = parse(s);
          if (r instanceof Uint8Array) expect(obisParse(obisFormat(r))).toEqual(r);
          else expect(obisMaskParse(obisMaskFormat(r))).toEqual(r);
        } catch (e) {
          expect(e).toBeInstanceOf(CodecError);
          expect(e).toBeInstanceOf(ObisError);
        }
      }
    }), fcOpts);
  });

  it('mutations of the golden texts give ObisError or a re-parseable code', () => {
    const golden = vectorRows(file).map(([, t]) => t).filter((t) => t.text !== undefined && t.result !== 'invalid').map((t) => t.text!);
    const mutation = fc.record({ idx: fc.nat(), op: fc.constantFrom('flip', 'drop', 'dup', 'insert'), ch: fc.constantFrom('0', '9', '-', ':', '.', '*', '/') });
    fc.assert(fc.property(fc.constantFrom(...golden), fc.array(mutation, { minLength: 1, maxLength: 3 }), (g, muts) => {
      let s = g;
      for (const m of muts) {
        const i = s.length === 0 ? 0 : m.idx % s.length;
        if (m.op === 'flip') s = s.slice(0, i) + m.ch + s.slice(i + 1);
        else if (m.op === 'drop') s = s.slice(0, i) + s.slice(i + 1);
        else if (m.op === 'dup') s = s.slice(0, i) + s[i] + s.slice(i);
        else s = s.slice(0, i) + m.ch + s.slice(i);
      }
      try {
        const o = obisParse(s);
        expect(obisParse(obisFormat(o))).toEqual(o);
      } catch (e) {
        expect(e).toBeInstanceOf(ObisError);
      }
    }), fcOpts);
  });
});
