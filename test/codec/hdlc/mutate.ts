/** Structure-blind mutations of golden vectors, shared by the hdlc, acse and wrapper property tests. */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; pos: number; bit: number }
  | { kind: 'set'; pos: number; value: number }
  | { kind: 'insert'; pos: number; value: number }
  | { kind: 'delete'; pos: number }
  | { kind: 'truncate'; pos: number }
  | { kind: 'append'; bytes: Uint8Array };

export const mutationArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), pos: fc.nat(), value: fc.constantFrom(0x00, 0x7e, 0x7f, 0x80, 0x81, 0x82, 0xff) }),
    fc.record({ kind: fc.constant('set' as const), pos: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('insert' as const), pos: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), pos: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), pos: fc.nat() }),
    fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  ),
  { minLength: 1, maxLength: 4 },
);

export function mutate(input: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Uint8Array.from(input);
  for (const m of ms) {
    const n = b.length;
    if (m.kind === 'append') {
      const c = new Uint8Array(n + m.bytes.length);
      c.set(b, 0);
      c.set(m.bytes, n);
      b = c;
    } else if (m.kind === 'insert') {
      const p = m.pos % (n + 1);
      b = Uint8Array.from([...b.subarray(0, p), m.value, ...b.subarray(p)]);
    } else if (n === 0) {
      continue;
    } else if (m.kind === 'flip') b[m.pos % n]! ^= 1 << m.bit;
    else if (m.kind === 'set') b[m.pos % n] = m.value;
    else if (m.kind === 'delete') {
      const p = m.pos % n;
      b = Uint8Array.from([...b.subarray(0, p), ...b.subarray(p + 1)]);
    } else b = b.slice(0, m.pos % n);
  }
  return b;
}
