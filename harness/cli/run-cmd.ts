/** `meterproof run`: the conformance run, against a profile's DUT or every built-in simulator. */
import type { Command } from 'commander';
import type { DutProfile } from '../runner/profile.ts';
import type { SimDef } from '../sim/types.ts';

type ReportFormat = 'json' | 'junit' | 'allure' | 'html';
import { EXIT, UsageError } from './errors.ts';

const FORMATS: ReportFormat[] = ['json', 'junit', 'allure', 'html'];

export function parseFormats(s: string): Set<ReportFormat> {
  const set = new Set<ReportFormat>(['json']);
  for (const f of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    if (!FORMATS.includes(f as ReportFormat)) throw new UsageError(`--format: unknown report format "${f}" (expected ${FORMATS.join(', ')})`);
    set.add(f as ReportFormat);
  }
  return set;
}

/** The DUTs of a run: the profile's, or every simulator's built-in profiles covering the selected families. */
export async function dutsFor(opts: { profile?: string; suite?: string[]; fault?: string[]; strict?: boolean }): Promise<DutProfile[]> {
  const { SIMULATORS } = (await import('../sim/registry.ts')) as { SIMULATORS: SimDef[] };
  const { loadProfile } = await import('../runner/profile.ts');
  let duts: DutProfile[];
  if (opts.profile) {
    duts = [loadProfile(opts.profile)];
  } else {
    duts = SIMULATORS.flatMap((s) => s.profiles);
    if (opts.suite?.length) {
      // Case ids and family names differ (dsmr-p2/… cases belong to the dsmr-p2-gas family): ask the suites.
      const { loadSections } = await import('../runner/suites.ts');
      const { selects } = await import('../runner/selection.ts');
      const families = new Set((await loadSections()).filter((s) => s.cases.some((c) => selects({ prefixes: opts.suite }, c))).map((s) => s.family.name));
      duts = duts.filter((d) => d.protocols.some((f) => families.has(f)));
    }
  }
  const faults = opts.fault ?? [];
  if (faults.length) {
    for (const f of faults) {
      // Several simulators may share a fault name (the gas meter and the E-meter both track frame counters).
      const owners = SIMULATORS.filter((s) => s.faults.some((x) => x.name === f)).map((s) => s.name);
      if (!owners.length) throw new UsageError(`--fault: no simulator has a fault switch named "${f}" (see meterproof faults)`);
      const targets = duts.filter((d) => d.transport.kind === 'sim' && owners.includes(d.transport.simulator));
      if (!targets.length) throw new UsageError(`--fault ${f}: no DUT in this run is a simulator with that switch (${owners.join(', ')})`);
    }
    duts = duts.map((d) => {
      if (d.transport.kind !== 'sim') return d;
      const sim = SIMULATORS.find((s) => s.name === (d.transport as { simulator: string }).simulator)!;
      const mine = faults.filter((f) => sim.faults.some((x) => x.name === f));
      return mine.length ? { ...d, transport: { ...d.transport, faults: [...(d.transport.faults ?? []), ...mine] } } : d;
    });
  }
  // --strict: rules the spec leaves open (spec-ambiguous) fail instead of passing with a warning.
  return opts.strict ? duts.map((d) => ({ ...d, strict: true })) : duts;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the conformance suites against a DUT (default: every built-in simulator) and write a report')
    .option('-p, --profile <file>', 'DUT profile (YAML or JSON); without it every built-in simulator is tested')
    .option('-s, --suite <prefix...>', 'select cases by id prefix (dsmr-p1, dsmr-p1/crc, dsmr-p1/crc/3)')
    .option('-g, --grep <text>', 'select cases whose id, requirement or reference contains text')
    .option('-r, --report <dir>', 'report directory', './meterproof-report')
    .option('-f, --format <list>', `report formats, comma-separated (${FORMATS.join(',')}); json is always written`, 'json,junit,allure,html')
    .option('--fault <name...>', 'switch on simulator fault switches (mutants) to see the suites catch them')
    .option('--strict', 'rules the spec leaves ambiguous fail instead of passing with a warning (as profile strict: true)')
    .option('--trace-all', 'keep the frame trace of passing cases too')
    .option('--shard <i/n>', 'run only shard i of n (spread a run over machines; merge the reports)')
    .option('-q, --quiet', 'no per-case progress')
    .action(async (o: { profile?: string; suite?: string[]; grep?: string; report: string; format: string; fault?: string[]; strict?: boolean; traceAll?: boolean; shard?: string; quiet?: boolean }) => {
      const formats = parseFormats(o.format);
      if (o.shard && !/^\d+\/\d+$/.test(o.shard)) throw new UsageError(`--shard: expected i/n, found "${o.shard}"`);
      const duts = await dutsFor(o);
      const { probeDuts, runConformance } = await import('../runner/run.ts');
      const { exitCodeOf } = await import('../../reports/report.ts');
      if (!duts.length) throw new UsageError('no DUT covers the selected suites');
      await probeDuts(duts);
      process.stdout.write(`meterproof run: ${duts.length} DUT(s): ${duts.map((d) => d.name).join(', ')}\n`);
      const { report, files } = await runConformance({
        duts,
        selection: { prefixes: o.suite ?? [], grep: o.grep },
        reportDir: o.report,
        formats,
        traceAll: o.traceAll,
        quiet: o.quiet,
        shard: o.shard,
      });
      const s = report.summary;
      process.stdout.write(
        `\n${s.total} cases: ${s.pass} pass, ${s.fail} fail, ${s.inconclusive} inconclusive, ${s.notApplicable} not applicable, ${s.waived} waived, ${s.notRun} not run, ${s.warnings} warnings (${report.run.durationMs} ms)\n`,
      );
      for (const e of report.run.errors) process.stdout.write(`error: ${e}\n`);
      process.stdout.write(`report: ${files.join(' ')}\n`);
      process.exitCode = exitCodeOf(report) === 0 ? EXIT.ok : EXIT.failures;
    });
}
