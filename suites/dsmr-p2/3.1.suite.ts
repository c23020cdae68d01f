/** DSMR-P2 §3.1 — wired data link layer: FT1.2 frames, length, control field, address field, baud rate, master/slave. */
import { bytesToHex } from '../../harness/codec/bytes.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  ensureIdentity, expectAck, expectRefused, expectSilent, mustAck, read, readRecords, said, selection, startAddress,
  statusOf, versionsIn, wired, type T, h2,
} from './lib/ctx.ts';
import { APP_B, C, MAX_L, STATUS } from './lib/tables.ts';

const K = kase<P2GasContext>;
const hex = (b: Uint8Array) => bytesToHex(b, ' ');

/** Check one long frame against FT1.2 (DSMR-P2 Table 2, §3.1.1): 68 L L 68 … CS 16, CS = sum of C … last data byte. */
function checkLongFrame(t: T, raw: Uint8Array, what: string): void {
  t.expectTrue(`${what}: start characters`, raw.length >= 9 && raw[0] === 0x68 && raw[3] === 0x68, '68 L L 68', hex(raw.subarray(0, 4)));
  t.expectEqual(`${what}: the two L bytes`, raw[2], raw[1]);
  t.expectEqual(`${what}: frame length (L + 6 bytes, L counting C up to the last data byte)`, raw.length, raw[1]! + 6);
  let cs = 0;
  for (let i = 4; i < raw.length - 2; i++) cs = (cs + raw[i]!) & 0xff;
  t.expectEqual(`${what}: checksum (sum of C … last data byte, mod 256)`, raw[raw.length - 2], cs);
  t.expectEqual(`${what}: stop character`, raw[raw.length - 1], 0x16);
}

/** A state-changing command for "must have no effect" checks: set address (no key) or a readout selection (keyed). */
function probeCommand(t: T, target: number): { ci: number; data: Uint8Array } {
  if (!t.master.keys.user) return { ci: 0x51, data: Uint8Array.of(0x01, 0x7a, target) };
  return { ci: 0x5a, data: t.master.controlData(selection(0x0c)) };
}

/** The probe command had no effect: the device is still at `a` and not at `target`, FD 0C not selected. */
async function probeHadNoEffect(t: T, a: number, target: number, what: string): Promise<void> {
  if (!t.master.keys.user) {
    expectSilent(t, (await t.master.reqUd2(target)).reply, `REQ_UD2 at ${target} after ${what}`);
    await read(t, a);
    return;
  }
  const rsp = await readRecords(t, a);
  t.expectEqual(`version records after ${what}`, versionsIn(rsp), []);
}

