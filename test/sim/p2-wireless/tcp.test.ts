/**
 * The hex-line stream mode over real TCP on loopback: recorded frames fed to the E-meter role the way a
 * receiver prints them; whole conformance cases run against the wireless simulator served on TCP (hex
 * lines, a virtual clock that waits for the sockets to go quiet); and `meterproof sim gas-wireless --tcp`.
 */
import { describe, expect, it } from 'vitest';
import { realClock, VirtualClock } from '../../../harness/clock/index.ts';
import { wmbusOther } from '../../../harness/roles/wmbus-other.ts';
import { makeDut } from '../../../harness/runner/dut.ts';
import { executeCase } from '../../../harness/runner/execute.ts';
import type { DutProfile } from '../../../harness/runner/profile.ts';
import { gasWirelessSim } from '../../../harness/sim/gas/wireless/index.ts';
import { tcpClient, tcpServe, type Transport } from '../../../harness/transport/index.ts';
import { runCli } from '../../cli/run-cli.ts';
import { DIGEST, UK, show } from './golden.ts';
import { wlSections } from './helpers.ts';

const tcpProfile = (port: number): DutProfile => ({
  name: 'wireless-gas-over-tcp',
  protocols: ['dsmr-p2-gas'],
  transport: { kind: 'tcp', host: '127.0.0.1', port },
  features: { 'p2.wired': false, 'p2.wireless': true, 'p2.manufacturer': 'NET', 'p2.version': '4.2', 'p2.factory-state': true, 'p2.user-key': false },
});

describe('hex-line stream mode over TCP', () => {
  it('feeds recorded frames (hex lines, as a receiver prints them) to the E-meter role', async () => {
    const clock = realClock();
    const text = `# recorded frames\r\n${show(DIGEST.sndIr)}\r\n${show(DIGEST.sndNr).toLowerCase()}\nreceiver says hello\n${show(DIGEST.ack).replace(/ /g, '')}\n`;
    const bytes = new TextEncoder().encode(text);
    const server = await tcpServe(clock, 0, (t: Transport) => {
      void (async () => {
        for (let i = 0; i < bytes.length; i += 7) await t.write(bytes.subarray(i, i + 7));
      })();
    });
    const client = tcpClient(clock, { host: '127.0.0.1', port: server.port });
    await client.open();
    try {
      const r = wmbusOther(client, clock, { framing: 'hex-line', keys: { user: UK } });
      const got = [await r.next(3000), await r.next(3000), await r.next(3000)];
      expect(got.map((f) => f && [f.c, f.ci, f.linkOk])).toEqual([[0x46, 0x7a, true], [0x44, 0x7a, true], [0x00, 0x8a, true]]);
      const nr = got[1]!;
      expect([nr.mode, nr.readable, nr.frameCounter]).toEqual([15, true, 1]);
      expect(nr.app!.records.some((x) => x.kind === 'data' && x.value === 'XXXXX110123456789')).toBe(true);
      expect(r.identity).toEqual({ manufacturer: 'NET', id: '23456789', version: 0x42, medium: 0x03 });
      expect(r.junk).toEqual(['receiver says hello']);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('runs conformance cases against the simulator served on TCP in hex lines (and catches a fault there)', async () => {
    const sections = await wlSections();
    const pick = (id: string) => {
      const s = sections.find((x) => x.cases.some((c) => c.id === id))!;
      return { s, c: s.cases.find((c) => c.id === id)! };
    };
    const run = async (id: string, faults: string[]) => {
      const clock = new VirtualClock({ quietMs: 50 });
      const dev = gasWirelessSim.create({ clock, faults: new Set(faults), options: { keys: 'example' } });
      const server = await tcpServe(clock, 0, (t) => dev.attach(t));
      try {
        const { s, c } = pick(id);
        return await executeCase(s, c, makeDut(tcpProfile(server.port)), { clock, realGuardMs: 20_000 });
      } finally {
        await server.close();
        await dev.stop();
      }
    };
    const clean = await run('dsmr-p2/3.2.4/1', []);
    expect([clean.verdict, clean.reason]).toEqual(['pass', undefined]);
    const fac = await run('dsmr-p2/4.4.3/2', []);
    expect([fac.verdict, fac.reason]).toEqual(['pass', undefined]);
    const faulty = await run('dsmr-p2/3.2.4/1', ['p2.wl.lla-varies']);
    expect(faulty.verdict).toBe('fail');
    expect(faulty.trace?.frames.some((f) => f.layer === 'wmbus' && f.dir === 'rx')).toBe(true);
  }, 30_000);

  it('meterproof sim gas-wireless --tcp serves hex lines to each connection and exits 0 on SIGINT', async () => {
    let port = 0;
    let kill: ((s: NodeJS.Signals) => void) | null = null;
    let exit: Awaited<ReturnType<typeof runCli>> | null = null;
    await new Promise<void>((resolve) => {
      void runCli(['sim', 'gas-wireless', '--tcp', '0', '--option', 'firstInstallDelayMs=200'], {
        timeoutMs: 30_000,
        onStdout: (s, k) => {
          const m = /serving on tcp 127\.0\.0\.1:(\d+)/.exec(s);
          if (m && !port) { port = Number(m[1]); kill = k; resolve(); }
        },
      }).then((r) => { exit = r; });
    });
    const clock = realClock();
    const client = tcpClient(clock, { host: '127.0.0.1', port });
    try {
      await client.open();
      const r = wmbusOther(client, clock, { framing: 'hex-line' });
      const f = await r.next(10_000);
      expect(f && [f.c, f.ci, f.linkOk, f.lla?.id, f.lla?.manufacturer]).toEqual([0x46, 0x7a, true, '23456789', 'NET']);
    } finally {
      await client.close();
      kill!('SIGINT');
    }
    for (let i = 0; i < 250 && !exit; i++) await new Promise((res) => setTimeout(res, 20));
    expect(exit).toMatchObject({ code: 0 });
  }, 40_000);
});
