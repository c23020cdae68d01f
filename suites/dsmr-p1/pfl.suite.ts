/**
 * dsmr-p1/pfl — the power-failure event log line 1-0:99.97.0: (N)(0-0:96.7.19) followed by N pairs of
 * (end-of-failure TST)(duration F10(0,0)*s); the P3 log 1-0:99.97.0.255 keeps the last 10 long failures,
 * FIFO (DSMR-RN-4.0.4 §5 item 12; digest §1.7, §5 A7, A9, A29, A35).
 */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import type { P1Received } from '../../harness/roles/p1-reader.ts';
import { LONG_OUTAGE_S, PFL, PFL_TOL_S, SHORT_OUTAGE_S } from './lib/formats.ts';
import { benchOnly, must, needBench, telegram, telegramAfterStimulus, type P1Ctx } from './lib/p1.ts';
import { fmtLabel, fmtProblem, tstEpoch } from './lib/values.ts';

const REF = 'DSMR-RN-4.0.4 §5 item 12';

interface Pfl {
  count: number;
  id: string;
  entries: { tst: string; end: number; durRaw: string; durS: number }[];
  groups: number;
}

/** Read the log line by its structure; a malformed entry fails the case with what is wrong. */
function readPfl(ctx: P1Ctx, r: P1Received): Pfl {
  const o = must(ctx, r, PFL.id);
  const v = o.values;
  const count = Number(v[0]?.text);
  if (!/^\d+$/.test(v[0]?.text ?? '')) ctx.fail(`entry count of ${PFL.id}`, 'a number', v[0]?.raw ?? null);
  const entries: Pfl['entries'] = [];
  for (let i = 2; i + 1 < v.length; i += 2) {
    const tst = v[i]!.raw;
    const end = tstEpoch(tst);
    if (end === null) ctx.fail(`time stamp of entry ${(i >> 1)}`, 'TST YYMMDDhhmmssX', tst);
    entries.push({ tst, end, durRaw: v[i + 1]!.raw, durS: Number(v[i + 1]!.text) });
  }
  return { count, id: v[1]?.raw ?? '', entries, groups: v.length };
}

const key = (e: { end: number; durS: number }) => `${Math.floor(e.end / 1000)}/${e.durS}`;

/** After a stimulus: the log as the next telegram shows it. */
async function pflAfter(ctx: P1Ctx): Promise<Pfl> {
  return readPfl(ctx, await telegramAfterStimulus(ctx));
}

