/** DSMR-P2 §4.3.4/§4.4.4, §4.4 — the wireless E-meter's commands inside a Frequent Access Cycle. */
import { kase, section } from '../../../harness/runner/dsl.ts';
import { p2EmeterWirelessFamily, type P2EmeterWirelessContext } from '../../../harness/roles/p2-emeter-wireless-family.ts';
import { gasRecords } from '../../../harness/roles/wmbus-slave.ts';
import { answersTo, appliesWhen, bench, bindMeter, CH, hex, should, wirelessP3, type T } from './lib.ts';

const K = kase<P2EmeterWirelessContext>;
const HOUR = 3_600_000;
/** GAS as a long header (ID LSB first, MAN 'NET' = 38B4h LSB first, VER, DEV): DSMR-P2 §4.2.1, §4.2.2, App. B. */
const GAS_SHORT_ID = '78563412B4384203';

/** Bind, ask for a clock synchronisation over P3 and send the next SND_NR; returns the meter and what came back. */
async function clockSyncAfterSnr(t: T) {
  const m = await bindMeter(t);
  bench(t).synchronizeClock(CH);
  await t.clock.sleep((2 * 60_000 - (t.clock.now() % HOUR) + HOUR) % HOUR);
  const t0 = t.clock.now();
  await m.sndNr(gasRecords(1000, new Date(Math.floor(t0 / HOUR) * HOUR)));
  await t.clock.sleep(100);
  const sync = t.radio.since(t0).find((r) => r.c === 0x53 || r.c === 0x73);
  if (!sync?.inspect.frame) t.inconclusive('no SND_UD after the SND_NR following a P3 clock synchronisation');
  return { m, sync, frame: sync.inspect.frame, t0 };
}

section({
  id: 'dsmr-p2/4.3.4-wl',
  title: 'Clock synchronisation (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.4-wl/1',
      ref: 'DSMR-P2 §4.3.4, §4.4.4, Table 6',
      requirement: 'The wireless E-meter synchronises a device\'s clock with a SND_UD under CI 6Ch whose long header names the device (ID, MAN, VER, DEV).',
      mutants: ['p2.clk.short-header'],
      applies: wirelessP3,
      appliesWhen,
      budgetMs: 2 * HOUR,
      async run(t: T) {
        const { m, frame } = await clockSyncAfterSnr(t);
        t.expectEqual('CI of the clock synchronisation', hex(frame.payload.subarray(0, 1)), '6C');
        t.expectEqual('target in the clock synchronisation header', hex(frame.payload.subarray(1, 9)), GAS_SHORT_ID);
        await m.ack(frame.payload[9]!);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4',
  title: 'Frequent Access Cycle (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4/3',
      ref: 'DSMR-P2 §4.4 (EN 13757-4 FAC, N up to 5 s)',
      requirement: 'The E-meter waits at least 5 s for the device\'s next FAC transmission before it repeats an unacknowledged command (recommendation).',
      mutants: ['p2.master.retry-too-early'],
      applies: wirelessP3,
      appliesWhen,
      budgetMs: 2 * HOUR,
      async run(t: T) {
        const { m, sync } = await clockSyncAfterSnr(t);
        const acc = sync.inspect.frame!.payload.length > 9 ? sync.inspect.frame!.payload[9]! : sync.raw[13]!;
        // The device answers with the largest spacing short of 5 s (digest §2.6: N ∈ 2…5 s).
        await t.clock.sleep(4_500 - (t.clock.now() - sync.t));
        const early = t.radio.since(sync.t + 1).length;
        await answersTo(t, () => m.ack(acc), 10_000);
        const repeats = t.radio.since(sync.t + 1).filter((r) => r.c === 0x53 || r.c === 0x73).length;
        should(t, early === 0 && repeats === 0, 'E-meter frames before the ACK that came after 4.5 s, and repeats after it', 0, { early, repeats });
      },
    }),
  ],
});
