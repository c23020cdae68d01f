/** The comparable view of a parsed telegram used by the P1 tests (the shape of a vector's `expected`). */
import type { P1Telegram } from '../../../harness/codec/p1/index.ts';
import type { Expected } from './vectors-render.ts';

export function p1View(t: P1Telegram, keys: Partial<Record<keyof Expected, unknown>>): Partial<Expected> {
  const v: Partial<Expected> = { deviations: t.deviations.map((d) => ({ code: d.code, line: d.line })) };
  if ('header' in keys) v.header = t.header;
  if ('crc' in keys) v.crc = t.crc;
  if ('trailing' in keys) v.trailing = t.trailing;
  if ('objects' in keys) {
    v.objects = t.objects.map((o) => ({
      obis: o.obis,
      line: o.line,
      values: o.values.map((x) => ({ raw: x.raw, kind: x.kind, value: x.value, unit: x.unit, ...(x.dst ? { dst: x.dst } : {}) })),
    }));
  }
  return v;
}

/** `/` … `!` of a telegram text, found without the codec: the first `/`, the first `!` that starts a line. */
export function coveredRange(text: string): string | null {
  const start = text.indexOf('/');
  const m = /(?:\r\n|\n|\r)!/.exec(text.slice(start));
  return start < 0 || !m ? null : text.slice(start, start + m.index + m[0].length);
}
