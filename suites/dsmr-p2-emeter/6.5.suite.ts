/** DSMR-P2 §6.5 — key management as the E-meter does it: the set-key telegram and the keyed acceptance rule. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { baseline, bindMeter, expectRefusedReading, hex, keyMeter, wiredP3, type T, setKeyTelegram } from './lib/ctx.ts';
import { APP_B } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

section({
  id: 'dsmr-p2/6.5',
  title: 'Key management (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.5/3',
      ref: 'DSMR-P2 §6.5.1, App. B1.1 (DIF 47h, checksum 8Eh: digest A3)',
      requirement: 'The E-meter sends the key it received through transfer_key unencrypted with CI 51h: the 16 wrapped bytes reversed, as 07 FD 19 + low half and 47 FD 19 + high half.',
      mutants: ['p2.master.key-halves-swapped'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const r = await setKeyTelegram(t);
        t.expectEqual('set-key telegram (App. B1.1 keys, address 01)', hex(r.raw), hex(APP_B.setKeyFrame));
      },
    }),
    K({
      id: 'dsmr-p2/6.5/7',
      ref: 'DSMR-P2 §6.5',
      requirement: 'Once the device has a user key the E-meter ignores plain meter data from it: the reading never reaches P3.',
      mutants: ['p2.master.accept-plain-when-keyed'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        await baseline(t, m, 6100);
        await expectRefusedReading(t, m, 6100, 6101, { mode: 0 }, 'a plain reading from the keyed device');
      },
    }),
  ],
});
