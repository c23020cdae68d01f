/**
 * The main job end to end through the real command: `meterproof run` against the built-in simulators
 * writes report.json (valid against its schema, hash verifiable), junit.xml and Allure results, exits 0;
 * a fault switch makes it exit 1; declared deviations are waived; --strict judges spec-ambiguous rules.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../reports/report-schema.json'), 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'mp-e2e-'));
const readReport = (d: string) => JSON.parse(readFileSync(join(d, 'report.json'), 'utf8'));

describe('meterproof run (end to end)', () => {
  it('run --suite dsmr-p1 passes against the simulators and writes every report', async () => {
    const out = join(dir, 'clean');
    const r = await runCli(['run', '--suite', 'dsmr-p1', '--report', out], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[\s*\d+\/\d+\] pass \d+ fail 0/);
    const rep = readReport(out);
    expect(validate(rep) ? [] : validate.errors).toEqual([]);
    expect(rep.summary.fail).toBe(0);
    expect(rep.summary.pass).toBeGreaterThan(20);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]*tests="\d+"/);
    expect(readdirSync(join(out, 'allure-results')).some((f) => f.endsWith('-result.json'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const v = await runCli(['verify', join(out, 'report.json')]);
    expect(v.code).toBe(0);
  }, 150_000);

  it('run --suite dsmr-p1 --fault p1.crc.init-ffff exits 1 and the report shows expected vs actual with the trace', async () => {
    const out = join(dir, 'fault');
    const r = await runCli(['run', '--suite', 'dsmr-p1/crc', '--fault', 'p1.crc.init-ffff', '--report', out, '--format', 'json'], { timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    const rep = readReport(out);
    const failed = rep.cases.filter((c: { verdict: string }) => c.verdict === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toHaveProperty('expected');
    expect(failed[0]).toHaveProperty('actual');
    expect(failed[0].trace.entries.length).toBeGreaterThan(0);
    expect(failed[0].trace.frames.some((f: { decoded?: unknown }) => f.decoded)).toBe(true);
  }, 150_000);

  it('a spec-ambiguous fault (lower-case CRC hex, digest A33) passes with a warning, and fails under --strict', async () => {
    const lax = await runCli(['run', '--suite', 'dsmr-p1/frame/7', '--fault', 'p1.crc.lowercase', '--report', join(dir, 'lax'), '--format', 'json', '--quiet'], { timeoutMs: 120_000 });
    expect(lax.code).toBe(0);
    expect(readReport(join(dir, 'lax')).summary.warnings).toBeGreaterThan(0);
    const strict = await runCli(['run', '--suite', 'dsmr-p1/frame/7', '--fault', 'p1.crc.lowercase', '--strict', '--report', join(dir, 'strict'), '--format', 'json', '--quiet'], { timeoutMs: 120_000 });
    expect(strict.code).toBe(1);
  }, 150_000);

  it('a declared deviation is reported as waived and the run exits 0', async () => {
    const out = join(dir, 'waived');
    const profile = join(dir, 'waived.yaml');
    writeFileSync(profile, [
      'name: p1-with-lowercase-crc',
      'protocols: [dsmr-p1]',
      'transport: { kind: sim, simulator: p1, faults: [p1.crc.init-ffff], options: { variant: "4.2.2", phases: 3 } }',
      'features: { p1.variant: "4.2.2", p1.version: "42", p1.phases: 3, p1.request-line: true }',
      'deviations:',
      ...['dsmr-p1/crc/1', 'dsmr-p1/crc/2', 'dsmr-p1/crc/3', 'dsmr-p1/crc/4', 'dsmr-p1/crc/5', 'dsmr-p1/crc/6'].map((id) => `  - { case: ${id}, justification: "vendor CRC init defect, fixed in firmware 2.1 (lab ticket 7)" }`),
    ].join('\n'));
    const r = await runCli(['run', '--profile', profile, '--suite', 'dsmr-p1/crc', '--report', out, '--format', 'json'], { timeoutMs: 120_000 });
    const rep = readReport(out);
    expect(rep.summary.waived).toBeGreaterThan(0);
    expect(rep.summary.fail).toBe(0);
    expect(rep.cases.find((c: { verdict: string }) => c.verdict === 'waived').waiver).toMatch(/lab ticket 7/);
    expect(r.code).toBe(0);
  }, 150_000);
});

