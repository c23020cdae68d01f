/**
 * The vocabulary of a conformance run (DESIGN.md § A conformance case): cases grouped in sections,
 * families that know how to open a session to a DUT, verdicts with expected vs actual and a trace.
 */
import type { Clock } from '../clock/clock.ts';
import type { SecretField } from '../transport/redact.ts';
import type { TraceRecorder } from '../transport/trace.ts';
import type { Dut } from './dut.ts';

export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'not-applicable' | 'waived';
/** Report-only state for cases a run never reached (Ctrl-C, bail-out). */
export type CaseState = Verdict | 'not-run';

/** What every case's `run` receives, whatever the family. */
export interface BaseContext {
  dut: Dut;
  clock: Clock;
  trace: TraceRecorder;
  /** A tolerated quirk seen on the wire: the case still passes, the report shows the warning. */
  warn(message: string): void;
  /** Free-form observation recorded with the verdict (measured values, counts). */
  note(message: string): void;
  /** The DUT never reached the point under test. */
  inconclusive(reason: string): never;
  /** Mid-run discovery that the DUT lacks the feature (prefer `applies`). */
  notApplicable(reason: string): never;
  /** A violation: `what` is the checked property; expected/actual are shown side by side. */
  fail(what: string, expected: unknown, actual: unknown): never;
  /** Assertions that fail the case with expected vs actual. */
  expectEqual<T>(what: string, actual: T, expected: T): void;
  expectMatch(what: string, actual: string | null | undefined, pattern: RegExp): void;
  expectTrue(what: string, condition: boolean, expected: unknown, actual: unknown): void;
}

export interface CaseDef<C extends object = object> {
  /** `<family>/<section>/<n>`; never renumbered once released. */
  id: string;
  /** Short spec name + section/table/row, e.g. `DSMR-RN-4.0.4 §3 item 2`. */
  ref: string;
  /** The rule in our own words, one sentence. */
  requirement: string;
  /** Fault switch(es) of the family's simulator that break exactly this rule; the mutant matrix proves the case catches them. */
  mutants: string[];
  /** `true` applies; a string is the reason it does not (not-applicable). */
  applies?: (dut: Dut) => true | string;
  /** Human summary of `applies` for `meterproof list`. */
  appliesWhen?: string;
  /** Virtual-time budget for the case (default 10 min): past it the verdict is inconclusive. */
  budgetMs?: number;
  run(ctx: C & BaseContext): Promise<void>;
}

export interface Session<C extends object> {
  ctx: C;
  close(): Promise<void>;
}

export interface OpenEnv {
  clock: Clock;
  trace: TraceRecorder & { add(dir: 'tx' | 'rx', b: Uint8Array): void };
}

/** A protocol family: a suite folder plus how to reach its DUT (transport → role). */
export interface Family<C extends object = object> {
  name: string;
  title: string;
  /** Open a session (role over transport or simulator) for one case. */
  open(dut: Dut, env: OpenEnv): Promise<Session<C>>;
  /** Render traffic for reports: split a trace into frames with a decoded view. */
  frames?(entries: ReturnType<TraceRecorder['entries']>): DecodedFrame[];
  /** Byte fields that carry key material: zeroed in every trace a report shows. */
  secretFields?: readonly SecretField[];
}

export interface DecodedFrame {
  t: number;
  dir: 'tx' | 'rx';
  layer: string;
  /** Raw frame: text for text protocols (P1), hex otherwise. */
  text?: string;
  hex?: string;
  decoded?: unknown;
}

export interface Section<C extends object = object> {
  /** `<family>/<section>` */
  id: string;
  title: string;
  family: Family<C>;
  cases: CaseDef<C>[];
  /** Source file, for reports. */
  file?: string;
}

export interface CaseResult {
  id: string;
  dut: string;
  family: string;
  section: string;
  ref: string;
  requirement: string;
  verdict: CaseState;
  reason?: string;
  what?: string;
  expected?: unknown;
  actual?: unknown;
  waiver?: string;
  warnings: string[];
  notes: string[];
  /** Real time spent, ms. */
  durationMs: number;
  /** Clock time spent (virtual against simulators), ms. */
  clockMs: number;
  trace?: { entries: ReturnType<TraceRecorder['toJSON']>; dropped: number; frames: DecodedFrame[] };
}