section({
  id: 'dsmr-p2/3.1',
  title: 'Wired frame format FT1.2',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1/1',
      ref: 'DSMR-P2 §3.1 Table 2, §3.1.1 [EN 60870-5-1 FT1.2]; digest A1',
      requirement: 'Every RSP_UD is 68 L L 68 C A CI … CS 16 with L counting C up to the last data byte (the clear frame-counter record included) and CS the 8-bit sum of those bytes.',
      mutants: ['p2.link.l-excludes-fc-record'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        const first = await t.master.reqUd2(a);
        if (first.reply.kind === 'silent') t.inconclusive('no answer to REQ_UD2');
        checkLongFrame(t, first.reply.raw, 'RSP_UD');
        if (t.master.keys.user) return;
        if (!t.master.keys.default) return t.note('no key to make the device encrypt: only the plain frame was checked');
        // Once keyed the RSP_UD also carries the clear frame-counter record, which L must count (digest A1).
        mustAck(t, await t.master.installKey(a, APP_B.userKey), 'set new key');
        const second = await t.master.reqUd2(a);
        if (second.reply.kind === 'silent') t.inconclusive('no answer to REQ_UD2 after keying');
        checkLongFrame(t, second.reply.raw, 'RSP_UD after keying');
      },
    }),
    K({
      id: 'dsmr-p2/3.1/3',
      ref: 'DSMR-P2 §3.1 Table 2 [EN 60870-5-1 FT1.2 integrity rules]',
      requirement: 'Frames with a wrong checksum, unequal L bytes, a wrong start or a wrong stop character are discarded: no answer and no effect.',
      mutants: ['p2.link.accept-bad-cs'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        const target = a === 9 ? 10 : 9;
        for (const c of [C.SND_NKE, C.REQ_UD2]) {
          const cs = (c + a) & 0xff;
          const bad: [string, number[]][] = [
            ['wrong checksum', [0x10, c, a, cs ^ 0xff, 0x16]],
            ['wrong stop character', [0x10, c, a, cs, 0x17]],
            ['wrong start character', [0x11, c, a, cs, 0x16]],
          ];
          for (const [what, bytes] of bad) expectSilent(t, await t.master.exchange(Uint8Array.from(bytes)), `short frame C ${h2(c)}h with ${what}`);
        }
        const cmd = probeCommand(t, target);
        const good = Uint8Array.from([0x68, 3 + cmd.data.length, 3 + cmd.data.length, 0x68, C.SND_UD, a, cmd.ci, ...cmd.data, 0, 0x16]);
        let sum = 0;
        for (let i = 4; i < good.length - 2; i++) sum = (sum + good[i]!) & 0xff;
        good[good.length - 2] = sum;
        const variants: [string, (b: Uint8Array) => void][] = [
          ['wrong checksum', (b) => { b[b.length - 2] = sum ^ 0x5a; }],
          ['unequal L bytes', (b) => { b[2] = b[1]! + 1; }],
          ['wrong second start character', (b) => { b[3] = 0x69; }],
          ['wrong stop character', (b) => { b[b.length - 1] = 0x17; }],
        ];
        for (const [what, spoil] of variants) {
          const b = good.slice();
          spoil(b);
          expectSilent(t, await t.master.exchange(b), `SND_UD CI ${h2(cmd.ci)}h with ${what}`);
        }
        await probeHadNoEffect(t, a, target, 'the corrupted SND_UD frames');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.1',
  title: 'Length field',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.1/1',
      ref: 'DSMR-P2 §3.1.1',
      requirement: 'No telegram is longer than L = 255, even with every optional (version) record selected.',
      mutants: ['p2.link.overlong-frame'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        mustAck(t, await t.master.sendControl(a, selection(0x0c, 0x0d, 0x0e, 0x0f)), 'selecting every version record');
        const { reply } = await t.master.reqUd2(a);
        if (reply.kind === 'silent') t.inconclusive('no answer to REQ_UD2');
        const raw = reply.raw;
        t.expectTrue('RSP_UD size', raw.length <= MAX_L + 6 && raw.length === raw[1]! + 6, `at most ${MAX_L + 6} bytes and exactly L + 6`, `${raw.length} bytes with L = ${raw[1]}`);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.2',
  title: 'Control field',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.2/1',
      ref: 'DSMR-P2 §3.1.2, Table 5, §4.1',
      requirement: 'Frames whose C field is not one of the Table 5 values (40h, 5Bh/7Bh, 53h/73h, 5Ah/7Ah, REQ_SKE) get no answer and have no effect.',
      mutants: ['p2.ctl.accept-unknown-c'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        for (const c of [0x4b, 0x44, 0x46, 0x48, 0x4a, 0x7f, 0x00]) {
          expectSilent(t, await t.master.exchange(Uint8Array.of(0x10, c, a, (c + a) & 0xff, 0x16)), `short frame with C = ${h2(c)}h`);
        }
        const target = a === 9 ? 10 : 9;
        for (const c of [0x43, 0x63, 0x44]) {
          const cmd = probeCommand(t, target);
          expectSilent(t, await t.master.sndUd(a, cmd.ci, cmd.data, { c }), `long frame with C = ${h2(c)}h`);
        }
        await probeHadNoEffect(t, a, target, 'long frames with unknown C values');
      },
    }),
    K({
      id: 'dsmr-p2/3.1.2/2',
      ref: 'DSMR-P2 §3.1.2, App. B1 template (53h / 73h)',
      requirement: 'The FCB is ignored: REQ_UD2 with C = 7Bh twice gets two fresh answers, and a SND_UD with C = 73h is executed.',
      mutants: ['p2.link.fcb-repeat'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        const r1 = await t.master.reqUd2(a, { c: C.REQ_UD2_FCB });
        const r2 = await t.master.reqUd2(a, { c: C.REQ_UD2_FCB });
        const [s1, s2] = [r1.rsp, r2.rsp];
        if (!s1?.header || !s2?.header) return t.inconclusive(`REQ_UD2 (7Bh) not answered with RSP_UD: ${said(r1.reply)} / ${said(r2.reply)}`);
        t.expectEqual('access number of the second answer', s2.header.accessNumber, (s1.header.accessNumber + 1) & 0xff);
        if (s1.frameCounter !== undefined) t.expectTrue('frame counter of the second answer', (s2.frameCounter ?? -1) > s1.frameCounter, `> ${s1.frameCounter}`, s2.frameCounter);
        if (!t.master.keys.user) {
          const to = a === 9 ? 10 : 9;
          expectAck(t, await t.master.sndUd(a, 0x51, Uint8Array.of(0x01, 0x7a, to), { c: C.SND_UD_FCB }), 'set address with C = 73h');
          await read(t, to);
          return;
        }
        expectAck(t, await t.master.sndUd(a, 0x5a, t.master.controlData(selection(0x0e)), { c: C.SND_UD_FCB }), 'readout selection with C = 73h');
        const rsp = await readRecords(t, a);
        t.expectTrue('FD 0E selected by the 73h frame', versionsIn(rsp).includes(0x0e), 'present', versionsIn(rsp));
      },
    }),
    K({
      id: 'dsmr-p2/3.1.2/3',
      ref: 'DSMR-P2 Table 5 row 6 (REQ_UD1); digest A44',
      requirement: 'REQ_UD1, which DSMR does not use, is answered with E5h (warning if not; a failure with a strict profile).',
      mutants: ['p2.ctl.req-ud1-silent'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const r = await t.master.reqUd1(startAddress(t));
        if (r.kind === 'ack') return;
        if (t.dut.profile.strict) t.fail('answer to REQ_UD1 (strict)', 'E5', said(r));
        t.warn(`REQ_UD1 answered with ${said(r)} instead of E5h (Table 5)`);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.3',
  title: 'Address field',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.3/1',
      ref: 'DSMR-P2 §3.1.3',
      requirement: 'Frames to addresses 251–255 (including the FEh/FFh broadcasts) are ignored: no answer, no effect.',
      mutants: ['p2.link.answer-broadcast'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        for (const x of [251, 252, 253, 254, 255]) {
          expectSilent(t, await t.master.sndNke(x), `SND_NKE to ${x}`);
          expectSilent(t, (await t.master.reqUd2(x)).reply, `REQ_UD2 to ${x}`);
        }
        const target = a === 9 ? 10 : 9;
        for (const x of [254, 255]) {
          const cmd = probeCommand(t, target);
          expectSilent(t, await t.master.sndUd(x, cmd.ci, cmd.data), `SND_UD to ${x}`);
        }
        await probeHadNoEffect(t, a, target, 'SND_UD to the broadcast addresses');
      },
    }),
    K({
      id: 'dsmr-p2/3.1.3/2',
      ref: 'DSMR-P2 §3.1.3, §8.3.1',
      requirement: 'Secondary addressing is not supported: a CI 52h selection to FDh with the device\'s own identity gets no E5h and the device does not answer at FDh.',
      mutants: ['p2.link.secondary-select'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const rsp = await ensureIdentity(t, startAddress(t));
        if (!rsp.header) t.inconclusive('no long header to take the identity from');
        expectSilent(t, await t.master.selectSecondary(t.master.identity!), 'secondary selection (A = FDh, CI 52h)');
        expectSilent(t, (await t.master.reqUd2(253)).reply, 'REQ_UD2 to FDh after the selection');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.4',
  title: 'Baud rate',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.4/1',
      ref: 'DSMR-P2 §3.1.4 Table 3',
      requirement: 'The baud rate stays 2400 whatever is asked: after baud-rate requests (CI B8h–BFh) and a link reset the device still answers at 2400.',
      mutants: ['p2.phy.honour-baud-switch'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        for (const ci of [0xbb, 0xb8]) {
          expectRefused(t, await t.master.sndUd(a, ci, new Uint8Array(0)), `baud-rate request CI ${h2(ci)}h`);
          const { reply, rsp } = await t.master.reqUd2(a);
          t.expectTrue(`answer at 2400 Bd after CI ${h2(ci)}h`, !!rsp, 'RSP_UD', said(reply));
        }
        expectAck(t, await t.master.sndNke(a), 'SND_NKE at 2400 Bd after the baud-rate requests');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.5',
  title: 'Master/slave',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.5/1',
      ref: 'DSMR-P2 §3.1.5',
      requirement: 'The device never transmits on its own: a raised status bit stays silent on the bus and shows in the next readout.',
      mutants: ['p2.link.unsolicited-tx'],
      applies: (d) => (wired(d) === true && d.feature('p2.clock', true) ? true : 'wired device with a clock (a clock step raises the status bit)'),
      appliesWhen: 'wired device with a clock',
      budgetMs: 15 * 60_000,
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        // A clock step of two hours raises the clock-synchronisation error (DSMR-P2 §6.2.1).
        mustAck(t, await t.master.setTime(a, new Date(t.clock.now() + 2 * 3_600_000)), 'clock synchronisation +2 h');
        const heard = await t.master.listen(5 * 60_000);
        t.expectEqual('bytes sent by the device without a request (5 min)', hex(heard), '');
        const status = statusOf(t, await readRecords(t, a));
        t.expectTrue('clock-synchronisation bit in the next readout', (status & STATUS.CLOCK_SYNC) !== 0, 'bit 5 set', `status ${h2(status)}h`);
      },
    }),
  ],
});
