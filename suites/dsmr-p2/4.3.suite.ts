/** DSMR-P2 §4.3 — wired messages: normalisation, meter data, control, clock synchronisation, unencrypted. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, awayFromHour, ensureIdentity, expectAck, hourOf, iso, read, readRecords, recordWithHead, said, selection, startAddress, stampOf,
  unkeyedStart, versionsIn, wired,
} from './lib/ctx.ts';
import { C, CI, LONG_HEADER_LEN, REC } from './lib/tables.ts';

const K = kase<P2GasContext>;

section({
  id: 'dsmr-p2/4.3.1',
  title: 'Normalisation message (SND_NKE)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.1/1',
      ref: 'DSMR-P2 §4.3.1, Table 5 row 1',
      requirement: 'A SND_NKE to the device\'s primary address is answered with the single character E5h.',
      mutants: ['p2.nke.no-e5'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        expectAck(t, await t.master.sndNke(a), `SND_NKE to address ${a}`);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.2',
  title: 'Meter data message (REQ_UD2 / RSP_UD)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.2/1',
      ref: 'DSMR-P2 §4.3.2, Table 5 row 2, §4.2.1',
      requirement: 'The answer to REQ_UD2 is a RSP_UD long frame with C = 08h, A = the device\'s own primary address, CI = 72h and the 12-byte long header.',
      mutants: ['p2.rsp.a-field-zero'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        let a = startAddress(t);
        const check = async () => {
          const rsp = await read(t, a);
          t.expectEqual('RSP_UD C field', rsp.c, C.RSP_UD);
          t.expectEqual('RSP_UD A field', rsp.a, a);
          t.expectEqual('RSP_UD CI field', rsp.ci, CI.RSP_UD);
          const f = rsp.reply.frame.frame;
          t.expectTrue('long header present', !!rsp.header && f.format === 'long' && f.data.length >= LONG_HEADER_LEN, `${LONG_HEADER_LEN}-byte long header`, said(rsp.reply));
        };
        await check();
        if (a === 0 && !t.master.keys.user) {
          // An unconfigured device: give it an address and check the A field follows it (§6.2.2).
          const r = await t.master.setAddress(0, 5);
          if (r.kind !== 'ack') t.inconclusive(`set address 0 → 5 was not acknowledged (${said(r)})`);
          a = 5;
          await check();
        }
      },
    }),
    K({
      id: 'dsmr-p2/4.3.2/2',
      ref: 'DSMR-P2 §4.3.2 (last paragraph), §5.1, §5.2',
      requirement: 'Without a user key the RSP_UD has configuration word 00 00, plain records and no frame-counter record.',
      mutants: ['p2.enc.encrypt-without-key'],
      applies: all(wired, unkeyedStart),
      appliesWhen: 'wired device without a user key',
      async run(t) {
        const rsp = await read(t, startAddress(t));
        t.expectEqual('configuration word', rsp.header?.configWord ?? null, 0);
        t.expectTrue('plain records', !!recordWithHead(rsp, REC.status), 'the status record 01 FD 17 readable without a key', 'not found');
        t.expectEqual('frame-counter record', recordWithHead(rsp, REC.frameCounter) ? 'present' : 'absent', 'absent');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.3',
  title: 'Control message (SND_UD CI 5Ah)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.3/1',
      ref: 'DSMR-P2 §4.3.3, Table 5 row 3, §4.2.1',
      requirement: 'A valid control message (CI 5Ah with the 4-byte short header) is acknowledged with E5h and acted upon.',
      mutants: ['p2.ctl.5a-long-header'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        expectAck(t, await t.master.sendControl(a, selection(0x0d)), 'readout-list selection (CI 5Ah)');
        const rsp = await readRecords(t, a);
        t.expectTrue('selected hardware-version record (FD 0D) in the next RSP_UD', versionsIn(rsp).includes(0x0d), 'present', versionsIn(rsp));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.4',
  title: 'Clock synchronisation message (SND_UD CI 6Ch)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.4/1',
      ref: 'DSMR-P2 §4.3.4, Table 5 row 4, §6.2.1',
      requirement: 'A clock synchronisation (CI 6Ch, long header carrying the device\'s Short ID) is acknowledged with E5h and sets the device clock.',
      mutants: ['p2.clk.short-header'],
      applies: all(wired, (d) => (d.feature('p2.clock', true) ? true : 'the device has no clock')),
      appliesWhen: 'wired device with a clock',
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        await ensureIdentity(t, a);
        const target = t.clock.now() + 5 * 3_600_000;
        expectAck(t, await t.master.setTime(a, new Date(target)), 'clock synchronisation (CI 6Ch)');
        const rsp = await readRecords(t, a);
        t.expectEqual('hourly time stamp after setting the clock 5 h ahead', iso(stampOf(rsp)), iso(hourOf(target)));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.3.5',
  title: 'Unencrypted message (SND_UD CI 51h)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.3.5/1',
      ref: 'DSMR-P2 §4.3.5, Table 5 row 5, §4.2.1 note',
      requirement: 'An unencrypted command (CI 51h, no header: set address without a user key, set new key with one) is acknowledged with E5h.',
      mutants: ['p2.ctl.51-with-header'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        if (!t.master.keys.user) {
          const to = a === 17 ? 18 : 17;
          expectAck(t, await t.master.setAddress(a, to), `set address ${a} → ${to} (CI 51h)`);
          await read(t, to);
          return;
        }
        if (!t.master.keys.default) t.notApplicable('with a user key set only set-new-key goes unencrypted, and that needs the default key');
        expectAck(t, await t.master.installKey(a, t.master.keys.user), 'set new key (CI 51h)');
      },
    }),
  ],
});
