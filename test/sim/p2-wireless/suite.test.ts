/**
 * Every wireless dsmr-p2 gas-meter case against the wireless gas simulator: the clean built-in profiles
 * pass (or the case does not apply), and each case fails against its own declared fault switch(es) on at
 * least one built-in profile where it applies. The wired and wireless cases share the family: each is
 * not-applicable on the other medium's profiles. Plus the strict readings and what a failing verdict shows.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registeredSections } from '../../../harness/runner/dsl.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import { SUITES_DIR } from '../../../harness/runner/suites.ts';
import type { CaseDef, Section } from '../../../harness/runner/types.ts';
import { GAS_WIRED_PROFILES } from '../../../harness/sim/gas/index.ts';
import { GAS_WIRELESS_FAULTS } from '../../../harness/sim/gas/wireless/index.ts';
import { PROFILES, runCase, wlSections } from './helpers.ts';

let sections: Section<object>[] = [];
const all = (): { s: Section<object>; c: CaseDef<object> }[] => sections.flatMap((s) => s.cases.map((c) => ({ s, c })));
const find = (id: string) => all().find(({ c }) => c.id === id)!;

beforeAll(async () => {
  sections = await wlSections();
});

describe('wireless dsmr-p2 gas-meter suite against the wireless gas simulator', () => {
  it('has the wireless cases, with ids under their section, a DSMR-P2 reference and mutants', () => {
    expect(all().length).toBeGreaterThanOrEqual(50);
    for (const { s, c } of all()) {
      expect(c.id.startsWith(`${s.id}/`)).toBe(true);
      expect(c.id).toMatch(/^dsmr-p2\/[0-9.]+(-wl)?\/\d+$/);
      expect(c.ref).toMatch(/DSMR-P2/);
      expect(c.mutants.length).toBeGreaterThan(0);
      expect(c.budgetMs).toBeGreaterThan(0);
    }
  });

  it('every declared mutant is a fault switch of the simulator, and every fault switch is some case\'s mutant', () => {
    const faults = new Set(GAS_WIRELESS_FAULTS.map((f) => f.name));
    const declared = new Set(all().flatMap(({ c }) => c.mutants));
    expect([...declared].filter((m) => !faults.has(m))).toEqual([]);
    expect([...faults].filter((f) => !declared.has(f))).toEqual([]);
    expect(GAS_WIRELESS_FAULTS.every((f) => f.rule.length > 10 && f.name.startsWith('p2.'))).toBe(true);
  });

  it('the clean simulator passes every applicable case on every built-in profile', async () => {
    const bad: string[] = [];
    for (const p of PROFILES) {
      const rs = await Promise.all(all().map(({ s, c }) => runCase(s, c, p)));
      for (const r of rs) if (r.verdict !== 'pass' && r.verdict !== 'not-applicable') bad.push(`${p.name} ${r.id}: ${r.verdict} ${r.reason ?? ''}`);
    }
    expect(bad).toEqual([]);
  });

  it('every case fails against each of its own mutants on some profile where it applies', async () => {
    const blind: string[] = [];
    await Promise.all(all().flatMap(({ s, c }) => c.mutants.map(async (m) => {
      const verdicts = await Promise.all(PROFILES.map((p) => runCase(s, c, p, [m]).then((r) => r.verdict)));
      if (!verdicts.includes('fail')) blind.push(`${c.id} ${m}: ${verdicts.join(', ')}`);
    })));
    expect(blind).toEqual([]);
  });

  it('wired cases are not-applicable on the wireless profiles, and wireless cases on the wired ones', async () => {
    const wiredDir = join(SUITES_DIR, 'dsmr-p2');
    for (const f of readdirSync(wiredDir).filter((x) => x.endsWith('.suite.ts')).sort()) await import(pathToFileURL(join(wiredDir, f)).href);
    const wired = registeredSections().filter((s) => s.family.name === 'dsmr-p2-gas' && !sections.includes(s));
    expect(wired.length).toBeGreaterThan(10);
    const misplaced: string[] = [];
    for (const p of PROFILES) for (const s of wired) for (const c of s.cases) if ((c.applies?.(makeDut(p)) ?? true) === true) misplaced.push(`${p.name} ${c.id}`);
    for (const p of GAS_WIRED_PROFILES) for (const { c } of all()) if ((c.applies?.(makeDut(p)) ?? true) === true) misplaced.push(`${p.name} ${c.id}`);
    expect(misplaced).toEqual([]);
    const r = await executeCase(wired[0]!, wired[0]!.cases[0]!, makeDut(PROFILES[0]!));
    expect(r.verdict).toBe('not-applicable');
  });

  it('A7 and A11 readings: an S bit on asynchronous frames or an acknowledged refusal warns by default and fails when strict', async () => {
    const sbit = find('dsmr-p2/4.2.6-wl/4');
    const lenient = await runCase(sbit.s, sbit.c, PROFILES[0]!, ['p2.cw.sync-bit-on-async'], false);
    expect(lenient.verdict).toBe('pass');
    expect(lenient.warnings.join(' ')).toMatch(/S = 1/);
    expect((await runCase(sbit.s, sbit.c, PROFILES[0]!, ['p2.cw.sync-bit-on-async'], true)).verdict).toBe('fail');
    const fc = find('dsmr-p2/5.2-wl/5');
    const strict = await runCase(fc.s, fc.c, PROFILES[1]!, ['p2.fc.accept-lower'], true);
    expect(strict.verdict).toBe('fail');
    expect(String(strict.expected)).toBe('no ACK');
  });

  it('a failing verdict carries decoded wireless M-Bus frames in both directions and no key material', async () => {
    const k = find('dsmr-p2/5.1-wl/6');
    const r = await runCase(k.s, k.c, PROFILES[0]!, ['p2.enc.method-ignores-key']);
    expect(r.verdict).toBe('fail');
    const frames = r.trace?.frames ?? [];
    const cName = (f: (typeof frames)[number]) => (f.decoded as { link?: { cName?: string } }).link?.cName;
    expect(frames.some((f) => f.layer === 'wmbus' && f.dir === 'rx' && cName(f) === 'SND_NR')).toBe(true);
    expect(frames.some((f) => f.layer === 'wmbus' && f.dir === 'tx' && cName(f) === 'SND_UD')).toBe(true);
    // The App. B user key the case installs travels wrapped: it shows nowhere in the verdict or trace.
    const text = JSON.stringify(r).toUpperCase().replace(/[^0-9A-F]/g, '');
    expect(text).not.toContain('000102030405060708090A0B0C0D0E0F');
  });
});
