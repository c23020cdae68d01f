/**
 * Serial transport on the `serialport` package (real UARTs, USB-P1 cables, M-Bus level converters, and
 * socat pty pairs in tests). A missing device is 'unreachable'. The P1 data-request line maps to RTS and
 * DTR (USB P1 cables wire one of them to the request pin).
 */
import { SerialPort } from 'serialport';
import type { Clock } from '../clock/clock.ts';
import { ChunkQueue, Events } from './chunk-queue.ts';
import { type ControlLines, type LineSettings, type Transport, TransportError } from './transport.ts';
import { lineLabel } from './uart.ts';

export interface SerialTarget extends LineSettings {
  path: string;
}

class SerialTransport implements Transport {
  readonly kind = 'serial' as const;
  readonly label: string;
  private q: ChunkQueue;
  private ev = new Events();
  private port: SerialPort | null = null;

  constructor(readonly clock: Clock, private readonly target: SerialTarget) {
    this.label = `serial ${target.path} ${lineLabel(target)}`;
    this.q = new ChunkQueue(clock, this.label);
  }

  get isOpen(): boolean {
    return !!this.port?.isOpen;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const t = this.target;
    const port = new SerialPort({ path: t.path, baudRate: t.baud, dataBits: t.dataBits, parity: t.parity, stopBits: t.stopBits, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => (err ? reject(new TransportError('unreachable', `${this.label}: ${err.message}`)) : resolve()));
    });
    port.on('data', (b: Buffer) => {
      const chunk = new Uint8Array(b.buffer, b.byteOffset, b.length).slice();
      this.clock.inflight(-chunk.length);
      this.q.push(chunk);
      this.ev.emit('data', chunk);
    });
    port.on('error', (e: Error) => {
      this.q.fail(new TransportError('io', `${this.label}: ${e.message}`));
      this.ev.emit('error', e);
    });
    port.on('close', () => {
      this.q.fail(new TransportError('closed', `${this.label}: port closed`));
      this.ev.emit('close');
    });
    this.q.reset();
    this.port = port;
  }

  write(data: Uint8Array): Promise<void> {
    const p = this.port;
    if (!p?.isOpen) return Promise.reject(new TransportError('closed', `${this.label}: not open`));
    this.clock.inflight(data.length);
    return new Promise((resolve, reject) => {
      p.write(Buffer.from(data), (err) => {
        if (err) return reject(new TransportError('io', `${this.label}: ${err.message}`));
        p.drain((e) => (e ? reject(new TransportError('io', `${this.label}: ${e.message}`)) : resolve()));
      });
    });
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    return this.q.read(timeoutMs);
  }

  drain(): void {
    this.q.drain();
  }

  async setControl(lines: ControlLines): Promise<void> {
    const p = this.port;
    if (!p?.isOpen || lines.request === undefined) return;
    await new Promise<void>((resolve) => {
      // ptys reject modem-control ioctls; a line that cannot be driven is left as it is.
      p.set({ rts: lines.request, dtr: lines.request }, () => resolve());
    });
  }

  async close(): Promise<void> {
    const p = this.port;
    if (!p?.isOpen) return;
    await new Promise<void>((resolve) => p.close(() => resolve()));
  }

  on(event: string, fn: (arg: never) => void): void {
    this.ev.on(event, fn);
  }
}

export function serialTransport(clock: Clock, target: SerialTarget): Transport {
  return new SerialTransport(clock, target);
}
