/** DSMR-P2 §4.1 — allowed control elements (wired, Table 5), E-meter side. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { baseline, bench, expectRefusedReading, hex, wiredP3, bindMeter, type T, installAndKey } from './lib/ctx.ts';
import { LISTED_SHORT_C, LISTED_SND_UD_CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

section({
  id: 'dsmr-p2/4.1',
  title: 'Allowed control elements (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.1/4',
      ref: 'DSMR-P2 §4.1, Table 5',
      requirement: 'Through installation, keying, clock synchronisation and polling the E-meter sends only the C/CI combinations of Table 5.',
      mutants: ['p2.master.unlisted-ci'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 3 * 3_600_000,
      async run(t: T) {
        await installAndKey(t);
        bench(t).synchronizeClock(1);
        await t.clock.sleep(2 * 3_600_000);
        const unlisted = t.slave.received.filter((r) => {
          const f = r.frame;
          if (f.format === 'single') return true;
          if (f.format === 'short') return !(LISTED_SHORT_C as readonly number[]).includes(f.c);
          return !((f.c & 0xdf) === 0x53 && (LISTED_SND_UD_CI as readonly number[]).includes(f.ci));
        });
        t.expectEqual('E-meter frames with a C/CI combination Table 5 does not list', unlisted.map((r) => hex(r.raw)), []);
      },
    }),
    K({
      id: 'dsmr-p2/4.1/5',
      ref: 'DSMR-P2 §4.1 (other combinations are rejected), Table 5',
      requirement: 'A meter-data answer under a CI other than 72h (7Ah short header, 78h no header) is not processed: its reading never reaches P3.',
      mutants: ['p2.master.accept-unlisted-ci'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await baseline(t, m, 3000);
        await expectRefusedReading(t, m, 3000, 3001, { ci: 0x7a }, 'a RSP_UD with CI 7Ah');
        await expectRefusedReading(t, m, 3000, 3002, { ci: 0x78 }, 'a RSP_UD with CI 78h');
      },
    }),
  ],
});
