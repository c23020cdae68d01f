/** DSMR-P2 §4.2 — common control elements in the E-meter's commands: long header, status byte, configuration word. */
import { kase, section } from '../../harness/runner/dsl.ts';
import type { Received } from '../../harness/roles/mbus-slave.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { bindMeter, dataOf, hex, keyMeter, sndUds, wiredP3, type T } from './lib/ctx.ts';
import { APP_B, CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

/** The E-meter's readout-list (CI 5Ah, header at 0) and clock (CI 6Ch, ACC at 8) commands after keying a meter. */
async function commands(t: T): Promise<{ r: Received; acc: number }[]> {
  const m = await bindMeter(t);
  await keyMeter(t, m);
  const list = [...sndUds(t, CI.CONTROL).map((r) => ({ r, acc: 0 })), ...sndUds(t, CI.CLOCK).map((r) => ({ r, acc: 8 }))];
  if (!sndUds(t, CI.CLOCK).length) t.inconclusive('the E-meter sent no clock synchronisation after the key transfer');
  return list;
}

section({
  id: 'dsmr-p2/4.2.1',
  title: 'Data headers (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.1/2',
      ref: 'DSMR-P2 §4.2.1, §4.2.2 (Short ID = ID, MAN, VER, DEV)',
      requirement: 'The long header of the E-meter\'s clock synchronisation carries the target\'s Short ID in the order ID (BCD, LSB first), MAN, VER, DEV.',
      mutants: ['p2.hdr.man-before-id'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const want = hex([...APP_B.idWire, ...APP_B.manufacturerWire, APP_B.identity.version, APP_B.identity.medium]);
        for (const { r } of (await commands(t)).filter((x) => x.acc === 8)) t.expectEqual('first 8 header bytes of CI 6Ch', hex(dataOf(r).subarray(0, 8)), want);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.5',
  title: 'Status byte (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.5/1',
      ref: 'DSMR-P2 §4.2.5',
      requirement: 'The status byte of every header the E-meter sends is 00h.',
      mutants: ['p2.hdr.status-nonzero'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        for (const { r, acc } of await commands(t)) t.expectEqual(`header status byte of CI ${hex([r.frame.format === 'long' ? r.frame.ci : 0])}h`, dataOf(r)[acc + 1], 0);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.6',
  title: 'Configuration word (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.6/1',
      ref: 'DSMR-P2 §4.2.6',
      requirement: 'In the E-meter\'s wired headers every configuration-word bit other than MMMM and NNNN is 0.',
      mutants: ['p2.cw.wired-extra-bits'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        for (const { r, acc } of await commands(t)) {
          const d = dataOf(r);
          const cw = d[acc + 2]! | (d[acc + 3]! << 8);
          t.expectEqual('configuration word bits outside MMMM/NNNN (CW & F00Fh)', (cw & 0xf00f).toString(16), '0');
        }
      },
    }),
    K({
      id: 'dsmr-p2/4.2.6/2',
      ref: 'DSMR-P2 §4.2.6, §5.1, App. B1.3 (CW 30 0F = 3 blocks, method 15)',
      requirement: 'The configuration word is sent low byte first: the first byte holds NNNN in its high nibble, the second the method 15 in its low nibble, and NNNN matches the encrypted length.',
      mutants: ['p2.cw.byte-swap'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        for (const { r, acc } of await commands(t)) {
          const d = dataOf(r);
          const [cw0, cw1] = [d[acc + 2]!, d[acc + 3]!];
          const blocks = (d.length - (acc + 4) - 7) / 16;
          t.expectEqual('second configuration-word byte (method in the low nibble)', hex([cw1]), '0F');
          t.expectEqual('first configuration-word byte (NNNN in the high nibble)', hex([cw0]), hex([blocks << 4]));
        }
      },
    }),
  ],
});
