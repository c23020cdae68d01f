/** Byte-level mutations of golden vectors for the "mutated input → typed error or a value" properties. */
import fc from 'fast-check';

export interface Mutation {
  idx: number;
  op: 'flip' | 'set' | 'drop' | 'insert' | 'truncate';
  byte: number;
  bit: number;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  idx: fc.nat(),
  op: fc.constantFrom('flip', 'set', 'drop', 'insert', 'truncate'),
  byte: fc.integer({ min: 0, max: 255 }),
  bit: fc.integer({ min: 0, max: 7 }),
});

export function mutate(b: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let a = Array.from(b);
  for (const m of muts) {
    const i = a.length === 0 ? 0 : m.idx % a.length;
    if (m.op === 'flip' && a.length) a[i] = a[i]! ^ (1 << m.bit);
    else if (m.op === 'set' && a.length) a[i] = m.byte;
    else if (m.op === 'drop') a.splice(i, 1);
    else if (m.op === 'insert') a.splice(i, 0, m.byte);
    else a = a.slice(0, i);
  }
  return Uint8Array.from(a);
}
