/** DSMR-P2 §3.1 — the wired link layer: the E-meter's frames, and what it does with corrupted or long answers. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { baseline, bindMeter, capture, expectRefusedReading, hex, keyMeter, polledAddress, sndUds, volume, waitTraffic, wiredP3, wiredPolled, type T, installAndKey } from './lib/ctx.ts';
import { CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

section({
  id: 'dsmr-p2/3.1',
  title: 'Wired link layer (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1/1',
      ref: 'DSMR-P2 §3.1 Table 2 [EN 13757-2 FT1.2], §5.2',
      requirement: 'The E-meter\'s long frames are 68 L L 68 C A CI … CS 16 with L = the bytes from C to the last data byte (frame-counter record included) and CS their sum modulo 256.',
      mutants: ['p2.link.l-excludes-fc-record'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        const bad = t.slave.garbage.map((g) => hex(g.bytes));
        t.expectEqual('E-meter bytes that are no valid frame (wrong L, CS or stop byte)', bad, []);
        const long = sndUds(t);
        if (!long.some((r) => r.frame.format === 'long' && (r.frame.ci === CI.CONTROL || r.frame.ci === CI.CLOCK))) t.inconclusive('no encrypted command seen');
        for (const r of long) {
          const l = r.raw[1]!;
          let cs = 0;
          for (let i = 4; i < r.raw.length - 2; i++) cs = (cs + r.raw[i]!) & 0xff;
          t.expectEqual('L of an E-meter long frame', l, r.raw.length - 6);
          t.expectEqual('CS of an E-meter long frame', r.raw[r.raw.length - 2], cs);
        }
      },
    }),
    K({
      id: 'dsmr-p2/3.1/2',
      ref: 'DSMR-P2 §3.1, §4.3.1, §4.3.2',
      requirement: 'The E-meter\'s short frames are 10 C A CS 16 with CS = C + A modulo 256.',
      mutants: ['p2.link.short-cs-wrong'],
      applies: wiredPolled,
      appliesWhen: 'wired E-meter that polls a device (bench, or addresses.primary of a physical one)',
      budgetMs: 70 * 60_000,
      async run(t: T) {
        polledAddress(t);
        await waitTraffic(t);
        const bad = t.slave.garbage.map((g) => hex(g.bytes));
        const shorts = t.slave.received.filter((r) => r.frame.format === 'short');
        t.expectEqual('E-meter bytes that are no valid frame', bad, []);
        for (const r of shorts) t.expectEqual('CS of a short frame', r.raw[3], (r.raw[1]! + r.raw[2]!) & 0xff);
      },
    }),
    K({
      id: 'dsmr-p2/3.1/4',
      ref: 'DSMR-P2 §3.1 [EN 60870-5-1], §5.2 item 2',
      requirement: 'A RSP_UD with a wrong checksum is discarded: its reading never reaches P3.',
      mutants: ['p2.master.accept-bad-cs'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await baseline(t, m, 4000);
        await expectRefusedReading(t, m, 4000, 4001, { badChecksum: true }, 'a RSP_UD with a wrong checksum');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.1',
  title: 'Length field (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.1/2',
      ref: 'DSMR-P2 §3.1.1 (telegrams up to 255 bytes)',
      requirement: 'The E-meter takes over a RSP_UD of maximum length (L = 255).',
      mutants: ['p2.master.max-length-overflow'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        m.volumeLitres = 4321;
        await capture(t, m, { padToL: 255 });
        const sent = m.sent[m.sent.length - 1]!;
        if (sent[1] !== 255) t.inconclusive(`tester defect: the padded RSP_UD has L = ${sent[1]}`);
        t.expectEqual('P3 volume after a RSP_UD with L = 255', volume(t), 4321);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.1.3',
  title: 'Address field (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.1.3/3',
      ref: 'DSMR-P2 §3.1.3, §8.3.1',
      requirement: 'Through scan, binding, keying and polling the E-meter only addresses 0–250 and never uses secondary addressing (A = FDh, CI 52h).',
      mutants: ['p2.master.uses-secondary'],
      applies: wiredP3,
      appliesWhen,
      budgetMs: 3 * 3_600_000,
      async run(t: T) {
        await installAndKey(t);
        await t.clock.sleep(2 * 3_600_000);
        const wrong = t.slave.received.filter((r) => r.frame.format !== 'single' && (r.frame.a > 250 || ('ci' in r.frame && r.frame.ci === CI.SELECT)));
        t.expectEqual('frames to an address above 250 or with CI 52h', wrong.map((r) => hex(r.raw)), []);
      },
    }),
  ],
});
