/** dsmr-p1/objects — the electricity objects: version, ids, registers, tariff, power, currents, counters, 4.0.4/4.2.2 lines. */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import type { Dut } from '../../harness/runner/dut.ts';
import { expectLine } from './lib/check.ts';
import { INTERVAL_MS, LONG_OUTAGE_S, PHASE_IDS, POLY_PHASE_ONLY, SHORT_OUTAGE_S, VERSION_BY_VARIANT } from './lib/formats.ts';
import {
  allOf, benchOnly, find, needBench, num, phasesDeclared, phasesOnly, telegram, telegramAfterStimulus, telegrams, variantOnly, type P1Ctx,
} from './lib/p1.ts';
import { hexText } from './lib/values.ts';

const EXT = 'digest §1.6(b) [ext DSMR P1 table 5-3]';
const phasesOf = (ctx: P1Ctx) => (ctx.dut.feature('p1.phases') === 3 ? 3 : 1);
/** Load changes must show within one interval (DSMR-RN-4.2.2 §2 item 33: actual status). */
const afterLoad = (ctx: P1Ctx) => telegramAfterStimulus(ctx, INTERVAL_MS);

export default section({
  id: 'dsmr-p1/objects',
  title: 'Electricity objects',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/1',
      ref: `${EXT}; digest §1.9, §5 A14`,
      requirement: '1-3:0.2.8 carries the P1 version as 2 digits: 40 for a DSMR 4.0.x meter, 42 for 4.2.x.',
      mutants: ['p1.version.50'],
      applies: (dut: Dut) => (dut.feature('p1.variant') !== undefined || dut.feature('p1.version') !== undefined ? true : 'the profile declares neither p1.variant nor p1.version'),
      appliesWhen: 'feature p1.variant or p1.version declared',
      async run(ctx) {
        const v = expectLine(ctx, await telegram(ctx), '1-3:0.2.8').values[0]!.text;
        const want = VERSION_BY_VARIANT[String(ctx.dut.feature('p1.variant'))] ?? String(ctx.dut.feature('p1.version'));
        ctx.expectEqual('P1 version information', v, want);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/2',
      ref: EXT,
      requirement: '0-0:96.1.1 is the E-meter equipment identifier as hex digit pairs (at most 96 hex digits), equal to the P3 value.',
      mutants: ['p1.eqid.ascii'],
      async run(ctx) {
        const raw = expectLine(ctx, await telegram(ctx), '0-0:96.1.1').values[0]!.text;
        const want = ctx.bench?.equipmentId() ?? ctx.dut.feature('p1.equipment-id');
        if (want === undefined) return ctx.note('no P3 read and no p1.equipment-id declared: format checked only');
        ctx.expectEqual('decoded equipment identifier', hexText(raw), String(want));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/3',
      ref: EXT,
      requirement: 'The energy registers 1-0:1.8.1/1.8.2/2.8.1/2.8.2 are F9(3,3) kWh and equal the P3 registers.',
      mutants: ['p1.energy.f9-2'],
      async run(ctx) {
        ctx.bench?.setLoad({ l1: 0, l2: 0, l3: 0 }); // freeze the registers so P1 and P3 can be compared
        const r = ctx.bench ? await afterLoad(ctx) : await telegram(ctx);
        const ids = ['1-0:1.8.1', '1-0:1.8.2', '1-0:2.8.1', '1-0:2.8.2'] as const;
        const values = ids.map((id) => num(expectLine(ctx, r, id).values[0]));
        if (!ctx.bench) return ctx.note('no P3 read: format checked only');
        const p3 = ctx.bench.registers();
        const wh = [p3.importT1Wh, p3.importT2Wh, p3.exportT1Wh, p3.exportT2Wh];
        ids.forEach((id, i) => ctx.expectEqual(`${id} vs P3 (Wh)`, Math.round(values[i]! * 1000), wh[i]));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/4',
      ref: EXT,
      requirement: 'The tariff indicator 0-0:96.14.0 has 4 digits (S4) and equals the P3 tariff.',
      mutants: ['p1.tariff.s1'],
      async run(ctx) {
        const v = expectLine(ctx, await telegram(ctx), '0-0:96.14.0').values[0]!.text;
        if (!ctx.bench) return ctx.note('no P3 read: format checked only');
        ctx.expectEqual('tariff vs P3', v, String(ctx.bench.tariff()).padStart(4, '0'));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/5',
      ref: EXT,
      requirement: 'Total +P (1-0:1.7.0) and −P (1-0:2.7.0) are F5(3,3) kW, i.e. 1 W resolution: 1234 W reads 01.234.',
      mutants: ['p1.power.w-unit'],
      async run(ctx) {
        if (!ctx.bench) {
          const r = await telegram(ctx);
          expectLine(ctx, r, '1-0:1.7.0');
          expectLine(ctx, r, '1-0:2.7.0');
          return ctx.note('no load control: format checked only');
        }
        for (const [w, imp, exp] of [[1234, '01.234', '00.000'], [-1234, '00.000', '01.234']] as const) {
          ctx.bench.setLoad({ l1: w, l2: 0, l3: 0 });
          const r = await afterLoad(ctx);
          ctx.expectEqual(`1-0:1.7.0 at ${w} W`, expectLine(ctx, r, '1-0:1.7.0').values[0]!.text, imp);
          ctx.expectEqual(`1-0:2.7.0 at ${w} W`, expectLine(ctx, r, '1-0:2.7.0').values[0]!.text, exp);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/6',
      ref: 'DSMR-RN-4.0.4 §3 item 1',
      requirement: 'Each phase current (1-0:31/51/71.7.0) is F3(0,0) A and equals the P3 current.',
      mutants: ['p1.current.decimals'],
      applies: phasesDeclared,
      appliesWhen: 'feature p1.phases declared',
      async run(ctx) {
        const n = phasesOf(ctx);
        ctx.bench?.setLoad({ l1: 2300, l2: 4600, l3: 6900 });
        const r = ctx.bench ? await afterLoad(ctx) : await telegram(ctx);
        for (let p = 0; p < n; p++) {
          const v = num(expectLine(ctx, r, PHASE_IDS[p]![0]).values[0]);
          if (ctx.bench) ctx.expectEqual(`L${p + 1} current vs P3 (A)`, v, ctx.bench.power().phases[p]!.currentA);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/7',
      ref: 'DSMR-RN-4.0.4 §3 items 1, 3',
      requirement: 'Every phase of the meter has both its +P and its −P line (F5(3,3) kW); export on one phase shows on that phase\'s −P line.',
      mutants: ['p1.phasepower.missing-minus'],
      applies: phasesDeclared,
      appliesWhen: 'feature p1.phases declared',
      async run(ctx) {
        const n = phasesOf(ctx);
        const exportPhase = n === 3 ? 1 : 0; // L2 on a poly-phase meter, as in the catalogue
        ctx.bench?.setLoad(n === 3 ? { l1: 0, l2: -1500, l3: 0 } : { l1: -1500 });
        const r = ctx.bench ? await afterLoad(ctx) : await telegram(ctx);
        for (let p = 0; p < n; p++) {
          const plus = num(expectLine(ctx, r, PHASE_IDS[p]![1]).values[0]);
          const minus = num(expectLine(ctx, r, PHASE_IDS[p]![2]).values[0]);
          if (!ctx.bench) continue;
          ctx.expectEqual(`${PHASE_IDS[p]![2]} (−P L${p + 1}, kW)`, minus, p === exportPhase ? 1.5 : 0);
          ctx.expectEqual(`${PHASE_IDS[p]![1]} (+P L${p + 1}, kW)`, plus, 0);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/8',
      ref: 'DSMR-RN-4.0.4 Annex B note 1',
      requirement: 'A single-phase meter writes no L2/L3 items (currents, ±P, sags, swells).',
      mutants: ['p1.phase.ghost-l2l3'],
      applies: phasesOnly(1),
      appliesWhen: 'single-phase meter (p1.phases = 1)',
      async run(ctx) {
        for (const r of await telegrams(ctx, 2)) {
          const ghosts = POLY_PHASE_ONLY.filter((id) => find(r, id));
          ctx.expectEqual('L2/L3 lines on a single-phase meter', ghosts, []);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/9',
      ref: `${EXT}; DSMR-RN-4.0.4 §5 item 12; digest §5 A29, A34`,
      requirement: '0-0:96.7.21 counts a short power failure and 0-0:96.7.9 only long ones; both F5(0,0).',
      mutants: ['p1.pf.short-counted-long'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (supply interruption)',
      budgetMs: 30 * 60_000,
      async run(ctx) {
        const b = needBench(ctx);
        const read = (r: Awaited<ReturnType<typeof telegram>>) => [num(expectLine(ctx, r, '0-0:96.7.21').values[0]), num(expectLine(ctx, r, '0-0:96.7.9').values[0])] as const;
        const [any0, long0] = read(await telegram(ctx));
        await b.powerCut(SHORT_OUTAGE_S);
        const [any1, long1] = read(await telegramAfterStimulus(ctx));
        ctx.expectEqual(`0-0:96.7.21 after a ${SHORT_OUTAGE_S} s outage`, any1, any0 + 1);
        ctx.expectEqual(`0-0:96.7.9 after a ${SHORT_OUTAGE_S} s outage`, long1, long0);
        await b.powerCut(LONG_OUTAGE_S);
        const [any2, long2] = read(await telegramAfterStimulus(ctx));
        ctx.expectEqual(`0-0:96.7.9 after a ${LONG_OUTAGE_S} s outage`, long2, long1 + 1);
        ctx.note(`0-0:96.7.21 changed by ${any2 - any1} for the long outage (not judged, digest §5 A34)`);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/10',
      ref: EXT,
      requirement: 'The sag and swell counters per phase are F5(0,0) and count each voltage sag/swell of their phase.',
      mutants: ['p1.sag.not-counted'],
      applies: allOf(benchOnly, phasesDeclared),
      appliesWhen: 'simulator bench (grid events)',
      async run(ctx) {
        const b = needBench(ctx);
        const n = phasesOf(ctx);
        const ids = [...[32, 52, 72].slice(0, n).map((c) => `1-0:${c}.32.0`), ...[32, 52, 72].slice(0, n).map((c) => `1-0:${c}.36.0`)];
        const read = (r: Awaited<ReturnType<typeof telegram>>) => ids.map((id) => num(expectLine(ctx, r, id).values[0]));
        const before = read(await telegram(ctx));
        const swellPhase = n === 3 ? 3 : 1;
        b.sag(1);
        b.swell(swellPhase);
        const after = read(await telegramAfterStimulus(ctx));
        ids.forEach((id, i) => {
          const bumped = id === '1-0:32.32.0' || id === `1-0:${[32, 52, 72][swellPhase - 1]}.36.0`;
          ctx.expectEqual(`${id} after sag L1 and swell L${swellPhase}`, after[i], before[i]! + (bumped ? 1 : 0));
        });
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/11',
      ref: 'DSMR-RN-4.2.2 §3 item 2 (the 4.0.4 table rows it removes)',
      requirement: 'A DSMR 4.0.4 meter writes the limiter threshold 0-0:17.0.0 (F4(1,1) kW) and the switch position 0-0:96.3.10 (I1), equal to P3.',
      mutants: ['p1.v404.threshold-missing'],
      applies: variantOnly('4.0.4'),
      appliesWhen: 'DSMR 4.0.4 (p1.variant)',
      async run(ctx) {
        const r = await telegram(ctx);
        const threshold = num(expectLine(ctx, r, '0-0:17.0.0').values[0]);
        const sw = num(expectLine(ctx, r, '0-0:96.3.10').values[0]);
        const p3 = ctx.bench?.limiter();
        if (!p3) return ctx.note('no P3 read: format checked only');
        ctx.expectEqual('threshold vs P3 (kW)', threshold, p3.thresholdKw);
        ctx.expectEqual('switch position vs P3', sw, p3.switchPosition);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/objects/12',
      ref: 'DSMR-RN-4.2.2 §3 items 2, 5; digest §5 A8',
      requirement: 'A DSMR 4.2.2 meter writes no threshold, switch-position or valve lines.',
      mutants: ['p1.v422.breaker-lines'],
      applies: variantOnly('4.2.2'),
      appliesWhen: 'DSMR 4.2.2 (p1.variant)',
      async run(ctx) {
        for (const r of await telegrams(ctx, 2)) {
          const removed = ['0-0:17.0.0', '0-0:96.3.10', '0-1:24.4.0', '0-2:24.4.0', '0-3:24.4.0', '0-4:24.4.0'].filter((id) => find(r, id));
          ctx.expectEqual('lines removed by DSMR 4.2.2', removed, []);
        }
      },
    }),
  ],
});
