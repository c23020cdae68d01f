import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport, exitCodeOf, verifyReport } from '../../reports/report.ts';
import { renderHtml } from '../../reports/html.ts';
import { executeCase } from '../../harness/runner/execute.ts';
import { makeDut } from '../../harness/runner/dut.ts';
import type { DutProfile } from '../../harness/runner/profile.ts';
import type { CaseDef, Section } from '../../harness/runner/types.ts';
import { toyFamily, type ToyCtx } from '../runner/toy-family.ts';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../reports/report-schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

const profile: DutProfile = {
  name: 'toy-dut', protocols: ['toy'], transport: { kind: 'sim', simulator: 'toy' },
  keys: { user: 'env:TOY_KEY' }, features: { 'admin-password': 'hunter2' } as Record<string, string>,
};
const kase: CaseDef<ToyCtx> = {
  id: 'toy/basic/1', ref: 'TOY §1', requirement: 'answers +1', mutants: ['toy.off-by-two'],
  async run(t) { t.expectEqual('answer', await t.ask(1), 2); },
};
const sec = (mode: 'ok' | 'off-by-two' | 'silent'): Section<ToyCtx> => ({ id: 'toy/basic', title: 'basic', family: toyFamily(mode), cases: [kase] });

async function sample() {
  const dut = makeDut(profile);
  const cases = [
    await executeCase(sec('ok'), kase, dut),
    { ...(await executeCase(sec('off-by-two'), kase, dut)), dut: 'toy-dut-2' },
    { ...(await executeCase(sec('silent'), kase, dut)), dut: 'toy-dut-3' },
  ];
  return buildReport({ version: '0.1.0', startedAt: new Date(0), finishedAt: new Date(1500), interrupted: false, selection: { prefixes: ['toy'], grep: null }, errors: [], duts: [profile], cases });
}

/** Independent canonical form: sort keys recursively, then JSON. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  return v;
}

describe('report.json', () => {
  it('validates against the shipped report schema', async () => {
    const r = await sample();
    const ok = validate(JSON.parse(JSON.stringify(r)));
    expect(ok ? [] : validate.errors).toEqual([]);
    expect(r.summary).toEqual({ total: 3, pass: 1, fail: 1, inconclusive: 1, notApplicable: 0, waived: 0, notRun: 0, warnings: 0 });
  });

  it('carries a SHA-256 over its canonical content, recomputable independently', async () => {
    const r = await sample();
    const { sha256, ...rest } = JSON.parse(JSON.stringify(r));
    const independent = createHash('sha256').update(JSON.stringify(canon(rest))).digest('hex');
    expect(sha256).toBe(independent);
    expect(verifyReport(r).ok).toBe(true);
  });

  it('any edit to the content breaks the hash', async () => {
    const r = await sample();
    const tampered = JSON.parse(JSON.stringify(r));
    tampered.cases[1].verdict = 'pass';
    expect(verifyReport(tampered).ok).toBe(false);
  });

  it('never contains secrets; key references stay as references', async () => {
    const text = JSON.stringify(await sample());
    expect(text).not.toContain('hunter2');
    expect(text).toContain('env:TOY_KEY');
  });

  it('exit code: 1 when any case failed or was inconclusive, 0 when all pass or are waived', async () => {
    const r = await sample();
    expect(exitCodeOf(r)).toBe(1);
    const allPass = buildReport({ version: '0', startedAt: new Date(0), finishedAt: new Date(1), interrupted: false, selection: { prefixes: [], grep: null }, errors: [], duts: [], cases: [r.cases[0]!] });
    expect(exitCodeOf(allPass)).toBe(0);
  });

  it('the HTML report escapes content and shows expected vs actual for failures', async () => {
    const r = await sample();
    r.cases[1]!.requirement = '<script>alert(1)</script>';
    const html = renderHtml(r);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/<h4>expected<\/h4><pre>2<\/pre>/);
    expect(html).toMatch(/<h4>actual<\/h4><pre>3<\/pre>/);
  });
});
