/** DSMR-P2 §5.2 — block chaining and frame counter, as the E-meter applies them to readings and to its own commands. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { isShort, isSndUd } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import {
  baseline, bench, bindMeter, capture, dataOf, expectRefusedReading, hex, identityBytes, keyMeter, openCommand, should, sndUds, volume, wiredP3, type T, setKeyTelegram
} from './lib/ctx.ts';
import { APP_B, CI, REC, WRONG_KEY } from './lib/tables.ts';
import { createDecipheriv } from 'node:crypto';
import { typeIEncode } from '../../harness/codec/mbus/index.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

/** Bind and key a meter, then take one conforming keyed reading as the baseline. */
async function keyed(t: T, litres = 5000) {
  const m = await bindMeter(t);
  await keyMeter(t, m);
  await baseline(t, m, litres);
  return m;
}

section({
  id: 'dsmr-p2/5.2',
  title: 'Block chaining and frame counter (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.2/1',
      ref: 'DSMR-P2 §5.2, §5.2.1 Example 1',
      requirement: 'The E-meter decrypts a method-15 RSP_UD with the IV MAN, ID, VER, DEV of the device followed twice by the frame counter, and takes the reading over.',
      mutants: ['p2.enc.iv-acc-based', 'p2.enc.iv-id-before-man'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        // The volume record sits in bytes 8–13 of the first block, which only the frame-counter half of the IV
        // decrypts (an IV wrong in bytes 8–15 keeps 2F 2F intact and garbles exactly those bytes).
        const records = Uint8Array.from([
          0x01, 0xfd, 0x17, 0x00, 0x2f, 0x2f, 0x4c, 0x13, 0x77, 0x77, 0x00, 0x00, 0x2f, 0x2f,
          0x46, 0x6d, ...typeIEncode(new Date(Math.floor(t.clock.now() / 3_600_000) * 3_600_000), { dayOfWeek: 0 }), 0x01, 0xfd, 0x67, 0x05,
        ]);
        await capture(t, m, { records });
        // Tester self-check with node:crypto: the meter's frame really uses the §5.2 IV.
        const raw = m.sent[m.sent.length - 1]!;
        const d = raw.subarray(7, raw.length - 2);
        const blocks = d[10]! >> 4;
        const fcb = d.subarray(12 + blocks * 16);
        const iv = Uint8Array.from([...identityBytes(APP_B.identity), ...fcb.subarray(3, 7), ...fcb.subarray(3, 7)]);
        const dec = createDecipheriv('aes-128-cbc', APP_B.userKey, iv).setAutoPadding(false);
        const plain = Buffer.concat([dec.update(d.subarray(12, 12 + blocks * 16)), dec.final()]);
        if (plain[0] !== 0x2f || plain[1] !== 0x2f) t.inconclusive('tester defect: the simulated meter\'s RSP_UD does not decrypt with the §5.2 IV');
        t.expectEqual('P3 volume after a method-15 reading with the §5.2 IV', volume(t), 7777);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/2',
      ref: 'DSMR-P2 §5.2 (IV of frames to the device)',
      requirement: 'The E-meter encrypts its commands with the IV of the target device (its Short ID reordered MAN, ID, VER, DEV) and the command\'s frame counter.',
      mutants: ['p2.enc.iv-from-emeter-address'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const cmds = [...sndUds(t, CI.CONTROL).map((r) => openCommand(r, 4, APP_B.identity)), ...sndUds(t, CI.CLOCK).map((r) => openCommand(r, 12, APP_B.identity))].filter((c) => c.mode === 15);
        if (!cmds.length) t.inconclusive('the E-meter sent no encrypted command after the key transfer');
        for (const c of cmds) t.expectEqual(`check bytes of an E-meter command (FC ${c.fc}) decrypted with the device IV`, hex(c.plain.subarray(0, 2)), '2F 2F');
      },
    }),
    K({
      id: 'dsmr-p2/5.2/3',
      ref: 'DSMR-P2 §5.2, App. B1 template',
      requirement: 'An encrypted E-meter command ends with the clear frame-counter record 04 FD 08 + 4 bytes right after the encrypted blocks.',
      mutants: ['p2.fc.record-encrypted'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const cmds = [...sndUds(t, CI.CONTROL).map((r) => openCommand(r, 4, APP_B.identity)), ...sndUds(t, CI.CLOCK).map((r) => openCommand(r, 12, APP_B.identity))].filter((c) => c.mode === 15);
        if (!cmds.length) t.inconclusive('the E-meter sent no encrypted command after the key transfer');
        for (const c of cmds) {
          t.expectEqual('bytes after the encrypted blocks', hex(c.after.subarray(0, 3)), hex(REC.frameCounterHead));
          t.expectEqual('length of the clear part after the blocks', c.after.length, 7);
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.2/4',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A RSP_UD whose frame counter equals the last validated one is refused: its reading never reaches P3.',
      mutants: ['p2.fc.accept-equal'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        await expectRefusedReading(t, m, 5000, 5001, { fc: m.fc }, `a reading with the same frame counter ${m.fc}`);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/5',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A replayed older RSP_UD (lower frame counter) is refused: its reading never reaches P3.',
      mutants: ['p2.fc.accept-lower'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t, 5000);
        const old = m.sent[m.sent.length - 1]!;
        await baseline(t, m, 6000);
        await expectRefusedReading(t, m, 6000, 6000, { raw: old }, 'a replay of the earlier RSP_UD (reading 5000)');
      },
    }),
    K({
      id: 'dsmr-p2/5.2/6',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'Any higher frame counter is accepted, gaps included.',
      mutants: ['p2.fc.require-plus-one'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        m.volumeLitres = 5100;
        await capture(t, m, { fc: m.fc + 10 });
        t.expectEqual('P3 volume after a reading with frame counter last + 10', volume(t), 5100);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/7',
      ref: 'DSMR-P2 §5.2 (a counter is stored only after full validation)',
      requirement: 'A RSP_UD that fails validation does not move the stored counter: after a wrong-key frame with a high counter, a valid frame with last + 1 is accepted.',
      mutants: ['p2.fc.advance-before-validate'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        await expectRefusedReading(t, m, 5000, 5200, { fc: m.fc + 100, key: WRONG_KEY, keepCounter: true }, 'a wrong-key reading with frame counter last + 100');
        m.volumeLitres = 5300;
        await capture(t, m, { fc: m.fc + 1 });
        t.expectEqual('P3 volume after the next valid reading (frame counter last + 1)', volume(t), 5300);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/10',
      ref: 'DSMR-P2 §5.2',
      requirement: 'An E-meter command carries the last validated device frame counter + 1.',
      mutants: ['p2.master.fc-plus-two'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        const n = m.fc;
        const from = t.slave.received.length;
        bench(t).synchronizeClock(1);
        const r = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10_000, from);
        if (!r) t.inconclusive('no clock synchronisation after the P3 synchronize_clock');
        t.expectEqual(`frame counter of the clock synchronisation after a RSP_UD with ${n}`, openCommand(r, 12, APP_B.identity).fc, n + 1);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/11',
      ref: 'DSMR-P2 §5.2',
      requirement: 'Unencrypted E-meter frames (set new key, CI 51h) carry no frame-counter record.',
      mutants: ['p2.fc.in-plain-frame'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const r = await setKeyTelegram(t);
        const d = dataOf(r);
        const fcAt = d.findIndex((_, i) => d[i] === 0x04 && d[i + 1] === 0xfd && d[i + 2] === 0x08);
        t.expectTrue('frame-counter record 04 FD 08 in the plain set-key telegram', fcAt < 0, 'absent', `at offset ${fcAt}: ${hex(d)}`);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/13',
      ref: 'DSMR-P2 §5.2 (G-meter owns the counter; resynchronisation)',
      requirement: 'When the device does not react to a command, the E-meter first reads it (REQ_UD2) to learn the current frame counter and retries with that counter + 1.',
      mutants: ['p2.master.no-fc-resync'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        // A device message was lost to the E-meter: the device counter is 5 ahead, and it ignores the stale command.
        m.fc += 5;
        m.ignoreSndUd = 1;
        const from = t.slave.received.length;
        bench(t).synchronizeClock(1);
        const first = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10_000, from);
        if (!first) t.inconclusive('no clock synchronisation after the P3 synchronize_clock');
        const i = t.slave.received.indexOf(first);
        const next = await t.slave.waitFor((x) => x.frame.format !== 'single' && 'a' in x.frame && x.frame.a === m.address, 10_000, i + 1);
        if (!next) t.fail('frame after the unanswered command', 'REQ_UD2 (resynchronisation)', 'nothing within 10 s');
        t.expectTrue('frame after the unanswered command', isShort(next, 0x5b, m.address), 'REQ_UD2 (resynchronisation)', hex(next.raw));
        const retry = await t.slave.waitFor((x) => isSndUd(x, CI.CLOCK, m.address), 10_000, t.slave.received.indexOf(next) + 1);
        if (!retry) t.fail('retry after the resynchronisation', 'clock synchronisation again', 'none');
        const resyncRsp = m.sent[m.sent.length - 1]!;
        const r = resyncRsp.subarray(resyncRsp.length - 6, resyncRsp.length - 2);
        const learnt = (r[0]! | (r[1]! << 8) | (r[2]! << 16)) + r[3]! * 2 ** 24;
        t.expectEqual(`frame counter of the retry (the resynchronising RSP_UD carried ${learnt})`, openCommand(retry, 12, APP_B.identity).fc, learnt + 1);
        t.expectTrue('retry accepted by the device', m.commands.some((c) => c.ci === CI.CLOCK && c.accepted), 'accepted', 'refused');
      },
    }),
    K({
      id: 'dsmr-p2/5.2/14',
      ref: 'DSMR-P2 §5.2 (important that the E-meter records the time stamp; digest: should)',
      requirement: 'The E-meter keeps the device\'s time stamp with the reading: P3 capture time = the RSP_UD time stamp (a recommendation by default, required with a strict profile).',
      mutants: ['p2.master.capture-time-local'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const stamp = Math.floor(t.clock.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
        const m = await bindMeter(t, { stamp });
        await capture(t, m);
        const v = bench(t).readMbusValues(1).find((x) => x.quantity === 'volume');
        const want = new Date(stamp).toISOString().replace('.000Z', 'Z');
        should(t, v?.captureTime === want, 'P3 capture time of the reading', want, v?.captureTime ?? null);
      },
    }),
  ],
});
