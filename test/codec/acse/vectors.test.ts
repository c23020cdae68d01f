/** Every vector of vectors/acse.json: decoded value, warnings, canonical re-encoding, typed errors with offsets. */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import { AcseError, acseDecode, acseEncode, acseWarnings } from '../../../harness/codec/acse/index.ts';
import { toVectorJson } from './json-shape.ts';

const rows = vectorRows(loadVectors('acse'));

describe('vectors/acse.json', () => {
  it('covers valid, acceptable and invalid cases of all four APDUs', () => {
    const byResult = (r: string): number => rows.filter(([, t]) => t.result === r).length;
    expect(byResult('valid')).toBeGreaterThanOrEqual(25);
    expect(byResult('acceptable')).toBeGreaterThanOrEqual(5);
    expect(byResult('invalid')).toBeGreaterThanOrEqual(30);
    for (const tag of ['60', '61', '62', '63']) expect(rows.some(([, t]) => t.result === 'valid' && t.hex!.startsWith(tag))).toBe(true);
  });

  it.each(rows.filter(([, t]) => t.result !== 'invalid'))('%s', (_n, t) => {
    const b = hexToBytes(t.hex!);
    const exp = t.expected as { apdu: Record<string, unknown>; warnings: string[] };
    const v = acseDecode(b);
    expect(toVectorJson(v)).toEqual(exp.apdu);
    expect(acseWarnings(v).map((w) => w.code)).toEqual(exp.warnings);
    const again = acseEncode(v);
    if (t.flags.includes('NonZeroUnusedBits')) {
      expect(bytesToHex(again)).not.toBe(t.hex!.toUpperCase());
      expect(acseDecode(again)).toEqual(v);
    } else {
      expect(bytesToHex(again)).toBe(t.hex!.toUpperCase());
    }
  });

  it.each(rows.filter(([, t]) => t.result === 'invalid'))('%s', (_n, t) => {
    let err: unknown;
    try {
      acseDecode(hexToBytes(t.hex!));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AcseError);
    expect(isCodecError(err) && err.layer).toBe('acse');
    expect((err as AcseError).code).toBe(t.error);
    expect((err as AcseError).offset).toBe((t.expected as { offset: number }).offset);
  });
});
