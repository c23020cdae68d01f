/** `meterproof list` and `meterproof faults`: what the suites check and what the simulators can break. */
import type { Command } from 'commander';
import { selects } from '../runner/selection.ts';
import { UsageError } from './errors.ts';

function table(rows: string[][], out: NodeJS.WritableStream = process.stdout): void {
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => r[i]!.length))));
  for (const r of rows) out.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n');
}

function checkFormat(f: string): 'table' | 'json' {
  if (f !== 'table' && f !== 'json') throw new UsageError(`--format: expected table or json, found "${f}"`);
  return f;
}

export function registerList(program: Command): void {
  program
    .command('list [prefix]')
    .description('list conformance cases: id, reference, requirement, when it applies')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (prefix: string | undefined, o: { format: string }) => {
      const format = checkFormat(o.format);
      const { loadSections } = await import('../runner/suites.ts');
      const sections = await loadSections();
      const cases = sections.flatMap((s) =>
        s.cases.filter((c) => selects({ prefixes: prefix ? [prefix] : [] }, c)).map((c) => ({
          id: c.id, section: s.id, title: s.title, ref: c.ref, requirement: c.requirement, appliesWhen: c.appliesWhen ?? 'always', mutants: c.mutants,
        })),
      );
      if (format === 'json') { process.stdout.write(JSON.stringify(cases, null, 2) + '\n'); return; }
      if (!cases.length) { process.stdout.write('no cases match\n'); return; }
      table([['id', 'ref', 'applies when', 'requirement'], ...cases.map((c) => [c.id, c.ref, c.appliesWhen, c.requirement])]);
      process.stdout.write(`${cases.length} cases\n`);
    });

  program
    .command('faults [simulator]')
    .description('list simulator fault switches (mutants): the rule each breaks and the cases that catch it')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (simName: string | undefined, o: { format: string }) => {
      const format = checkFormat(o.format);
      const { SIMULATORS } = await import('../sim/registry.ts');
      const { loadSections } = await import('../runner/suites.ts');
      const sims = SIMULATORS.filter((s) => !simName || s.name === simName);
      if (!sims.length) throw new UsageError(`no simulator named "${simName}" (have: ${SIMULATORS.map((s) => s.name).join(', ')})`);
      const sections = await loadSections();
      const catchers = new Map<string, string[]>();
      for (const s of sections) for (const c of s.cases) for (const m of c.mutants) catchers.set(m, [...(catchers.get(m) ?? []), c.id]);
      const rows = sims.flatMap((s) => s.faults.map((f) => ({ simulator: s.name, fault: f.name, rule: f.rule, caughtBy: catchers.get(f.name) ?? [] })));
      if (format === 'json') { process.stdout.write(JSON.stringify(rows, null, 2) + '\n'); return; }
      table([['fault', 'caught by', 'rule it breaks'], ...rows.map((r) => [r.fault, r.caughtBy.join(',') || '(harness robustness)', r.rule])]);
      process.stdout.write(`${rows.length} fault switches\n`);
    });
}
