/** `meterproof decode p1` on the release-note examples, and `--lines` over a capture. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const FIX = join(import.meta.dirname, '../sim/p1/fixtures');
const reconstructed = join(FIX, 'dsmr-4.0.4-p1-example.reconstructed.txt');
const asPrinted = join(FIX, 'dsmr-4.0.4-rn-example.as-printed.txt');

describe('meterproof decode p1', () => {
  it('the reconstructed DSMR-RN-4.0.4 example: every object and a valid CRC (141B)', async () => {
    const r = await runCli(['decode', 'p1', reconstructed]);
    const doc = JSON.parse(r.stdout);
    expect(doc.crc).toEqual({ expected: '141B', actual: '141B', valid: true });
    // 36 data lines in the example (digest §1.6 and the file itself): count them independently.
    const dataLines = readFileSync(reconstructed, 'latin1').split('\r\n').filter((l) => /^\d+-\d+:/.test(l)).length;
    expect(doc.objects).toHaveLength(dataLines);
    expect(doc.objects.find((o: { obis: string }) => o.obis === '1-0:1.8.1').values[0]).toEqual({ raw: '123456.789*kWh', value: 123456.789, unit: 'kWh' });
    expect(doc.objects.find((o: { obis: string }) => o.obis === '0-0:1.0.0').values[0].value).toBe('2010-12-09T11:30:20+01:00');
    // The CRC-consistent original still has the malformed 1-0:72:32.0 line (digest E6): an error, exit 1.
    expect(doc.errors.map((e: { code: string }) => e.code)).toContain('obis-malformed');
    expect(r.code).toBe(1);
  });

  it('the example as printed: every object, computed vs stated CRC, and each deviation with line and column', async () => {
    const r = await runCli(['decode', 'p1', asPrinted]);
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(doc.crc).toEqual({ expected: '61EA', actual: '141B', valid: false });
    expect(doc.objects.length).toBeGreaterThanOrEqual(36);
    const codes = doc.errors.map((e: { code: string; line: number; column: number }) => `${e.code}@${e.line}`);
    for (const c of ['crc-mismatch', 'obis-malformed', 'line-wrapped', 'obis-f-group', 'stray-blank-line']) expect(codes.join(' ')).toContain(c);
    for (const e of doc.errors) { expect(e.line).toBeGreaterThan(0); expect(e.column).toBeGreaterThan(0); }
  });

  it('--lines: a capture of several telegrams gives one JSON document per line', async () => {
    const t1 = readFileSync(reconstructed, 'latin1');
    const t2 = readFileSync(join(FIX, 'dsmr-4.2.2-p1-example.reconstructed.txt'), 'latin1');
    const stream = `${t1}\r\n${t2}\r\n`;
    const r = await runCli(['decode', 'p1', '--lines'], { input: stream });
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.crc.actual)).toEqual(['141B', 'CE7C']);
    expect(docs.every((d) => d.crc.valid)).toBe(true);
  });

  it('from stdin with -', async () => {
    const r = await runCli(['decode', 'p1', '-'], { input: readFileSync(reconstructed, 'latin1') });
    expect(JSON.parse(r.stdout).crc.valid).toBe(true);
  });

  it('a missing file is a usage error, one line, exit 2', async () => {
    const r = await runCli(['decode', 'p1', '/no/such/telegram.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('binary layers take hex: decode mbus of an SND_NKE short frame', async () => {
    // 10 40 FE 3E 16: C = 40h SND_NKE, A = FEh, CS = (40h + FEh) mod 256 = 3Eh (EN 13757-2 short frame).
    const r = await runCli(['decode', 'mbus', '1040FE3E16']);
    const doc = JSON.parse(r.stdout);
    expect(doc.link).toMatchObject({ format: 'short', cName: 'SND_NKE', address: 254, checksumValid: true });
    expect(r.code).toBe(0);
  });
});
