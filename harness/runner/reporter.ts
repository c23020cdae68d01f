/**
 * Our vitest reporter: shows progress on the terminal and collects every case's verdict record (from
 * `task.meta.meterproof`) for report.json. Cases a run never reached (Ctrl-C) come back as `not-run`.
 */
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import type { SerializedError } from 'vitest';
import type { CaseResult, Section } from './types.ts';

export interface CollectedRun {
  cases: CaseResult[];
  errors: string[];
  interrupted: boolean;
}

const SYMBOL: Record<string, string> = { pass: 'ok  ', fail: 'FAIL', inconclusive: 'INC ', 'not-applicable': 'n/a ', waived: 'WAIV', 'not-run': '--  ' };

export class MeterproofReporter implements Reporter {
  private done = 0;
  private total = 0;
  private counts: Record<string, number> = {};
  private readonly isTty: boolean;
  result: CollectedRun | null = null;

  constructor(
    private readonly sections: Section<object>[],
    private readonly out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean },
    private readonly quiet = false,
    /** Cases the run will execute (selected cases × DUTs that speak their family), known before it starts. */
    expected = 0,
  ) {
    this.isTty = !!(out as { isTTY?: boolean }).isTTY;
    this.total = expected;
  }

  onTestModuleCollected(m: TestModule): void {
    if (this.known) return;
    this.total += [...m.children.allTests()].length;
  }

  private get known(): boolean {
    return this.total > 0 && this.done <= this.total;
  }

  onTestCaseResult(test: TestCase): void {
    const r = test.meta().meterproof;
    this.done++;
    const verdict = r?.verdict ?? (test.result().state === 'failed' ? 'fail' : 'inconclusive');
    this.counts[verdict] = (this.counts[verdict] ?? 0) + 1;
    if (this.quiet) return;
    const line = `${SYMBOL[verdict] ?? verdict} ${r?.dut ?? ''}  ${r?.id ?? test.name}`;
    const detail = r && verdict !== 'pass' && verdict !== 'not-applicable' ? `\n       ${r.waiver ? 'waived: ' + r.waiver + ' — ' : ''}${r.reason ?? ''}` : '';
    const warn = r?.warnings.length ? `\n       warning: ${r.warnings.join('; ')}` : '';
    if (this.isTty) {
      if (verdict !== 'pass' && verdict !== 'not-applicable' || warn) this.out.write(`\r\x1b[K${line}${detail}${warn}\n`);
      this.out.write(`\r\x1b[K${this.status()}`);
    } else {
      this.out.write(`${this.status()} ${line}${detail}${warn}\n`);
    }
  }

  private status(): string {
    const c = this.counts;
    const w = String(this.total).length;
    return `[${String(this.done).padStart(w)}/${this.total}] pass ${c['pass'] ?? 0} fail ${c['fail'] ?? 0} inconclusive ${c['inconclusive'] ?? 0} n/a ${c['not-applicable'] ?? 0} waived ${c['waived'] ?? 0}`;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    if (this.isTty && !this.quiet) this.out.write('\r\x1b[K');
    const byId = new Map<string, { s: Section<object>; ref: string; requirement: string }>();
    for (const s of this.sections) for (const c of s.cases) byId.set(c.id, { s, ref: c.ref, requirement: c.requirement });
    const cases: CaseResult[] = [];
    const errs = errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`);
    for (const m of modules) {
      for (const e of m.errors()) errs.push(`${m.moduleId}: ${e.message}`);
      for (const t of m.children.allTests()) {
        const r = t.meta().meterproof;
        if (r) { cases.push(r); continue; }
        const id = t.name.split(' ')[0]!;
        const known = byId.get(id);
        const dut = t.parent.type === 'suite' ? t.parent.name.split(' › ')[0]! : '';
        const state = t.result().state;
        if (state === 'failed') errs.push(`${id} on ${dut}: ${t.result().errors?.map((e) => e.message).join('; ')}`);
        cases.push({
          id, dut,
          family: known?.s.family.name ?? id.split('/')[0]!,
          section: known?.s.id ?? id.split('/').slice(0, 2).join('/'),
          ref: known?.ref ?? '', requirement: known?.requirement ?? t.name.slice(id.length + 1),
          verdict: 'not-run', reason: reason === 'interrupted' ? 'run interrupted before this case' : 'case did not run',
          warnings: [], notes: [], durationMs: 0, clockMs: 0,
        });
      }
    }
    this.result = { cases, errors: errs, interrupted: reason === 'interrupted' };
  }
}
