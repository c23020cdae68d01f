/**
 * A conformance run: selection + DUT profiles → vitest (programmatic API) → verdicts → reports. File
 * parallelism against simulators, one worker when any DUT is physical. Ctrl-C cancels the run and still
 * writes a complete partial report (cases not reached marked not-run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import { realClock } from '../clock/real.ts';
import { buildReport, type Report } from '../../reports/report.ts';
import { writeHtmlReport } from '../../reports/html.ts';
import { openLink } from './link.ts';
import type { DutProfile } from './profile.ts';
import { MeterproofReporter } from './reporter.ts';
import type { Selection } from './selection.ts';
import { loadSections, PACKAGE_ROOT, suiteFilesFor } from './suites.ts';
import { selects } from './selection.ts';
import { relative } from 'node:path';
import { traceRecorder } from '../transport/trace.ts';
import { TransportError } from '../transport/transport.ts';
import { DutUnreachable, VERSION } from '../cli/errors.ts';

export { VERSION };

export type ReportFormat = 'json' | 'junit' | 'allure' | 'html';

export interface RunOptions {
  duts: DutProfile[];
  selection: Selection;
  reportDir: string;
  formats: ReadonlySet<ReportFormat>;
  traceAll?: boolean;
  quiet?: boolean;
  out?: { write(s: string): unknown; isTTY?: boolean };
  /** Vitest shard `i/n` for runs spread over machines. */
  shard?: string;
}

export { DutUnreachable };

/** Fail fast (exit 3) when a physical DUT's link cannot even be opened. */
export async function probeDuts(duts: DutProfile[]): Promise<void> {
  for (const p of duts) {
    if (p.transport.kind === 'sim') continue;
    const clock = realClock();
    try {
      const link = await openLink(p, clock, traceRecorder(clock), { line: { baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 } });
      await link.close();
    } catch (e) {
      const msg = e instanceof TransportError || e instanceof Error ? e.message : String(e);
      throw new DutUnreachable(`DUT "${p.name}" unreachable: ${msg}`);
    }
  }
}

export async function runConformance(o: RunOptions): Promise<{ report: Report; files: string[] }> {
  const out = o.out ?? process.stdout;
  const sections = await loadSections();
  const reportDir = resolve(o.reportDir);
  mkdirSync(reportDir, { recursive: true });
  const physical = o.duts.some((d) => d.transport.kind !== 'sim');
  const expected = sections.reduce((n, s) => n + s.cases.filter((c) => selects(o.selection, c)).length * o.duts.filter((d) => d.protocols.includes(s.family.name)).length, 0);
  const reporter = new MeterproofReporter(sections, out, o.quiet, o.shard ? 0 : expected);
  const reporters: unknown[] = [reporter];
  const files: string[] = [];
  if (o.formats.has('junit')) {
    reporters.push(['junit', { outputFile: join(reportDir, 'junit.xml'), suiteName: 'meterproof', classnameTemplate: '{filepath}' }]);
    files.push(join(reportDir, 'junit.xml'));
  }
  if (o.formats.has('allure')) {
    reporters.push(['allure-vitest/reporter', { resultsDir: join(reportDir, 'allure-results') }]);
    files.push(join(reportDir, 'allure-results/'));
  }
  const families = new Set(o.duts.flatMap((d) => d.protocols));
  const suiteFiles = (await suiteFilesFor((c) => selects(o.selection, c), families)).map((f) => relative(PACKAGE_ROOT, f));
  const startedAt = new Date();
  const before = new Set(process.listeners('SIGINT'));
  const vitest = await createVitest(
    'test',
    {
      root: PACKAGE_ROOT,
      config: false,
      watch: false,
      passWithNoTests: true,
      ...(o.shard ? { shard: o.shard } : {}),
    },
    {
      test: {
        // Only the suite files with selected cases; an empty selection still runs vitest (no tests).
        include: suiteFiles.length ? suiteFiles : ['suites/__none__'],
        // Suite files share the harness modules; one module graph per worker keeps start-up short.
        isolate: false,
        setupFiles: [join(PACKAGE_ROOT, 'harness/runner/vitest-glue.ts'), ...(o.formats.has('allure') ? ['allure-vitest/setup'] : [])],
        reporters: reporters as never,
        provide: {
          'meterproof.duts': o.duts,
          'meterproof.selection': o.selection,
          'meterproof.traceAll': !!o.traceAll,
          'meterproof.allure': o.formats.has('allure'),
        },
        fileParallelism: !physical,
        ...(physical ? { maxWorkers: 1 } : {}),
        // serialport's native poller is not safe in worker threads: physical DUTs run in a forked worker.
        pool: physical ? 'forks' : 'threads',
        testTimeout: 0,
        hookTimeout: 60_000,
        silent: true,
        watch: false,
        env: { METERPROOF_RUN: '1' },
      },
    },
  );
  // vitest's logger exits the process on SIGINT; a run must instead cancel and still write its report.
  for (const l of process.listeners('SIGINT')) if (!before.has(l)) process.off('SIGINT', l);
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints > 1) process.exit(130);
    out.write('\ninterrupted: finishing the report (Ctrl-C again to abort without it)\n');
    void vitest.cancelCurrentRun('keyboard-input');
  };
  process.on('SIGINT', onSigint);
  try {
    await vitest.start([]);
  } finally {
    process.off('SIGINT', onSigint);
    await vitest.close();
  }
  const collected = reporter.result ?? { cases: [], errors: ['the test runner ended without results'], interrupted: sigints > 0 };
  const report = buildReport({
    version: VERSION,
    startedAt,
    finishedAt: new Date(),
    interrupted: collected.interrupted || sigints > 0,
    selection: { prefixes: o.selection.prefixes ?? [], grep: o.selection.grep ?? null },
    errors: collected.errors,
    duts: o.duts,
    cases: collected.cases,
  });
  writeFileSync(join(reportDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  files.unshift(join(reportDir, 'report.json'));
  if (o.formats.has('html')) files.push(writeHtmlReport(report, reportDir));
  return { report, files };
}
