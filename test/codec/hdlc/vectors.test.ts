/** Every vector of vectors/hdlc.json: decoded fields, independent HCS/FCS check, canonical re-encoding, typed errors. */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import {
  HdlcError,
  hdlcFrameDecode,
  hdlcFrameDecodeLayout,
  hdlcFrameEncode,
  hdlcLlcRole,
  hdlcParametersDecode,
  hdlcParametersEncode,
  hdlcSplit,
} from '../../../harness/codec/hdlc/index.ts';
import { frameToJson, refChecksOk } from './reference.ts';

const file = loadVectors('hdlc');
const rows = vectorRows(file);

describe('vectors/hdlc.json', () => {
  it('has valid and invalid vectors and a stream group', () => {
    expect(rows.filter(([, t]) => t.result === 'valid').length).toBeGreaterThan(30);
    expect(rows.filter(([, t]) => t.result === 'invalid').length).toBeGreaterThan(15);
    expect(rows.some(([, t]) => t.flags.includes('stream'))).toBe(true);
  });

  it.each(rows.filter(([, t]) => t.result === 'valid' && !t.flags.includes('stream')))('%s', (_n, t) => {
    const bytes = hexToBytes(t.hex!);
    const exp = t.expected as Record<string, unknown>;
    // The vector's own check sequences are right according to an independent CRC.
    expect(refChecksOk(bytes)).toBe(true);
    const { frame, layout } = hdlcFrameDecodeLayout(bytes);
    const { frameLength, llc, parameters, ...fields } = exp;
    expect(frameToJson(frame)).toEqual(fields);
    expect(layout.frameLength).toBe(frameLength);
    expect(hdlcLlcRole(frame.info)).toBe(llc);
    if (parameters !== undefined) {
      const ps = hdlcParametersDecode(frame.info);
      expect(ps).toEqual(parameters);
      expect(bytesToHex(hdlcParametersEncode(ps))).toBe(bytesToHex(frame.info));
    }
    // Canonical codec: re-encoding gives the captured octets back.
    expect(bytesToHex(hdlcFrameEncode(frame))).toBe(t.hex!.toUpperCase());
  });

  it.each(rows.filter(([, t]) => t.result === 'invalid'))('%s', (_n, t) => {
    const bytes = hexToBytes(t.hex!);
    let err: unknown;
    try {
      hdlcFrameDecode(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HdlcError);
    expect(isCodecError(err) && err.layer).toBe('hdlc');
    expect((err as HdlcError).code).toBe(t.error);
    expect((err as HdlcError).offset).toBe((t.expected as { offset: number }).offset);
  });

  it.each(rows.filter(([, t]) => t.flags.includes('stream')))('%s', (_n, t) => {
    const r = hdlcSplit(hexToBytes(t.hex!), { final: true });
    const exp = t.expected as { frames: number[]; garbage: Array<{ offset: number; length: number; code: string }> };
    expect(r.frames.map((f) => f.offset)).toEqual(exp.frames);
    expect(r.garbage.map(({ offset, length, code }) => ({ offset, length, code }))).toEqual(exp.garbage);
    expect(r.rest.length).toBe(0);
    for (const f of r.frames) expect(refChecksOk(f.bytes)).toBe(true);
  });

  it('frames carrying 0x7E in length, information or FCS decode without any unstuffing', () => {
    const flagged = rows.filter(([, t]) => t.flags.includes('FlagOctetInside'));
    expect(flagged.length).toBeGreaterThanOrEqual(2);
    for (const [, t] of flagged) {
      const b = hexToBytes(t.hex!);
      const inner = Array.from(b.subarray(1, -1)).filter((x) => x === 0x7e).length;
      expect(inner).toBeGreaterThan(0);
      expect(hdlcFrameDecode(b)).toBeDefined();
    }
  });
});
