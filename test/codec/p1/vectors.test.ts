/**
 * Every vector of vectors/p1.json (semantics in the file's `notes`): strict/lenient verdicts, the error
 * code with its position, header, CRC, every object and value, every deviation; CRCs re-checked with the
 * independent reference CRC; canonical valid telegrams re-serialize byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { P1Error, p1Parse, p1Serialize } from '../../../harness/codec/p1/index.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { crcRef, hex4 } from './crc-ref.ts';
import { coveredRange, p1View } from './view.ts';
import type { Expected } from './vectors-render.ts';

const file = loadVectors('p1');
const rows = vectorRows(file);

function strictError(text: string, accept?: string[]): P1Error {
  try {
    p1Parse(text, { mode: 'strict', ...(accept ? { accept } : {}) });
  } catch (e) {
    expect(e).toBeInstanceOf(P1Error);
    return e as P1Error;
  }
  throw new Error('strict parse accepted the telegram');
}

describe('vectors/p1.json', () => {
  it('has valid, acceptable and invalid vectors', () => {
    const results = new Set(rows.map(([, t]) => t.result));
    expect([...results].sort()).toEqual(['acceptable', 'invalid', 'valid']);
  });

  it.each(rows)('%s', (_name, t) => {
    const text = t.text!;
    const exp = t.expected as Expected | undefined;
    if (t.result === 'valid') {
      const tg = p1Parse(text);
      expect(p1View(tg, exp!)).toEqual(exp);
      // Independent CRC over / … ! (reference implementation, not the codec's table).
      const covered = coveredRange(text)!;
      expect(tg.crc.stated).toBe(hex4(crcRef(covered)));
      // Numbers: digits/decimals as written.
      for (const v of tg.objects.flatMap((o) => o.values)) {
        if (v.kind !== 'number') continue;
        expect(v.digits).toBe(v.text.replace(/[^0-9]/g, '').length);
        expect(v.decimals).toBe(v.text.includes('.') ? v.text.split('.')[1]!.length : 0);
      }
      // Canonical telegrams re-encode byte for byte.
      const again = p1Serialize(
        { header: tg.header.raw, objects: tg.objects.map((o) => ({ obis: o.obis, values: o.values.map((v) => v.raw) })) },
        { finalEol: text.endsWith('\r\n') },
      );
      expect(again).toBe(text);
      return;
    }
    const e = strictError(text);
    expect(e.code).toBe(t.error);
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    if (t.error === 'no-telegram') {
      expect(() => p1Parse(text, { mode: 'lenient' })).toThrow(P1Error);
      return;
    }
    expect(e.deviations.map((d) => d.code)).toEqual(exp!.deviations.map((d) => d.code));
    expect(e.deviations[0]!.offset).toBe(e.offset);
    const tg = p1Parse(text, { mode: 'lenient' });
    expect(p1View(tg, exp!)).toEqual(exp);
    if (t.result === 'acceptable') {
      const accept = (t.params as { accept: string[] }).accept;
      expect(() => p1Parse(text, { accept })).not.toThrow();
    }
    // A stated 4-digit CRC is judged exactly as the reference CRC judges it.
    const covered = coveredRange(text);
    if (covered && tg.crc.stated && /^[0-9A-Fa-f]{4}$/.test(tg.crc.stated)) {
      expect(tg.crc.valid).toBe(tg.crc.stated.toUpperCase() === hex4(crcRef(covered)));
    }
  });
});
