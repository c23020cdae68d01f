/** DSMR-P2 §7.2 — power outage: configuration, keys and counters survive. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { all, bench, ensureKeyed, keyable, mustAck, read, startAddress, wired } from './lib/ctx.ts';
import { METHOD } from './lib/tables.ts';

section({
  id: 'dsmr-p2/7.2',
  title: 'Power outage',
  family: p2GasFamily,
  cases: [
    kase<P2GasContext>({
      id: 'dsmr-p2/7.2/1',
      ref: 'DSMR-P2 §7.2, §5.2',
      requirement: 'After a bus power cycle the device keeps its primary address, its user key and its frame counter.',
      mutants: ['p2.nv.lose-key'],
      applies: all(wired, keyable, bench),
      appliesWhen: 'simulated wired device (bus power switched by the bench)',
      async run(t) {
        let a = startAddress(t);
        if (a === 0 && !t.master.keys.user) {
          mustAck(t, await t.master.setAddress(0, 7), 'set address 0 → 7');
          a = 7;
        }
        const n = (await ensureKeyed(t, a)).frameCounter!;
        await t.bench!.powerCycle();
        const { reply, rsp } = await t.master.reqUd2(a);
        t.expectTrue(`answer at address ${a} after the power cycle`, !!rsp, 'RSP_UD', reply.kind);
        t.expectTrue('RSP_UD still encrypted with the user key', rsp!.mode === METHOD.AES && rsp!.readable, 'method 15, decrypting', `method ${rsp!.mode}${rsp!.readable ? '' : ', not decrypting'}`);
        t.expectTrue('frame counter after the power cycle', (rsp!.frameCounter ?? -1) > n, `> ${n}`, rsp!.frameCounter);
        await read(t, a);
      },
    }),
  ],
});
