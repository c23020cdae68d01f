/** UDP transport (node:dgram): each write is one datagram, each read one datagram (IEC 62056-47 over UDP). */
import { createSocket, type Socket } from 'node:dgram';
import type { Clock } from '../clock/clock.ts';
import { ChunkQueue, Events } from './chunk-queue.ts';
import { type ControlLines, type Transport, TransportError } from './transport.ts';

export interface UdpTarget {
  host: string;
  port: number;
  /** Local port to bind (0 = ephemeral). */
  localPort?: number;
}

class UdpTransport implements Transport {
  readonly kind = 'udp' as const;
  readonly label: string;
  private q: ChunkQueue;
  private ev = new Events();
  private sock: Socket | null = null;

  constructor(readonly clock: Clock, private readonly target: UdpTarget) {
    this.label = `udp ${target.host}:${target.port}`;
    this.q = new ChunkQueue(clock, this.label);
  }

  get isOpen(): boolean {
    return this.sock !== null;
  }

  async open(): Promise<void> {
    if (this.sock) return;
    const type = this.target.host.includes(':') ? 'udp6' : 'udp4';
    const s = createSocket(type);
    await new Promise<void>((resolve, reject) => {
      s.once('error', (e) => reject(new TransportError('unreachable', `${this.label}: ${e.message}`)));
      s.bind(this.target.localPort ?? 0, () => resolve());
    });
    s.on('message', (msg, rinfo) => {
      if (rinfo.port !== this.target.port) return; // only the DUT's datagrams
      const chunk = new Uint8Array(msg.buffer, msg.byteOffset, msg.length).slice();
      this.q.push(chunk);
      this.ev.emit('data', chunk);
    });
    s.on('error', (e) => {
      this.q.fail(new TransportError('io', `${this.label}: ${e.message}`));
      this.ev.emit('error', e);
    });
    this.sock = s;
  }

  write(data: Uint8Array): Promise<void> {
    const s = this.sock;
    if (!s) return Promise.reject(new TransportError('closed', `${this.label}: not open`));
    this.clock.touch();
    return new Promise((resolve, reject) => {
      s.send(data, this.target.port, this.target.host, (err) => (err ? reject(new TransportError('io', `${this.label}: ${err.message}`)) : resolve()));
    });
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    return this.q.read(timeoutMs);
  }

  drain(): void {
    this.q.drain();
  }

  async setControl(_lines: ControlLines): Promise<void> {}

  async close(): Promise<void> {
    const s = this.sock;
    if (!s) return;
    this.sock = null;
    this.q.fail(new TransportError('closed', `${this.label}: closed`));
    await new Promise<void>((resolve) => s.close(() => resolve()));
    this.ev.emit('close');
  }

  on(event: string, fn: (arg: never) => void): void {
    this.ev.on(event, fn);
  }
}

export function udpTransport(clock: Clock, target: UdpTarget): Transport {
  return new UdpTransport(clock, target);
}
