/** Load the wireless dsmr-p2 suite files (suites/dsmr-p2/wireless) and run cases against the wireless gas simulator. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { p2GasWirelessFamily } from '../../../harness/roles/wmbus-family.ts';
import { registeredSections } from '../../../harness/runner/dsl.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import { SUITES_DIR } from '../../../harness/runner/suites.ts';
import type { CaseDef, CaseResult, Section } from '../../../harness/runner/types.ts';
import { GAS_WIRELESS_PROFILES } from '../../../harness/sim/gas/wireless/index.ts';

export const WL_DIR = join(SUITES_DIR, 'dsmr-p2', 'wireless');

export async function wlSections(): Promise<Section<object>[]> {
  const files = readdirSync(WL_DIR).filter((x) => x.endsWith('.suite.ts')).sort().map((f) => pathToFileURL(join(WL_DIR, f)).href);
  for (const f of files) await import(f);
  return registeredSections().filter((s) => s.family === (p2GasWirelessFamily as unknown));
}

export function withFaults(p: DutProfile, faults: string[]): DutProfile {
  if (p.transport.kind !== 'sim') return p;
  return { ...p, transport: { ...p.transport, faults } };
}

export function runCase(s: Section<object>, c: CaseDef<object>, profile: DutProfile, faults: string[] = [], strict?: boolean): Promise<CaseResult> {
  const p = withFaults(profile, faults);
  return executeCase(s, c, makeDut(strict === undefined ? p : { ...p, strict }), { realGuardMs: 20_000 });
}

export const PROFILES = GAS_WIRELESS_PROFILES;
