/** Every built-in simulator. A new simulator joins `run`, `faults`, `sim` and the mutant matrix by being listed here. */
import type { SimDef } from './types.ts';
import { p1Sim } from './p1/index.ts';
import { gasWiredSim } from './gas/index.ts';
import { gasWirelessSim } from './gas/wireless/index.ts';
import { emeterSim } from './emeter/index.ts';

export const SIMULATORS: SimDef[] = [p1Sim as SimDef, gasWiredSim as SimDef, gasWirelessSim as SimDef, emeterSim as SimDef];

export function findSim(name: string): SimDef | undefined {
  return SIMULATORS.find((s) => s.name === name);
}

export function allFaults(): { sim: string; name: string; rule: string }[] {
  return SIMULATORS.flatMap((s) => s.faults.map((f) => ({ sim: s.name, ...f })));
}
