/**
 * The DSMR P2 wired gas-meter suite over a real serial line: the wired gas simulator on one end of a socat
 * pty pair at 2400 8E1 (DSMR-P2 Table 3), meterproof's serial transport on the other, on one virtual clock
 * (quietMs lets bytes cross the pty before time jumps). The profile is a plain `serial` one, as for a
 * physical gas meter on an M-Bus level converter: bench-driven cases are not applicable; the default key
 * (DSMR-P2 App. B example key, given by reference) lets the key-exchange cases run.
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

const LINE = { baud: 2400, dataBits: 8, parity: 'even', stopBits: 1 } as const;
let pty: PtyPair | undefined;
afterEach(() => pty?.stop());

describe('DSMR P2 wired gas-meter suite over a socat pty pair at 2400 8E1', () => {
  it('the clean wired simulator passes every applicable case over the real serial link', async () => {
    process.env['MP_P2_DEFAULT_KEY'] = '00112233445566778899AABBCCDDEEFF'; // DSMR-P2 App. B1.1 default key
    const def = findSim('gas-wired')!;
    const base = def.profiles.find((p) => p.name === 'p2-gas-wired')!;
    const options = { ...(base.transport.kind === 'sim' ? base.transport.options ?? {} : {}), keys: 'example' };
    const sections = (await loadSections()).filter((s) => s.family.name === 'dsmr-p2-gas');
    const results: CaseResult[] = [];
    for (const s of sections) {
      for (const c of s.cases) {
        pty = await startPtyPair();
        const clock = new VirtualClock({ quietMs: 10 }); // bytes in flight on the pty are awaited by the clock itself (Clock.inflight)
        const device = def.create({ clock, faults: new Set(), options });
        const simEnd = serialTransport(clock, { path: pty.a, ...LINE });
        await simEnd.open();
        device.attach(simEnd);
        const profile: DutProfile = { ...base, name: 'gas meter on pty', keys: { default: 'env:MP_P2_DEFAULT_KEY' }, transport: { kind: 'serial', path: pty.b, ...LINE } };
        results.push(await executeCase(s, c, makeDut(profile), { clock, realGuardMs: 30_000 }));
        await device.stop();
        await simEnd.close();
        pty.stop();
        pty = undefined;
      }
    }
    const applicable = results.filter((r) => r.verdict !== 'not-applicable');
    console.log(`p2 over pty: ${results.length} cases, ${applicable.length} applicable, ${results.filter((r) => r.verdict === 'pass').length} pass`);
    expect(applicable.length).toBeGreaterThanOrEqual(10);
    expect(applicable.filter((r) => r.verdict !== 'pass').map((r) => `${r.id} ${r.verdict}: ${r.reason}`)).toEqual([]);
  }, 240_000);
});
