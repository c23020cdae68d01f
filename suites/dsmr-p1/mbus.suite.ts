/**
 * dsmr-p1/mbus — the M-Bus block per installed channel n: 0-n:24.1.0 device type, 0-n:96.1.0 equipment
 * id, 0-n:24.2.1 (device capture time)(value*unit), and on 4.0.4 0-n:24.4.0 for a device with a valve
 * (DSMR-RN-4.0.4 §3 item 1, §5 items 22, 24, Annex B note 2; DSMR-RN-4.2.2 §3 items 2–3; digest §1.7).
 */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family, type P1Bench } from '../../harness/roles/p1-family.ts';
import type { P1Received } from '../../harness/roles/p1-reader.ts';
import type { MbusChannel } from '../../harness/sim/p1/types.ts';
import { expectLine } from './lib/check.ts';
import { allOf, benchOnly, find, must, needBench, num, telegram, telegramAfterStimulus, telegrams, variantOnly, type P1Ctx } from './lib/p1.ts';
import { hexText, tstEpoch } from './lib/values.ts';

const CHANNELS: MbusChannel[] = [1, 2, 3, 4];
const GAS = { type: 3, unit: 'm3', decimals: 3 as const, start: 42.5, ratePerHour: 0.3 };

/** Channels that carry any 0-n:24/96 line on P1. */
function channelsOnP1(r: P1Received): number[] {
  const set = new Set<number>();
  for (const o of r.telegram.objects) {
    const p = o.obisParts;
    if (p && p.a === 0 && p.b >= 1 && p.b <= 4 && (p.c === 24 || p.c === 96)) set.add(p.b);
  }
  return [...set].sort();
}

function installed(b: P1Bench): MbusChannel[] {
  return CHANNELS.filter((c) => b.mbus(c));
}

/** Installed channels: from the bench, or the profile's `p1.mbus.channels` (e.g. "1" or "1,2"). */
function declaredChannels(ctx: P1Ctx): number[] | null {
  if (ctx.bench) return installed(ctx.bench);
  const f = ctx.dut.feature('p1.mbus.channels');
  if (f === undefined) return null;
  return String(f).split(/[ ,]+/).filter(Boolean).map(Number).sort();
}

/** At least one device: the installed ones, or (bench) a gas meter attached on channel 1. */
async function someChannels(ctx: P1Ctx): Promise<{ r: P1Received; chans: number[] }> {
  let r = await telegram(ctx);
  let chans = channelsOnP1(r);
  if (chans.length === 0 && ctx.bench) {
    ctx.bench.attachMbus(1, { ...GAS, equipmentId: 'G000MP0000000001' });
    r = await telegramAfterStimulus(ctx);
    chans = channelsOnP1(r);
  }
  if (chans.length === 0) ctx.inconclusive('no M-Bus device on P1: nothing to check');
  return { r, chans };
}

