/** DSMR-P2 §6.2 — commands the E-meter sends: set date and time, set new address, clear status. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { isSndUd } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bench, bindMeter, capture, contains, dataOf, hex, meter, should, sndUds, wiredP3, type T } from './lib/ctx.ts';
import { CI, REC, STATUS } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';
const HOUR = 3_600_000;

/** A plain clock synchronisation of an unkeyed meter, on P3 request: the 16-byte block after the 12-byte header. */
async function clockBlock(t: T): Promise<Uint8Array> {
  const m = await bindMeter(t);
  const from = t.slave.received.length;
  bench(t).synchronizeClock(1);
  const r = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10_000, from);
  if (!r) t.inconclusive('no clock synchronisation after the P3 synchronize_clock');
  const d = dataOf(r);
  if (d.length !== 28 || d[10] !== 0 || d[11] !== 0) t.inconclusive(`expected a plain CI 6Ch telegram with a long header, got ${hex(d)}`);
  return d.subarray(12);
}

/** Type I fields (EN 13757-3, bit layout as DSMR-P2 App. B1.3 uses it), decoded here. */
function typeI(b: Uint8Array) {
  const year = 2000 + ((b[3]! >> 5) | ((b[4]! >> 4) << 3));
  return {
    utc: Date.UTC(year, (b[4]! & 0x0f) - 1, b[3]! & 0x1f, b[2]! & 0x1f, b[1]! & 0x3f, b[0]! & 0x3f),
    dst: (b[0]! >> 6) & 1,
    deviation: b[5]! >> 6,
  };
}

section({
  id: 'dsmr-p2/6.2.1',
  title: 'Set date and time (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.1/1',
      ref: 'DSMR-P2 §6.2.1',
      requirement: 'The clock block is 2F 2F, TC 00h (set time), 6 bytes type I, 00 00 00 (reserved), 2F 2F 2F 2F.',
      mutants: ['p2.clk.tc-nonzero'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const b = await clockBlock(t);
        t.expectEqual('check bytes', hex(b.subarray(0, 2)), '2F 2F');
        t.expectEqual('TC (time change code)', hex(b.subarray(2, 3)), '00');
        t.expectEqual('reserved bytes', hex(b.subarray(9, 12)), '00 00 00');
        t.expectEqual('fillers', hex(b.subarray(12, 16)), '2F 2F 2F 2F');
      },
    }),
    K({
      id: 'dsmr-p2/6.2.1/2',
      ref: 'DSMR-P2 §6.2.1 footnote 4',
      requirement: 'The time sent is UTC, with the daylight-saving flag and deviation coded 0.',
      mutants: ['p2.clk.local-time'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const b = await clockBlock(t);
        const ref = t.clock.now();
        const f = typeI(b.subarray(3, 9));
        t.expectTrue('time in the clock block vs the reference UTC', Math.abs(f.utc - ref) <= 5_000, new Date(ref).toISOString(), new Date(f.utc).toISOString());
        t.expectEqual('daylight-saving flag and deviation', [f.dst, f.deviation], [0, 0]);
      },
    }),
    K({
      id: 'dsmr-p2/6.2.1/6',
      ref: 'DSMR-P2 §6.2.1',
      requirement: 'The E-meter synchronises a device clock at least once a day and after every change of its own clock.',
      mutants: ['p2.master.no-daily-sync'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 30 * HOUR,
      async run(t: T) {
        const m = await bindMeter(t);
        const t0 = t.clock.now();
        await t.clock.sleep(25 * HOUR);
        const daily = t.slave.received.filter((r) => r.t >= t0 && isSndUd(r, CI.CLOCK, m.address)).length;
        t.expectTrue('clock synchronisations in 25 h', daily >= 1, 'at least 1', daily);
        const from = t.slave.received.length;
        bench(t).setClock(t.clock.now() + 90_000);
        const r = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10 * 60_000, from);
        t.expectTrue('clock synchronisation after the E-meter clock was changed', !!r, 'within 10 min', 'none');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.2.2',
  title: 'Set new address (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.2/3',
      ref: 'DSMR-P2 §6.2.2, §8.3.1, §3.1.3',
      requirement: 'A new device at address 0 gets an address in 1–250 that no registered device uses.',
      mutants: ['p2.master.addr-collision', 'p2.master.assign-253'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const a = meter(t, { address: 1 });
        const b = meter(t, { address: 2, identity: { id: '22222222', manufacturer: 'NET', version: 0x42, medium: 3 } });
        bench(t).registerDevice(1, a.address);
        bench(t).registerDevice(2, b.address);
        await t.clock.sleep(5000);
        meter(t, { address: 0, identity: { id: '33333333', manufacturer: 'NET', version: 0x42, medium: 3 } });
        const from = t.slave.received.length;
        bench(t).installDevice();
        const r = await t.slave.waitFor((x) => isSndUd(x, CI.UNENCRYPTED, 0), 90_000, from);
        if (!r) t.fail('set-address telegram to address 0', 'SND_UD CI 51h with 01 7A aa', 'none within 90 s');
        const d = dataOf(r);
        if (d[0] !== 0x01 || d[1] !== 0x7a || d.length !== 3) t.fail('set-address records', '01 7A aa', hex(d));
        const given = d[2]!;
        t.expectTrue('address given to the new device', given >= 1 && given <= 250 && given !== 1 && given !== 2, 'a free address in 1..250 (not 1 or 2)', given);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.2.3',
  title: 'Clearing the status byte (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.2.3/2',
      ref: 'DSMR-P2 §6.2.3 (should)',
      requirement: 'After reading a non-permanent status bit the E-meter clears it with 01 FD 97 06 73 (a recommendation by default, required with a strict profile).',
      mutants: ['p2.master.no-status-clear'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        m.status = STATUS.clockError;
        await capture(t, m);
        await t.clock.sleep(10_000);
        const sent = sndUds(t, CI.CONTROL).some((r) => contains(dataOf(r), REC.clearStatus));
        should(t, sent, 'clear-status command 01 FD 97 06 73 after status 20h was read', 'sent', 'not sent');
      },
    }),
  ],
});
