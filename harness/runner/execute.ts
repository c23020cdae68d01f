/**
 * Run one case against one DUT and produce its verdict. Used by the vitest integration (every CLI run)
 * and directly by the mutant matrix. A case can never hang: its clock budget ends it as inconclusive,
 * and a real-time guard catches anything that escapes the clock.
 */
import { type Clock, isClockTimeout, realClock, VirtualClock } from '../clock/index.ts';
import { isTransportError } from '../transport/transport.ts';
import { redactBytes, redactTrace } from '../transport/redact.ts';
import { traceRecorder } from '../transport/trace.ts';
import { bytesToHex, hexToBytes } from '../codec/bytes.ts';
import { type Dut } from './dut.ts';
import { CaseFailure, CaseInconclusive, CaseNotApplicable } from './outcome.ts';
import type { BaseContext, CaseDef, CaseResult, Section } from './types.ts';

export interface ExecuteOptions {
  /** Include the trace for passing cases too (default: only for non-pass verdicts). */
  traceAll?: boolean;
  /** Real-time guard per case, ms (default 60 s). */
  realGuardMs?: number;
  /** Clock to run on (default: virtual for simulators, real otherwise) — e.g. a virtual clock shared with an in-process simulator behind a real pty. */
  clock?: Clock;
  /** Aborted when the run is cancelled (Ctrl-C): the case ends at once as not-run. */
  signal?: AbortSignal;
}

class Interrupted extends Error {}

const DEFAULT_BUDGET_MS = 10 * 60_000;

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object), kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function newClockFor(dut: Dut): Clock {
  if (!dut.isSim) return realClock();
  return new VirtualClock();
}

export async function executeCase<C extends object>(section: Section<C>, kase: CaseDef<C>, dut: Dut, opts: ExecuteOptions = {}): Promise<CaseResult> {
  const started = performance.now();
  const clock = opts.clock ?? newClockFor(dut);
  const clock0 = clock.now();
  const trace = traceRecorder(clock);
  const warnings: string[] = [];
  const notes: string[] = [];
  const base = {
    id: kase.id,
    dut: dut.name,
    family: section.family.name,
    section: section.id,
    ref: kase.ref,
    requirement: kase.requirement,
  };
  const finish = (r: Partial<CaseResult> & { verdict: CaseResult['verdict'] }): CaseResult => {
    let result: CaseResult = { ...base, warnings, notes, durationMs: performance.now() - started, clockMs: clock.now() - clock0, ...r };
    if (result.verdict === 'fail') {
      const waiver = dut.deviation(kase.id);
      if (waiver) result = { ...result, verdict: 'waived', waiver };
    }
    if (result.verdict !== 'pass' && result.verdict !== 'not-applicable' || opts.traceAll) {
      // Secrets never reach a report: the family's key-carrying fields are zeroed first.
      const fields = section.family.secretFields;
      const { entries, redacted } = fields?.length ? redactTrace(trace.entries(), fields) : { entries: trace.entries(), redacted: 0 };
      if (redacted) notes.push(`trace: key material redacted in ${redacted} field(s)`);
      let frames: ReturnType<NonNullable<typeof section.family.frames>> = [];
      try {
        // Decoded from the bytes as sent (the decoders redact key records themselves); the raw frame shown
        // beside the decoded view is redacted like the trace.
        frames = section.family.frames?.(trace.entries()) ?? [];
        if (fields?.length) {
          frames = frames.map((f) => ({
            ...f,
            ...(f.hex !== undefined ? { hex: bytesToHex(redactBytes(hexToBytes(f.hex), fields)) } : {}),
            ...(f.text !== undefined ? { text: Buffer.from(redactBytes(new Uint8Array(Buffer.from(f.text, 'latin1')), fields)).toString('latin1') } : {}),
          }));
        }
      } catch {
        frames = [];
      }
      const json = entries.map((e) => (e.dir === 'note' ? { t: e.t, dir: e.dir, note: e.note! } : { t: e.t, dir: e.dir, hex: bytesToHex(e.bytes) }));
      result.trace = { entries: json, dropped: trace.dropped(), frames };
    }
    return result;
  };

  const applies = kase.applies?.(dut) ?? true;
  if (applies !== true) return finish({ verdict: 'not-applicable', reason: applies });

  let session: Awaited<ReturnType<typeof section.family.open>> | undefined;
  try {
    session = await section.family.open(dut, { clock, trace });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return finish({ verdict: 'inconclusive', reason: `could not open a session to the DUT: ${msg}` });
  }

  const ctx: BaseContext = {
    dut,
    clock,
    trace,
    warn: (m) => { warnings.push(m); },
    note: (m) => { notes.push(m); },
    inconclusive: (reason) => { throw new CaseInconclusive(reason); },
    notApplicable: (reason) => { throw new CaseNotApplicable(reason); },
    fail: (what, expected, actual) => { throw new CaseFailure(what, expected, actual); },
    expectEqual: (what, actual, expected) => { if (!deepEqual(actual, expected)) throw new CaseFailure(what, expected, actual); },
    expectMatch: (what, actual, pattern) => { if (typeof actual !== 'string' || !pattern.test(actual)) throw new CaseFailure(what, `text matching ${pattern}`, actual ?? null); },
    expectTrue: (what, condition, expected, actual) => { if (!condition) throw new CaseFailure(what, expected, actual); },
  };

  const budget = kase.budgetMs ?? dut.timeout('caseMs', DEFAULT_BUDGET_MS);
  let guard: NodeJS.Timeout | undefined;
  const realGuard = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new CaseInconclusive(`case did not finish within ${opts.realGuardMs ?? 60_000} ms of real time`)), opts.realGuardMs ?? 60_000);
  });
  const interrupted = new Promise<never>((_, reject) => {
    if (opts.signal?.aborted) reject(new Interrupted());
    opts.signal?.addEventListener('abort', () => reject(new Interrupted()), { once: true });
  });
  try {
    await Promise.race([clock.timeout(kase.run({ ...session.ctx, ...ctx }), budget, `case ${kase.id}`), realGuard, interrupted]);
    return finish({ verdict: 'pass' });
  } catch (e) {
    if (e instanceof Interrupted) return finish({ verdict: 'not-run', reason: 'run interrupted during this case' });
    if (e instanceof CaseFailure) return finish({ verdict: 'fail', what: e.what, expected: e.expected, actual: e.actual, reason: e.message });
    if (e instanceof CaseInconclusive) return finish({ verdict: 'inconclusive', reason: e.message });
    if (e instanceof CaseNotApplicable) return finish({ verdict: 'not-applicable', reason: e.message });
    if (isClockTimeout(e)) return finish({ verdict: 'inconclusive', reason: `case exceeded its time budget of ${budget} ms (DUT never reached the point under test)` });
    if (isTransportError(e, 'timeout')) return finish({ verdict: 'inconclusive', reason: `DUT silent: ${e.message}` });
    if (isTransportError(e)) return finish({ verdict: 'inconclusive', reason: `link lost: ${e.message}` });
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return finish({ verdict: 'inconclusive', reason: `unexpected error while running the case: ${msg}` });
  } finally {
    clearTimeout(guard);
    await session.close().catch(() => {});
  }
}
