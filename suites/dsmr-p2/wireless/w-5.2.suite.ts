/**
 * DSMR-P2 §5.2 on the radio — block chaining and frame counter of the wireless meter: IV from the link
 * address, the clear counter record, validation of received counters, one shared counter, never reset.
 *
 * Equal counter (5.2-wl/4): a byte-for-byte replay cannot meet an "equal" counter on the radio — every
 * new window follows a SND_NR that used a fresh counter — so the case sends a fresh command with the
 * counter of the command just validated, inside the same FAC.
 */
import { createDecipheriv } from 'node:crypto';
import { bytesEqual, bytesToHex, concatBytes } from '../../../harness/codec/bytes.ts';
import { mbusRecordsParse } from '../../../harness/codec/mbus/index.ts';
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C, type WlFrame } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, bench, keyable, recordWithHead, rekeyable, selection, versionsIn } from '../lib/ctx.ts';
import { APP_B, REC, SECOND_USER_KEY, ZERO_KEY } from '../lib/tables.ts';
import {
  SND_NR_WAIT, WL_BUDGET, appOf, expectAckWl, expectRefusedWl, keyedFac, keyedWindow, mustAckWl, readWl, versionsNow, window, wireless, type W,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const hex = (b: Uint8Array) => bytesToHex(b, ' ');
const wlKeyable = all(wireless, keyable);

/** IV of DSMR-P2 §5.2 for a device frame: the link address as sent (MAN, ID, VER, DEV) then FC, FC (LSB first). */
export function linkIv(lla: Uint8Array, fc: number): Uint8Array {
  const le = [fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24];
  return Uint8Array.from([...lla, ...le, ...le]);
}

/** The SND_NR pieces after CI: short header, ciphertext (NNNN blocks) and the clear bytes after it. */
function parts(f: WlFrame): { ct: Uint8Array; after: Uint8Array } {
  const p = f.inspect.frame!.payload;
  const blocks = p[3]! >> 4;
  return { ct: p.subarray(5, 5 + blocks * 16), after: p.subarray(5 + blocks * 16) };
}

/** The next SND_NR (any form), or inconclusive. */
async function nextSndNr(t: W): Promise<WlFrame> {
  const f = await t.radio.until((x) => x.linkOk && x.c === WL_C.SND_NR, SND_NR_WAIT);
  if (!f) t.inconclusive('no SND_NR within 75 minutes');
  return f;
}

section({
  id: 'dsmr-p2/5.2-wl',
  title: 'Block chaining and frame counter (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.2-wl/1',
      ref: 'DSMR-P2 §5.2, §5.2.1 Example 1',
      requirement: 'The SND_NR is AES-128-CBC encrypted with IV = the link address (MAN, ID, VER, DEV) followed twice by the frame counter (LSB first).',
      mutants: ['p2.enc.iv-acc-based'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const example = linkIv(Uint8Array.of(0xb4, 0x38, 0x89, 0x67, 0x45, 0x23, 0x42, 0x03), 1);
        if (!bytesEqual(example, APP_B.iv1)) t.inconclusive('the suite\'s IV builder does not reproduce DSMR-P2 Example 1 (tester defect)');
        const f = await keyedWindow(t, false);
        const { ct, after } = parts(f);
        if (!ct.length || after.length !== 7) return t.inconclusive('no encrypted blocks with a clear frame-counter record to check the IV on');
        const fc = (after[3]! | (after[4]! << 8) | (after[5]! << 16)) + after[6]! * 2 ** 24;
        const d = createDecipheriv('aes-128-cbc', t.radio.keys.user!, linkIv(f.raw.subarray(2, 10), fc)).setAutoPadding(false);
        const plain = new Uint8Array(concatBytes(d.update(ct), d.final()));
        t.expectEqual('check bytes after decryption with the §5.2 IV', hex(plain.subarray(0, 2)), '2F 2F');
        const parsed = mbusRecordsParse(plain, 2, plain.length, { toDevice: false });
        t.expectEqual('record structure of the decrypted data', parsed.fatal?.message ?? 'intact', 'intact');
        const eid = parsed.records.find((r) => r.kind === 'data' && r.vif === 0x78);
        t.expectTrue('equipment identifier in the decrypted data', !!eid && eid.kind === 'data' && typeof eid.value === 'string' && eid.value.length === 17, '17 characters', eid && eid.kind === 'data' ? eid.value : 'absent');
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/3',
      ref: 'DSMR-P2 §5.2, App. B1 template',
      requirement: 'An encrypted SND_NR ends with the clear frame-counter record 04 FD 08 + 4 bytes right after the encrypted blocks.',
      mutants: ['p2.fc.record-encrypted'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const { after } = parts(await keyedWindow(t, false));
        t.expectEqual('bytes after the encrypted blocks', hex(after.subarray(0, 3)), hex(Uint8Array.from(REC.frameCounter)));
        t.expectEqual('length of the clear part after the blocks', after.length, 7);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/4',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A command whose frame counter equals the last validated one is rejected.',
      mutants: ['p2.fc.accept-equal'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const first = t.radio.control(selection(0x0c), { fc: n + 1 });
        mustAckWl(t, await t.radio.transact(first), first, `selection with frame counter ${n + 1}`);
        const again = t.radio.control(selection(0x0d), { fc: n + 1 });
        expectRefusedWl(t, await t.radio.transact(again), again, `another selection with the same frame counter ${n + 1}`);
        t.expectEqual('version records after the equal-counter command', await versionsNow(t, 'RSP_UD'), [0x0c]);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/5',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'A command with a frame counter below the last validated one is rejected.',
      mutants: ['p2.fc.accept-lower'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const out = t.radio.control(selection(0x0c), { fc: n - 1 });
        expectRefusedWl(t, await t.radio.transact(out), out, `selection with frame counter ${n - 1} (last ${n})`);
        t.expectEqual('version records after the stale command', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/6',
      ref: 'DSMR-P2 §5.2 item 1',
      requirement: 'Any higher frame counter is accepted, gaps included, and becomes the counter the meter continues from.',
      mutants: ['p2.fc.require-plus-one'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const out = t.radio.control(selection(0x0c), { fc: n + 10 });
        expectAckWl(t, await t.radio.transact(out), out, `selection with frame counter ${n + 10} (last ${n})`);
        const rsp = await readWl(t);
        t.expectTrue('selection applied', versionsIn(appOf(t, rsp, 'RSP_UD')).includes(0x0c), 'FD 0C present', versionsIn(appOf(t, rsp, 'RSP_UD')));
        t.expectEqual('frame counter of the next RSP_UD', rsp.frameCounter, n + 11);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/7',
      ref: 'DSMR-P2 §5.2 (a counter is stored only after full validation)',
      requirement: 'A frame that fails validation does not move the stored counter: after a wrong-key frame with a high counter, a valid frame with last + 1 is accepted.',
      mutants: ['p2.fc.advance-before-validate'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const wrong = t.radio.control(selection(0x0c), { key: SECOND_USER_KEY, fc: n + 100 });
        expectRefusedWl(t, await t.radio.transact(wrong), wrong, 'wrong-key selection with a high counter');
        const valid = t.radio.control(selection(0x0d), { fc: n + 1 });
        expectAckWl(t, await t.radio.transact(valid), valid, `valid selection with frame counter ${n + 1}`);
        t.expectEqual('version records', await versionsNow(t, 'RSP_UD'), [0x0d]);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/8',
      ref: 'DSMR-P2 §5.2, Figure 4 (reconstructed, digest A22)',
      requirement: 'One counter serves both directions: after RSP_UD n and an accepted command n + 1, the next RSP_UD carries n + 2.',
      mutants: ['p2.fc.independent-counters'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const out = t.radio.control(selection(0x0c), { fc: n + 1 });
        mustAckWl(t, await t.radio.transact(out), out, `command with frame counter ${n + 1}`);
        t.expectEqual('frame counter of the next RSP_UD', (await readWl(t)).frameCounter, n + 2);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/9',
      ref: 'DSMR-P2 §5.2 (the sender increments by exactly one)',
      requirement: 'Consecutive encrypted frames of the meter (RSP_UD in a FAC, then the next SND_NR) carry frame counters that go up by exactly one.',
      mutants: ['p2.fc.increment-by-2', 'p2.fc.not-incremented'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const seen = [(await keyedFac(t)).frameCounter ?? -1];
        for (let i = 0; i < 2; i++) seen.push((await readWl(t)).frameCounter ?? -1);
        await t.radio.send(t.radio.sndNke().bytes);
        seen.push((await nextSndNr(t)).frameCounter ?? -1);
        for (let i = 1; i < seen.length; i++) t.expectEqual(`frame counter of encrypted frame ${i + 1} (after ${seen[i - 1]})`, seen[i], seen[i - 1]! + 1);
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/11',
      ref: 'DSMR-P2 §5.2 (unencrypted messages carry no frame counter), §4.4.2',
      requirement: 'A plain (method 0) SND_NR or RSP_UD carries no frame-counter record.',
      mutants: ['p2.fc.in-plain-frame'],
      applies: all(wireless, (d) => (!d.feature('p2.user-key', false) || rekeyable(d) === true ? true : 'keyed device without a known default key: no plain frames to look at')),
      appliesWhen: 'wireless device without a user key, or whose key can be set to zero',
      budgetMs: WL_BUDGET,
      async run(t) {
        let f = await window(t);
        if (t.radio.keys.user) {
          const out = t.radio.setKey(ZERO_KEY);
          expectAckWl(t, await t.radio.transact(out), out, 'set the user key to zero');
          t.radio.adoptKey(ZERO_KEY);
          f = await readWl(t);
        }
        if (f.mode !== 0) return t.inconclusive(`the ${f.c === WL_C.SND_NR ? 'SND_NR' : 'RSP_UD'} is not plain (method ${f.mode})`);
        t.expectEqual('frame-counter record in a plain frame', recordWithHead(appOf(t, f, 'plain frame'), REC.frameCounter) ? 'present' : 'absent', 'absent');
      },
    }),
    K({
      id: 'dsmr-p2/5.2-wl/12',
      ref: 'DSMR-P2 §5.2 (never reset during the meter\'s life), §7.2',
      requirement: 'The frame counter never restarts: after the end of a FAC, a battery change and a key change the next counter is above every earlier one.',
      mutants: ['p2.fc.reset-on-power', 'p2.fc.reset-on-key-change'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed (battery change: simulator bench; key change: default key known)',
      budgetMs: WL_BUDGET,
      async run(t) {
        let last = (await keyedFac(t)).frameCounter!;
        const after = (what: string, fc: number | undefined) => {
          t.expectTrue(`frame counter after ${what}`, (fc ?? -1) > last, `> ${last}`, fc ?? 'none');
          last = fc ?? last;
        };
        await t.radio.send(t.radio.sndNke().bytes);
        after('the end of the FAC (SND_NKE)', (await nextSndNr(t)).frameCounter);
        if (bench(t.dut) === true && t.bench) {
          await t.bench.powerCycle();
          after('a battery change', (await nextSndNr(t)).frameCounter);
        } else t.note('no battery change: needs the simulator bench');
        if (t.radio.keys.default) {
          await window(t);
          const out = t.radio.setKey(SECOND_USER_KEY);
          mustAckWl(t, await t.radio.transact(out), out, 'set new key');
          t.radio.adoptKey(SECOND_USER_KEY);
          after('a key change', (await readWl(t)).frameCounter);
        } else t.note('no key change: the default key is not known');
      },
    }),
  ],
});
