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
