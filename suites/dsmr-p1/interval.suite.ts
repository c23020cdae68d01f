/** dsmr-p1/interval — the 10-second cadence, the telegram time stamp and the freshness of values (DSMR-RN-4.2.2 §2 item 33). */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import { CLOCK_TOL_MS, INTERVAL_MS, INTERVAL_TOL_MS } from './lib/formats.ts';
import { benchOnly, meterOffset, must, needBench, num, telegramAfterStimulus, telegrams, type P1Ctx } from './lib/p1.ts';
import { expectedDstFlag, tstEpoch } from './lib/values.ts';

const REF = 'DSMR-RN-4.2.2 §2 item 33 (DSMR-M 4.5.28)';

function tstOf(ctx: P1Ctx, r: Awaited<ReturnType<typeof telegrams>>[number]): { raw: string; ms: number } {
  const raw = must(ctx, r, '0-0:1.0.0').values[0]?.text ?? '';
  const ms = tstEpoch(raw);
  if (ms === null) ctx.fail('telegram time stamp 0-0:1.0.0', 'TST YYMMDDhhmmssX', raw);
  return { raw, ms };
}

export default section({
  id: 'dsmr-p1/interval',
  title: 'Telegram interval and time stamp',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/interval/1',
      ref: REF,
      requirement: `A new telegram starts every 10 s (tolerance ±${INTERVAL_TOL_MS / 1000} s), none missing.`,
      mutants: ['p1.interval.1s'],
      async run(ctx) {
        const rs = await telegrams(ctx, 6);
        for (let i = 1; i < rs.length; i++) {
          const d = rs[i]!.startedAt - rs[i - 1]!.startedAt;
          ctx.expectTrue(`time between telegram starts ${i} and ${i + 1}`, Math.abs(d - INTERVAL_MS) <= INTERVAL_TOL_MS, `${INTERVAL_MS} ± ${INTERVAL_TOL_MS} ms`, d);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/interval/2',
      ref: `${REF}; TST [ext]`,
      requirement: 'The telegram time 0-0:1.0.0 is the actual meter time: it advances with the telegrams and equals the meter clock within 1 s.',
      mutants: ['p1.tst.frozen'],
      async run(ctx) {
        const rs = await telegrams(ctx, 4);
        const stamps = rs.map((r) => tstOf(ctx, r));
        for (let i = 1; i < rs.length; i++) {
          const dStamp = stamps[i]!.ms - stamps[i - 1]!.ms;
          const dWire = rs[i]!.startedAt - rs[i - 1]!.startedAt;
          ctx.expectTrue(`time-stamp step between telegrams ${i} and ${i + 1}`, Math.abs(dStamp - dWire) <= CLOCK_TOL_MS, `${dWire} ± ${CLOCK_TOL_MS} ms`, dStamp);
        }
        if (!ctx.bench) return ctx.note('no P3 clock read: only the steps were checked');
        const off = meterOffset(ctx.bench, ctx);
        const last = rs[rs.length - 1]!;
        const diff = stamps[stamps.length - 1]!.ms - (last.startedAt + off);
        ctx.expectTrue('time stamp vs meter clock at transmission', diff >= -(1000 + CLOCK_TOL_MS) && diff <= CLOCK_TOL_MS, `within ${CLOCK_TOL_MS} ms (+1 s for truncation to the second)`, diff);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/interval/3',
      ref: 'DSMR P1 TST [ext]; EU summer time (Directive 2000/84/EC)',
      requirement: 'The TST suffix is S while summer time is in force at the stated local time and W otherwise.',
      mutants: ['p1.tst.dst-flag-inverted'],
      async run(ctx) {
        const check = (raw: string) => {
          const want = expectedDstFlag(raw);
          if (want === 'either') return;
          ctx.expectEqual(`DST flag of ${raw}`, raw.slice(-1), want);
        };
        for (const r of await telegrams(ctx, 2)) check(tstOf(ctx, r).raw);
        if (!ctx.bench) return ctx.note('no clock set possible: only the current season was checked');
        for (const to of ['2026-07-15T10:00:00Z', '2026-01-20T10:00:00Z']) {
          ctx.bench.travel(new Date(to));
          const r = await telegramAfterStimulus(ctx);
          const t = tstOf(ctx, r);
          check(t.raw);
          ctx.note(`after setting the clock to ${to}: ${t.raw}`);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/interval/4',
      ref: REF,
      requirement: 'The instantaneous values are actual: a load change shows in 1-0:1.7.0 no later than one interval after it.',
      mutants: ['p1.values.stale'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (load control)',
      async run(ctx) {
        const b = needBench(ctx);
        for (const w of [2345, 678]) {
          b.setLoad({ l1: w, l2: 0, l3: 0 });
          const r = await telegramAfterStimulus(ctx, INTERVAL_MS);
          ctx.expectEqual(`1-0:1.7.0 one interval after setting ${w} W`, num(must(ctx, r, '1-0:1.7.0').values[0]), w / 1000);
        }
      },
    }),
  ],
});
