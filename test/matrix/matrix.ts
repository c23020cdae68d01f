/**
 * The mutant matrix, generated from the registries: for every simulator, every built-in profile and every
 * fault switch, run the family's cases. A simulator or suite joins by being registered — this file never
 * names one.
 */
import { executeCase } from '../../harness/runner/execute.ts';
import { makeDut } from '../../harness/runner/dut.ts';
import type { DutProfile } from '../../harness/runner/profile.ts';
import { loadSections } from '../../harness/runner/suites.ts';
import type { CaseDef, CaseResult, Section } from '../../harness/runner/types.ts';
import type { SimDef } from '../../harness/sim/types.ts';

export interface MatrixResult {
  sim: string;
  cases: number;
  /** Clean simulator: cases that did not pass (must be empty: no false failures). */
  falseFailures: CaseResult[];
  /** fault -> ids of cases that failed (or, for liveness faults, ended non-pass). */
  caughtBy: Map<string, string[]>;
  /** Cases whose own declared mutant they did not catch on any profile where they apply. */
  blindCases: { id: string; mutant: string }[];
  /** Declared mutants that do not exist in the simulator. */
  unknownMutants: { id: string; mutant: string }[];
  survivors: string[];
}

function withFault(p: DutProfile, fault: string | null): DutProfile {
  if (p.transport.kind !== 'sim') return p;
  return { ...p, transport: { ...p.transport, faults: fault ? [fault] : [] } };
}

async function runAll(pairs: { s: Section<object>; c: CaseDef<object> }[], profile: DutProfile): Promise<CaseResult[]> {
  const dut = makeDut(profile);
  const out: CaseResult[] = [];
  // A few cases at a time: each has its own virtual clock and simulator, so they interleave safely.
  const width = 8;
  for (let i = 0; i < pairs.length; i += width) {
    out.push(...(await Promise.all(pairs.slice(i, i + width).map(({ s, c }) => executeCase(s, c, dut, { realGuardMs: 30_000 })))));
  }
  return out;
}

export async function mutantMatrix(sim: SimDef): Promise<MatrixResult> {
  const sections = (await loadSections()).filter((s) => s.family.name === sim.family);
  // One family may have several simulators (the wired and the wireless gas meter): a case that applies to
  // none of this simulator's own profiles belongs to another one.
  const duts = sim.profiles.map(makeDut);
  const pairs = sections.flatMap((s) => s.cases.filter((c) => duts.some((d) => (c.applies?.(d) ?? true) === true)).map((c) => ({ s, c })));
  const faultNames = new Set(sim.faults.map((f) => f.name));
  const result: MatrixResult = { sim: sim.name, cases: pairs.length, falseFailures: [], caughtBy: new Map(), blindCases: [], unknownMutants: [], survivors: [] };
  for (const { c } of pairs) for (const m of c.mutants) if (!faultNames.has(m)) result.unknownMutants.push({ id: c.id, mutant: m });

  const ownCaught = new Map<string, boolean>(); // `${caseId} ${mutant}` -> caught somewhere it applies
  for (const profile of sim.profiles) {
    const clean = await runAll(pairs, withFault(profile, null));
    result.falseFailures.push(...clean.filter((r) => r.verdict !== 'pass' && r.verdict !== 'not-applicable'));
    for (const f of sim.faults) {
      let rs = await runAll(pairs, withFault(profile, f.name));
      // A rule the spec leaves ambiguous passes with a warning by default and fails under a strict
      // profile: for the cases that only warned about this fault, the strict verdict decides.
      const warnedOnly = rs.filter((r) => r.verdict === 'pass' && r.warnings.length > 0).map((r) => r.id);
      if (warnedOnly.length && !rs.some((r) => r.verdict === 'fail')) {
        const strict = await runAll(pairs.filter((p) => warnedOnly.includes(p.c.id)), { ...withFault(profile, f.name), strict: true });
        rs = rs.map((r) => strict.find((x) => x.id === r.id) ?? r);
      }
      const caught = rs.filter((r) => r.verdict === 'fail' || (f.liveness && r.verdict === 'inconclusive')).map((r) => r.id);
      result.caughtBy.set(f.name, [...new Set([...(result.caughtBy.get(f.name) ?? []), ...caught])]);
      for (const r of rs) {
        const c = pairs.find((p) => p.c.id === r.id)!.c;
        if (!c.mutants.includes(f.name) || r.verdict === 'not-applicable') continue;
        const key = `${c.id} ${f.name}`;
        ownCaught.set(key, (ownCaught.get(key) ?? false) || r.verdict === 'fail');
      }
    }
  }
  for (const [key, caught] of ownCaught) if (!caught) { const [id, mutant] = key.split(' '); result.blindCases.push({ id: id!, mutant: mutant! }); }
  for (const { c } of pairs) for (const m of c.mutants) if (faultNames.has(m) && !ownCaught.has(`${c.id} ${m}`)) result.blindCases.push({ id: c.id, mutant: `${m} (case applies to no built-in profile)` });
  result.survivors = sim.faults.filter((f) => !(result.caughtBy.get(f.name) ?? []).length).map((f) => f.name);
  return result;
}

export function printMatrix(r: MatrixResult): string {
  const lines = [`mutant matrix — simulator ${r.sim}: ${r.cases} cases × ${r.caughtBy.size} fault switches`];
  const w = Math.max(...[...r.caughtBy.keys()].map((k) => k.length), 10);
  for (const [f, ids] of r.caughtBy) lines.push(`  ${f.padEnd(w)}  ${ids.length ? `killed by ${ids.length}: ${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', …' : ''}` : 'SURVIVED'}`);
  lines.push(`  false failures on the clean simulator: ${r.falseFailures.length}`);
  for (const f of r.falseFailures) lines.push(`    ${f.dut} ${f.id}: ${f.verdict} — ${f.reason ?? ''}`);
  lines.push(`  surviving mutants: ${r.survivors.length}${r.survivors.length ? ' — ' + r.survivors.join(', ') : ''}`);
  lines.push(`  cases blind to their own mutant: ${r.blindCases.length}${r.blindCases.length ? ' — ' + r.blindCases.map((b) => `${b.id}/${b.mutant}`).join(', ') : ''}`);
  return lines.join('\n');
}
