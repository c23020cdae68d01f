import { type Clock, type TimerHandle, raceTimeout, abortError } from './clock.ts';

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export interface VirtualClockOptions {
  /** Epoch ms the clock starts at (default 2026-01-15T10:00:00Z). */
  start?: number;
  /**
   * Real milliseconds of I/O silence required before time jumps. 0 for purely in-memory runs; a few
   * ms when bytes cross a real pty or socket, so data in flight lands before a timeout fires.
   */
  quietMs?: number;
}

/**
 * A discrete-event clock. Time only moves while somebody waits on it (sleep/timeout): then, once the
 * process is quiet (no pending microtasks, I/O callbacks, nor — with quietMs — recent I/O), it jumps to
 * the earliest timer and fires it. Simulator timers fire as a side effect on the way to a waiter's
 * deadline; when no case waits, time stands still, so an idle simulator costs nothing.
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  private t: number;
  private seq = 0;
  private heap: Entry[] = [];
  private waiters = 0;
  private driving = false;
  private lastActivity = 0;
  private activity = 0;
  private readonly quietMs: number;
  private flying = 0;

  constructor(opts: VirtualClockOptions = {}) {
    this.t = opts.start ?? Date.UTC(2026, 0, 15, 10, 0, 0);
    this.quietMs = opts.quietMs ?? 0;
  }

  now(): number {
    return this.t;
  }

  touch(): void {
    this.activity++;
    this.lastActivity = performance.now();
  }

  inflight(delta: number): void {
    this.flying = Math.max(0, this.flying + delta);
    this.touch();
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const e: Entry = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.push(e);
    return { cancel: () => { e.cancelled = true; } };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.waitOn(new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const h = this.setTimer(ms, () => { signal?.removeEventListener('abort', onAbort); resolve(); });
      const onAbort = () => { h.cancel(); reject(abortError()); };
      signal?.addEventListener('abort', onAbort, { once: true });
    }));
  }

  timeout<T>(p: Promise<T>, ms: number, what?: string): Promise<T> {
    return this.waitOn(raceTimeout(this, p, ms, what));
  }

  /** Advance by `ms`, firing due timers in order (tests that drive time by hand). */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await settle();
      const e = this.peek();
      if (!e || e.at > target) break;
      this.pop();
      this.t = e.at;
      e.fn();
    }
    this.t = target;
    await settle();
  }

  /** Timers still scheduled (cancelled ones excluded). */
  pending(): number {
    return this.heap.filter((e) => !e.cancelled).length;
  }

  private async waitOn<T>(p: Promise<T>): Promise<T> {
    this.waiters++;
    this.drive();
    try {
      return await p;
    } finally {
      this.waiters--;
    }
  }

  private drive(): void {
    if (this.driving) return;
    this.driving = true;
    void (async () => {
      try {
        while (this.waiters > 0) {
          await this.quiet();
          if (this.waiters === 0) break;
          const e = this.peek();
          if (!e) {
            // Nobody can wake the waiter in virtual time; only real I/O can. Poll gently.
            await realDelay(1);
            continue;
          }
          this.pop();
          if (e.at > this.t) this.t = e.at;
          e.fn();
        }
      } finally {
        this.driving = false;
      }
    })();
  }

  private async quiet(): Promise<void> {
    for (;;) {
      const before = this.activity;
      await settle();
      if (this.quietMs > 0) {
        const since = performance.now() - this.lastActivity;
        if (since < this.quietMs) { await realDelay(this.quietMs - since); continue; }
        // Bytes written to a real link and not yet read by its other end: wait for them (a loaded machine
        // can take longer than quietMs), unless nothing has moved for a second — then they are lost.
        if (this.flying > 0) {
          if (since < IN_FLIGHT_GIVE_UP_MS) { await realDelay(1); continue; }
          this.flying = 0;
        }
      }
      if (this.activity === before) return;
    }
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private peek(): Entry | undefined {
    while (this.heap.length && this.heap[0]!.cancelled) this.pop();
    return this.heap[0];
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Real ms without progress after which bytes in flight are taken as lost (written to a closed port). */
const IN_FLIGHT_GIVE_UP_MS = 1000;

function less(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Let every pending microtask and already-queued I/O callback run. */
function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

function realDelay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
