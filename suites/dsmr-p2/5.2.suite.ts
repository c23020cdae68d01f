/** DSMR-P2 §5.2 — block chaining and frame counter: IV, clear counter record, validation, one counter, never reset. */
import { createDecipheriv } from 'node:crypto';
import { bytesToHex, bytesEqual, concatBytes } from '../../harness/codec/bytes.ts';
import { mbusIdEncode, mbusRecordsParse } from '../../harness/codec/mbus/index.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, bench, ensureKeyed, expectAck, expectRefused, keyable, mustAck, read, readRecords, recordWithHead, rekeyable, selection, startAddress,
  versionsIn, wired, type T,
} from './lib/ctx.ts';
import { APP_B, LONG_HEADER_LEN, REC, SECOND_USER_KEY, ZERO_KEY, manufacturerCode } from './lib/tables.ts';

const K = kase<P2GasContext>;
const hex = (b: Uint8Array) => bytesToHex(b, ' ');

/** IV of DSMR-P2 §5.2: MAN, ID, VER, DEV of the device (from the long header's ID MAN VER DEV) then FC, FC (LSB first). */
export function dsmrIv(header: Uint8Array, fc: number): Uint8Array {
  const le = [fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24];
  return Uint8Array.from([header[4]!, header[5]!, ...header.subarray(0, 4), header[6]!, header[7]!, ...le, ...le]);
}

/** The RSP_UD pieces after CI: header, ciphertext (NNNN blocks) and what follows it. */
function parts(t: T, rsp: Awaited<ReturnType<typeof read>>): { header: Uint8Array; ct: Uint8Array; after: Uint8Array } {
  const f = rsp.reply.frame.frame;
  const d = f.format === 'long' ? f.data : new Uint8Array(0);
  if (d.length < LONG_HEADER_LEN) t.fail('long header', `${LONG_HEADER_LEN} bytes`, hex(d));
  const blocks = d[10]! >> 4;
  return { header: d.subarray(0, LONG_HEADER_LEN), ct: d.subarray(LONG_HEADER_LEN, LONG_HEADER_LEN + blocks * 16), after: d.subarray(LONG_HEADER_LEN + blocks * 16) };
}

