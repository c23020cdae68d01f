/** DSMR-P2 §6.2 — commands: set date and time, set new address, clear the status byte. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, awayFromHour, clearStatus, ensureIdentity, ensureKeyed, expectAck, expectRefused, expectSilent, factory, hourOf, iso, keyable, mustAck, read,
  readRecords, rekeyable, said, startAddress, stampOf, statusOf, syncClock, unkeyedStart, wired, type T, h2,
} from './lib/ctx.ts';
import { REC, STATUS, ZERO_KEY } from './lib/tables.ts';

const K = kase<P2GasContext>;
const HOUR = 3_600_000;
const clocked = all(wired, keyable, (d) => (d.feature('p2.clock', true) ? true : 'the device has no clock'));

async function stampAfter(t: T, a: number): Promise<string> {
  return iso(stampOf(await readRecords(t, a)));
}

section({
  id: 'dsmr-p2/6.2.1',
  title: 'Set date and time',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.1/3',
      ref: 'DSMR-P2 §6.2.1 footnote 4',
      requirement: 'The device ignores the DST flag and DST deviation of a received time: the time fields are taken as UTC as they are.',
      mutants: ['p2.clk.apply-dst'],
      applies: clocked,
      appliesWhen: 'wired device with a clock whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        await ensureIdentity(t, a);
        const target = hourOf(t.clock.now()) + 3 * HOUR + 30 * 60_000;
        mustAck(t, await t.master.setTime(a, new Date(target), { dst: { active: true, deviation: 1 } }), 'clock set with DST flag and deviation 1');
        t.expectEqual('hourly time stamp after a time carrying DST fields', await stampAfter(t, a), iso(hourOf(target)));
      },
    }),
    K({
      id: 'dsmr-p2/6.2.1/4',
      ref: 'DSMR-P2 §6.2.1',
      requirement: 'The device always adopts the received time, also for large steps forward or back.',
      mutants: ['p2.clk.reject-large-step'],
      applies: clocked,
      appliesWhen: 'wired device with a clock whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        await ensureIdentity(t, a);
        for (const step of [3 * HOUR + 10 * 60_000, -5 * HOUR]) {
          const target = t.clock.now() + step;
          expectAck(t, await t.master.setTime(a, new Date(target)), `clock set ${step > 0 ? '+' : ''}${(step / HOUR).toFixed(2)} h`);
          t.expectEqual(`hourly time stamp after a ${(step / HOUR).toFixed(2)} h step`, await stampAfter(t, a), iso(hourOf(target)));
        }
      },
    }),
    K({
      id: 'dsmr-p2/6.2.1/5',
      ref: 'DSMR-P2 §6.2.1, §6.3.3 bit 5',
      requirement: 'A clock step of more than 60 s sets the clock-synchronisation error bit; a step within 60 s does not.',
      mutants: ['p2.status.clock-threshold'],
      applies: clocked,
      appliesWhen: 'wired device with a clock whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await syncClock(t, a, new Date(t.clock.now()));
        await clearStatus(t, a);
        if (statusOf(t, await readRecords(t, a)) & STATUS.CLOCK_SYNC) t.inconclusive('the clock-synchronisation bit does not clear');
        await syncClock(t, a, new Date(t.clock.now() + 50_000), 'clock set +50 s');
        t.expectEqual('clock-synchronisation bit after a 50 s step', statusOf(t, await readRecords(t, a)) & STATUS.CLOCK_SYNC, 0);
        await syncClock(t, a, new Date(t.clock.now() + 50_000 + 70_000), 'clock set +70 s');
        t.expectEqual('clock-synchronisation bit after a 70 s step', statusOf(t, await readRecords(t, a)) & STATUS.CLOCK_SYNC, STATUS.CLOCK_SYNC);
      },
    }),
    K({
      id: 'dsmr-p2/6.2.1/7',
      ref: 'DSMR-P2 §4.3.4, §6.2.1, §6.5',
      requirement: 'While a user key is set, an unencrypted clock synchronisation is ignored: clock and status stay as they were.',
      mutants: ['p2.clk.accept-plain-when-keyed'],
      applies: clocked,
      appliesWhen: 'wired device with a clock that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        await awayFromHour(t);
        const before = await readRecords(t, a);
        expectRefused(t, await t.master.setTime(a, new Date(t.clock.now() + 2 * HOUR), { mode: 0 }), 'unencrypted clock synchronisation +2 h');
        const after = await readRecords(t, a);
        t.expectEqual('hourly time stamp after the unencrypted clock set', iso(stampOf(after)), iso(stampOf(before)));
        if (!(statusOf(t, before) & STATUS.CLOCK_SYNC)) t.expectEqual('clock-synchronisation bit', statusOf(t, after) & STATUS.CLOCK_SYNC, 0);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.2.2',
  title: 'Set new address',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.2/1',
      ref: 'DSMR-P2 §6.2.2, §4.3.5',
      requirement: 'While no user key is set, 01 7A aa under CI 51h is acknowledged and the device then answers at address aa.',
      mutants: ['p2.addr.ignore-set'],
      applies: all(wired, (d) => (unkeyedStart(d) === true || rekeyable(d) === true ? true : 'keyed device whose default key is unknown')),
      appliesWhen: 'wired device without a user key, or whose key can be set to zero',
      async run(t) {
        const a = startAddress(t);
        if (t.master.keys.user) mustAck(t, await t.master.installKey(a, ZERO_KEY), 'set the user key to zero');
        const to = a === 5 ? 6 : 5;
        expectAck(t, await t.master.setAddress(a, to), `set address ${a} → ${to}`);
        const { reply, rsp } = await t.master.reqUd2(to);
        t.expectTrue(`answer at the new address ${to}`, !!rsp && rsp.a === to, `RSP_UD with A = ${to}`, said(reply));
      },
    }),
    K({
      id: 'dsmr-p2/6.2.2/2',
      ref: 'DSMR-P2 §6.2.2 note, §6.5',
      requirement: 'While a user key is set, the unencrypted set-address command is ignored.',
      mutants: ['p2.addr.accept-when-keyed'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        const to = a === 9 ? 10 : 9;
        expectRefused(t, await t.master.setAddress(a, to), `set address ${a} → ${to} with a user key set`);
        expectSilent(t, (await t.master.reqUd2(to)).reply, `REQ_UD2 at ${to}`);
        await read(t, a);
      },
    }),
    K({
      id: 'dsmr-p2/6.2.2/4',
      ref: 'DSMR-P2 §8.3.1, §6.2.2 (derived)',
      requirement: 'Once an unconfigured device has been given a primary address it no longer answers at address 0.',
      mutants: ['p2.addr.answer-zero-after-set'],
      applies: all(wired, factory),
      appliesWhen: 'wired device as delivered (address 0)',
      async run(t) {
        mustAck(t, await t.master.setAddress(0, 5), 'set address 0 → 5');
        await read(t, 5);
        expectSilent(t, await t.master.sndNke(0), 'SND_NKE at 0 after readdressing');
        expectSilent(t, (await t.master.reqUd2(0)).reply, 'REQ_UD2 at 0 after readdressing');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.2.3',
  title: 'Clearing the status byte',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.3/1',
      ref: 'DSMR-P2 §6.2.3, §6.3.3',
      requirement: '01 FD 97 06 73 clears the non-permanent status bits (0, 1, 4, 5, 6) and leaves the permanent ones (2, 3).',
      mutants: ['p2.status.clear-ignored', 'p2.status.clear-all'],
      applies: clocked,
      appliesWhen: 'wired device with a clock whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await syncClock(t, a, new Date(t.clock.now() + 2 * HOUR), 'clock set +2 h (raises bit 5)');
        t.bench?.raiseStatus(STATUS.POWER_LOW | STATUS.PERMANENT | STATUS.TEMPORARY | STATUS.FRAUD);
        const before = statusOf(t, await readRecords(t, a));
        if (!(before & STATUS.CLOCK_SYNC)) t.inconclusive(`the clock step did not raise bit 5 (status ${h2(before)}h)`);
        expectAck(t, await t.master.sendControl(a, Uint8Array.from(REC.clearStatus)), 'clear status 01 FD 97 06 73');
        const after = statusOf(t, await readRecords(t, a));
        t.expectEqual(`non-permanent bits after clearing (were ${h2(before)}h)`, after & STATUS.CLEAR_MASK, 0);
        t.expectEqual(`permanent bits after clearing (were ${h2(before)}h)`, after & 0x0c, before & 0x0c);
      },
    }),
    K({
      id: 'dsmr-p2/6.2.3/3',
      ref: 'DSMR-P2 §6.2.3, §6.3.3 (bit 7 reserved, 0), DSMR-RN-4.2.2 §4 items 4, 7',
      requirement: 'Status bit 7 (formerly the valve alarm) is always 0.',
      mutants: ['p2.status.bit7-set'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        t.bench?.raiseStatus(0xff);
        const status = statusOf(t, await readRecords(t, startAddress(t)));
        t.expectEqual('status bit 7', status & STATUS.RESERVED, 0);
      },
    }),
  ],
});
