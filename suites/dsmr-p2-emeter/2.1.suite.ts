/** DSMR-P2 §2.1, §3.1.4 — the wired physical layer as the E-meter drives it. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { hex, polledAddress, waitTraffic, wiredPolled, type T } from './lib/ctx.ts';

const K = kase<P2EmeterContext>;

section({
  id: 'dsmr-p2/2.1',
  title: 'Wired connection (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/2.1/1',
      ref: 'DSMR-P2 §2.1 Table 1, §3.1.4 Table 3',
      requirement: 'The E-meter transmits at 2400 Bd with 8 data bits, even parity and 1 stop bit: every character it sends reaches a 2400 8E1 receiver intact.',
      mutants: ['p2.phy.odd-parity'],
      applies: wiredPolled,
      appliesWhen: 'wired E-meter that polls a device (bench, or addresses.primary of a physical one)',
      budgetMs: 70 * 60_000,
      async run(t: T) {
        polledAddress(t);
        await waitTraffic(t);
        const bad = t.slave.garbage.map((g) => hex(g.bytes)).join(' | ');
        t.expectTrue('characters received at 2400 8E1', t.slave.garbage.length === 0 && t.slave.received.length > 0, 'only well-formed frames', bad || 'nothing decodable');
      },
    }),
  ],
});
