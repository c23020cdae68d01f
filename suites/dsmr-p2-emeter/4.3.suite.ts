/** DSMR-P2 §4.3 — wired messages as the E-meter sends them: polling, control, clock synchronisation, unencrypted. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { isSndUd } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bench, bindMeter, dataOf, hex, isReq, keyMeter, polledAddress, should, sndUds, wiredP3, wiredPolled, type T, setKeyTelegram } from './lib/ctx.ts';
import { APP_B, CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';
const HOUR = 3_600_000;

section({
  id: 'dsmr-p2/4.3',
  title: 'Wired connections: polling (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3/1',
      ref: 'DSMR-P2 §4.3 (polling should be hourly; digest A29)',
      requirement: 'The E-meter reads each registered wired device with REQ_UD2 at least once in every hour (a recommendation by default, required with a strict profile).',
      mutants: ['p2.master.no-hourly-poll'],
      applies: wiredPolled,
      appliesWhen: 'wired E-meter that polls a device (bench, or addresses.primary of a physical one)',
      budgetMs: 8 * HOUR,
      async run(t: T) {
        const a = polledAddress(t);
        await t.clock.sleep(10_000);
        const t0 = t.clock.now();
        await t.clock.sleep(6 * HOUR);
        const reads = t.slave.received.filter((r) => r.t >= t0 && isReq(a)(r)).map((r) => r.t);
        if (!reads.length) t.inconclusive(`no REQ_UD2 to address ${a} in 6 h`);
        const empty = [0, 1, 2, 3, 4, 5].filter((h) => !reads.some((x) => x >= t0 + h * HOUR && x < t0 + (h + 1) * HOUR));
        t.note(`${reads.length} REQ_UD2 in 6 h`);
        should(t, empty.length === 0, 'hours (of 6) without a REQ_UD2 to the device', [], empty);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.3',
  title: 'Control message (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.3/1',
      ref: 'DSMR-P2 §4.3.3, §4.2.1 (CI 5Ah: short header)',
      requirement: 'The E-meter sends readout-list changes as SND_UD CI 5Ah with the 4-byte short header (ACC, ST, CW) in front of the encrypted blocks.',
      mutants: ['p2.ctl.5a-long-header'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const list = sndUds(t, CI.CONTROL);
        if (!list.length) t.inconclusive('the E-meter sent no readout-list change after the key transfer');
        for (const r of list) {
          const d = dataOf(r);
          const blocks = d[2]! >> 4;
          t.expectEqual('CI 5Ah user data length (4-byte header + NNNN blocks + counter record)', d.length, 4 + 16 * blocks + 7);
        }
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.4',
  title: 'Clock synchronisation message (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.4/1',
      ref: 'DSMR-P2 §4.3.4, §6.2.1',
      requirement: 'The E-meter synchronises a device clock with SND_UD CI 6Ch whose 12-byte long header carries the target\'s Short ID.',
      mutants: ['p2.clk.short-header'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        const from = t.slave.received.length;
        bench(t).synchronizeClock(1);
        const r = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10_000, from);
        if (!r) t.inconclusive('no clock synchronisation after the P3 synchronize_clock');
        const d = dataOf(r);
        t.expectEqual('CI 6Ch user data length (12-byte header + 16-byte plain clock block)', d.length, 28);
        t.expectEqual('Short ID in the header', hex(d.subarray(0, 8)), hex([...APP_B.idWire, ...APP_B.manufacturerWire, 0x42, 0x03]));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.5',
  title: 'Unencrypted message (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.5/1',
      ref: 'DSMR-P2 §4.3.5, §4.2.1 (CI 51h has no header)',
      requirement: 'The E-meter sends set new key as SND_UD CI 51h whose user data start directly with the records.',
      mutants: ['p2.ctl.51-with-header'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const r = await setKeyTelegram(t);
        t.expectEqual('first bytes after CI 51h', hex(dataOf(r).subarray(0, 3)), '07 FD 19');
      },
    }),
  ],
});
