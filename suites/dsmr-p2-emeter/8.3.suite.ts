/** DSMR-P2 §8.3 — wired installation: installation-mode scanning, the four-device limit, slave_install(). */
import { kase, section } from '../../harness/runner/dsl.ts';
import type { Received } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bench, meter, wiredP3, type T } from './lib/ctx.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench; the cover is a fixture on a real meter)';
const MIN = 60_000;

/** Addresses the E-meter probed (SND_NKE or REQ_UD2) in [from, to). */
function probed(t: T, from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (const r of t.slave.received) {
    if (r.t < from || r.t >= to || r.frame.format !== 'short') continue;
    const c = r.frame.c & 0xdf;
    if (c === 0x40 || c === 0x5b) out.add(r.frame.a);
  }
  return out;
}
const missing = (s: Set<number>, except: number[] = []): number[] => Array.from({ length: 251 }, (_, a) => a).filter((a) => !s.has(a) && !except.includes(a));
const idOf = (n: number) => ({ id: String(11111111 * n).padStart(8, '0'), manufacturer: 'NET', version: 0x42, medium: 3 });

section({
  id: 'dsmr-p2/8.3.1',
  title: 'Scan for new M-Bus devices (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.3.1/2',
      ref: 'DSMR-P2 §8.1, §8.3.1',
      requirement: 'In installation mode the E-meter probes address 0 and every unused address 1–250 at least once a minute, and stops scanning when the M-Bus cover is replaced.',
      mutants: ['p2.scan.skips-addresses', 'p2.scan.cover-close-ignored'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 30 * MIN,
      async run(t: T) {
        const b = bench(t);
        const t0 = t.clock.now();
        b.openCover();
        await t.clock.sleep(2 * MIN);
        for (const w of [0, 1]) t.expectEqual(`addresses not probed in minute ${w + 1} of installation mode`, missing(probed(t, t0 + w * MIN, t0 + (w + 1) * MIN)), []);
        b.closeCover();
        const closed = t.clock.now();
        await t.clock.sleep(4 * MIN);
        // A scan cycle under way may finish; none may start a minute or more after the cover is back.
        t.expectEqual('addresses probed from 1 to 4 min after the cover was replaced', [...probed(t, closed + MIN, closed + 4 * MIN)].length, 0);
      },
    }),
    K({
      id: 'dsmr-p2/8.3.1/3',
      ref: 'DSMR-P2 §1.2, §2.1 Table 1, §8.3.1',
      requirement: 'The E-meter binds at most four M-Bus devices.',
      mutants: ['p2.scan.fifth-device'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 3 * 3_600_000,
      async run(t: T) {
        for (let a = 1; a <= 5; a++) meter(t, { address: a, identity: idOf(a) });
        const t0 = t.clock.now();
        bench(t).installDevice();
        await t.clock.sleep(2 * 3_600_000);
        const read = new Set(t.slave.received.filter((r: Received) => r.t >= t0 && r.frame.format === 'short' && (r.frame.c & 0xdf) === 0x5b).map((r) => (r.frame as { a: number }).a));
        if (read.size < 4) t.inconclusive(`the E-meter read only ${read.size} of the five devices`);
        t.expectEqual('devices the E-meter reads', read.size, 4);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/8.3.1.2',
  title: 'Remote wired binding with slave_install() (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.3.1.2/1',
      ref: 'DSMR-P2 §8.3.1.2 assumptions',
      requirement: 'slave_install() makes one scan cycle over address 0 and the unused addresses 1–250, not an hour of scanning.',
      mutants: ['p2.scan.slave-install-hour'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 30 * MIN,
      async run(t: T) {
        const t0 = t.clock.now();
        bench(t).installDevice();
        await t.clock.sleep(5 * MIN);
        const zero = t.slave.received.filter((r) => r.t >= t0 && r.frame.format === 'short' && (r.frame.c & 0xdf) === 0x40 && r.frame.a === 0).length;
        t.expectEqual('addresses not probed by the scan cycle', missing(probed(t, t0, t0 + 5 * MIN)), []);
        t.expectEqual('probes of address 0 in 5 min after slave_install()', zero, 1);
      },
    }),
  ],
});
