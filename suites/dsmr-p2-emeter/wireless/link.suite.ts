/** DSMR-P2 §3.2.1, §3.2.2, §3.2.5, §4.1, §8.4.2.2 — the wireless E-meter's frames and what it takes over. */
import { kase, section } from '../../../harness/runner/dsl.ts';
import { p2EmeterWirelessFamily, type P2EmeterWirelessContext } from '../../../harness/roles/p2-emeter-wireless-family.ts';
import { gasRecords } from '../../../harness/roles/wmbus-slave.ts';
import { answersTo, appliesWhen, bench, bindMeter, CH, expectedL, hex, wirelessP3, type T } from './lib.ts';

const K = kase<P2EmeterWirelessContext>;
const HOUR = 3_600_000;
/** C/CI pairs an E-meter may send (DSMR-P2 §4.1, Table 6): SND_NKE, REQ_UD2, CNF_IR under 80h; SND_UD under 5Bh or 6Ch. */
const E_METER_C_CI = ['40/80', '5B/80', '06/80', '53/5B', '53/6C', '73/5B', '73/6C'];
const cci = (raw: Uint8Array) => `${hex(raw.subarray(1, 2))}/${hex(raw.subarray(12, 13))}`;

/** Sleep until `minute` past the next whole hour of the virtual clock (or of this hour when still ahead). */
async function untilMinute(t: T, minute: number): Promise<void> {
  const into = t.clock.now() % HOUR;
  await t.clock.sleep((minute * 60_000 - into + HOUR) % HOUR);
}

section({
  id: 'dsmr-p2/3.2.1',
  title: 'L field (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.1/1',
      ref: 'DSMR-P2 §3.2.1',
      requirement: 'The L field of an E-meter frame counts the bytes after it without the CRC bytes.',
      mutants: ['p2.wl.l-counts-crc'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = t.radio.addMeter({ id: '12345678', manufacturer: 'NET', version: 0x42, medium: 0x03 });
        bench(t).registerDevice(CH, m.identity);
        const got = await answersTo(t, () => m.sndIr());
        if (!got.length) t.inconclusive('the E-meter sent nothing to a registered meter');
        for (const r of got) t.expectEqual(`L of E-meter frame ${hex(r.raw)}`, r.raw[0], expectedL(r.raw.length));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.2',
  title: 'C field (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.2/2',
      ref: 'DSMR-P2 §3.2.2, Table 6',
      requirement: 'An ACC_DMD (48h) from a bound device causes no E-meter transmission; the E-meter itself only sends SND_NKE, REQ_UD2, SND_UD and CNF_IR.',
      mutants: ['p2.master.answer-acc-dmd'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        const got = await answersTo(t, () => m.send(0x48, new Uint8Array(0)), 10_000);
        t.expectEqual('E-meter frames after an ACC_DMD', got.map((r) => hex(r.raw)), []);
        const bad = t.radio.received.filter((r) => ![0x40, 0x5b, 0x53, 0x73, 0x06].includes(r.c));
        t.expectEqual('E-meter frames with a C field Table 6 does not give it', bad.map((r) => hex(r.raw)), []);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.5',
  title: 'Configuration word (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.5/7',
      ref: 'DSMR-P2 §3.2.5, §4.2.6',
      requirement: 'In the E-meter\'s frames only the encryption method and block count of the configuration word may be non-zero (no B, A, S or other bits).',
      mutants: ['p2.cw.emeter-bidir-bit'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        await bindMeter(t);
        // CW is the last two bytes of the long header (raw 23–24 after block 1 and its CRC): CI, ID(4), MAN(2), VER, DEV, ACC, ST, CW (low byte first).
        const cws = t.radio.received.filter((r) => r.raw.length >= 27).map((r) => r.raw[23]! | (r.raw[24]! << 8));
        t.expectEqual('E-meter CW bits outside MMMM/NNNN', cws.map((cw) => (cw & 0xf00f).toString(16)), cws.map(() => '0'));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.1-wl',
  title: 'Allowed control elements (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.1-wl/4',
      ref: 'DSMR-P2 §4.1, Table 6',
      requirement: 'Through binding and readings the wireless E-meter sends only the C/CI combinations of Table 6.',
      mutants: ['p2.master.unlisted-ci'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await untilMinute(t, 2);
        await answersTo(t, () => m.sndNr(gasRecords(1000, new Date(Math.floor(t.clock.now() / HOUR) * HOUR))), 10_000);
        const unlisted = t.radio.received.filter((r) => !E_METER_C_CI.includes(cci(r.raw)));
        t.expectEqual('E-meter frames with a C/CI combination Table 6 does not list', unlisted.map((r) => hex(r.raw)), []);
      },
      budgetMs: 2 * HOUR,
    }),
    K({
      id: 'dsmr-p2/4.1-wl/5',
      ref: 'DSMR-P2 §4.1, Table 6',
      requirement: 'Meter data under a CI other than 7Ah (here the wired 72h) are not taken over: P3 keeps the previous reading.',
      mutants: ['p2.master.accept-unlisted-ci'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await untilMinute(t, 2);
        await answersTo(t, () => m.sndNr(gasRecords(1000, new Date(Math.floor(t.clock.now() / HOUR) * HOUR))));
        if (bench(t).readMbusValue(CH)?.raw !== 1000) t.inconclusive('a valid SND_NR was not taken over');
        await untilMinute(t, 2);
        await answersTo(t, () => m.sndNr(gasRecords(2000, new Date(Math.floor(t.clock.now() / HOUR) * HOUR)), { ci: 0x72 }));
        t.expectEqual('reading on P3 after a SND_NR under CI 72h', bench(t).readMbusValue(CH)?.raw, 1000);
      },
      budgetMs: 3 * HOUR,
    }),
  ],
});

section({
  id: 'dsmr-p2/8.4.2.2',
  title: 'First data after binding (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.4.2.2/1',
      ref: 'DSMR-P2 §8.4.2.2 step 8',
      requirement: 'The first reading after binding is taken over whatever the minute of the hour (the device clock is not set yet).',
      mutants: ['p2.master.reject-unaligned-first-snr'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await untilMinute(t, 37);
        await answersTo(t, () => m.sndNr(gasRecords(4321, new Date(Math.floor(t.clock.now() / HOUR) * HOUR))));
        t.expectEqual('reading on P3 after the first SND_NR at minute 37', bench(t).readMbusValue(CH)?.raw, 4321);
      },
      budgetMs: 2 * HOUR,
    }),
  ],
});
