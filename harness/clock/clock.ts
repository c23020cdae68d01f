/**
 * One clock interface for roles, simulators and cases (DESIGN.md § Layout: clock/). Against simulators a
 * run uses a VirtualClock, so protocol timing rules of minutes cost milliseconds; against a physical DUT
 * the RealClock. Nothing in harness/, suites/ or the simulators calls setTimeout directly.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  readonly kind: 'virtual' | 'real';
  /** Milliseconds since the Unix epoch (virtual: starts wherever the clock was created). */
  now(): number;
  /** Call `fn` once after `ms`. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Resolve after `ms`; rejects with AbortError-like reason when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Race `p` against a deadline: resolves with p's value, or rejects with `ClockTimeout` after `ms`.
   * While a caller waits here or in `sleep`, a virtual clock may advance time.
   */
  timeout<T>(p: Promise<T>, ms: number, what?: string): Promise<T>;
  /** Note I/O activity (virtual clock waits for quiet before jumping time). */
  touch(): void;
  /**
   * Bytes put on (+n) or taken off (−n) a real link whose both ends run on this clock (a simulator behind a
   * pty pair in tests): a virtual clock does not jump while bytes are still in flight.
   */
  inflight(delta: number): void;
}

export class ClockTimeout extends Error {
  readonly ms: number;
  constructor(ms: number, what = 'operation') {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'ClockTimeout';
    this.ms = ms;
  }
}

export function isClockTimeout(e: unknown): e is ClockTimeout {
  return e instanceof ClockTimeout;
}

/** Shared implementation of `timeout` on top of `setTimer`. */
export function raceTimeout<T>(clock: Pick<Clock, 'setTimer'>, p: Promise<T>, ms: number, what?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const h = clock.setTimer(ms, () => {
      if (done) return;
      done = true;
      reject(new ClockTimeout(ms, what));
    });
    p.then(
      (v) => { if (!done) { done = true; h.cancel(); resolve(v); } },
      (e) => { if (!done) { done = true; h.cancel(); reject(e); } },
    );
  });
}

export function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}
