/**
 * Every simulator's fault switches against its family's suites (DESIGN.md § A conformance case): the clean
 * simulator passes every applicable case, every fault switch is caught, every case catches its own mutant.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATORS } from '../../harness/sim/registry.ts';
import { mutantMatrix, printMatrix } from './matrix.ts';

describe('mutant matrix', () => {
  it('there is at least one simulator with fault switches', () => {
    expect(SIMULATORS.length).toBeGreaterThan(0);
    expect(SIMULATORS.every((s) => s.faults.length > 0)).toBe(true);
  });

  it.each(SIMULATORS.map((s) => [s.name, s] as const))('%s: no false failure, no surviving mutant, no blind case', async (_name, sim) => {
    const r = await mutantMatrix(sim);
    console.log(printMatrix(r));
    expect(r.cases).toBeGreaterThan(0);
    expect(r.unknownMutants).toEqual([]);
    expect(r.falseFailures.map((f) => `${f.dut} ${f.id}: ${f.verdict} ${f.reason ?? ''}`)).toEqual([]);
    expect(r.survivors).toEqual([]);
    expect(r.blindCases).toEqual([]);
  }, 240_000);
});
