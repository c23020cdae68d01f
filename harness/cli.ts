/**
 * The `meterproof` command. Exit codes: 0 all applicable cases pass, 1 failures (or inconclusive / not
 * run), 2 usage or profile error, 3 DUT unreachable. Errors are one line on stderr, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerDecode } from './cli/decode-cmd.ts';
import { EXIT, UsageError, die } from './cli/errors.ts';
import { registerList } from './cli/list-cmd.ts';
import { registerRun } from './cli/run-cmd.ts';
import { registerSim } from './cli/sim-cmd.ts';
import type { Report } from '../reports/report.ts';
import { DutUnreachable, VERSION } from './cli/errors.ts';

// A closed pipe (`meterproof run | head`) must not crash the run: it goes on and still writes its report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

const program = new Command();
program
  .name('meterproof')
  .description('conformance test suite and protocol fuzzer for smart meters (DSMR P1/P2/P3, IDIS, KSMW)')
  .version(VERSION)
  .showSuggestionAfterError()
  .exitOverride();

registerRun(program);
registerList(program);
registerSim(program);
registerDecode(program);

program
  .command('verify <report>')
  .description('check the SHA-256 of a report.json against its content')
  .action(async (file: string) => {
    const { verifyReport } = await import('../reports/report.ts');
    let doc: Report;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as Report;
    } catch (e) {
      throw new UsageError(`${file}: cannot read a JSON report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]})`);
    }
    const v = verifyReport(doc);
    process.stdout.write(v.ok ? `${file}: sha256 ${v.stated} matches its content\n` : `${file}: sha256 MISMATCH: stated ${v.stated}, content hashes to ${v.expected}\n`);
    process.exitCode = v.ok ? EXIT.ok : EXIT.failures;
  });

program
  .command('merge <reports...>')
  .description('merge the report.json files of a sharded run (run --shard i/n) into one report')
  .option('-r, --report <dir>', 'directory for the merged report.json and report.html', './meterproof-report')
  .action(async (files: string[], o: { report: string }) => {
    const { mergeReports, exitCodeOf } = await import('../reports/report.ts');
    const { writeHtmlReport } = await import('../reports/html.ts');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const inputs = files.map((f) => {
      try {
        return JSON.parse(readFileSync(f, 'utf8')) as Report;
      } catch (e) {
        throw new UsageError(`${f}: cannot read a JSON report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]})`);
      }
    });
    let merged: Report;
    try {
      merged = mergeReports(inputs);
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/^report (\d+)/, (_m, i: string) => files[Number(i) - 1]!));
    }
    mkdirSync(o.report, { recursive: true });
    writeFileSync(join(o.report, 'report.json'), JSON.stringify(merged, null, 2) + '\n');
    writeHtmlReport(merged, o.report);
    const s = merged.summary;
    process.stdout.write(`merged ${files.length} reports: ${s.total} cases: ${s.pass} pass, ${s.fail} fail, ${s.inconclusive} inconclusive, ${s.notApplicable} not applicable, ${s.waived} waived, ${s.notRun} not run\nreport: ${join(o.report, 'report.json')}\n`);
    process.exitCode = exitCodeOf(merged) === 0 ? EXIT.ok : EXIT.failures;
  });

program
  .command('check-profile <file>')
  .description('validate a DUT profile against the profile schema')
  .action(async (file: string) => {
    const { loadProfile } = await import('./runner/profile.ts');
    const p = loadProfile(file);
    process.stdout.write(`${file}: valid profile "${p.name}" (${p.protocols.join(', ')}, transport ${p.transport.kind})\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(EXIT.ok);
    process.exit(EXIT.usage); // commander already printed its one-line message
  }
  // Matched by name: the modules that define these load lazily, only for the commands that need them.
  const name = e instanceof Error ? e.name : '';
  if (e instanceof UsageError || name === 'ProfileError' || name === 'SecretError') die(EXIT.usage, (e as Error).message);
  if (e instanceof DutUnreachable) die(EXIT.unreachable, e.message);
  if (name === 'TransportError') die((e as { code?: string }).code === 'unreachable' ? EXIT.unreachable : EXIT.usage, (e as Error).message);
  die(EXIT.failures, `internal error: ${e instanceof Error ? e.message : String(e)}`);
}
