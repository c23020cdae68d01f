/** A run spread over shards (`run --shard i/n`) and merged (`meterproof merge`) equals the whole run. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'mp-shard-'));
const read = (d: string) => JSON.parse(readFileSync(join(d, 'report.json'), 'utf8'));

describe('sharded runs', () => {
  it('two shards of the P1 suite merge into one verifiable report with every case once', async () => {
    for (const i of [1, 2]) {
      const r = await runCli(['run', '--suite', 'dsmr-p1', '--shard', `${i}/2`, '--report', join(dir, `s${i}`), '--format', 'json', '--quiet'], { timeoutMs: 120_000 });
      expect(r.code).toBe(0);
    }
    const parts = [read(join(dir, 's1')), read(join(dir, 's2'))];
    expect(parts.every((p) => p.summary.total > 0)).toBe(true);
    const m = await runCli(['merge', join(dir, 's1', 'report.json'), join(dir, 's2', 'report.json'), '--report', join(dir, 'merged')]);
    expect(m.code).toBe(0);
    const merged = read(join(dir, 'merged'));
    // 55 dsmr-p1 cases (`meterproof list dsmr-p1`) on each of the 2 built-in P1 DUTs.
    const list = JSON.parse((await runCli(['list', 'dsmr-p1', '--format', 'json'])).stdout) as unknown[];
    expect(merged.summary.total).toBe(list.length * 2);
    expect(new Set(merged.cases.map((c: { dut: string; id: string }) => `${c.dut} ${c.id}`)).size).toBe(merged.summary.total);
    expect((await runCli(['verify', join(dir, 'merged', 'report.json')])).code).toBe(0);
  }, 150_000);

  it('a tampered shard report is refused: exit 2, naming the file', async () => {
    const bad = read(join(dir, 's1'));
    bad.cases[0].verdict = 'fail';
    const f = join(dir, 'tampered.json');
    writeFileSync(f, JSON.stringify(bad));
    const m = await runCli(['merge', f, join(dir, 's2', 'report.json'), '--report', join(dir, 'm2')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('tampered.json: its sha256 does not match its content');
  }, 60_000);
});
