/** DSMR-P2 §5, §5.1 — encryption method and the encrypted part, as the E-meter sends and receives them. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p2EmeterFamily, type P2EmeterContext } from '../../harness/roles/p2-emeter-family.ts';
import { baseline, bindMeter, capture, expectRefusedReading, hex, keyMeter, openCommand, should, sndUds, volume, wiredP3, type T } from './lib/ctx.ts';
import { APP_B, CI } from './lib/tables.ts';

const K = kase<P2EmeterContext>;
const appliesWhen = 'wired E-meter with P3 access (simulator bench)';

async function keyed(t: T) {
  const m = await bindMeter(t);
  await keyMeter(t, m);
  await baseline(t, m, 5000);
  return m;
}

/** The E-meter's commands after keying, opened with the App. B user key. */
function keyedCommands(t: T) {
  const cmds = [...sndUds(t, CI.CONTROL).map((r) => openCommand(r, 4, APP_B.identity)), ...sndUds(t, CI.CLOCK).map((r) => openCommand(r, 12, APP_B.identity))];
  if (!cmds.length) t.inconclusive('the E-meter sent no readout-list or clock command after the key transfer');
  return cmds;
}

section({
  id: 'dsmr-p2/5',
  title: 'Encryption layer (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/5/1',
      ref: 'DSMR-P2 §5, §1.2',
      requirement: 'Once the device has a user key, every E-meter command with application data is encrypted with method 15.',
      mutants: ['p2.enc.plain-when-keyed'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        for (const c of keyedCommands(t)) t.expectEqual('encryption method of an E-meter command after keying', c.mode, 15);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/5.1',
  title: 'Configuration word and encrypted part (E-meter)',
  family: p2EmeterFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.1/1',
      ref: 'DSMR-P2 §5.1 (methods 0 and 15 only)',
      requirement: 'A RSP_UD encrypted with method 5 (EN 13757-3 access-number IV) is refused.',
      mutants: ['p2.enc.accept-mode5'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        await expectRefusedReading(t, m, 5000, 5001, { mode: 5 }, 'a method-5 reading');
      },
    }),
    K({
      id: 'dsmr-p2/5.1/2',
      ref: 'DSMR-P2 §5.1, §5.2 item 3',
      requirement: 'A RSP_UD whose decrypted data do not start with the check bytes 2F 2F is refused.',
      mutants: ['p2.enc.skip-2f2f-check'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        await expectRefusedReading(t, m, 5000, 5001, { noCheckBytes: true }, 'a reading without the 2F 2F check bytes');
      },
    }),
    K({
      id: 'dsmr-p2/5.1/3',
      ref: 'DSMR-P2 §5.1 (CW NNNN = number of encrypted blocks)',
      requirement: 'A RSP_UD whose configuration word declares fewer encrypted blocks than it carries (no counter record after them) is refused.',
      mutants: ['p2.enc.trust-nnnn'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        await expectRefusedReading(t, m, 5000, 5001, { blocks: 1 }, 'a reading declaring 1 block for 3');
      },
    }),
    K({
      id: 'dsmr-p2/5.1/4',
      ref: 'DSMR-P2 §5.1',
      requirement: 'The E-meter fills the last encrypted block of its commands with 2Fh and leaves at least two trailing fillers.',
      mutants: ['p2.enc.no-trailing-filler'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await bindMeter(t);
        await keyMeter(t, m);
        for (const c of keyedCommands(t).filter((x) => x.mode === 15)) {
          t.expectEqual('last two bytes of the decrypted command', hex(c.plain.subarray(c.plain.length - 2)), '2F 2F');
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.1/5',
      ref: 'DSMR-P2 §5.1 (both sides check the filler; digest A19: strict)',
      requirement: 'A RSP_UD whose encrypted part ends without two 2Fh fillers is refused (a recommendation by default, required with a strict profile).',
      mutants: ['p2.enc.skip-trailing-check'],
      applies: wiredP3,
      appliesWhen,
      async run(t: T) {
        const m = await keyed(t);
        m.volumeLitres = 5001;
        m.plans.push({ noTrailingFillers: true });
        await capture(t, m);
        should(t, volume(t) === 5000, 'P3 volume after a reading without trailing fillers', 5000, volume(t));
      },
    }),
  ],
});
