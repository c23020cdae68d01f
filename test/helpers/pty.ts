/** A real serial link for tests: a socat pty pair, started and stopped by pid. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  a: string;
  b: string;
  stop(): void;
}

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-pty-'));
  const a = join(dir, 'a'), b = join(dir, 'b');
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  for (let i = 0; i < 150 && !(existsSync(a) && existsSync(b)) && !exited; i++) await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(a) || !existsSync(b)) {
    proc.kill();
    throw new Error('socat did not create the pty pair (is socat installed? .ci/run installs it)');
  }
  return { a, b, stop: () => { if (proc.pid && !exited) process.kill(proc.pid, 'SIGTERM'); } };
}
