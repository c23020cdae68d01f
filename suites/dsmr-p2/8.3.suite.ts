/** DSMR-P2 §8.3 — wired installation: the unconfigured address 0 and the E-meter's scan. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { all, expectAck, factory, said, startAddress, wired } from './lib/ctx.ts';
import { MAX_PRIMARY } from './lib/tables.ts';

const K = kase<P2GasContext>;

section({
  id: 'dsmr-p2/8.3.1',
  title: 'Scan for new M-Bus devices',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.3.1/1',
      ref: 'DSMR-P2 §8.3.1 [EN 13757-2 §5.7.5], §4.3.1',
      requirement: 'An unconfigured device answers at address 0: E5h to SND_NKE and a RSP_UD with A = 0 to REQ_UD2.',
      mutants: ['p2.addr0.no-answer'],
      applies: all(wired, factory),
      appliesWhen: 'wired device as delivered (address 0)',
      async run(t) {
        expectAck(t, await t.master.sndNke(0), 'SND_NKE at address 0');
        const { reply, rsp } = await t.master.reqUd2(0);
        t.expectTrue('answer to REQ_UD2 at address 0', !!rsp && rsp.a === 0, 'RSP_UD with A = 0', said(reply));
      },
    }),
    K({
      id: 'dsmr-p2/8.3.1/4',
      ref: 'DSMR-P2 §8.3.1 (scan of 0 and 1–250), §3.1.3',
      requirement: 'An E-meter scan with SND_NKE over addresses 0–250 finds the device exactly once, at its own address.',
      mutants: ['p2.scan.answer-any-address'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      budgetMs: 30 * 60_000,
      async run(t) {
        const all0to250 = Array.from({ length: MAX_PRIMARY + 1 }, (_, i) => i);
        const found = await t.master.scan(all0to250);
        t.expectEqual('addresses answering the scan', found.length > 8 ? `${found.length} addresses: ${found.slice(0, 8).join(', ')}, …` : found, [startAddress(t)]);
        if (found[0] !== 0 || t.master.keys.user) return;
        // Found unconfigured: the E-meter gives it a free address (DSMR-P2 §8.3.1, §6.2.2) and finds it there.
        const given = await t.master.assignAddress();
        t.expectTrue('address assignment of the unconfigured device', given !== null, 'answers at a new address in 1–250', given);
        t.expectEqual('addresses answering a second scan', await t.master.scan(all0to250), [given]);
      },
    }),
  ],
});
