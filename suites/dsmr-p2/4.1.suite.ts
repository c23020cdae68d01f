/** DSMR-P2 §4.1 — allowed control elements: the wired message table (Table 5) and rejection of everything else. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  ensureIdentity, expectAck, expectRefused, expectSilent, read, readRecords, said, selection, startAddress, versionsIn, wired, h2,
} from './lib/ctx.ts';
import { C, CI, REC, UNLISTED_CI } from './lib/tables.ts';

const K = kase<P2GasContext>;

section({
  id: 'dsmr-p2/4.1',
  title: 'Allowed control elements (Table 5)',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.1/1',
      ref: 'DSMR-P2 §4.1 Table 5',
      requirement: 'Each wired request gets exactly the answer Table 5 names: SND_NKE → E5h, REQ_UD2 → RSP_UD (08h/72h), SND_UD with CI 5Ah, 6Ch or 51h → E5h.',
      mutants: ['p2.ctl.wired-wrong-response'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        let a = startAddress(t);
        expectAck(t, await t.master.sndNke(a), 'SND_NKE');
        const { reply, rsp } = await t.master.reqUd2(a);
        t.expectTrue('answer to REQ_UD2', !!rsp && rsp.c === C.RSP_UD && rsp.ci === CI.RSP_UD, 'RSP_UD (C 08h, CI 72h)', said(reply));
        expectAck(t, await t.master.sendControl(a, Uint8Array.from(REC.clearStatus)), 'SND_UD CI 5Ah (clear status)');
        expectAck(t, await t.master.setTime(a, new Date(t.clock.now())), 'SND_UD CI 6Ch (clock synchronisation)');
        if (!t.master.keys.user) {
          const to = a === 17 ? 18 : 17;
          expectAck(t, await t.master.setAddress(a, to), 'SND_UD CI 51h (set address)');
          a = to;
          await read(t, a);
        } else if (t.master.keys.default) {
          expectAck(t, await t.master.installKey(a, t.master.keys.user), 'SND_UD CI 51h (set new key)');
        } else {
          t.note('CI 51h not tried: with a user key only set-new-key is allowed and the default key is not known');
        }
      },
    }),
    K({
      id: 'dsmr-p2/4.1/2',
      ref: 'DSMR-P2 §4.1 (C/CI combinations not in Table 5 are rejected); digest A11',
      requirement: 'A SND_UD with a CI Table 5 does not list (e.g. 50h, 52h, 55h, 5Bh, 72h) is not processed: the address and readout list stay as they were.',
      mutants: ['p2.ctl.accept-unlisted-ci', 'p2.ctl.ack-on-rejected'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        const target = a === 9 ? 10 : 9;
        for (const ci of UNLISTED_CI) {
          expectRefused(t, await t.master.sndUd(a, ci, Uint8Array.of(0x01, 0x7a, target)), `set-address records under CI ${h2(ci)}h`);
          expectRefused(t, await t.master.sndUd(a, ci, selection(0x0c)), `selection records under CI ${h2(ci)}h`);
        }
        expectSilent(t, (await t.master.reqUd2(target)).reply, `REQ_UD2 at ${target} after the unlisted CIs`);
        const rsp = await readRecords(t, a);
        t.expectEqual('version records after the unlisted CIs', versionsIn(rsp), []);
      },
    }),
  ],
});
