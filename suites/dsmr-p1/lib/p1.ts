/**
 * Shared helpers of the dsmr-p1 cases: applicability, bounded telegram capture that turns reader errors
 * into verdicts, object look-up by reduced id, and the spec-ambiguous policy (digest §5).
 */
import type { P1Object, P1Value } from '../../../harness/codec/p1/index.ts';
import type { P1Bench, P1Context } from '../../../harness/roles/p1-family.ts';
import { P1_READER_MAX_TELEGRAM, P1OversizeError, type P1Received } from '../../../harness/roles/p1-reader.ts';
import type { Dut } from '../../../harness/runner/dut.ts';
import type { BaseContext } from '../../../harness/runner/types.ts';
import { isTransportError } from '../../../harness/transport/transport.ts';
import { INTERVAL_MS, INTERVAL_TOL_MS, SETTLE_MS } from './formats.ts';

export type P1Ctx = P1Context & BaseContext;
type Applies = (dut: Dut) => true | string;

export const NEEDS_BENCH =
  'needs a lab stimulus (load, supply interruption, clock set or P3 SET) that only the simulator bench provides; ' +
  'a physical meter needs a P3 (DLMS Management) client and a controllable supply for this case';

export const benchOnly: Applies = (dut) => (dut.isSim ? true : NEEDS_BENCH);

export const variantOnly = (v: '4.0.4' | '4.2.2'): Applies => (dut) => {
  const declared = dut.feature('p1.variant');
  if (declared === undefined) return 'the profile does not declare the DSMR variant (feature p1.variant)';
  return declared === v ? true : `DSMR ${v} rule; the DUT is declared as ${String(declared)} (feature p1.variant)`;
};

export const phasesDeclared: Applies = (dut) =>
  dut.feature('p1.phases') === 1 || dut.feature('p1.phases') === 3 ? true : 'the profile does not declare p1.phases (1 or 3)';

export const phasesOnly = (n: 1 | 3): Applies => (dut) => {
  const p = dut.feature('p1.phases');
  if (p === undefined) return 'the profile does not declare p1.phases';
  return p === n ? true : `applies to ${n}-phase meters; the DUT declares p1.phases = ${String(p)}`;
};

export const requestLine: Applies = (dut) =>
  dut.isSim || dut.has('p1.request-line') ? true : 'the profile declares no controllable data-request line (feature p1.request-line)';

export const allOf = (...fns: Applies[]): Applies => (dut) => {
  for (const f of fns) {
    const r = f(dut);
    if (r !== true) return r;
  }
  return true;
};

export function needBench(ctx: P1Ctx): P1Bench {
  return ctx.bench ?? ctx.notApplicable(NEEDS_BENCH);
}

/**
 * Spec-ambiguous finding (digest §5): a warning, or a failure when the profile asks for `strict` — the
 * way a lab that wants the examples' conventions (upper-case hex, Annex B order) runs the suite.
 */
export function ambiguous(ctx: P1Ctx, what: string, expected: unknown, actual: unknown): void {
  if (ctx.dut.profile.strict) ctx.fail(`${what} (spec-ambiguous; failed because the profile is strict)`, expected, actual);
  ctx.warn(`spec-ambiguous: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export interface CaptureOpts {
  timeoutMs?: number;
  startedAfter?: number;
  /** What bytes without any telegram mean: a framing failure (frame/serial rules) or not reaching the point. */
  garbage?: 'fail' | 'inconclusive';
}

function rxExcerpt(ctx: P1Ctx): string {
  const rx = ctx.trace.entries().filter((e) => e.dir === 'rx').slice(-4);
  let s = '';
  for (const e of rx) for (const b of e.bytes) s += String.fromCharCode(b);
  return JSON.stringify(s.slice(-80));
}

/** Up to `n` telegrams; a silent DUT is inconclusive, an oversize telegram a failure. */
export async function telegrams(ctx: P1Ctx, n: number, o: CaptureOpts = {}): Promise<P1Received[]> {
  // Default: 2.5 intervals, or the profile's telegramMs for a meter that needs longer.
  const timeoutMs = o.timeoutMs ?? ctx.dut.timeout('telegramMs', 2 * INTERVAL_MS + 5 * INTERVAL_TOL_MS);
  try {
    return await ctx.p1.capture(n, { timeoutMs, startedAfter: o.startedAfter });
  } catch (e) {
    if (e instanceof P1OversizeError) ctx.fail('telegram size (harness bound, not a spec limit)', `at most ${P1_READER_MAX_TELEGRAM} bytes`, `${e.bytes} bytes`);
    if (isTransportError(e, 'timeout')) {
      const s = ctx.p1.stats();
      if (o.garbage === 'fail' && s.receivedBytes > 0) {
        ctx.fail('P1 telegrams (`/` … `!` + CRC) readable at the profile\'s line settings', 'complete telegrams', `${s.receivedBytes} bytes received, none forming a telegram; last bytes ${rxExcerpt(ctx)}`);
      }
      ctx.inconclusive(e.message);
    }
    throw e;
  }
}

export async function telegram(ctx: P1Ctx, o: CaptureOpts = {}): Promise<P1Received> {
  return (await telegrams(ctx, 1, o))[0]!;
}

/** The first telegram that starts at least SETTLE_MS (or `settleMs`) after now — after a stimulus. */
export async function telegramAfterStimulus(ctx: P1Ctx, settleMs = SETTLE_MS): Promise<P1Received> {
  const startedAfter = ctx.clock.now() + settleMs;
  return telegram(ctx, { startedAfter, timeoutMs: settleMs + 2 * INTERVAL_MS + 5 * INTERVAL_TOL_MS });
}

/** `A-B:C.D.E` of an object from its value groups (independent of how the id is written, F group or not). */
export function idOf(o: P1Object): string | null {
  const p = o.obisParts;
  return p ? `${p.a}-${p.b}:${p.c}.${p.d}.${p.e}` : null;
}

export function findAll(r: P1Received, id: string): P1Object[] {
  return r.telegram.objects.filter((o) => idOf(o) === id);
}

export function find(r: P1Received, id: string): P1Object | undefined {
  return findAll(r, id)[0];
}

/** The object or a failure naming the missing line. */
export function must(ctx: P1Ctx, r: P1Received, id: string, ref = ''): P1Object {
  return find(r, id) ?? ctx.fail(`line ${id} present${ref ? ` (${ref})` : ''}`, `a ${id}(…) line`, 'absent');
}

export function group(o: P1Object, i: number): P1Value | undefined {
  return o.values[i];
}

/** Numeric value of a bracket group as written (text before `*`). */
export function num(v: P1Value | undefined): number {
  return v ? Number(v.text) : NaN;
}

/** Meter time minus harness clock, from the bench (the P3 clock read). */
export function meterOffset(b: P1Bench, ctx: P1Ctx): number {
  return b.now() - ctx.clock.now();
}
