/** DSMR-P2 §9.1 — a DSMR 4.2 E-meter with DSMR 4.0 / 4.2.1 gas meters. */
import { concatBytes } from '../../harness/codec/bytes.ts';
import { bcdEncode, textEncode, typeIEncode } from '../../harness/codec/mbus/index.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bench, bindMeter, capture, contains, keyMeter, openCommand, sndUds, volume, wiredP3, type T } from './lib/ctx.ts';
import { APP_B, CI, REC, STATUS } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

section({
  id: 'dsmr-p2/9.1',
  title: 'DSMR 4.2 E-meter with DSMR 4.0 and 4.2.1 gas meters',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/9.1/1',
      ref: 'DSMR-P2 §9.1; DSMR-RN-4.2.2 §4 item 3',
      requirement: 'The E-meter never sends a valve command (01 FD 1F).',
      mutants: ['p2.bc.send-valve-command'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const list = sndUds(t, CI.CONTROL);
        if (!list.length) t.inconclusive('the E-meter sent no control command to look into');
        for (const r of list) {
          const c = openCommand(r, 4, APP_B.identity);
          t.expectTrue('valve command record 01 FD 1F in an E-meter command', !contains(c.plain, REC.valveCommandHead), 'absent', 'present');
        }
      },
    }),
    K({
      id: 'dsmr-p2/9.1/2',
      ref: 'DSMR-P2 §9.1',
      requirement: 'A DSMR 4.0 telegram (version 40h) with the valve-status record 89 40 FD 1A is accepted: the valve part is discarded and the reading reaches P3.',
      mutants: ['p2.bc.reject-valve-record'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t, { identity: { ...APP_B.identity, version: 0x40 }, volumeLitres: 800 });
        const hour = Math.floor(t.clock.now() / 3_600_000) * 3_600_000;
        // The DSMR 4.0 readout (DSMR-RN-4.2.2 §4 items 6, 15): default records plus the valve status "released" (02).
        const records = concatBytes(
          Uint8Array.of(0x01, 0xfd, 0x17, 0x00),
          Uint8Array.from([0x0d, 0x78, 0x11, ...textEncode(m.equipmentId)]),
          Uint8Array.from([0x46, 0x6d, ...typeIEncode(new Date(hour), { dayOfWeek: 0 })]),
          Uint8Array.from([0x4c, 0x13, ...bcdEncode(801, 4, false)]),
          Uint8Array.from([...REC.valveStatus, 0x02]),
          Uint8Array.of(0x01, 0xfd, 0x67, 0x07),
        );
        await capture(t, m, { records });
        t.expectEqual('P3 volume after a DSMR 4.0 reading with a valve-status record', volume(t), 801);
      },
    }),
    K({
      id: 'dsmr-p2/9.1/3',
      ref: 'DSMR-P2 §9.1, §6.3.3 (bit 7 reserved)',
      requirement: 'Status bit 7 (the DSMR 4.0 valve alarm) raises no M-Bus alarm in the E-meter.',
      mutants: ['p2.bc.valve-alarm-raised'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        m.status = STATUS.valveAlarm;
        await capture(t, m);
        const s = bench(t).readClientSetup(1);
        if (s?.status !== STATUS.valveAlarm) t.inconclusive(`the E-meter did not take the status over (status ${s?.status})`);
        t.expectEqual('M-Bus alarm (IC 72 attribute 12) after status 80h', s.alarm & 0x80, 0);
      },
    }),
  ],
});
