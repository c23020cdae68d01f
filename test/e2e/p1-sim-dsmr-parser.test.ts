/**
 * A real peer reads meterproof's P1 simulator: every telegram the simulator emits — both built-in meters,
 * under load changes, export, text messages, power failures, sags and swells — passes dsmr-parser's strict
 * CRC check, and its values equal meterproof's decode for every object both know.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../harness/clock/index.ts';
import { p1Parse } from '../../harness/codec/p1/index.ts';
import { p1Reader } from '../../harness/roles/p1-reader.ts';
import type { P1Bench } from '../../harness/sim/p1/index.ts';
import { findSim } from '../../harness/sim/registry.ts';
import { memoryPair } from '../../harness/transport/memory.ts';
import { compare, dsmr } from '../helpers/dsmr-parser-compare.ts';

describe('dsmr-parser reads the P1 simulator', () => {
  const def = findSim('p1')!;
  it.each(def.profiles.map((p) => [p.name, p] as const))('%s: every emitted telegram passes its CRC check and values agree', async (_name, profile) => {
    const clock = new VirtualClock();
    const options = profile.transport.kind === 'sim' ? profile.transport.options ?? {} : {};
    const dev = def.create({ clock, faults: new Set(), options });
    const [mine, theirs] = memoryPair(clock);
    await mine.open(); await theirs.open();
    dev.attach(theirs);
    const bench = dev.control as P1Bench;
    const reader = p1Reader(mine, clock);
    await reader.setRequest(true);
    const stimuli: (() => void | Promise<void>)[] = [
      () => {},
      () => bench.setLoad({ l1: 1234, l2: 20, l3: 3000 }),
      () => bench.setLoad({ l1: -2500, l2: -10, l3: 0 }),
      () => bench.setText('meterproof interop test 0123456789:;<=>?'),
      () => bench.setMessageCode('01 61 81'),
      () => bench.sag(1),
      () => bench.swell(bench.phases === 3 ? 3 : 1),
      () => bench.powerCut(300),
      () => bench.powerCut(5),
      () => bench.travel(new Date('2026-07-01T12:00:00+02:00')),
    ];
    let compared = 0, telegrams = 0;
    for (const stim of stimuli) {
      await stim();
      reader.skipQueued();
      for (const got of await reader.capture(2, { timeoutMs: 60_000 })) {
        const ours = p1Parse(got.text, { mode: 'lenient' });
        expect(ours.crc.valid).toBe(true);
        const theirs = dsmr.parse(got.text);
        expect(theirs.crc.toUpperCase()).toBe(ours.crc.computed);
        compared += compare(ours, theirs.objects);
        telegrams++;
      }
    }
    reader.close();
    await dev.stop();
    console.log(`${profile.name}: ${telegrams} telegrams, ${compared} values compared with dsmr-parser`);
    expect(telegrams).toBe(stimuli.length * 2);
    expect(compared).toBeGreaterThan(telegrams * 10);
  }, 60_000);
});
