/**
 * The P1 suite over a real serial link: the P1 simulator on one end of a socat pty pair, meterproof's
 * serial transport on the other, both on one virtual clock (quietMs lets bytes cross the pty before time
 * jumps). The DUT profile is a plain `serial` one, as for a physical meter, so bench-driven cases are
 * not applicable — exactly what a lab sees with a real meter on a USB P1 cable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../harness/clock/index.ts';
import { makeDut } from '../../harness/runner/dut.ts';
import { executeCase } from '../../harness/runner/execute.ts';
import type { DutProfile } from '../../harness/runner/profile.ts';
import { loadSections } from '../../harness/runner/suites.ts';
import type { CaseResult } from '../../harness/runner/types.ts';
import { findSim } from '../../harness/sim/registry.ts';
import { serialTransport } from '../../harness/transport/serial.ts';
import { type PtyPair, startPtyPair } from '../helpers/pty.ts';

const LINE = { baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 } as const;
let pty: PtyPair | undefined;
afterEach(() => pty?.stop());

async function runOverPty(faults: string[], prefix = 'dsmr-p1/'): Promise<CaseResult[]> {
  const def = findSim('p1')!;
  const base = def.profiles.find((p) => p.name === 'p1-dsmr422') ?? def.profiles[0]!;
  const options = base.transport.kind === 'sim' ? base.transport.options ?? {} : {};
  const sections = (await loadSections()).filter((s) => s.family.name === 'dsmr-p1');
  const results: CaseResult[] = [];
  for (const s of sections) {
    for (const c of s.cases.filter((x) => x.id.startsWith(prefix))) {
      pty = await startPtyPair();
      const clock = new VirtualClock({ quietMs: 10 }); // bytes in flight on the pty are awaited by the clock itself (Clock.inflight)
      const device = def.create({ clock, faults: new Set(faults), options });
      const simEnd = serialTransport(clock, { path: pty.a, ...LINE });
      await simEnd.open();
      device.attach(simEnd);
      // A pty carries no modem-control lines, so this DUT cannot declare a controllable request line.
      const { ['p1.request-line']: _noLine, ...features } = base.features ?? {};
      const profile: DutProfile = { ...base, features, name: 'p1 over pty', transport: { kind: 'serial', path: pty.b, ...LINE } };
      results.push(await executeCase(s, c, makeDut(profile), { clock, realGuardMs: 30_000 }));
      await device.stop();
      await simEnd.close();
      pty.stop();
      pty = undefined;
    }
  }
  return results;
}

describe('DSMR P1 suite over a socat pty pair', () => {
  it('the clean simulator passes every applicable case over the real serial link', async () => {
    const rs = await runOverPty([]);
    const applicable = rs.filter((r) => r.verdict !== 'not-applicable');
    console.log(`p1 over pty: ${rs.length} cases, ${applicable.length} applicable, ${rs.filter((r) => r.verdict === 'pass').length} pass`);
    expect(applicable.length).toBeGreaterThanOrEqual(10);
    expect(applicable.filter((r) => r.verdict !== 'pass').map((r) => `${r.id} ${r.verdict}: ${r.reason}`)).toEqual([]);
  }, 180_000);

  it('a CRC fault on the wire is caught over the real serial link', async () => {
    const rs = await runOverPty(['p1.crc.init-ffff'], 'dsmr-p1/crc/');
    expect(rs.some((r) => r.verdict === 'fail')).toBe(true);
  }, 60_000);
});
