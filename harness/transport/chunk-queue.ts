/**
 * The receive side shared by all transports: buffer incoming chunks, hand them to `read` callers with
 * a clock-bounded wait, and remember a close so later reads fail fast instead of hanging.
 */
import type { Clock } from '../clock/clock.ts';
import { TransportError } from './transport.ts';

export class ChunkQueue {
  private chunks: Uint8Array[] = [];
  private waiter: { resolve: (c: Uint8Array) => void; reject: (e: Error) => void } | null = null;
  private closedReason: TransportError | null = null;

  constructor(private readonly clock: Clock, private readonly label: string) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.clock.touch();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(chunk);
    } else {
      this.chunks.push(chunk);
    }
  }

  fail(reason: TransportError): void {
    this.closedReason ??= reason;
    this.clock.touch();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(reason);
    }
  }

  reset(): void {
    this.closedReason = null;
    this.chunks = [];
  }

  drain(): void {
    this.chunks = [];
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    const next = this.chunks.shift();
    if (next) return Promise.resolve(next);
    if (this.closedReason) return Promise.reject(this.closedReason);
    if (this.waiter) return Promise.reject(new TransportError('io', `${this.label}: concurrent read`));
    const p = new Promise<Uint8Array>((resolve, reject) => { this.waiter = { resolve, reject }; });
    return this.clock.timeout(p, timeoutMs, `read on ${this.label}`).catch((e: unknown) => {
      this.waiter = null;
      if (e instanceof TransportError) throw e;
      throw new TransportError('timeout', `${this.label}: nothing received within ${timeoutMs} ms`);
    });
  }
}

/** Minimal typed event hub used by the transports. */
export class Events {
  private handlers = new Map<string, Array<(arg: never) => void>>();
  on(event: string, fn: (arg: never) => void): void {
    const l = this.handlers.get(event) ?? [];
    l.push(fn);
    this.handlers.set(event, l);
  }
  emit(event: string, arg?: unknown): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (a: unknown) => void)(arg);
  }
}