section({
  id: 'dsmr-p2/5.2',
  title: 'Block chaining and frame counter',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.2/1',
      ref: 'DSMR-P2 §5.2, §5.2.1 Example 1',
      requirement: 'The RSP_UD is AES-128-CBC encrypted with IV = MAN, ID, VER, DEV of the device followed twice by the frame counter (LSB first).',
      mutants: ['p2.enc.iv-acc-based'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const id = APP_B.identity;
        const code = manufacturerCode(id.manufacturer);
        const example = dsmrIv(Uint8Array.from([...mbusIdEncode(id.id), code & 0xff, code >> 8, id.version, id.medium]), 1);
        if (!bytesEqual(example, APP_B.iv1)) t.inconclusive('the suite\'s IV builder does not reproduce DSMR-P2 Example 1 (tester defect)');
        const a = startAddress(t);
        const { header, ct, after } = parts(t, await ensureKeyed(t, a, false));
        if (!ct.length || after.length !== 7) t.inconclusive('no encrypted blocks with a clear frame-counter record to check the IV on');
        const fc = (after[3]! | (after[4]! << 8) | (after[5]! << 16)) + after[6]! * 2 ** 24;
        const d = createDecipheriv('aes-128-cbc', t.master.keys.user!, dsmrIv(header, fc)).setAutoPadding(false);
        const plain = new Uint8Array(concatBytes(d.update(ct), d.final()));
        t.expectEqual('check bytes after decryption with the §5.2 IV', hex(plain.subarray(0, 2)), '2F 2F');
        // An IV wrong only in bytes 8–15 keeps 2F 2F and garbles the rest of block 1: the records must parse.
        const parsed = mbusRecordsParse(plain, 2, plain.length, { toDevice: false });
        t.expectEqual('record structure of the decrypted data', parsed.fatal?.message ?? 'intact', 'intact');
        const eid = parsed.records.find((r) => r.kind === 'data' && r.vif === 0x78);
        t.expectTrue('equipment identifier in the decrypted data', !!eid && eid.kind === 'data' && typeof eid.value === 'string' && eid.value.length === 17, '17 characters', eid && eid.kind === 'data' ? eid.value : 'absent');
      },
    }),
    K({
      id: 'dsmr-p2/5.2/3',
      ref: 'DSMR-P2 §5.2, App. B1 template, App. B1.3',
      requirement: 'An encrypted frame ends with the clear frame-counter record 04 FD 08 + 4 bytes right after the encrypted blocks.',
      mutants: ['p2.fc.record-encrypted'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const { after } = parts(t, await ensureKeyed(t, startAddress(t), false));
        t.expectEqual('bytes after the encrypted blocks', hex(after.subarray(0, 3)), hex(Uint8Array.from(REC.frameCounter)));
        t.expectEqual('length of the clear part after the blocks', after.length, 7);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/4',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A replayed command (frame counter equal to the last validated one) is rejected.',
      mutants: ['p2.fc.accept-equal'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        const data = t.master.controlData(selection(0x0c));
        mustAck(t, await t.master.sndUd(a, 0x5a, data), 'selection (to be replayed)');
        mustAck(t, await t.master.sndNke(a), 'SND_NKE (restores the default list)');
        expectRefused(t, await t.master.sndUd(a, 0x5a, data), 'the same selection replayed');
        t.expectEqual('version records after the replay', versionsIn(await readRecords(t, a)), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/5',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A command with a frame counter below the last validated one is rejected.',
      mutants: ['p2.fc.accept-lower'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        const n = (await readRecords(t, a)).frameCounter!;
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { fc: n - 1 }), `selection with frame counter ${n - 1} (last ${n})`);
        t.expectEqual('version records after the stale command', versionsIn(await readRecords(t, a)), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/6',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'Any higher frame counter is accepted, gaps included, and becomes the counter the device continues from.',
      mutants: ['p2.fc.require-plus-one'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const n = (await ensureKeyed(t, a)).frameCounter!;
        expectAck(t, await t.master.sendControl(a, selection(0x0c), { fc: n + 10 }), `selection with frame counter ${n + 10} (last ${n})`);
        const rsp = await readRecords(t, a);
        t.expectTrue('selection applied', versionsIn(rsp).includes(0x0c), 'FD 0C present', versionsIn(rsp));
        t.expectEqual('frame counter of the next RSP_UD', rsp.frameCounter, n + 11);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/7',
      ref: 'DSMR-P2 §5.2 (a counter is stored only after full validation)',
      requirement: 'A frame that fails validation does not move the stored counter: after a wrong-key frame with a high counter, a valid frame with last + 1 is accepted.',
      mutants: ['p2.fc.advance-before-validate'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const n = (await ensureKeyed(t, a)).frameCounter!;
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { key: SECOND_USER_KEY, fc: n + 100 }), 'wrong-key selection with a high counter');
        expectAck(t, await t.master.sendControl(a, selection(0x0d), { fc: n + 1 }), `valid selection with frame counter ${n + 1}`);
        t.expectEqual('version records', versionsIn(await readRecords(t, a)), [0x0d]);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/8',
      ref: 'DSMR-P2 §5.2, Figure 4 (reconstructed, digest A22)',
      requirement: 'One counter serves both directions: after RSP_UD n and an accepted command n + 1, the next RSP_UD carries n + 2.',
      mutants: ['p2.fc.independent-counters'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const n = (await ensureKeyed(t, a)).frameCounter!;
        mustAck(t, await t.master.sendControl(a, selection(0x0c), { fc: n + 1 }), `command with frame counter ${n + 1}`);
        t.expectEqual('frame counter of the next RSP_UD', (await read(t, a)).frameCounter, n + 2);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/9',
      ref: 'DSMR-P2 §5.2 (the sender increments by exactly one)',
      requirement: 'Consecutive encrypted RSP_UD frames carry frame counters that go up by exactly one.',
      mutants: ['p2.fc.increment-by-2', 'p2.fc.not-incremented'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const seen = [(await ensureKeyed(t, a, false)).frameCounter ?? -1];
        for (let i = 0; i < 4; i++) seen.push((await read(t, a)).frameCounter ?? -1);
        for (let i = 1; i < seen.length; i++) t.expectEqual(`frame counter of RSP_UD ${i + 1} (after ${seen[i - 1]})`, seen[i], seen[i - 1]! + 1);
      },
    }),
    K({
      id: 'dsmr-p2/5.2/11',
      ref: 'DSMR-P2 §5.2 (unencrypted messages carry no frame counter)',
      requirement: 'A plain (method 0) RSP_UD carries no frame-counter record.',
      mutants: ['p2.fc.in-plain-frame'],
      applies: all(wired, (d) => (!d.feature('p2.user-key', false) || rekeyable(d) === true ? true : 'keyed device without a known default key: no plain frames to look at')),
      appliesWhen: 'wired device without a user key, or whose key can be set to zero',
      async run(t) {
        const a = startAddress(t);
        if (t.master.keys.user) expectAck(t, await t.master.installKey(a, ZERO_KEY), 'set the user key to zero');
        const rsp = await read(t, a);
        if (rsp.mode !== 0) t.inconclusive(`the RSP_UD is not plain (method ${rsp.mode})`);
        t.expectEqual('frame-counter record in a plain RSP_UD', recordWithHead(rsp, REC.frameCounter) ? 'present' : 'absent', 'absent');
      },
    }),
    K({
      id: 'dsmr-p2/5.2/12',
      ref: 'DSMR-P2 §5.2 (never reset during the device\'s life), §7.2',
      requirement: 'The frame counter never restarts: after SND_NKE, a power cycle and a key change the next counter is above every earlier one.',
      mutants: ['p2.fc.reset-on-power', 'p2.fc.reset-on-key-change'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed (power cycle: simulator bench; key change: default key known)',
      async run(t) {
        const a = startAddress(t);
        let last = (await ensureKeyed(t, a)).frameCounter!;
        const after = async (what: string) => {
          const fc = (await read(t, a)).frameCounter ?? -1;
          t.expectTrue(`frame counter after ${what}`, fc > last, `> ${last}`, fc);
          last = fc;
        };
        mustAck(t, await t.master.sndNke(a), 'SND_NKE');
        await after('SND_NKE');
        if (bench(t.dut) === true && t.bench) {
          await t.bench.powerCycle();
          await after('a power cycle');
        } else t.note('no power cycle: needs the simulator bench');
        if (t.master.keys.default) {
          mustAck(t, await t.master.installKey(a, SECOND_USER_KEY), 'set new key');
          await after('a key change');
        } else t.note('no key change: the default key is not known');
      },
    }),
  ],
});
