/**
 * `meterproof sim emeter --tcp <port>` through the generic sim command: the E-meter is the master, so it
 * must start polling as soon as a connection is attached. A wired gas simulator on the client end answers.
 */
import { describe, expect, it } from 'vitest';
import { realClock } from '../../../harness/clock/index.ts';
import { gasWiredSim } from '../../../harness/sim/gas/index.ts';
import { tcpClient } from '../../../harness/transport/index.ts';
import { runCli } from '../../cli/run-cli.ts';

describe('meterproof sim emeter --tcp', () => {
  it('polls a registered device on each accepted connection and exits 0 on SIGINT', async () => {
    let port = 0;
    let kill: ((s: NodeJS.Signals) => void) | null = null;
    let exit: Awaited<ReturnType<typeof runCli>> | null = null;
    const ready = new Promise<void>((resolve) => {
      void runCli(['sim', 'emeter', '--tcp', '0', '--option', 'register=3'], {
        timeoutMs: 30_000,
        onStdout: (s, k) => {
          const m = /serving on tcp 127\.0\.0\.1:(\d+)/.exec(s);
          if (m && !port) { port = Number(m[1]); kill = k; resolve(); }
        },
      }).then((r) => { exit = r; });
    });
    await ready;
    const clock = realClock();
    const client = tcpClient(clock, { host: '127.0.0.1', port });
    const gas = gasWiredSim.create({ clock, faults: new Set(), options: { address: 3 } });
    const seen: number[] = [];
    try {
      await client.open();
      client.on('data', (c: Uint8Array) => seen.push(...c));
      gas.attach(client);
      const reqUd2 = [0x10, 0x5b, 0x03, 0x5e, 0x16];
      const has = () => seen.some((_, i) => reqUd2.every((b, j) => seen[i + j] === b));
      for (let i = 0; i < 150 && !has(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(has()).toBe(true);
    } finally {
      await client.close();
      await gas.stop();
      kill!('SIGINT');
    }
    for (let i = 0; i < 250 && !exit; i++) await new Promise((r) => setTimeout(r, 20));
    expect(exit).toMatchObject({ code: 0 });
  }, 40_000);
});
