/** Load the dsmr-p2-emeter suite files directly (not the whole suites tree) and run cases against the E-meter simulator. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registeredSections } from '../../../harness/runner/dsl.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import { SUITES_DIR } from '../../../harness/runner/suites.ts';
import type { CaseDef, CaseResult, Section } from '../../../harness/runner/types.ts';
import { EMETER_PROFILES } from '../../../harness/sim/emeter/index.ts';

export const DIR = join(SUITES_DIR, 'dsmr-p2-emeter');

export async function emeterSections(): Promise<Section<object>[]> {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.suite.ts')).sort()) await import(pathToFileURL(join(DIR, f)).href);
  return registeredSections().filter((s) => s.family.name === 'dsmr-p2-emeter');
}

export function withFaults(p: DutProfile, faults: string[]): DutProfile {
  if (p.transport.kind !== 'sim') return p;
  return { ...p, transport: { ...p.transport, faults } };
}

export function runCase(s: Section<object>, c: CaseDef<object>, profile: DutProfile, faults: string[] = []): Promise<CaseResult> {
  return executeCase(s, c, makeDut(withFaults(profile, faults)), { realGuardMs: 20_000 });
}

export const PROFILE = EMETER_PROFILES[0]!;
/** The same DUT with the strict reading of the recommendations ("should" rules fail instead of warning). */
export const STRICT: DutProfile = { ...PROFILE, name: 'p2-emeter-strict', strict: true };
