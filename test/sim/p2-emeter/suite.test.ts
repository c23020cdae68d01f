/**
 * Every dsmr-p2-emeter case against the E-meter simulator: the clean simulator passes (or the case does
 * not apply), with the default and with the strict reading; each case fails against each of its own
 * declared fault switches (a "should" case with the strict profile); every fault switch is some case's
 * mutant; ids follow the digest catalogue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDut } from '../../../harness/runner/dut.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import type { CaseDef, Section } from '../../../harness/runner/types.ts';
import { EMETER_FAULTS } from '../../../harness/sim/emeter/index.ts';
import { emeterSections, PROFILE, runCase, STRICT } from './helpers.ts';

let sections: Section<object>[] = [];
const all = (): { s: Section<object>; c: CaseDef<object> }[] => sections.flatMap((s) => s.cases.map((c) => ({ s, c })));

beforeAll(async () => {
  sections = await emeterSections();
});

describe('dsmr-p2-emeter suite against the E-meter simulator', () => {
  it('has cases with catalogue ids under their sections', () => {
    expect(all().length).toBeGreaterThanOrEqual(40);
    const ids = all().map(({ c }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { s, c } of all()) {
      expect(c.id.startsWith(`${s.id}/`)).toBe(true);
      expect(c.id).toMatch(/^dsmr-p2\/[0-9.]+\/\d+$/);
      expect(c.ref).toMatch(/DSMR-P2/);
    }
  });

  it('every declared mutant is a fault switch of the simulator, and every fault switch is some case\'s mutant', () => {
    const faults = new Set(EMETER_FAULTS.map((f) => f.name));
    const declared = new Set(all().flatMap(({ c }) => c.mutants));
    expect([...declared].filter((m) => !faults.has(m))).toEqual([]);
    expect([...faults].filter((f) => !declared.has(f))).toEqual([]);
  });

  it('the clean simulator passes every case, default and strict, without warnings', async () => {
    const bad: string[] = [];
    for (const p of [PROFILE, STRICT]) {
      const rs = await Promise.all(all().map(({ s, c }) => runCase(s, c, p)));
      for (const r of rs) if (r.verdict !== 'pass' || r.warnings.length) bad.push(`${p.name} ${r.id}: ${r.verdict} ${r.reason ?? ''} ${r.warnings.join('; ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('every case fails against each of its own mutants (strict for recommendations)', async () => {
    const blind: string[] = [];
    const jobs = all().flatMap(({ s, c }) => c.mutants.map((m) => ({ s, c, m })));
    const rs = await Promise.all(jobs.map(async ({ s, c, m }) => {
      const r = await runCase(s, c, PROFILE, [m]);
      if (r.verdict === 'fail') return null;
      const strict = r.verdict === 'pass' && r.warnings.length ? await runCase(s, c, STRICT, [m]) : r;
      return strict.verdict === 'fail' ? null : `${c.id} ${m}: ${strict.verdict} ${strict.reason ?? ''}`;
    }));
    for (const x of rs) if (x) blind.push(x);
    expect(blind).toEqual([]);
  });

  it('against a physical E-meter: P3 cases do not apply and say what is missing; listening cases apply with addresses.primary', () => {
    const physical: DutProfile = { name: 'real-emeter', protocols: ['dsmr-p2-emeter'], transport: { kind: 'serial', path: '/dev/null' }, features: { 'p2.wired': true } };
    const reasons = all().map(({ c }) => c.applies?.(makeDut(physical)) ?? true);
    expect(reasons.every((r) => r !== true)).toBe(true);
    expect(reasons.filter((r) => typeof r === 'string' && /DLMS client/.test(r)).length).toBeGreaterThan(40);
    const listening = all().filter(({ c }) => c.applies?.(makeDut({ ...physical, addresses: { primary: 5 } })) === true).map(({ c }) => c.id);
    expect(listening.sort()).toEqual(['dsmr-p2/2.1/1', 'dsmr-p2/3.1/2', 'dsmr-p2/4.3/1']);
  });

  it('a failing verdict carries decoded M-Bus frames both ways and no key material', async () => {
    const found = all().find(({ c }) => c.id === 'dsmr-p2/5.2/4')!;
    const r = await runCase(found.s, found.c, PROFILE, ['p2.fc.accept-equal']);
    expect(r.verdict).toBe('fail');
    const frames = r.trace?.frames ?? [];
    expect(frames.some((f) => f.layer === 'mbus' && f.dir === 'tx' && (f.decoded as { link?: { cName?: string } }).link?.cName === 'RSP_UD')).toBe(true);
    expect(frames.some((f) => f.layer === 'mbus' && f.dir === 'rx' && (f.decoded as { ci?: string }).ci === '51')).toBe(true);
    // The App. B user key reaches the E-meter over P3 only and travels on P2 wrapped: it shows nowhere.
    const text = JSON.stringify(r).toUpperCase().replace(/[^0-9A-F]/g, '');
    expect(text).not.toContain('000102030405060708090A0B0C0D0E0F');
  });
});

