/**
 * The dsmr-p1 mutant matrix: every case passes (or is not applicable) against both clean built-in
 * profiles, and fails against a profile with its own fault switch on. Spec-ambiguous rules (digest §5
 * A10, A33) pass with a warning unless the profile is strict; the matrix checks both.
 */
import { describe, expect, it } from 'vitest';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import type { CaseDef, CaseResult, Section } from '../../../harness/runner/types.ts';
import { p1Sim } from '../../../harness/sim/p1/index.ts';
import crc from '../../../suites/dsmr-p1/crc.suite.ts';
import frame from '../../../suites/dsmr-p1/frame.suite.ts';
import interval from '../../../suites/dsmr-p1/interval.suite.ts';
import mbus from '../../../suites/dsmr-p1/mbus.suite.ts';
import objects from '../../../suites/dsmr-p1/objects.suite.ts';
import pfl from '../../../suites/dsmr-p1/pfl.suite.ts';
import serial from '../../../suites/dsmr-p1/serial.suite.ts';
import text from '../../../suites/dsmr-p1/text.suite.ts';

const SECTIONS = [frame, crc, serial, interval, objects, pfl, mbus, text] as unknown as Section<object>[];
/** Cases whose rule the digest marks spec-ambiguous: warn by default, fail when the profile is strict. */
const AMBIGUOUS = new Set(['dsmr-p1/frame/7', 'dsmr-p1/frame/10', 'dsmr-p1/text/5']);
/** Catalogue rows (digest §4.1) per section; crc/7 is the checker self-test in crc-selfcheck.test.ts. */
const CATALOGUE: Record<string, number> = { frame: 10, crc: 6, serial: 4, interval: 4, objects: 12, pfl: 7, mbus: 7, text: 5 };
const LIVENESS = ['p1.link.silent', 'p1.link.stall-mid-telegram', 'p1.link.garbage', 'p1.telegram.oversize'];

function withFaults(p: DutProfile, faults: string[], strict = false): DutProfile {
  if (p.transport.kind !== 'sim') throw new Error('built-in profiles are simulators');
  return { ...p, strict, transport: { ...p.transport, faults } };
}

function explain(r: CaseResult): string {
  return `${r.dut} ${r.id}: ${r.verdict} ${r.reason ?? ''} ${r.what ?? ''} expected=${JSON.stringify(r.expected)} actual=${JSON.stringify(r.actual)}`;
}

const run = (s: Section<object>, c: CaseDef<object>, p: DutProfile) => executeCase(s, c, makeDut(p), { realGuardMs: 20_000 });

describe('dsmr-p1 suite shape', () => {
  it('has every catalogue row as a case, ids in order, one section per file', () => {
    for (const s of SECTIONS) {
      const name = s.id.split('/')[1]!;
      expect(s.cases.map((c) => c.id)).toEqual(Array.from({ length: CATALOGUE[name]! }, (_, i) => `${s.id}/${i + 1}`));
      for (const c of s.cases) {
        expect(c.ref.length).toBeGreaterThan(5);
        expect(c.requirement).toMatch(/\.$/);
      }
    }
  });

  it('names only existing fault switches, and every rule switch is some case\'s mutant', () => {
    const names = new Set(p1Sim.faults.map((f) => f.name));
    const used = new Set(SECTIONS.flatMap((s) => s.cases.flatMap((c) => c.mutants)));
    for (const m of used) expect(names.has(m), m).toBe(true);
    const orphans = [...names].filter((n) => !used.has(n) && !LIVENESS.includes(n));
    expect(orphans).toEqual([]);
  });
});

for (const s of SECTIONS) {
  describe(s.id, () => {
    for (const c of s.cases) {
      it(`${c.id}: clean profiles pass, its mutant fails`, async () => {
        let passed = 0;
        for (const p of p1Sim.profiles) {
          const clean = await run(s, c, p);
          expect(['pass', 'not-applicable'], explain(clean)).toContain(clean.verdict);
          expect(clean.warnings, explain(clean)).toEqual([]);
          if (clean.verdict !== 'pass') continue;
          passed++;
          const strict = AMBIGUOUS.has(c.id);
          const mutant = await run(s, c, withFaults(p, c.mutants, strict));
          expect(mutant.verdict, explain(mutant)).toBe('fail');
          expect(mutant.trace?.frames.length ?? 0, 'a failing verdict carries the decoded trace').toBeGreaterThan(0);
          if (strict) {
            const lenient = await run(s, c, withFaults(p, c.mutants, false));
            expect(lenient.verdict, explain(lenient)).toBe('pass');
            expect(lenient.warnings.join('\n')).toMatch(/spec-ambiguous/);
          }
        }
        expect(passed, `${c.id} must run against at least one built-in profile`).toBeGreaterThan(0);
      });
    }
  });
}

describe('liveness faults end every case within its budget', () => {
  for (const fault of LIVENESS) {
    it(fault, async () => {
      for (const p of p1Sim.profiles) {
        for (const s of SECTIONS) {
          for (const c of s.cases) {
            const r = await run(s, c, withFaults(p, [fault]));
            expect(['fail', 'inconclusive', 'not-applicable'], explain(r)).toContain(r.verdict);
            expect(r.reason ?? '', explain(r)).not.toMatch(/unexpected error|real time/);
            expect(r.clockMs).toBeLessThanOrEqual(c.budgetMs ?? 10 * 60_000);
          }
        }
      }
    });
  }
});
