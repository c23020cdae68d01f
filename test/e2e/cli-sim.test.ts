/** `meterproof sim p1 --tcp 0`: serves the simulator to other tools on the real clock. */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { p1Parse } from '../../harness/codec/p1/index.ts';
import { BIN } from '../cli/run-cli.ts';

describe('meterproof sim p1 --tcp', () => {
  it('prints its port, serves a telegram with a valid CRC to a plain socket, and stops on SIGTERM with exit 0', async () => {
    const p = spawn(process.execPath, [BIN, 'sim', 'p1', '--tcp', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const t = setTimeout(() => reject(new Error(`no port announced: ${out}`)), 15_000);
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /serving on tcp 127\.0\.0\.1:(\d+)/.exec(out);
          if (m) { clearTimeout(t); resolve(Number(m[1])); }
        });
      });
      const text = await new Promise<string>((resolve, reject) => {
        const s = connect(port, '127.0.0.1');
        let got = '';
        const t = setTimeout(() => { s.destroy(); reject(new Error(`no complete telegram within 25 s: ${got.length} bytes`)); }, 25_000);
        s.on('data', (d: Buffer) => {
          got += d.toString('latin1');
          const m = /\/[^]*?![0-9A-F]{4}\r\n/.exec(got);
          if (m) { clearTimeout(t); s.destroy(); resolve(m[0]); }
        });
        s.on('error', reject);
      });
      const t = p1Parse(text, { mode: 'lenient' });
      expect(t.crc.valid).toBe(true);
      expect(t.objects.length).toBeGreaterThan(10);
      const exit = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
      p.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (p.exitCode === null) p.kill('SIGKILL');
    }
  }, 60_000);
});

describe('meterproof sim gas --wireless --stdio', () => {
  it('writes its radio frames as hex lines on stdout (first: an installation SND_IR with valid CRC blocks) and ends with its input', async () => {
    const { decoder } = await import('../../harness/codec/wmbus/decoder.ts');
    const { hexToBytes } = await import('../../harness/codec/bytes.ts');
    const p = spawn(process.execPath, [BIN, 'sim', 'gas', '--wireless', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        const t = setTimeout(() => reject(new Error(`no frame within 15 s: ${out}`)), 15_000);
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const nl = out.indexOf('\n');
          if (nl >= 0) { clearTimeout(t); resolve(out.slice(0, nl).trim()); }
        });
      });
      expect(line).toMatch(/^([0-9A-F]{2})+$/);
      const doc = decoder.decode(hexToBytes(line), {}) as unknown as { link: { format: string; c: unknown; crcValid: boolean } };
      expect(doc.link.format).toBe('A');
      expect(doc.link.crcValid).toBe(true);
      // C = 46h SND_IR (DSMR-P2 Table 6): a new meter announces itself for installation (§8.4.2).
      expect(hexToBytes(line)[1]).toBe(0x46);
      const exit = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
      p.stdin.end();
      expect(await exit).toBe(0);
    } finally {
      if (p.exitCode === null) p.kill('SIGKILL');
    }
  }, 30_000);
});
