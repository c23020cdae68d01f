/**
 * The wireless dsmr-p2-emeter cases against the E-meter simulator's wireless side (profile
 * p2-emeter-wireless): the clean simulator passes every case; every case fails against each of its own
 * fault switches; every wireless fault switch is some case's mutant; the wired profile makes them not
 * applicable (and the wired cases are not applicable on the wireless profile).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { p2EmeterWirelessFamily } from '../../../harness/roles/p2-emeter-wireless-family.ts';
import { registeredSections } from '../../../harness/runner/dsl.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import type { CaseDef, Section } from '../../../harness/runner/types.ts';
import { EMETER_PROFILES } from '../../../harness/sim/emeter/index.ts';
import { EMETER_WIRELESS_FAULTS, EMETER_WIRELESS_PROFILES } from '../../../harness/sim/emeter/wireless/index.ts';
import '../../../suites/dsmr-p2-emeter/wireless/binding.suite.ts';
import '../../../suites/dsmr-p2-emeter/wireless/link.suite.ts';
import '../../../suites/dsmr-p2-emeter/wireless/fac.suite.ts';

const PROFILE = EMETER_WIRELESS_PROFILES[0]!;
const all = (): { s: Section<object>; c: CaseDef<object> }[] =>
  registeredSections().filter((s) => s.family === (p2EmeterWirelessFamily as unknown)).flatMap((s) => s.cases.map((c) => ({ s, c })));
const withFaults = (p: DutProfile, faults: string[]): DutProfile =>
  p.transport.kind === 'sim' ? { ...p, transport: { ...p.transport, faults } } : p;
const run = (s: Section<object>, c: CaseDef<object>, faults: string[] = [], strict = false) =>
  executeCase(s, c, makeDut({ ...withFaults(PROFILE, faults), ...(strict ? { strict: true } : {}) }), { realGuardMs: 30_000 });

describe('wireless E-meter cases against the simulator', () => {
  it('has catalogue ids under their sections, refs and mutants', () => {
    const ids = all().map(({ c }) => c.id);
    expect(ids.length).toBe(15);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { c } of all()) {
      expect(c.id).toMatch(/^dsmr-p2\/[0-9.]+(-wl)?\/\d+$/);
      expect(c.ref).toMatch(/DSMR-P2/);
    }
  });

  it('the clean simulator passes every case, default and strict', async () => {
    const rs = [...(await Promise.all(all().map(({ s, c }) => run(s, c)))), ...(await Promise.all(all().map(({ s, c }) => run(s, c, [], true))))];
    expect(rs.filter((r) => r.verdict !== 'pass' || r.warnings.length).map((r) => `${r.id}: ${r.verdict} ${r.reason ?? ''}`)).toEqual([]);
  });

  it('every case fails against each of its own mutants; every wireless fault switch is some case\'s mutant', async () => {
    const jobs = all().flatMap(({ s, c }) => c.mutants.map((m) => ({ s, c, m })));
    // A recommendation only warns by default: the strict reading must fail.
    const rs = await Promise.all(jobs.map(async ({ s, c, m }) => {
      const r = await run(s, c, [m]);
      return { id: `${c.id} ${m}`, r: r.verdict === 'pass' && r.warnings.length ? await run(s, c, [m], true) : r };
    }));
    expect(rs.filter((x) => x.r.verdict !== 'fail').map((x) => `${x.id}: ${x.r.verdict} ${x.r.reason ?? ''}`)).toEqual([]);
    const declared = new Set(jobs.map((j) => j.m));
    expect(EMETER_WIRELESS_FAULTS.map((f) => f.name).filter((f) => !declared.has(f))).toEqual([]);
  });

  it('the cases do not apply to the wired profile, nor to a physical E-meter without P3', () => {
    const wired = makeDut(EMETER_PROFILES[0]!);
    for (const { c } of all()) expect(c.applies?.(wired)).toMatch(/p2\.wireless/);
    const real = makeDut({ name: 'real', protocols: ['dsmr-p2-emeter'], transport: { kind: 'serial', path: '/dev/null' }, features: { 'p2.wireless': true } });
    for (const { c } of all()) expect(c.applies?.(real)).toMatch(/P3/);
  });

  it('the wired E-meter cases do not apply to the wireless profile', async () => {
    const dir = new URL('../../../suites/dsmr-p2-emeter/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.suite.ts'))) await import(new URL(f, dir).href);
    const wired = registeredSections().filter((s) => s.family.name === 'dsmr-p2-emeter' && s.family !== (p2EmeterWirelessFamily as unknown));
    const cases = wired.flatMap((s) => s.cases);
    expect(cases.length).toBeGreaterThan(40);
    const dut = makeDut(PROFILE);
    expect(cases.filter((c) => (c.applies?.(dut) ?? true) === true).map((c) => c.id)).toEqual([]);
  });
});
