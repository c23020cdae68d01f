/**
 * Codec properties (DESIGN.md § Fuzzing), all with fcOpts:
 * - parse(serialize(x)) = x over generated telegrams (random OBIS, values, units, multi-value lines);
 * - serialize(parse(b)) = b for every canonical golden telegram that strict parsing accepts;
 * - any mutation (byte flip, insert, delete, truncation) of a golden telegram: strict throws only
 *   P1Error or returns a telegram that re-encodes; lenient returns (or throws no-telegram when no `/` is
 *   left) — nothing else, no hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P1Error, p1ByteString, p1Parse, p1Serialize, type P1Telegram } from '../../../harness/codec/p1/index.ts';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { telegramArb, type GenTelegram } from './arbitraries.ts';

const serialize = (g: GenTelegram, opts = {}) => p1Serialize({ header: g.header, objects: g.objects.map((o) => ({ obis: o.obis, values: o.values.map((v) => v.raw) })) }, opts);
const decoded = (t: P1Telegram) => t.objects.map((o) => ({ obis: o.obis, values: o.values.map((v) => ({ raw: v.raw, kind: v.kind, value: v.value, unit: v.unit })) }));

describe('p1Parse ∘ p1Serialize = identity', () => {
  it('CR LF telegrams: strict accepts; header, CRC and every typed value come back', () => {
    fc.assert(
      fc.property(telegramArb, fc.boolean(), (g, finalEol) => {
        const text = serialize(g, { finalEol });
        const t = p1Parse(text);
        expect(t.header.raw).toBe(g.header);
        expect(t.crc.valid).toBe(true);
        expect(t.deviations).toEqual([]);
        expect(decoded(t)).toEqual(g.objects);
        expect(t.raw).toBe(text);
      }),
      fcOpts,
    );
  });
  it('LF telegrams: every line flagged eol-not-crlf, values unchanged, CRC still checks', () => {
    fc.assert(
      fc.property(telegramArb, (g) => {
        const t = p1Parse(serialize(g, { eol: '\n' }), { mode: 'lenient' });
        expect(new Set(t.deviations.map((d) => d.code))).toEqual(new Set(['eol-not-crlf']));
        expect(t.deviations).toHaveLength(g.objects.length + 3);
        expect(t.crc.valid).toBe(true);
        expect(decoded(t)).toEqual(g.objects);
      }),
      fcOpts,
    );
  });
});

const golden = loadVectors('p1').groups.flatMap((g) => g.tests).filter((t) => t.result !== 'invalid').map((t) => t.text!);
const canonical = golden.filter((x) => { try { p1Parse(x); return true; } catch { return false; } });

describe('p1Serialize ∘ p1Parse = identity on canonical golden telegrams', () => {
  it.each(canonical.map((x, i) => [i, x] as const))('golden #%i', (_i, x) => {
    const t = p1Parse(x);
    const again = p1Serialize({ header: t.header.raw, objects: t.objects.map((o) => ({ obis: o.obis, values: o.values.map((v) => v.raw) })) }, { finalEol: x.endsWith('\r\n') });
    expect(again).toBe(x);
  });
});

type Mutation = { kind: 'flip'; at: number; byte: number } | { kind: 'insert'; at: number; bytes: number[] } | { kind: 'delete'; at: number; len: number } | { kind: 'truncate'; at: number };

function mutate(s: string, m: Mutation): string {
  const at = Math.min(m.at, s.length);
  switch (m.kind) {
    case 'flip': return at >= s.length ? s : s.slice(0, at) + String.fromCharCode(m.byte) + s.slice(at + 1);
    case 'insert': return s.slice(0, at) + String.fromCharCode(...m.bytes) + s.slice(at);
    case 'delete': return s.slice(0, at) + s.slice(at + m.len);
    case 'truncate': return s.slice(0, at);
  }
}

const mutationArb = (len: number): fc.Arbitrary<Mutation> => {
  const at = fc.integer({ min: 0, max: len });
  const special = fc.constantFrom(0x0d, 0x0a, 0x28, 0x29, 0x2a, 0x21, 0x2f, 0x2e, 0x3a, 0x2d, 0x00, 0xff);
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), special);
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, byte }),
    fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.array(byte, { minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
  );
};

describe('mutations of golden telegrams', () => {
  const arb = fc.integer({ min: 0, max: golden.length - 1 }).chain((i) => fc.tuple(fc.constant(golden[i]!), fc.array(mutationArb(golden[i]!.length), { minLength: 1, maxLength: 3 })));
  it('strict: P1Error or a telegram that re-encodes; lenient: a telegram unless no `/` is left', () => {
    fc.assert(
      fc.property(arb, ([g, ms]) => {
        const x = ms.reduce(mutate, p1ByteString(g));
        let strict: P1Telegram | undefined;
        try {
          strict = p1Parse(x);
        } catch (e) {
          expect(e).toBeInstanceOf(P1Error);
          expect((e as P1Error).offset).toBeGreaterThanOrEqual(0);
        }
        if (strict) {
          const again = p1Serialize({ header: strict.header.raw, objects: strict.objects.map((o) => ({ obis: o.obis, values: o.values.map((v) => v.raw) })) }, { finalEol: strict.raw.endsWith('\r\n') });
          expect(again).toBe(strict.raw);
        }
        if (!x.includes('/')) {
          expect(() => p1Parse(x, { mode: 'lenient' })).toThrow(P1Error);
          return;
        }
        const t = p1Parse(x, { mode: 'lenient' });
        expect(t.raw.length + t.garbage.length + t.trailing.length).toBe(x.length);
        for (const d of t.deviations) expect(d.offset).toBeLessThanOrEqual(x.length);
      }),
      fcOpts,
    );
  });
  it('bytes as Uint8Array parse exactly like the byte string', () => {
    fc.assert(
      fc.property(arb, ([g, ms]) => {
        const x = ms.reduce(mutate, g);
        if (!x.includes('/')) return;
        const bytes = Uint8Array.from(x, (c) => c.charCodeAt(0));
        expect(p1Parse(bytes, { mode: 'lenient' })).toEqual(p1Parse(x, { mode: 'lenient' }));
      }),
      fcOpts,
    );
  });
});
