/** DSMR-P2 §6.3 — the readout list: record order, and the E-meter's readout-list changes. */
import { concatBytes } from '../../harness/codec/bytes.ts';
import { bcdEncode, textEncode, typeIEncode } from '../../harness/codec/mbus/index.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { isShort } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { baseline, bindMeter, capture, keyMeter, should, sndUds, volume, wiredP3, type T } from './lib/ctx.ts';
import { CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

section({
  id: 'dsmr-p2/6.3',
  title: 'Readout list (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3/2',
      ref: 'DSMR-P2 §6.3 (the order of the data blocks is not specified)',
      requirement: 'The E-meter takes a reading whatever the order of the records, with idle fillers between them.',
      mutants: ['p2.parse.order-dependent'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await baseline(t, m, 2000);
        const hour = Math.floor(t.clock.now() / 3_600_000) * 3_600_000;
        const records = concatBytes(
          Uint8Array.of(0x01, 0xfd, 0x67, 0x05, 0x2f),
          Uint8Array.from([0x4c, 0x13, ...bcdEncode(2100, 4, false), 0x2f, 0x2f]),
          Uint8Array.from([0x46, 0x6d, ...typeIEncode(new Date(hour), { dayOfWeek: 0 })]),
          Uint8Array.from([0x0d, 0x78, 0x11, ...textEncode(m.equipmentId), 0x01, 0xfd, 0x17, 0x00]),
        );
        await capture(t, m, { records });
        t.expectEqual('P3 volume after a reading with permuted records and fillers', volume(t), 2100);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.3.1',
  title: 'Changing the readout list (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3.1/3',
      ref: 'DSMR-P2 §6.3.1 (should), §8.1',
      requirement: 'Right after reading the selected data the E-meter restores the default readout list with SND_NKE (a recommendation by default, required with a strict profile).',
      mutants: ['p2.master.no-rol-restore'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const change = m.commands.find((c) => c.ci === CI.CONTROL && c.accepted && c.records.some((r) => r.dataField === 8));
        if (!change) t.inconclusive('the E-meter made no readout-list change after the key transfer');
        const rx = t.slave.received;
        const i = rx.findIndex((r) => r.raw === change.raw);
        const read = rx.findIndex((r, j) => j > i && isShort(r, 0x5b, m.address));
        if (read < 0) t.inconclusive('the E-meter did not read the selected data');
        const next = rx.slice(read + 1).find((r) => r.frame.format !== 'single' && r.frame.a === m.address);
        should(t, !!next && isShort(next, 0x40, m.address), 'frame after reading the selected data', 'SND_NKE to the device', next ? [...next.raw].map((b) => b.toString(16)).join(' ') : 'none');
      },
    }),
    K({
      id: 'dsmr-p2/6.3.1/4',
      ref: 'DSMR-P2 §6.3.1 (at most 2 retries, should)',
      requirement: 'A readout-list change the device does not acknowledge is retried at most twice (a recommendation by default, required with a strict profile).',
      mutants: ['p2.master.unbounded-retries'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        m.refuseCi.push(CI.CONTROL);
        await keyMeter(t, m);
        await t.clock.sleep(60_000);
        const tries = sndUds(t, CI.CONTROL).length;
        if (!tries) t.inconclusive('the E-meter made no readout-list change after the key transfer');
        should(t, tries <= 3, 'readout-list change attempts', 'at most 3 (first try and 2 retries)', tries);
      },
    }),
  ],
});
