/**
 * DSMR-P2 §3.2.5 — wireless timing: installation requests, the hourly SND_NR (window, randomisation,
 * sync bit, access number), limited access, and the receive window that opens a FAC.
 *
 * Tolerances (ours; DSMR-P2 gives none): installation spacing 60 s ± 2 s in the first hour and
 * 3600 s ± 60 s after it; SND_NR arrival within [hh:00:00 − 2 s, hh:10:00 + 2 s] of the hour its time
 * stamp names (2 s for the tester/device clock difference after a clock synchronisation); randomised =
 * offsets into the hour spread over at least 10 s across 24 transmissions (the EN 13757-4 synchronous
 * deviation changes by about 1.8 s per access number, so 24 consecutive transmissions spread 20 s or more).
 */
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C, type WlFrame } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, iso, stampOf } from '../lib/ctx.ts';
import {
  HOUR, MINUTE, SND_NR_WAIT, WL_BUDGET, accOf, appOf, cwOf, expectRsp, installable, kindOf, markBound, mustAckWl, recordsReadable, said, sampleFrames, window, wireless, type W,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const SECOND = 1000;
const S_BIT = 0x2000;
/** SND_NR transmissions observed for the window and randomisation cases. */
const HOURS_OBSERVED = 24;

/** Put the meter in installation mode: it starts there (profile), or the simulator's push-button. */
function installationMode(t: W): void {
  if (!t.dut.has('p2.factory-state')) t.bench!.pressButton();
}

/** Synchronise the device clock to the tester's (encrypted when a user key is known), then `n` SND_NR with their arrival and time stamp. */
async function hourly(t: W, n: number): Promise<{ f: WlFrame; at: number; stamp: number }[]> {
  await window(t);
  const out = t.radio.clockSync(new Date(t.clock.now()));
  mustAckWl(t, await t.radio.transact(out), out, 'clock synchronisation (precondition)');
  await t.radio.send(t.radio.sndNke().bytes);
  const seen: { f: WlFrame; at: number; stamp: number }[] = [];
  while (seen.length < n) {
    const f = await t.radio.until((x) => x.linkOk && x.c === WL_C.SND_NR, SND_NR_WAIT);
    if (!f) t.fail(`SND_NR number ${seen.length + 1} of ${n}`, 'one within 75 minutes of the previous', 'none');
    const stamp = stampOf(appOf(t, f, 'SND_NR'));
    if (stamp === null) t.fail(`time stamp record (46 6D) of SND_NR ${seen.length + 1}`, 'present', 'absent');
    seen.push({ f, at: f.t, stamp });
  }
  return seen;
}


section({
  id: 'dsmr-p2/3.2.5',
  title: 'Wireless timing',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.5/1',
      ref: 'DSMR-P2 §3.2.5, §8.4.2.2 step 4, §8.4.2.3 step 4',
      requirement: 'In installation mode without a CNF_IR the meter sends SND_IR every minute for 60 minutes, then once an hour.',
      mutants: ['p2.inst.no-hourly-fallback', 'p2.inst.wrong-cadence'],
      applies: all(wireless, installable),
      appliesWhen: 'wireless device in installation mode (or the simulator\'s push-button)',
      budgetMs: 4 * HOUR,
      async run(t) {
        installationMode(t);
        const frames = (await t.radio.listen(3 * HOUR + 5 * MINUTE)).filter((f) => f.linkOk && f.c === WL_C.SND_IR);
        t.note(`${frames.length} SND_IR in 3 h 5 min`);
        if (frames.length < 2) t.inconclusive('fewer than two SND_IR in 3 hours: is the meter in installation mode?');
        const fast = Math.min(frames.length - 1, 59);
        for (let i = 1; i <= fast; i++) {
          const gap = frames[i]!.t - frames[i - 1]!.t;
          t.expectTrue(`gap before SND_IR ${i + 1}`, Math.abs(gap - MINUTE) <= 2 * SECOND, '60 s ± 2 s', `${gap / 1000} s`);
        }
        t.expectTrue('SND_IR after the first hour of installation mode', frames.length >= 62, 'at least 62 in 3 h 5 min (60 + hourly)', frames.length);
        for (let i = 60; i < frames.length; i++) {
          const gap = frames[i]!.t - frames[i - 1]!.t;
          t.expectTrue(`gap before SND_IR ${i + 1} (after the first hour)`, Math.abs(gap - HOUR) <= MINUTE, '3600 s ± 60 s', `${gap / 1000} s`);
        }
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/2',
      ref: 'DSMR-P2 §3.2.5, §8.2, §8.4.2.2 steps 6–8',
      requirement: 'After a CNF_IR naming it, the meter stops sending SND_IR and sends hourly SND_NR (customer mode).',
      mutants: ['p2.inst.ignore-cnf-ir'],
      applies: all(wireless, installable),
      appliesWhen: 'wireless device in installation mode (or the simulator\'s push-button)',
      budgetMs: WL_BUDGET,
      async run(t) {
        installationMode(t);
        const ir = await t.radio.until((f) => f.linkOk && f.c === WL_C.SND_IR, 2 * HOUR);
        if (!ir) return t.inconclusive('no SND_IR within 2 h');
        await t.radio.send(t.radio.cnfIr(ir).bytes);
        markBound(t);
        const after = await t.radio.listen(2 * HOUR + 30 * MINUTE);
        t.expectEqual('SND_IR after the CNF_IR', after.filter((f) => f.c === WL_C.SND_IR).length, 0);
        t.expectTrue('SND_NR in the 2.5 h after the CNF_IR', after.filter((f) => f.c === WL_C.SND_NR).length >= 2, 'at least 2', after.map(kindOf));
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/3',
      ref: 'DSMR-P2 §3.2.5 (DSMR main M4.5.7 via §3.2.5), §4.4 (average period T_nom)',
      requirement: 'Exactly one SND_NR per hour of the device clock, inside the first 10 minutes after the whole hour, carrying the value of that new hour.',
      mutants: ['p2.sched.outside-window', 'p2.sched.stale-value'],
      applies: all(wireless, recordsReadable),
      appliesWhen: 'wireless device whose records the tester can read',
      budgetMs: (HOURS_OBSERVED + 4) * HOUR,
      async run(t) {
        const seen = await hourly(t, HOURS_OBSERVED);
        for (const [i, s] of seen.entries()) {
          const into = s.at - s.stamp;
          t.expectTrue(`SND_NR ${i + 1} (time stamp ${iso(s.stamp)}) arrival after its hour`, into >= -2 * SECOND && into <= 10 * MINUTE + 2 * SECOND,
            'within 0 … 10 min (± 2 s)', `${(into / 1000).toFixed(1)} s`);
          if (!i) continue;
          t.expectEqual(`time stamp of SND_NR ${i + 1}`, iso(s.stamp), iso(seen[i - 1]!.stamp + HOUR));
          // Interval bounds that follow from the window: T_nom 3600 s ± 10 min (± the 2 s clock tolerance).
          const gap = s.at - seen[i - 1]!.at;
          t.expectTrue(`interval before SND_NR ${i + 1}`, Math.abs(gap - HOUR) <= 10 * MINUTE + 2 * SECOND, '3600 s ± 602 s', `${(gap / 1000).toFixed(1)} s`);
        }
        t.note(`offsets into the hour: ${seen.map((s) => Math.round((s.at - s.stamp) / 1000)).join(', ')} s`);
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/4',
      ref: 'DSMR-P2 §3.2.5, §4.2.6',
      requirement: 'Every SND_NR has the synchronous bit S (configuration word bit 13) set.',
      mutants: ['p2.cw.sync-bit-clear'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        for (let i = 0; i < 3; i++) {
          const f = await window(t);
          const cw = cwOf(f);
          t.expectTrue(`S bit of SND_NR ${i + 1}`, cw !== null && (cw & S_BIT) !== 0, 'set', cw === null ? 'no header' : `CW ${cw.toString(16).padStart(4, '0')}h`);
        }
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/5',
      ref: 'DSMR-P2 §3.2.5, §4.2.4 [EN 13757-3 §5.9, EN 13757-4]',
      requirement: 'The access number of successive SND_NR goes up by one, modulo 256 (observed over 258 transmissions, so across a wrap).',
      mutants: ['p2.acc.frozen-snr'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device (258 hours of SND_NR: long against a real meter)',
      budgetMs: 262 * HOUR,
      async run(t) {
        const accs: number[] = [accOf(await window(t)) ?? -1];
        while (accs.length < 258) {
          const f = await t.radio.until((x) => x.linkOk && x.c === WL_C.SND_NR, SND_NR_WAIT);
          if (!f) return t.fail(`SND_NR number ${accs.length + 1}`, 'one within 75 minutes of the previous', 'none');
          accs.push(accOf(f) ?? -1);
          const [a, b] = [accs[accs.length - 2]!, accs[accs.length - 1]!];
          if (b !== ((a + 1) & 0xff)) t.fail(`access number of SND_NR ${accs.length} (after ${a})`, (a + 1) & 0xff, b);
        }
        t.note(`access numbers ${accs[0]} … ${accs[accs.length - 1]}`);
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/6',
      ref: 'DSMR-P2 §3.2.5 (limited access), §4.2.6',
      requirement: 'Every frame of the meter declares limited access: configuration word B (bit 15) = 1 and A (bit 14) = 0.',
      mutants: ['p2.cw.unlimited-access'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await sampleFrames(t, (f) => {
          const cw = cwOf(f);
          t.expectTrue(`B and A bits of the ${kindOf(f)}`, cw !== null && (cw & 0xc000) === 0x8000, 'B = 1, A = 0', cw === null ? 'no header' : `CW ${cw.toString(16).padStart(4, '0')}h`);
        });
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/8',
      ref: 'DSMR-P2 §2.2, §3.2.5, §4.4 [EN 13757-4 t_RO]',
      requirement: 'After a SND_NR the meter listens briefly: a valid REQ_UD2 sent right away (about 2 ms later) starts a FAC and is answered.',
      mutants: ['p2.fac.no-rx-window'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        expectRsp(t, await t.radio.transact(t.radio.reqUd2()), 'REQ_UD2 right after SND_NR');
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/9',
      ref: 'DSMR-P2 §3.2.5 (randomised timing, synchronous transmission algorithm), §4.4',
      requirement: 'The hourly SND_NR does not go out at a fixed offset: over 24 hours its offsets into the hour spread over at least 10 s.',
      mutants: ['p2.sched.fixed-offset'],
      applies: all(wireless, recordsReadable),
      appliesWhen: 'wireless device whose records the tester can read',
      budgetMs: (HOURS_OBSERVED + 4) * HOUR,
      async run(t) {
        const offsets = (await hourly(t, HOURS_OBSERVED)).map((s) => s.at - s.stamp);
        const spread = Math.max(...offsets) - Math.min(...offsets);
        t.note(`offsets into the hour: ${offsets.map((o) => Math.round(o / 1000)).join(', ')} s`);
        t.expectTrue('spread of the SND_NR offsets over 24 hours', spread >= 10 * SECOND, 'at least 10 s', `${(spread / 1000).toFixed(1)} s`);
      },
    }),
    K({
      id: 'dsmr-p2/3.2.5/10',
      ref: 'DSMR-P2 §2.2 (receive only for a very short period, then sleep), §4.4 [EN 13757-4 t_RO] (strict)',
      requirement: 'Strict: the receiver is closed between transmissions — a REQ_UD2 1.5 s after a SND_NR is not answered (by default an answer is only a warning).',
      mutants: ['p2.fac.always-listening'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        const f = await t.radio.transact(t.radio.reqUd2(), { delayMs: 1500 });
        if (!f || f.c === WL_C.SND_NR) return;
        if (t.dut.profile.strict) t.fail('answer to REQ_UD2 1.5 s after SND_NR (strict)', 'nothing (receiver closed)', said(f));
        t.warn('the meter answered a REQ_UD2 sent 1.5 s after its SND_NR (its receiver should be open only for t_RO)');
      },
    }),
  ],
});
