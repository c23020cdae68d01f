import { describe, expect, it } from 'vitest';
import { executeCase } from '../../harness/runner/execute.ts';
import { makeDut } from '../../harness/runner/dut.ts';
import type { DutProfile } from '../../harness/runner/profile.ts';
import type { CaseDef, Section } from '../../harness/runner/types.ts';
import { toyFamily, type ToyCtx } from './toy-family.ts';

const profile: DutProfile = { name: 'toy-dut', protocols: ['toy'], transport: { kind: 'sim', simulator: 'toy' } };
const dut = makeDut(profile);

const answersPlusOne: CaseDef<ToyCtx> = {
  id: 'toy/basic/1',
  ref: 'TOY §1',
  requirement: 'The DUT answers a request byte with that byte plus one.',
  mutants: ['toy.off-by-two'],
  async run(t) {
    const r = await t.ask(0x41);
    t.expectEqual('answer to 0x41', r, 0x42);
  },
};

const sec = (mode: 'ok' | 'silent' | 'off-by-two', c: CaseDef<ToyCtx> = answersPlusOne): Section<ToyCtx> => ({ id: 'toy/basic', title: 'basic', family: toyFamily(mode), cases: [c] });

describe('executeCase verdicts', () => {
  it('pass against a conforming DUT, without a trace', async () => {
    const r = await executeCase(sec('ok'), answersPlusOne, dut);
    expect(r.verdict).toBe('pass');
    expect(r.trace).toBeUndefined();
    expect(r).toMatchObject({ id: 'toy/basic/1', dut: 'toy-dut', family: 'toy', section: 'toy/basic', ref: 'TOY §1' });
  });

  it('fail shows what, expected vs actual and the decoded trace', async () => {
    const r = await executeCase(sec('off-by-two'), answersPlusOne, dut);
    expect(r.verdict).toBe('fail');
    expect(r.what).toBe('answer to 0x41');
    expect(r.expected).toBe(0x42);
    expect(r.actual).toBe(0x43);
    expect(r.trace?.entries.map((e) => `${e.dir}:${e.hex}`)).toEqual(['tx:41', 'rx:43']);
    expect(r.trace?.frames[1]).toMatchObject({ dir: 'rx', layer: 'toy', decoded: { byte: 0x43 } });
  });

  it('a silent DUT is inconclusive, in virtual time, never a hang', async () => {
    const t0 = performance.now();
    const r = await executeCase(sec('silent'), answersPlusOne, dut);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/silent/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a case that outlives its budget is inconclusive', async () => {
    const slow: CaseDef<ToyCtx> = { ...answersPlusOne, budgetMs: 5000, async run(t) { await t.clock.sleep(60_000); } };
    const r = await executeCase(sec('ok', slow), slow, dut);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/budget of 5000 ms/);
    expect(r.clockMs).toBe(5000);
  });

  it('applies() returning a reason gives not-applicable without opening a session', async () => {
    const c: CaseDef<ToyCtx> = { ...answersPlusOne, applies: (d) => (d.has('toy.fancy') ? true : 'DUT does not declare toy.fancy') };
    const r = await executeCase(sec('silent', c), c, dut);
    expect(r).toMatchObject({ verdict: 'not-applicable', reason: 'DUT does not declare toy.fancy' });
  });

  it('a declared deviation turns a fail into waived with its justification, keeping expected vs actual', async () => {
    const waivedDut = makeDut({ ...profile, deviations: [{ case: 'toy/basic/1', justification: 'firmware 1.2 adds two; fixed in 1.3 (ticket 42)' }] });
    const r = await executeCase(sec('off-by-two'), answersPlusOne, waivedDut);
    expect(r.verdict).toBe('waived');
    expect(r.waiver).toMatch(/ticket 42/);
    expect(r.expected).toBe(0x42);
  });

  it('warnings attach to a pass', async () => {
    const c: CaseDef<ToyCtx> = { ...answersPlusOne, async run(t) { t.warn('lower-case hex seen'); t.expectEqual('x', await t.ask(1), 2); } };
    const r = await executeCase(sec('ok', c), c, dut);
    expect(r.verdict).toBe('pass');
    expect(r.warnings).toEqual(['lower-case hex seen']);
  });

  it('an unexpected exception in a case is inconclusive with the error named', async () => {
    const c: CaseDef<ToyCtx> = { ...answersPlusOne, async run() { throw new RangeError('boom'); } };
    const r = await executeCase(sec('ok', c), c, dut);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/RangeError: boom/);
  });
});
