/**
 * The conformance report (report.json): per case the verdict, expected vs actual, the raw trace and its
 * decoded view; the DUT profiles used (secrets redacted); a summary; and a SHA-256 over the canonical
 * content so evidence handed to a lab can be checked (`meterproof verify report.json`).
 */
import { createHash } from 'node:crypto';
import { redact } from '../harness/runner/secrets.ts';
import type { DutProfile } from '../harness/runner/profile.ts';
import type { CaseResult, CaseState } from '../harness/runner/types.ts';

export const REPORT_SCHEMA_ID = 'meterproof-report/1';

export interface ReportSummary {
  total: number;
  pass: number;
  fail: number;
  inconclusive: number;
  notApplicable: number;
  waived: number;
  notRun: number;
  warnings: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA_ID;
  tool: { name: 'meterproof'; version: string; node: string };
  run: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    interrupted: boolean;
    selection: { prefixes: string[]; grep: string | null };
    errors: string[];
  };
  duts: { name: string; profile: DutProfile }[];
  summary: ReportSummary;
  cases: CaseResult[];
  sha256: string;
}

export function summarize(cases: CaseResult[]): ReportSummary {
  const count = (v: CaseState) => cases.filter((c) => c.verdict === v).length;
  return {
    total: cases.length,
    pass: count('pass'),
    fail: count('fail'),
    inconclusive: count('inconclusive'),
    notApplicable: count('not-applicable'),
    waived: count('waived'),
    notRun: count('not-run'),
    warnings: cases.reduce((n, c) => n + c.warnings.length, 0),
  };
}

/** JSON with object keys sorted at every level: the byte string the hash covers. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'bigint') return x.toString();
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]));
    }
    return x;
  });
}

export function reportDigest(r: Omit<Report, 'sha256'> & { sha256?: string }): string {
  const { sha256: _omit, ...rest } = r;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function buildReport(args: {
  version: string;
  startedAt: Date;
  finishedAt: Date;
  interrupted: boolean;
  selection: { prefixes: string[]; grep: string | null };
  errors: string[];
  duts: DutProfile[];
  cases: CaseResult[];
}): Report {
  const cases = [...args.cases].sort((a, b) => a.dut.localeCompare(b.dut) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const body: Omit<Report, 'sha256'> = {
    schema: REPORT_SCHEMA_ID,
    tool: { name: 'meterproof', version: args.version, node: process.version },
    run: {
      startedAt: args.startedAt.toISOString(),
      finishedAt: args.finishedAt.toISOString(),
      durationMs: args.finishedAt.getTime() - args.startedAt.getTime(),
      interrupted: args.interrupted,
      selection: args.selection,
      errors: args.errors,
    },
    duts: args.duts.map((p) => ({ name: p.name, profile: redact(p) })),
    summary: summarize(cases),
    cases: redact(cases),
  };
  // Round-trip through JSON so the hash covers exactly what is written.
  const plain = JSON.parse(JSON.stringify(body)) as Omit<Report, 'sha256'>;
  return { ...plain, sha256: reportDigest(plain) };
}

export function verifyReport(doc: Report): { ok: boolean; expected: string; stated: string } {
  const expected = reportDigest(doc);
  return { ok: expected === doc.sha256, expected, stated: doc.sha256 };
}

/** Exit code of a run (DESIGN.md § Conventions): 0 all applicable cases pass (waivers allowed), 1 otherwise. */
export function exitCodeOf(r: Report): 0 | 1 {
  const s = r.summary;
  return s.fail === 0 && s.inconclusive === 0 && s.notRun === 0 && r.run.errors.length === 0 && !r.run.interrupted ? 0 : 1;
}

/**
 * Merge the reports of a run spread over shards or machines (`run --shard i/n`): cases and DUTs are
 * united, the run spans the earliest start to the latest finish, and the merged report gets its own hash.
 * Every input must verify first: a report edited after the fact is not evidence.
 */
export function mergeReports(inputs: Report[]): Report {
  if (!inputs.length) throw new Error('no reports to merge');
  for (const [i, r] of inputs.entries()) {
    if (r.schema !== REPORT_SCHEMA_ID) throw new Error(`report ${i + 1}: not a ${REPORT_SCHEMA_ID} document`);
    if (!verifyReport(r).ok) throw new Error(`report ${i + 1}: its sha256 does not match its content`);
  }
  const key = (c: CaseResult) => `${c.dut}\u0000${c.id}`;
  const cases = new Map<string, CaseResult>();
  for (const r of inputs) {
    for (const c of r.cases) {
      const prev = cases.get(key(c));
      // The same case in two shards (overlapping selections): a verdict beats not-run.
      if (!prev || prev.verdict === 'not-run') cases.set(key(c), c);
    }
  }
  const duts = new Map<string, DutProfile>();
  for (const r of inputs) for (const d of r.duts) if (!duts.has(d.name)) duts.set(d.name, d.profile);
  const starts = inputs.map((r) => Date.parse(r.run.startedAt));
  const ends = inputs.map((r) => Date.parse(r.run.finishedAt));
  return buildReport({
    version: inputs[0]!.tool.version,
    startedAt: new Date(Math.min(...starts)),
    finishedAt: new Date(Math.max(...ends)),
    interrupted: inputs.some((r) => r.run.interrupted),
    selection: { prefixes: [...new Set(inputs.flatMap((r) => r.run.selection.prefixes))], grep: inputs[0]!.run.selection.grep },
    errors: inputs.flatMap((r) => r.run.errors),
    duts: [...duts.values()],
    cases: [...cases.values()],
  });
}
