/**
 * vitest setup file for meterproof runs: turns every registered section into vitest tests, one per
 * (DUT, case), and maps verdicts onto vitest states so JUnit and Allure see them: pass → passed,
 * fail → failed, inconclusive / not-applicable / waived → skipped with the verdict as the note. The
 * full verdict record travels in `task.meta.meterproof` to our reporter.
 */
import { describe, inject, it } from 'vitest';
import { setRegistrar } from './dsl.ts';
import { makeDut } from './dut.ts';
import { executeCase } from './execute.ts';
import type { DutProfile } from './profile.ts';
import { selects, type Selection } from './selection.ts';
import type { CaseResult, Section } from './types.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    'meterproof.duts': DutProfile[];
    'meterproof.selection': Selection;
    'meterproof.traceAll': boolean;
    'meterproof.allure': boolean;
  }
  interface TaskMeta {
    meterproof?: CaseResult;
  }
}

const duts = inject('meterproof.duts').map(makeDut);
const selection = inject('meterproof.selection');
const traceAll = inject('meterproof.traceAll');
const allureOn = inject('meterproof.allure');

async function allureLabels(s: Section<object>, ref: string, dutName: string): Promise<void> {
  if (!allureOn) return;
  const allure = await import('allure-js-commons');
  await allure.label('family', s.family.name);
  await allure.label('section', s.id);
  await allure.label('ref', ref);
  await allure.label('dut', dutName);
  await allure.parentSuite(dutName);
  await allure.suite(s.family.name);
  await allure.subSuite(`${s.id} ${s.title}`);
}

setRegistrar((s) => {
  const cases = s.cases.filter((c) => selects(selection, c));
  if (!cases.length) return;
  for (const dut of duts.filter((d) => d.profile.protocols.includes(s.family.name))) {
    describe(`${dut.name} › ${s.id} ${s.title}`, () => {
      for (const c of cases) {
        it(`${c.id} ${c.requirement}`, async (ctx) => {
          await allureLabels(s, c.ref, dut.name);
          const r = await executeCase(s, c, dut, { traceAll, signal: ctx.signal });
          ctx.task.meta.meterproof = r;
          if (r.verdict === 'fail') {
            const err = new Error(`${r.what ?? 'requirement'}: expected ${JSON.stringify(r.expected)}, got ${JSON.stringify(r.actual)} [${c.ref}]`);
            err.name = 'ConformanceFailure';
            err.stack = `${err.name}: ${err.message}`;
            throw err;
          }
          if (r.verdict !== 'pass') ctx.skip(`${r.verdict}: ${r.waiver ?? r.reason ?? ''}`);
        });
      }
    });
  }
});
