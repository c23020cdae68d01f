/** TCP client and server transports (node:net). A refused or timed-out connect is 'unreachable'. */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../clock/clock.ts';
import { ChunkQueue, Events } from './chunk-queue.ts';
import { type ControlLines, type Transport, TransportError } from './transport.ts';

class SocketTransport implements Transport {
  readonly kind = 'tcp' as const;
  protected q: ChunkQueue;
  protected ev = new Events();
  protected sock: Socket | null = null;

  constructor(readonly clock: Clock, readonly label: string) {
    this.q = new ChunkQueue(clock, label);
  }

  get isOpen(): boolean {
    return !!this.sock && !this.sock.destroyed;
  }

  async open(): Promise<void> {
    if (!this.sock) throw new TransportError('config', `${this.label}: no socket`);
  }

  attach(sock: Socket): void {
    this.sock = sock;
    sock.setNoDelay(true);
    sock.on('data', (b: Buffer) => {
      const chunk = new Uint8Array(b.buffer, b.byteOffset, b.length).slice();
      this.clock.inflight(-chunk.length);
      this.q.push(chunk);
      this.ev.emit('data', chunk);
    });
    sock.on('error', (e) => {
      this.q.fail(new TransportError('io', `${this.label}: ${e.message}`));
      this.ev.emit('error', e);
    });
    sock.on('close', () => {
      this.q.fail(new TransportError('closed', `${this.label}: connection closed by peer`));
      this.ev.emit('close');
    });
  }

  write(data: Uint8Array): Promise<void> {
    const s = this.sock;
    if (!s || s.destroyed) return Promise.reject(new TransportError('closed', `${this.label}: write on a closed connection`));
    this.clock.inflight(data.length);
    return new Promise((resolve, reject) => {
      s.write(data, (err) => (err ? reject(new TransportError('io', `${this.label}: ${err.message}`)) : resolve()));
    });
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    return this.q.read(timeoutMs);
  }

  drain(): void {
    this.q.drain();
  }

  async setControl(_lines: ControlLines): Promise<void> {
    // TCP has no control lines; the P1-over-TCP bridges keep the request asserted.
  }

  async close(): Promise<void> {
    const s = this.sock;
    if (!s || s.destroyed) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.end();
      s.destroySoon?.();
      setTimeout(() => { s.destroy(); resolve(); }, 200).unref();
    });
  }

  on(event: string, fn: (arg: never) => void): void {
    this.ev.on(event, fn);
  }
}

export interface TcpTarget {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

class TcpClient extends SocketTransport {
  constructor(clock: Clock, private readonly target: TcpTarget) {
    super(clock, `tcp ${target.host}:${target.port}`);
  }

  override async open(): Promise<void> {
    if (this.isOpen) return;
    const { host, port, connectTimeoutMs = 5000 } = this.target;
    // Connect timeouts are real time: the network does not run on the virtual clock.
    const sock = await new Promise<Socket>((resolve, reject) => {
      const s = createConnection({ host, port });
      const timer = setTimeout(() => { s.destroy(); reject(new TransportError('unreachable', `${this.label}: connect timed out after ${connectTimeoutMs} ms`)); }, connectTimeoutMs);
      s.once('connect', () => { clearTimeout(timer); resolve(s); });
      s.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new TransportError('unreachable', `${this.label}: ${e.code ?? e.message}`));
      });
    });
    this.q.reset();
    this.attach(sock);
  }
}

export function tcpClient(clock: Clock, target: TcpTarget): Transport {
  return new TcpClient(clock, target);
}

export interface TcpServerHandle {
  port: number;
  close(): Promise<void>;
}

/** Listen on `port` (0 = any) on loopback by default; each accepted connection becomes a Transport. */
export async function tcpServe(
  clock: Clock,
  port: number,
  onConnection: (t: Transport) => void,
  host = '127.0.0.1',
): Promise<TcpServerHandle> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    const t = new SocketTransport(clock, `tcp peer ${sock.remoteAddress}:${sock.remotePort}`);
    t.attach(sock);
    onConnection(t);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new TransportError('config', `cannot listen on ${host}:${port}: ${e.code ?? e.message}`)));
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
