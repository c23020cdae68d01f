/**
 * Every dsmr-p2 gas-meter case against the wired gas simulator: the clean built-in profiles pass (or the
 * case does not apply), and each case fails against its own declared fault switch(es) on at least one
 * built-in profile where it applies. Plus the A11 reading: an acknowledged refusal is a warning by default
 * and a failure with a strict profile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDef, Section } from '../../../harness/runner/types.ts';
import { GAS_WIRED_FAULTS } from '../../../harness/sim/gas/index.ts';
import { p2Sections, PROFILES, runCase } from './helpers.ts';

let sections: Section<object>[] = [];
const all = (): { s: Section<object>; c: CaseDef<object> }[] => sections.flatMap((s) => s.cases.map((c) => ({ s, c })));

beforeAll(async () => {
  sections = await p2Sections();
});

describe('dsmr-p2 gas-meter suite against the wired gas simulator', () => {
  it('has cases in every section file and ids under their family', () => {
    expect(all().length).toBeGreaterThanOrEqual(70);
    for (const { s, c } of all()) {
      expect(c.id.startsWith(`${s.id}/`)).toBe(true);
      expect(c.id).toMatch(/^dsmr-p2\/[0-9.]+\/\d+$/);
      expect(c.ref).toMatch(/DSMR-P2/);
      expect(c.mutants.length).toBeGreaterThan(0);
    }
  });

  it('every declared mutant is a fault switch of the simulator, and every fault switch is some case\'s mutant', () => {
    const faults = new Set(GAS_WIRED_FAULTS.map((f) => f.name));
    const declared = new Set(all().flatMap(({ c }) => c.mutants));
    expect([...declared].filter((m) => !faults.has(m))).toEqual([]);
    expect([...faults].filter((f) => !declared.has(f))).toEqual([]);
  });

  it('the clean simulator passes every applicable case on every built-in profile', async () => {
    const bad: string[] = [];
    for (const p of PROFILES) {
      for (const { s, c } of all()) {
        const r = await runCase(s, c, p);
        if (r.verdict !== 'pass' && r.verdict !== 'not-applicable') bad.push(`${p.name} ${c.id}: ${r.verdict} ${r.reason ?? ''}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every case fails against each of its own mutants on some profile where it applies', async () => {
    const blind: string[] = [];
    for (const { s, c } of all()) {
      for (const m of c.mutants) {
        const verdicts = await Promise.all(PROFILES.map((p) => runCase(s, c, p, [m]).then((r) => r.verdict)));
        if (!verdicts.includes('fail')) blind.push(`${c.id} ${m}: ${verdicts.join(', ')}`);
      }
    }
    expect(blind).toEqual([]);
  });

  it('A11: a refused command acknowledged with E5h is a warning by default and a failure when strict', async () => {
    const found = all().find(({ c }) => c.id === 'dsmr-p2/4.1/2')!;
    const lenient = PROFILES.find((p) => !p.strict)!;
    const strict = PROFILES.find((p) => p.strict)!;
    const r1 = await runCase(found.s, found.c, lenient, ['p2.ctl.ack-on-rejected']);
    expect(r1.verdict).toBe('pass');
    expect(r1.warnings.join(' ')).toMatch(/acknowledged with E5h/);
    const r2 = await runCase(found.s, found.c, strict, ['p2.ctl.ack-on-rejected']);
    expect(r2.verdict).toBe('fail');
    expect(String(r2.expected)).toBe('silence');
  });

  it('a failing verdict carries decoded M-Bus frames and no key material', async () => {
    const found = all().find(({ c }) => c.id === 'dsmr-p2/6.5/1')!;
    const r = await runCase(found.s, found.c, PROFILES[1]!, ['p2.key.no-byte-reverse']);
    expect(r.verdict).toBe('fail');
    const frames = r.trace?.frames ?? [];
    expect(frames.some((f) => f.layer === 'mbus' && f.dir === 'rx' && (f.decoded as { link?: { cName?: string } }).link?.cName === 'RSP_UD')).toBe(true);
    expect(frames.some((f) => f.layer === 'mbus' && f.dir === 'tx' && (f.decoded as { ci?: string }).ci === '51')).toBe(true);
    // The key installed by the case (App. B user key) travels wrapped: it shows nowhere in the verdict or trace.
    const text = JSON.stringify(r).toUpperCase().replace(/[^0-9A-F]/g, '');
    expect(text).not.toContain('000102030405060708090A0B0C0D0E0F');
  });
});
