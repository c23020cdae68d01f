/**
 * Frame (invocation) counter bookkeeping, per key and per direction (GB §9.2.3.3.7.3; KSMW §3.5.4 Table 6;
 * IDIS-P2-IP Table 40 row 3):
 *
 * - transmit: the counter is used, then incremented; once the next value would be 2^32−1 the encryption
 *   function fails with `counter-exhausted` and the counter does not move (no wrap). The GB allows 2^32−1
 *   invocations, so 0xFFFFFFFF itself is never sent.
 * - receive: a value not greater than the last accepted one is a replay (`replay`); gaps are fine; the value
 *   0xFFFFFFFF is refused (`counter-exhausted`); the last accepted value moves only when the caller commits
 *   after the tag verified (check → decipher → accept), so a forged high counter cannot desynchronise.
 * - a new key resets its counters (GUEK change → 0, KSMW §3.5.4); AK or master-key changes do not — the
 *   caller decides by resetting the right key id.
 *
 * State is a plain JSON object (persist it across associations and power cycles). Key ids are names the
 * caller chooses (e.g. "mgmt/guek", "mgmt/ded"), never key material.
 */
import { fail } from './errors.ts';
import { IC_MAX } from './suites.ts';

export interface FrameCounterEntry {
  /** Next invocation counter to send (absent = 0, or the configured initial value). */
  tx?: number;
  /** Last accepted received invocation counter (absent = nothing received yet under this key). */
  rx?: number;
}

export interface FrameCounterState {
  version: 1;
  keys: Record<string, FrameCounterEntry>;
}

export type FrameCounterVerdict = 'fresh' | 'replay' | 'exhausted';

export function frameCounterStateCreate(): FrameCounterState {
  return { version: 1, keys: {} };
}

function entry(state: FrameCounterState, keyId: string): FrameCounterEntry {
  // own properties only: a key id such as "__proto__" must not reach Object.prototype
  return Object.hasOwn(state.keys, keyId) ? state.keys[keyId]! : {};
}

function withEntry(state: FrameCounterState, keyId: string, e: FrameCounterEntry): FrameCounterState {
  return { version: 1, keys: { ...state.keys, [keyId]: e } };
}

function checkIc(ic: number): void {
  if (!Number.isInteger(ic) || ic < 0 || ic > IC_MAX) fail('bad-invocation-counter', 0, `invocation counter ${ic} is not a 32-bit unsigned integer`);
}

/** Takes the next transmit counter; throws `counter-exhausted` (state unchanged) when none is left. */
export function frameCounterNext(state: FrameCounterState, keyId: string): { invocationCounter: number; state: FrameCounterState } {
  const e = entry(state, keyId);
  const ic = e.tx ?? 0;
  if (ic >= IC_MAX) fail('counter-exhausted', 0, `transmit invocation counter of "${keyId}" is exhausted; the key must be changed`);
  return { invocationCounter: ic, state: withEntry(state, keyId, { ...e, tx: ic + 1 }) };
}

/** Judges a received counter without changing the state. */
export function frameCounterCheck(state: FrameCounterState, keyId: string, ic: number): FrameCounterVerdict {
  checkIc(ic);
  if (ic === IC_MAX) return 'exhausted';
  const last = entry(state, keyId).rx;
  return last !== undefined && ic <= last ? 'replay' : 'fresh';
}

/** Commits a received counter after its protection verified; throws `replay` / `counter-exhausted`. */
export function frameCounterAccept(state: FrameCounterState, keyId: string, ic: number): FrameCounterState {
  const v = frameCounterCheck(state, keyId, ic);
  if (v === 'exhausted') fail('counter-exhausted', 0, `received invocation counter 0xFFFFFFFF under "${keyId}" is refused`);
  if (v === 'replay') fail('replay', 0, `received invocation counter ${ic} under "${keyId}" is not above the last accepted ${entry(state, keyId).rx}`);
  return withEntry(state, keyId, { ...entry(state, keyId), rx: ic });
}

/** A new key was established: both directions of that key start over (tx from `initialTx`, default 0). */
export function frameCounterReset(state: FrameCounterState, keyId: string, initialTx = 0): FrameCounterState {
  checkIc(initialTx);
  return withEntry(state, keyId, initialTx === 0 ? {} : { tx: initialTx });
}

/** Sets counters explicitly (resynchronisation from a value read through the Public client, simulator hooks). */
export function frameCounterSet(state: FrameCounterState, keyId: string, e: FrameCounterEntry): FrameCounterState {
  if (e.tx !== undefined) checkIc(e.tx);
  if (e.rx !== undefined) checkIc(e.rx);
  return withEntry(state, keyId, { ...e });
}

export function frameCounterSerialize(state: FrameCounterState): string {
  return JSON.stringify(state);
}

/** Parses persisted state; anything that is not a valid state is `bad-state` (never silently zeroed). */
export function frameCounterParse(json: string): FrameCounterState {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return fail('bad-state', 0, 'frame-counter state is not valid JSON');
  }
  const o = v as { version?: unknown; keys?: unknown };
  if (!o || typeof o !== 'object' || o.version !== 1 || !o.keys || typeof o.keys !== 'object' || Array.isArray(o.keys)) {
    fail('bad-state', 0, 'frame-counter state must be { version: 1, keys: {…} }');
  }
  const entries: Array<[string, FrameCounterEntry]> = [];
  for (const [k, raw] of Object.entries(o.keys as Record<string, unknown>)) {
    const e = raw as { tx?: unknown; rx?: unknown };
    if (!e || typeof e !== 'object') fail('bad-state', 0, `entry "${k}" is not an object`);
    const ok = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= IC_MAX);
    if (!ok(e.tx) || !ok(e.rx) || Object.keys(e).some((f) => f !== 'tx' && f !== 'rx')) fail('bad-state', 0, `entry "${k}" has invalid counters`);
    entries.push([k, { ...(e.tx !== undefined ? { tx: e.tx as number } : {}), ...(e.rx !== undefined ? { rx: e.rx as number } : {}) }]);
  }
  return { version: 1, keys: Object.fromEntries(entries) };
}

/**
 * A small mutable wrapper for roles and simulators that hold one state over time. `onChange` is called with
 * every new state so the owner can persist it before the counter value is used on the wire.
 */
export function frameCounterTracker(initial: FrameCounterState = frameCounterStateCreate(), onChange?: (s: FrameCounterState) => void) {
  let state = initial;
  const set = (s: FrameCounterState) => { state = s; onChange?.(s); };
  return {
    next(keyId: string): number { const r = frameCounterNext(state, keyId); set(r.state); return r.invocationCounter; },
    check(keyId: string, ic: number): FrameCounterVerdict { return frameCounterCheck(state, keyId, ic); },
    accept(keyId: string, ic: number): void { set(frameCounterAccept(state, keyId, ic)); },
    reset(keyId: string, initialTx = 0): void { set(frameCounterReset(state, keyId, initialTx)); },
    set(keyId: string, e: FrameCounterEntry): void { set(frameCounterSet(state, keyId, e)); },
    snapshot(): FrameCounterState { return state; },
  };
}
export type FrameCounterTracker = ReturnType<typeof frameCounterTracker>;
