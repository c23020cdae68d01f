/**
 * Robustness of the main job through the real command: a DUT that babbles garbage, stalls mid-telegram or
 * stays silent yields verdicts and exit 1, never a hang; Ctrl-C on a run against a physical (serial) DUT
 * still writes a complete partial report.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../cli/run-cli.ts';
import { startPtyPair, type PtyPair } from '../helpers/pty.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../reports/report-schema.json'), 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'mp-e2e-robust-'));
const readReport = (d: string) => JSON.parse(readFileSync(join(d, 'report.json'), 'utf8'));

describe('misbehaving DUTs (end to end)', () => {
  it.each([['p1.link.garbage'], ['p1.link.stall-mid-telegram'], ['p1.link.silent']])('a DUT with %s yields verdicts and exit 1, never a hang', async (fault) => {
    const out = join(dir, fault);
    const r = await runCli(['run', '--suite', 'dsmr-p1/frame/1', 'dsmr-p1/frame/3', 'dsmr-p1/crc/1', '--fault', fault, '--report', out, '--format', 'json', '--quiet'], { timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    const rep = readReport(out);
    expect(rep.summary.pass).toBeLessThan(rep.summary.total);
    expect(rep.summary.fail + rep.summary.inconclusive).toBeGreaterThan(0);
  }, 150_000);

});

describe('Ctrl-C on a run against a physical (serial) DUT', () => {
  let pty: PtyPair | undefined;
  let simPid: number | undefined;
  afterAll(() => { pty?.stop(); if (simPid) try { process.kill(simPid, 'SIGKILL'); } catch { /* gone */ } });

  it('writes a complete partial report with the cases not reached marked not-run', async () => {
    pty = await startPtyPair();
    const sim = spawn(process.execPath, [BIN, 'sim', 'p1', '--serial', pty.a], { stdio: 'ignore' });
    simPid = sim.pid;
    const out = join(dir, 'interrupted');
    const profile = join(dir, 'serial.yaml');
    writeFileSync(profile, `name: meter-on-pty\nprotocols: [dsmr-p1]\ntransport: { kind: serial, path: ${pty.b}, baud: 115200, dataBits: 7, parity: even, stopBits: 1 }\nfeatures: { p1.variant: "4.2.2", p1.version: "42", p1.phases: 3 }\n`);
    let sent = false;
    const r = await runCli(['run', '--profile', profile, '--suite', 'dsmr-p1', '--report', out, '--format', 'json'], {
      timeoutMs: 120_000,
      // Interrupt while the first case is still waiting for telegrams on the real clock.
      onStdout: (s, kill) => { if (!sent && /meterproof run: 1 DUT/.test(s)) { sent = true; setTimeout(() => kill('SIGINT'), 4000); } },
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(1);
    const rep = readReport(out);
    expect(rep.run.interrupted).toBe(true);
    expect(rep.summary.notRun).toBeGreaterThan(0);
    expect(validate(rep) ? [] : validate.errors).toEqual([]);
  }, 150_000);
});
