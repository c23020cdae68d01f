/** DSMR-P2 §6.1 — meter value transfer: hourly values with their time stamp, marked by the storage bit. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { all, awayFromHour, dataRecords, hourOf, iso, keyable, readRecords, startAddress, syncClock, wired } from './lib/ctx.ts';

const HOUR = 3_600_000;

section({
  id: 'dsmr-p2/6.1',
  title: 'Meter value transfer',
  family: p2GasFamily,
  cases: [
    kase<P2GasContext>({
      id: 'dsmr-p2/6.1/1',
      ref: 'DSMR-P2 §6.1, §6.4.3, §6.4.4',
      requirement: 'The device stores its register at every whole hour and sends that hourly value and its time stamp (hh:00:00) with storage number 1.',
      mutants: ['p2.app.storage-bit-clear'],
      applies: all(wired, keyable, (d) => (d.feature('p2.clock', true) ? true : 'the device has no clock (no hourly values)')),
      appliesWhen: 'wired device with a clock whose records the tester can read',
      budgetMs: 3 * HOUR,
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        await syncClock(t, a, new Date(t.clock.now()));
        const check = async (hour: number, litres?: number) => {
          const rsp = await readRecords(t, a);
          const recs = dataRecords(rsp);
          const stamp = recs.find((r) => r.vif === 0x6d);
          const volume = recs.find((r) => r.vif === 0x13 || r.vif === 0x14);
          t.expectEqual('storage number of the time stamp', stamp?.storage ?? 'absent', 1);
          t.expectEqual('storage number of the volume', volume?.storage ?? 'absent', 1);
          t.expectEqual('hourly time stamp', stamp?.date?.iso ? iso(Date.parse(stamp.date.iso)) : 'none', iso(hour));
          if (litres !== undefined) t.expectEqual('hourly volume (raw register at the whole hour)', volume?.raw, volume?.vif === 0x14 ? Math.floor(litres / 10) : litres);
        };
        await check(hourOf(t.clock.now()));
        const b = t.bench;
        if (!b) return t.note('no bench: the value at the hour itself was not checked');
        // Freeze the register, let the hour pass, then move the register: the hourly value must stay.
        b.setFlow(0);
        b.setVolume(4_321_000);
        await t.clock.sleep(HOUR - (t.clock.now() % HOUR) + 10 * 60_000);
        b.setVolume(4_329_999);
        await check(hourOf(t.clock.now()), 4_321_000);
      },
    }),
  ],
});
