/** Every vector of vectors/wrapper.json, datagrams and TCP streams (streams pushed in every 1..n chunking). */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import { WrapperError, wrapperDecode, wrapperEncode, wrapperReassembler } from '../../../harness/codec/wrapper/index.ts';

const rows = vectorRows(loadVectors('wrapper'));
const json = (p: { version: number; srcWPort: number; dstWPort: number; apdu: Uint8Array }) => ({
  version: p.version,
  srcWPort: p.srcWPort,
  dstWPort: p.dstWPort,
  apdu: bytesToHex(p.apdu),
});

/** Push `b` in pieces of `size` octets, then end the stream. */
function reassemble(b: Uint8Array, size: number) {
  const r = wrapperReassembler();
  const out = [];
  for (let i = 0; i < b.length; i += size) out.push(...r.push(b.subarray(i, i + size)));
  r.end();
  return out;
}

function errorOf(f: () => unknown): WrapperError {
  try {
    f();
  } catch (e) {
    expect(isCodecError(e) && e.layer).toBe('wrapper');
    return e as WrapperError;
  }
  throw new Error('no error raised');
}

describe('vectors/wrapper.json', () => {
  it.each(rows.filter(([, t]) => t.result === 'valid' && !t.flags.includes('stream')))('%s', (_n, t) => {
    const b = hexToBytes(t.hex!);
    const p = wrapperDecode(b);
    expect(json(p)).toEqual(t.expected);
    expect(bytesToHex(wrapperEncode(p))).toBe(t.hex!.toUpperCase());
    expect(reassemble(b, 3).map(json)).toEqual([t.expected]);
  });

  it.each(rows.filter(([, t]) => t.result === 'invalid' && !t.flags.includes('stream')))('%s', (_n, t) => {
    const e = errorOf(() => wrapperDecode(hexToBytes(t.hex!), (t.params ?? {}) as { maxLength?: number }));
    expect(e).toBeInstanceOf(WrapperError);
    expect(e.code).toBe(t.error);
    expect(e.offset).toBe((t.expected as { offset: number }).offset);
  });

  it.each(rows.filter(([, t]) => t.flags.includes('stream')))('%s', (_n, t) => {
    const b = hexToBytes(t.hex!);
    for (let size = 1; size <= b.length; size++) {
      if (t.result === 'valid') {
        const exp = (t.expected as { pdus: Array<Record<string, unknown>> }).pdus;
        const r = wrapperReassembler();
        const got = [];
        for (let i = 0; i < b.length; i += size) got.push(...r.push(b.subarray(i, i + size)));
        r.end();
        expect(got.map((p) => ({ offset: p.offset, ...json(p) }))).toEqual(exp);
      } else {
        const e = errorOf(() => reassemble(b, size));
        expect(e.code).toBe(t.error);
        expect(e.offset).toBe((t.expected as { offset: number }).offset);
      }
    }
  });
});