export default section({
  id: 'dsmr-p1/mbus',
  title: 'M-Bus channels',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/1',
      ref: 'DSMR-RN-4.0.4 §3 item 1 (0-n:24.1.0.255 attr 9, F3(0,0))',
      requirement: '0-n:24.1.0 is the device type of channel n as F3(0,0), equal to attribute 9 of the M-Bus client object.',
      mutants: ['p1.mbus.devtype-2digit'],
      async run(ctx) {
        const { r, chans } = await someChannels(ctx);
        for (const n of chans) {
          const t = num(expectLine(ctx, r, `0-${n}:24.1.0`).values[0]);
          const p3 = ctx.bench?.mbus(n as MbusChannel);
          if (p3) ctx.expectEqual(`device type of channel ${n} vs P3`, t, p3.type);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/2',
      ref: 'DSMR-RN-4.0.4 §3 item 1 (0-n:96.1.0.255, Sn n=0..96)',
      requirement: '0-n:96.1.0 is the device\'s equipment identifier as hex digit pairs (at most 96 hex digits), equal to the device\'s id.',
      mutants: ['p1.mbus.eqid-ascii'],
      async run(ctx) {
        const { r, chans } = await someChannels(ctx);
        for (const n of chans) {
          const raw = expectLine(ctx, r, `0-${n}:96.1.0`).values[0]!.text;
          const p3 = ctx.bench?.mbus(n as MbusChannel);
          if (p3) ctx.expectEqual(`equipment id of channel ${n}`, hexText(raw), p3.equipmentId);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/3',
      ref: 'DSMR-RN-4.0.4 §5 item 24 (0-n:24.2.1.255 attr 2 and 5); digest §1.7',
      requirement: '0-n:24.2.1 is (device capture time)(value*unit), equal to attributes 5 and 2 of the M-Bus value object.',
      mutants: ['p1.mbus.meter-time'],
      async run(ctx) {
        const { chans } = await someChannels(ctx);
        for (let i = 0; i < 2; i++) {
          const r = await telegram(ctx); // compared with P3 right away, before the next hourly capture
          for (const n of chans) {
            const o = expectLine(ctx, r, `0-${n}:24.2.1`);
            const p3 = ctx.bench?.mbus(n as MbusChannel);
            if (!p3) continue;
            ctx.expectEqual(`capture time of channel ${n} vs P3`, tstEpoch(o.values[0]!.text), Math.floor(p3.captureTime / 1000) * 1000);
            ctx.expectEqual(`value of channel ${n} vs P3`, num(o.values[1]), p3.value);
            ctx.expectEqual(`unit of channel ${n}`, o.values[1]!.unit, p3.unit);
          }
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/4',
      ref: 'DSMR-RN-4.0.4 Annex B note 2',
      requirement: 'Only channels with an installed device have lines on P1.',
      mutants: ['p1.mbus.ghost-channel'],
      applies: (dut) => (dut.isSim || dut.feature('p1.mbus.channels') !== undefined ? true : 'the profile does not declare the installed channels (feature p1.mbus.channels)'),
      appliesWhen: 'simulator, or feature p1.mbus.channels declared',
      async run(ctx) {
        const want = declaredChannels(ctx)!;
        for (const r of await telegrams(ctx, 2)) ctx.expectEqual('channels with lines on P1', channelsOnP1(r), want);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/5',
      ref: 'DSMR-RN-4.0.4 §5 item 22 footnote 3',
      requirement: 'The channel digit n is the channel the device was installed on; other devices keep theirs.',
      mutants: ['p1.mbus.channel-renumber'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (M-Bus installation)',
      async run(ctx) {
        const b = needBench(ctx);
        const free = CHANNELS.filter((c) => !b.mbus(c));
        const ch = free.includes(3) ? 3 : free[free.length - 1];
        if (ch === undefined) ctx.inconclusive('all four M-Bus channels are in use');
        b.attachMbus(ch, { ...GAS, equipmentId: 'G005MP0000000005' });
        const r = await telegramAfterStimulus(ctx);
        for (const n of installed(b)) {
          const id = find(r, `0-${n}:96.1.0`)?.values[0]?.text;
          ctx.expectEqual(`equipment id on channel ${n}`, id === undefined ? null : hexText(id), b.mbus(n)!.equipmentId);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/6',
      ref: 'DSMR-RN-4.2.2 §2 item 33 (DSMR-M 4.5.28, "last known" G status)',
      requirement: 'A device that stops answering keeps its last value and last capture time on P1.',
      mutants: ['p1.mbus.fake-fresh-time'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (M-Bus device control)',
      budgetMs: 5 * 3_600_000,
      async run(ctx) {
        const b = needBench(ctx);
        const { r, chans } = await someChannels(ctx);
        const n = chans[0]!;
        const before = must(ctx, r, `0-${n}:24.2.1`).values.map((v) => v.raw);
        b.silenceMbus(n as MbusChannel);
        // Three hours without telegrams (request released) keep the run short; the meter clock runs on.
        await ctx.p1.setRequest(false);
        await ctx.clock.sleep(3 * 3_600_000);
        ctx.p1.skipQueued();
        await ctx.p1.setRequest(true);
        const after = must(ctx, await telegramAfterStimulus(ctx), `0-${n}:24.2.1`).values.map((v) => v.raw);
        ctx.expectEqual(`channel ${n} (capture time)(value) 3 h after the device went silent`, after, before);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/mbus/7',
      ref: 'DSMR-RN-4.2.2 §3 items 2–3 (4.0.4 table note 3: valve position only when present)',
      requirement: 'A DSMR 4.0.4 meter writes 0-n:24.4.0 only for a device that has a valve.',
      mutants: ['p1.v404.valve-line-no-valve'],
      applies: allOf(variantOnly('4.0.4'), benchOnly),
      appliesWhen: 'DSMR 4.0.4 and simulator bench (M-Bus installation)',
      async run(ctx) {
        const b = needBench(ctx);
        const free = CHANNELS.filter((c) => !b.mbus(c));
        if (free.length) b.attachMbus(free[0]!, { ...GAS, equipmentId: 'G007MP0000000007', valve: true });
        const r = await telegramAfterStimulus(ctx);
        for (const n of installed(b)) {
          const valve = b.mbus(n)!.valve;
          ctx.expectEqual(`0-${n}:24.4.0 present (device ${valve ? 'with' : 'without'} valve)`, !!find(r, `0-${n}:24.4.0`), valve);
          if (valve) expectLine(ctx, r, `0-${n}:24.4.0`);
        }
      },
    }),
  ],
});