export default section({
  id: 'dsmr-p1/pfl',
  title: 'Power-failure event log',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/1',
      ref: `${REF}; digest §1.7`,
      requirement: 'The log line is (N)(id) followed by exactly N (time stamp)(duration) pairs; two long outages add two entries.',
      mutants: ['p1.pfl.count-off-by-one'],
      budgetMs: 30 * 60_000,
      async run(ctx) {
        const before = readPfl(ctx, await telegram(ctx));
        ctx.expectEqual('value groups of 1-0:99.97.0 (2 + 2N)', before.groups, 2 + 2 * before.count);
        if (!ctx.bench) return ctx.note('no supply control: structure checked only');
        await ctx.bench.powerCut(LONG_OUTAGE_S);
        await ctx.bench.powerCut(LONG_OUTAGE_S + 10);
        const after = await pflAfter(ctx);
        ctx.expectEqual('value groups of 1-0:99.97.0 (2 + 2N)', after.groups, 2 + 2 * after.count);
        ctx.expectEqual('entry count after two long outages', after.count, Math.min(PFL.max, before.count + 2));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/2',
      ref: `${REF}; digest §5 A7`,
      requirement: 'The id group names the captured object 0-0:96.7.19 (duration of long power failures).',
      mutants: ['p1.pfl.ref-1-0'],
      async run(ctx) {
        ctx.expectEqual('captured object of the log', readPfl(ctx, await telegram(ctx)).id, PFL.ref);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/3',
      ref: 'DSMR P1 F10(0,0) [ext]; digest §5 A35',
      requirement: 'Every duration has exactly 10 digits and the unit s; every time stamp is a TST.',
      mutants: ['p1.pfl.duration-11'],
      budgetMs: 20 * 60_000,
      async run(ctx) {
        let log = readPfl(ctx, await telegram(ctx));
        if (log.entries.length === 0) {
          const b = ctx.bench ?? ctx.inconclusive('the power-failure log is empty: no duration to check');
          await b.powerCut(LONG_OUTAGE_S);
          log = await pflAfter(ctx);
        }
        for (const e of log.entries) {
          const p = fmtProblem(e.durRaw, PFL.duration);
          if (p) ctx.fail(`duration of the entry ending ${e.tst}`, fmtLabel(PFL.duration), `${e.durRaw}: ${p}`);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/4',
      ref: `${REF} (profile_entries = 10, FIFO)`,
      requirement: 'The log holds at most 10 entries: an 11th long failure pushes out the oldest.',
      mutants: ['p1.pfl.unbounded'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (supply interruption)',
      budgetMs: 3 * 3_600_000,
      async run(ctx) {
        const b = needBench(ctx);
        const durations = Array.from({ length: 11 }, (_, i) => LONG_OUTAGE_S + 10 * i);
        for (const d of durations) {
          await b.powerCut(d);
          await telegramAfterStimulus(ctx); // the meter is up again before the next outage
        }
        const log = await pflAfter(ctx);
        ctx.expectEqual('entry count', log.count, PFL.max);
        ctx.expectEqual('entries written', log.entries.length, PFL.max);
        const seen = log.entries.map((e) => e.durS).sort((x, y) => x - y);
        ctx.expectEqual('durations of the 10 entries (the first outage dropped)', seen, durations.slice(1));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/5',
      ref: `${REF} (time stamp = end of the failure)`,
      requirement: 'An entry is stamped with the end of the failure and carries its length in seconds.',
      mutants: ['p1.pfl.start-stamp'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (supply interruption)',
      budgetMs: 20 * 60_000,
      async run(ctx) {
        const b = needBench(ctx);
        await telegram(ctx);
        const start = b.now();
        await b.powerCut(LONG_OUTAGE_S);
        const log = await pflAfter(ctx);
        const newest = log.entries.reduce<Pfl['entries'][number] | undefined>((a, e) => (!a || e.end > a.end ? e : a), undefined) ??
          ctx.fail('entries after a long outage', 'at least one', 0);
        const expectEnd = start + LONG_OUTAGE_S * 1000;
        ctx.expectTrue('time stamp of the newest entry', Math.abs(newest.end - expectEnd) <= PFL_TOL_S * 1000, `${new Date(expectEnd).toISOString()} ± ${PFL_TOL_S} s`, `${newest.tst} (${new Date(newest.end).toISOString()})`);
        ctx.expectTrue('duration of the newest entry', Math.abs(newest.durS - LONG_OUTAGE_S) <= PFL_TOL_S, `${LONG_OUTAGE_S} ± ${PFL_TOL_S} s`, newest.durS);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/6',
      ref: `${REF} ("long power failures"); digest §5 A29`,
      requirement: `A short failure (${SHORT_OUTAGE_S} s) is not entered in the log.`,
      mutants: ['p1.pfl.logs-short'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (supply interruption)',
      async run(ctx) {
        const b = needBench(ctx);
        const before = readPfl(ctx, await telegram(ctx));
        await b.powerCut(SHORT_OUTAGE_S);
        const after = await pflAfter(ctx);
        ctx.expectEqual(`log entries after a ${SHORT_OUTAGE_S} s outage`, after.entries.map(key), before.entries.map(key));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/pfl/7',
      ref: `${REF}; digest §5 A9`,
      requirement: 'The line shows the same entries as the P3 log 1-0:99.97.0.255 (compared as sets; order not judged).',
      mutants: ['p1.pfl.drop-entry'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (P3 read of the log)',
      budgetMs: 20 * 60_000,
      async run(ctx) {
        const b = needBench(ctx);
        await b.powerCut(LONG_OUTAGE_S);
        const log = await pflAfter(ctx);
        const p1 = log.entries.map(key).sort();
        const p3 = b.powerFailureLog().map((e) => key({ end: e.end, durS: e.durationS })).sort();
        ctx.expectEqual('entries (end second / duration) on P1 vs P3', p1, p3);
      },
    }),
  ],
});
