/** The CLI's contract: help, usage errors as one line with exit 2, unreachable DUTs with exit 3. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'mp-cli-'));

function profile(name: string, body: string): string {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('meterproof CLI basics', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'list', 'faults', 'sim', 'decode', 'verify']) expect(r.stdout).toContain(c);
  });

  it('an unknown option is a usage error: exit 2', async () => {
    const r = await runCli(['run', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it('a malformed profile: exit 2, one line naming the field, expected and found', async () => {
    const f = profile('bad.yaml', 'name: x\nprotocols: [dsmr-p1]\ntransport: { kind: serial, path: /dev/ttyUSB0, baud: 115201 }\n');
    const r = await runCli(['run', '--profile', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml: transport\.baud: expected one of .*115200, found 115201/);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a non-existent serial device: exit 3, one line', async () => {
    const f = profile('serial.yaml', 'name: ghost\nprotocols: [dsmr-p1]\ntransport: { kind: serial, path: /dev/does-not-exist-mp }\n');
    const r = await runCli(['run', '--profile', f]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/DUT "ghost" unreachable: serial \/dev\/does-not-exist-mp/);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it('an unreachable TCP port: exit 3, one line', async () => {
    const port = await freePort();
    const f = profile('tcp.yaml', `name: far\nprotocols: [dsmr-p1]\ntransport: { kind: tcp, host: 127.0.0.1, port: ${port} }\n`);
    const r = await runCli(['run', '--profile', f]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ECONNREFUSED/);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it('an unknown fault switch: exit 2', async () => {
    const r = await runCli(['run', '--fault', 'no.such.fault']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no simulator has a fault switch named "no\.such\.fault"/);
  });

  it('verify detects a tampered report', async () => {
    const f = join(dir, 'r.json');
    writeFileSync(f, JSON.stringify({ schema: 'meterproof-report/1', cases: [], sha256: '0'.repeat(64) }));
    const r = await runCli(['verify', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH/);
  });

  it('decode with an unknown layer: exit 2', async () => {
    const r = await runCli(['decode', 'zigbee', '00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown layer "zigbee"/);
  });
});
