/**
 * The case DSL (h2spec-style): `section({ id, title, family, cases: [kase({...}), ...] })` in a file per
 * spec section under suites/<family>/. Loading a suite file registers its section here; inside a
 * meterproof vitest run the glue (vitest-glue.ts) also turns it into vitest tests.
 */
import type { CaseDef, Family, Section } from './types.ts';

const sections: Section<object>[] = [];

type Registrar = (s: Section<object>) => void;
const REGISTRAR = Symbol.for('meterproof.registrar');

export function section<C extends object>(def: { id: string; title: string; family: Family<C>; cases: CaseDef<C>[] }): Section<C> {
  for (const c of def.cases) {
    if (!c.id.startsWith(def.id + '/')) throw new Error(`case ${c.id} is not under its section ${def.id}`);
    if (c.mutants.length === 0) throw new Error(`case ${c.id} names no fault switch: a case that cannot fail is a defect`);
  }
  const s = { ...def } as Section<C>;
  sections.push(s as unknown as Section<object>);
  const reg = (globalThis as Record<symbol, Registrar | undefined>)[REGISTRAR];
  reg?.(s as unknown as Section<object>);
  return s;
}

/** Identity helper that gives a case its family's context type. */
export function kase<C extends object>(c: CaseDef<C>): CaseDef<C> {
  return c;
}

export function registeredSections(): Section<object>[] {
  return sections.slice();
}

export function setRegistrar(fn: Registrar | undefined): void {
  (globalThis as Record<symbol, Registrar | undefined>)[REGISTRAR] = fn;
}
