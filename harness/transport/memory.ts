/**
 * An in-memory link between a role and a simulator. Delivery is asynchronous (a microtask), like a real
 * link, and touches the clock so a virtual clock waits for the bytes to land before jumping time.
 */
import type { Clock } from '../clock/clock.ts';
import { ChunkQueue, Events } from './chunk-queue.ts';
import { type ControlLines, type LineSettings, type Transport, TransportError } from './transport.ts';
import { uartReceive } from './uart.ts';

class MemoryEnd implements Transport {
  readonly kind = 'memory' as const;
  peer!: MemoryEnd;
  private q: ChunkQueue;
  private ev = new Events();
  private opened = false;
  private closed = false;
  lines: ControlLines = {};

  constructor(readonly clock: Clock, readonly label: string, readonly line?: LineSettings) {
    this.q = new ChunkQueue(clock, label);
  }

  get isOpen(): boolean {
    return this.opened && !this.closed;
  }

  async open(): Promise<void> {
    if (this.closed) throw new TransportError('closed', `${this.label}: already closed`);
    this.opened = true;
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new TransportError('closed', `${this.label}: write on a closed link`);
    const peer = this.peer;
    let bytes: Uint8Array = data.slice();
    if (this.line && peer.line) bytes = uartReceive(bytes, this.line, peer.line);
    this.clock.touch();
    queueMicrotask(() => peer.deliver(bytes));
  }

  private deliver(bytes: Uint8Array): void {
    if (!this.isOpen) return; // like a real line: bytes sent to a closed port are lost
    this.q.push(bytes);
    this.ev.emit('data', bytes);
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    if (!this.opened) return Promise.reject(new TransportError('closed', `${this.label}: read before open`));
    return this.q.read(timeoutMs);
  }

  drain(): void {
    this.q.drain();
  }

  async setControl(lines: ControlLines): Promise<void> {
    this.lines = { ...this.lines, ...lines };
    const peer = this.peer;
    const snapshot = { ...this.lines };
    this.clock.touch();
    queueMicrotask(() => peer.ev.emit('control', snapshot));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.q.fail(new TransportError('closed', `${this.label}: closed`));
    this.ev.emit('close');
    const peer = this.peer;
    queueMicrotask(() => peer.peerClosed());
  }

  private peerClosed(): void {
    this.q.fail(new TransportError('closed', `${this.label}: peer closed the link`));
    this.ev.emit('close');
  }

  on(event: string, fn: (arg: never) => void): void {
    this.ev.on(event, fn);
  }
}

/** Two connected ends: `[a, b]`; what one writes the other reads. Optional UART settings per end. */
export function memoryPair(clock: Clock, opts: { labels?: [string, string]; lines?: [LineSettings, LineSettings] } = {}): [Transport, Transport] {
  const [la, lb] = opts.labels ?? ['memory:a', 'memory:b'];
  const a = new MemoryEnd(clock, la, opts.lines?.[0]);
  const b = new MemoryEnd(clock, lb, opts.lines?.[1]);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
