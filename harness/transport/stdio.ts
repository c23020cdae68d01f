/**
 * A Transport over a pair of streams (process stdin/stdout): serves a simulator to a pipeline, e.g. a real
 * radio receiver's hex-line output piped into `meterproof sim gas-wireless --stdio` and the simulator's
 * frames on stdout. End of input closes the link.
 */
import type { Clock } from '../clock/clock.ts';
import { ChunkQueue, Events } from './chunk-queue.ts';
import { type ControlLines, type Transport, TransportError } from './transport.ts';

class StdioTransport implements Transport {
  readonly kind = 'stdio' as const;
  readonly label = 'stdio';
  private q: ChunkQueue;
  private ev = new Events();
  private open_ = false;

  constructor(readonly clock: Clock, private readonly input: NodeJS.ReadableStream, private readonly output: NodeJS.WritableStream) {
    this.q = new ChunkQueue(clock, 'stdio');
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (this.open_) return;
    this.open_ = true;
    this.input.on('data', (b: Buffer | string) => {
      const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
      const chunk = new Uint8Array(buf.buffer, buf.byteOffset, buf.length).slice();
      this.q.push(chunk);
      this.ev.emit('data', chunk);
    });
    this.input.on('end', () => {
      this.open_ = false;
      this.q.fail(new TransportError('closed', 'stdio: end of input'));
      this.ev.emit('close');
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.open_) return Promise.reject(new TransportError('closed', 'stdio: not open'));
    this.clock.touch();
    return new Promise((resolve, reject) => {
      this.output.write(Buffer.from(data), (err) => (err ? reject(new TransportError('io', `stdio: ${err.message}`)) : resolve()));
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
    this.open_ = false;
    this.q.fail(new TransportError('closed', 'stdio: closed'));
  }

  on(event: string, fn: (arg: never) => void): void {
    this.ev.on(event, fn);
  }
}

export function stdioTransport(clock: Clock, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Transport {
  return new StdioTransport(clock, input, output);
}
