/** Every vector of vectors/wmbus.json, with CRCs and 3-out-of-6 chips recomputed by independent code. */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows, type VectorTest } from '../../helpers/vectors.ts';
import {
  WmbusError, cFieldName, crc16En13757, idDecode, manufacturerDecode, mediumName, threeOfSixDecode, threeOfSixEncode,
  wmbusFrameDecode, wmbusFrameEncode, wmbusTModeDecode, wmbusTModeEncode, type WmbusFormat,
} from '../../../harness/codec/wmbus/index.ts';
import { crcByDivision, hex, refLayout, refThreeOfSix, unhex } from './independent.ts';

const file = loadVectors('wmbus');
const rows = vectorRows(file);
const byOp = (op: string) => rows.filter(([, , g]) => g.params?.op === op);

interface LinkExpect {
  format: WmbusFormat; l: number; c: number; cName: string | null; manufacturer: string; id: string;
  version: number; medium: number; mediumName: string | null; ci: number | null; payload: string;
}

function expectWmbusError(fn: () => unknown, t: VectorTest): WmbusError {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, 'must throw').toBeInstanceOf(WmbusError);
  const e = err as WmbusError;
  expect(e.code).toBe(t.error);
  expect(Number.isInteger(e.offset) && e.offset >= 0).toBe(true);
  const exp = (t.expected ?? {}) as { block?: number; offset?: number };
  if (exp.block !== undefined) expect(e.block).toBe(exp.block);
  if (exp.offset !== undefined) expect(e.offset).toBe(exp.offset);
  return e;
}

describe('wmbus vectors: file', () => {
  it('has valid, invalid and acceptable vectors and only known ops', () => {
    const results = new Set(rows.map(([, t]) => t.result));
    expect([...results].sort()).toEqual(['acceptable', 'invalid', 'valid']);
    for (const [, , g] of rows) expect(['crc', 'frame-decode', 'three-of-six']).toContain(g.params?.op);
  });
});

describe('wmbus vectors: CRC-16/EN-13757', () => {
  it.each(byOp('crc'))('%s', (_n, t) => {
    const want = parseInt((t.expected as { crc: string }).crc, 16);
    expect(crcByDivision(unhex(t.hex!))).toBe(want);
    expect(crc16En13757(unhex(t.hex!))).toBe(want);
  });
});

describe('wmbus vectors: frames', () => {
  it.each(byOp('frame-decode'))('%s', (_n, t) => {
    const bytes = unhex(t.hex!);
    const format = t.params!.format as WmbusFormat;
    if (t.result === 'invalid') {
      expectWmbusError(() => wmbusFrameDecode(bytes, { format }), t);
      return;
    }
    const exp = t.expected as LinkExpect;
    // Independent: L, block layout and every CRC, and the payload between the CRCs.
    expect(bytes[0]).toBe(exp.l);
    const segs = refLayout(format, exp.l);
    expect(segs[segs.length - 1]!.to + 2).toBe(bytes.length);
    let payload = '';
    for (const s of segs) {
      const crc = (bytes[s.to]! << 8) | bytes[s.to + 1]!;
      expect(crc, `CRC of block ${s.block}`).toBe(crcByDivision(bytes.subarray(s.from, s.to)));
      payload += hex(bytes.subarray(s.dataFrom, s.to));
    }
    expect(payload).toBe(exp.payload);
    // Codec.
    const f = wmbusFrameDecode(bytes, { format });
    expect(f.format).toBe(exp.format);
    expect(f.c).toBe(exp.c);
    expect(cFieldName(f.c)).toBe(exp.cName);
    expect(manufacturerDecode(f.m)).toBe(exp.manufacturer);
    expect(idDecode(f.a)).toBe(exp.id);
    expect(f.a[4]).toBe(exp.version);
    expect(f.a[5]).toBe(exp.medium);
    expect(mediumName(f.a[5]!)).toBe(exp.mediumName);
    expect(hex(f.payload)).toBe(exp.payload);
    expect(f.payload[0] ?? null).toBe(exp.ci);
    expect(hex(wmbusFrameEncode(f))).toBe(t.hex);
    expect(hex(wmbusFrameDecode(bytes).payload), 'auto format detection').toBe(exp.payload);
  });
});

describe('wmbus vectors: 3-out-of-6', () => {
  it.each(byOp('three-of-six'))('%s', (_n, t) => {
    const chips = unhex(t.hex!);
    if (t.result === 'invalid') {
      expectWmbusError(() => (t.params?.tmode ? wmbusTModeDecode(chips) : threeOfSixDecode(chips)), t);
      return;
    }
    const data = unhex(t.params!.data as string);
    expect(hex(refThreeOfSix(data))).toBe(t.hex);
    if (t.params?.tmode) {
      const f = wmbusTModeDecode(chips);
      expect(hex(wmbusFrameEncode(f))).toBe(t.params.data);
      expect(hex(wmbusTModeEncode(f))).toBe(t.hex);
    } else {
      expect(hex(threeOfSixEncode(data))).toBe(t.hex);
      expect(hex(threeOfSixDecode(chips))).toBe(t.params!.data);
    }
  });
});
