/** DSMR-P2 §6.4 — data blocks: the E-meter processes plain data while no key is set. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bench, capture, meter, volume, wiredP3, type T } from './lib/ctx.ts';

const K = kase<P2EmeterContext>;

section({
  id: 'dsmr-p2/6.4',
  title: 'Variable data blocks (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4/1',
      ref: 'DSMR-P2 §6.4, §6.5.2 (wired devices start without user key)',
      requirement: 'While it holds no user key for the device the E-meter takes plain meter data over (P3 shows the reading).',
      mutants: ['p2.master.drop-plain-data'],
      applies: wiredP3,
      appliesWhen: 'wired E-meter with P3 access (simulator bench)',
      async run(t: T) {
        const m = meter(t, { volumeLitres: 392 });
        bench(t).registerDevice(1, m.address);
        await capture(t, m);
        t.expectEqual('P3 volume after a plain reading', volume(t), 392);
      },
    }),
  ],
});
