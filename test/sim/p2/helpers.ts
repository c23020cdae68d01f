/** Load the dsmr-p2 gas-meter suite files directly (not the whole suites tree) and run cases against the gas simulator. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registeredSections } from '../../../harness/runner/dsl.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import { SUITES_DIR } from '../../../harness/runner/suites.ts';
import type { CaseDef, CaseResult, Section } from '../../../harness/runner/types.ts';
import { GAS_WIRED_PROFILES } from '../../../harness/sim/gas/index.ts';

export const P2_DIR = join(SUITES_DIR, 'dsmr-p2');

export async function p2Sections(): Promise<Section<object>[]> {
  for (const f of readdirSync(P2_DIR).filter((x) => x.endsWith('.suite.ts')).sort()) await import(pathToFileURL(join(P2_DIR, f)).href);
  return registeredSections().filter((s) => s.family.name === 'dsmr-p2-gas');
}

export function withFaults(p: DutProfile, faults: string[]): DutProfile {
  if (p.transport.kind !== 'sim') return p;
  return { ...p, transport: { ...p.transport, faults } };
}

export function runCase(s: Section<object>, c: CaseDef<object>, profile: DutProfile, faults: string[] = []): Promise<CaseResult> {
  return executeCase(s, c, makeDut(withFaults(profile, faults)), { realGuardMs: 20_000 });
}

export const PROFILES = GAS_WIRED_PROFILES;
