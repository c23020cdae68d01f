/**
 * Every vector of vectors/mbus.json: valid and acceptable ones decode to their expected values and
 * re-encode byte for byte; invalid ones fail with the named code and an offset (in strict mode; lenient
 * decoding reports the same code in errors/warnings).
 */
import { describe, it, expect } from 'vitest';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import type { VectorTest, VectorGroup } from '../../helpers/vectors.ts';
import { hexToBytes, bytesToHex } from '../../../harness/codec/bytes.ts';
import {
  MbusError, mbusTelegramDecode, mbusTelegramEncode, mbusTelegramToJson, mbusAppDecode, mbusAppEncode, mbusAppToJson, mbusAppAssert,
  mbusRecordsParse, mbusRecordToJson, mbusRecordsEncode, mbusSplit,
} from '../../../harness/codec/mbus/index.ts';
import type { MbusDataRecord, MbusIssue } from '../../../harness/codec/mbus/index.ts';
import { ctxFrom, sum8 } from './helpers.ts';
import type { VectorParams } from './helpers.ts';

const file = loadVectors('mbus');
const rows = vectorRows(file);
const kindOf = (g: VectorGroup) => (g.params as { kind: string }).kind;
const paramsOf = (t: VectorTest) => t.params as VectorParams | undefined;

function recordsDecode(b: Uint8Array, g: VectorGroup, strict: boolean) {
  const r = mbusRecordsParse(b, 0, b.length, { toDevice: Boolean((g.params as { toDevice?: boolean }).toDevice) });
  const errors: MbusIssue[] = [...(r.fatal ? [{ code: r.fatal.code, offset: r.fatal.offset, message: r.fatal.message }] : []), ...r.errors, ...(strict ? r.warnings : [])];
  return { r, errors };
}

/** All problems a strict consumer sees, first one first. Link faults are thrown by the codec. */
function strictProblems(t: VectorTest, g: VectorGroup): MbusIssue[] {
  const b = hexToBytes(t.hex!);
  const ctx = { ...ctxFrom(paramsOf(t)), strict: true };
  try {
    switch (kindOf(g)) {
      case 'frame': {
        const doc = mbusTelegramToJson(mbusTelegramDecode(b, ctx)) as { errors: MbusIssue[]; warnings: MbusIssue[] };
        if (doc.errors.length) mbusAppAssert({ errors: doc.errors } as never);
        return [...doc.errors, ...doc.warnings];
      }
      case 'app':
        return mbusAppAssert(mbusAppDecode(b, ctx)).errors;
      case 'records':
        return recordsDecode(b, g, true).errors;
      default:
        return [];
    }
  } catch (e) {
    if (e instanceof MbusError) return [{ code: e.code, offset: e.offset, message: e.message }];
    throw e;
  }
}

describe('vectors/mbus.json', () => {
  it('has valid, invalid and acceptable vectors in every kind', () => {
    const kinds = new Set(file.groups.map(kindOf));
    expect([...kinds].sort()).toEqual(['app', 'frame', 'records', 'stream']);
    expect(rows.filter(([, t]) => t.result === 'invalid').length).toBeGreaterThan(20);
  });

  it.each(rows)('%s', (_name, t, g) => {
    const b = hexToBytes(t.hex!);
    const p = paramsOf(t);
    if (t.result === 'invalid') {
      const problems = strictProblems(t, g);
      expect(problems[0]?.code).toBe(t.error);
      expect(typeof problems[0]?.offset).toBe('number');
      if (t.flags.includes('strict')) {
        // Lenient decoding keeps going and lists the same code as a warning.
        const lenient = kindOf(g) === 'records' ? recordsDecode(b, g, false).r.warnings : mbusAppDecode(b, ctxFrom(p)).warnings;
        expect(lenient.map((w) => w.code)).toContain(t.error);
      }
      return;
    }
    switch (kindOf(g)) {
      case 'frame': {
        const tel = mbusTelegramDecode(b, ctxFrom(p));
        expect(mbusTelegramToJson(tel)).toMatchObject(t.expected as object);
        expect(bytesToHex(mbusTelegramEncode(tel))).toBe(t.hex!.toUpperCase());
        // L and CS computed here, independently of the codec.
        if (b[0] === 0x68) {
          expect(b[1]).toBe(b.length - 6);
          expect(b[b.length - 2]).toBe(sum8(b, 4, b.length - 2));
        } else if (b[0] === 0x10) expect(b[3]).toBe((b[1]! + b[2]!) % 256);
        break;
      }
      case 'app': {
        const app = mbusAppDecode(b, ctxFrom(p));
        expect(mbusAppToJson(app)).toMatchObject(t.expected as object);
        expect(bytesToHex(mbusAppEncode(app))).toBe(t.hex!.toUpperCase());
        break;
      }
      case 'records': {
        const { r } = recordsDecode(b, g, false);
        expect(r.fatal).toBeUndefined();
        const data = r.records.filter((x): x is MbusDataRecord => x.kind === 'data');
        expect(data.map((x) => mbusRecordToJson(x))).toMatchObject(t.expected as object[]);
        expect(bytesToHex(mbusRecordsEncode([...r.records, ...(r.manufacturerData ? [r.manufacturerData] : [])]))).toBe(t.hex!.toUpperCase());
        break;
      }
      case 'stream': {
        const s = mbusSplit(b, { final: Boolean(p?.final) });
        const e = t.expected as { frames: string[]; garbage: string[]; rest: string };
        expect(s.frames.map((f) => bytesToHex(f.bytes))).toEqual(e.frames);
        expect(s.garbage.map((x) => bytesToHex(x.bytes))).toEqual(e.garbage);
        expect(bytesToHex(s.rest)).toBe(e.rest);
        break;
      }
    }
    if (p?.strictError) expect(strictProblems(t, g).map((x) => x.code)).toContain(p.strictError);
  });
});
