/**
 * DSMR-P2 §6 on the radio — the readout list at the end of a FAC, and the factory key of a wireless meter.
 */
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, selection, versionsIn } from '../lib/ctx.ts';
import { METHOD } from '../lib/tables.ts';
import {
  HOUR, WL_BUDGET, appOf, framesUntilSndNr, installable, kindOf, mustAckWl, openFac, recordsReadable, window, wireless,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;

section({
  id: 'dsmr-p2/6.3.2-wl',
  title: 'Reset of the readout list (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3.2-wl/2',
      ref: 'DSMR-P2 §6.3.2, §4.4',
      requirement: 'When a FAC ends without SND_NKE (after its last transmission), the meter restores the default readout list: the next SND_NR carries no selected records.',
      mutants: ['p2.rol.persist-after-fac'],
      applies: all(wireless, recordsReadable),
      appliesWhen: 'wireless device whose records the tester can read',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const out = t.radio.control(selection(0x0c));
        mustAckWl(t, await t.radio.transact(out), out, 'version selection');
        const rest = await framesUntilSndNr(t);
        const nr = rest[rest.length - 1];
        if (!nr || nr.c !== WL_C.SND_NR) return t.inconclusive('no SND_NR after the FAC within 75 minutes');
        t.expectEqual('version records in the first SND_NR after the FAC', versionsIn(appOf(t, nr, 'SND_NR')), []);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.5.2-wl',
  title: 'Factory key of a wireless meter',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.5.2-wl/2',
      ref: 'DSMR-P2 §6.5.2, §4.4.7, §8.4.2.2 (delivered with or without a user key)',
      requirement: 'A meter delivered with a user key encrypts its SND_IR and SND_NR (method 15) from the start; one delivered without sends them plain.',
      mutants: ['p2.factory.keyed-but-plain'],
      applies: all(wireless, installable, (d) => (typeof d.feature('p2.factory-user-key') === 'boolean' ? true : 'the profile does not declare whether the meter came with a user key (p2.factory-user-key)')),
      appliesWhen: 'wireless device as delivered, whose profile declares p2.factory-user-key',
      budgetMs: WL_BUDGET,
      async run(t) {
        if (!t.dut.has('p2.factory-state')) t.bench!.pressButton();
        const keyed = t.dut.has('p2.factory-user-key');
        const want = keyed ? METHOD.AES : METHOD.NONE;
        const ir = await t.radio.until((f) => f.linkOk && f.c === WL_C.SND_IR, 2 * HOUR);
        if (!ir) return t.inconclusive('no SND_IR within 2 h');
        t.expectEqual(`encryption method of the SND_IR (${keyed ? 'delivered with' : 'delivered without'} a user key)`, ir.mode, want);
        const nr = await window(t);
        t.expectEqual(`encryption method of the first ${kindOf(nr)}`, nr.mode, want);
      },
    }),
  ],
});
