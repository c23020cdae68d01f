/** DSMR-P2 §8.1 — general installation procedure: keys before the readout-list change and the clock. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { isSndUd } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bindMeter, keyMeter, wiredP3, type T } from './lib/ctx.ts';
import { CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;

section({
  id: 'dsmr-p2/8.1',
  title: 'General installation procedures (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.1/1',
      ref: 'DSMR-P2 §8.1, §8.3.1.1 assumptions, §8.4.2.2 steps 9–11',
      requirement: 'After binding, the E-meter sends the user key before it changes the readout list or sets the device clock.',
      mutants: ['p2.master.rol-before-key'],
      applies: wiredP3,
      appliesWhen: 'wired E-meter with P3 access (simulator bench)',
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const rx = t.slave.received;
        const key = rx.findIndex((r) => isSndUd(r, CI.UNENCRYPTED, m.address));
        const first = rx.findIndex((r) => isSndUd(r, CI.CONTROL, m.address) || isSndUd(r, CI.CLOCK, m.address));
        if (first < 0) t.inconclusive('the E-meter neither changed the readout list nor set the clock after binding and keying');
        t.expectTrue('order of set-key and the first readout-list / clock command', key >= 0 && key < first, 'set-key first', `set-key at frame ${key}, first readout-list/clock command at frame ${first}`);
      },
    }),
  ],
});
