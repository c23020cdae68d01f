/**
 * The P1 reader role: the consumer device on a meter's P1 port. It drives the data-request line, frames
 * the received stream into telegrams with the codec's framer (reading may start mid-telegram), stamps
 * each telegram with the clock times of its first and last byte, and parses it leniently so a case can
 * judge every deviation.
 *
 * Bytes are taken from the transport's `data` events as they arrive (not by polling `read`), so the
 * stamps are arrival times even when the case is busy elsewhere, and no background wait keeps a virtual
 * clock running. Every wait is bounded: a silent, stalled or garbage-sending DUT ends in a TransportError
 * 'timeout' that says what was received; a telegram beyond `maxTelegramBytes` ends in P1OversizeError.
 */
import type { Clock } from '../clock/clock.ts';
import { createP1Framer, p1Parse, type P1Framer, type P1Telegram } from '../codec/p1/index.ts';
import { type Transport, TransportError } from '../transport/transport.ts';

/**
 * Largest telegram the reader accepts. Not a spec limit (the seeds give none): the longest legal DSMR 4
 * line is the 2048-hex-digit text (DSMR-RN-4.0.4 §3 item 1), and a full telegram with four M-Bus
 * channels and ten power-failure entries stays under 5 KiB; 8 KiB leaves room and bounds memory.
 */
export const P1_READER_MAX_TELEGRAM = 8 * 1024;
/** Default wait for one telegram: 2.5 × the 10 s interval (DSMR-RN-4.2.2 §2 item 33). */
export const P1_READER_TIMEOUT_MS = 25_000;
const MAX_QUEUE = 64;
const MAX_GARBAGE_TEXT = 4096;

export interface P1Received {
  /** The telegram as framed: `/` through the CRC line and its line ending. */
  text: string;
  bytes: Uint8Array;
  /** Clock time (ms) at which the first / last byte arrived. */
  startedAt: number;
  endedAt: number;
  /** Lenient parse (codec): values, CRC check, deviations. */
  telegram: P1Telegram;
  /** Bytes received between the previous telegram (or the start) and this one's `/` (at most 4 KiB kept). */
  garbageBefore: string;
}

/** A telegram longer than the reader's limit arrived (the DUT is not stuck, but its output is unusable). */
export class P1OversizeError extends TransportError {
  readonly bytes: number;
  constructor(bytes: number, limit: number) {
    super('io', `P1 telegram of more than ${limit} bytes (${bytes} seen)`);
    this.name = 'P1OversizeError';
    this.bytes = bytes;
  }
}

export interface P1Reader {
  setRequest(on: boolean): Promise<void>;
  /** Next telegram not yet returned (optionally only one that started at or after `startedAfter`). */
  next(timeoutMs?: number, opts?: { startedAfter?: number }): Promise<P1Received>;
  capture(n: number, opts?: { timeoutMs?: number; startedAfter?: number }): Promise<P1Received[]>;
  /** Wait `ms` and return every byte received meanwhile (telegrams are framed and queued as usual). */
  quietFor(ms: number): Promise<Uint8Array>;
  /** Forget telegrams received so far (the next `next` waits for a new one). */
  skipQueued(): void;
  stats(): { receivedBytes: number; garbageBytes: number; telegrams: number; oversize: number; pendingBytes: number };
  close(): void;
}

type Item = { kind: 'telegram'; text: string; startedAt: number; endedAt: number; garbageBefore: string } | { kind: 'oversize'; bytes: number };

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function p1Reader(transport: Transport, clock: Clock, opts: { maxTelegramBytes?: number } = {}): P1Reader {
  const max = opts.maxTelegramBytes ?? P1_READER_MAX_TELEGRAM;
  let framer: P1Framer = createP1Framer();
  let buf = ''; // received text from absolute offset `base`; always ends with the framer's pending bytes
  let base = 0;
  let marks: { off: number; t: number }[] = []; // chunk arrival: absolute offset → clock time
  let total = 0;
  let telegramBytes = 0;
  let oversize = 0;
  let garbageText = '';
  let closed: TransportError | null = null;
  const queue: Item[] = [];
  let wake: (() => void) | null = null;
  const collectors = new Set<Uint8Array[]>();

  const timeAt = (off: number): number => {
    let t = marks[0]?.t ?? clock.now();
    for (const m of marks) {
      if (m.off > off) break;
      t = m.t;
    }
    return t;
  };
  const addGarbage = (s: string) => {
    garbageText = (garbageText + s).slice(-MAX_GARBAGE_TEXT);
  };
  const enqueue = (item: Item) => {
    queue.push(item);
    if (queue.length > MAX_QUEUE) queue.shift();
    const w = wake;
    wake = null;
    w?.();
  };

  function onData(chunk: Uint8Array): void {
    transport.drain(); // chunks are consumed here; keep the transport's own queue empty
    if (closed || chunk.length === 0) return;
    for (const c of collectors) c.push(chunk.slice());
    const str = latin1(chunk);
    marks.push({ off: total, t: clock.now() });
    buf += str;
    total += str.length;
    let sf = 0; // relative search start in buf
    for (const t of framer.push(str)) {
      const idx = buf.indexOf(t, sf);
      const at = idx < 0 ? sf : idx;
      addGarbage(buf.slice(sf, at));
      sf = at + t.length;
      telegramBytes += t.length;
      if (t.length > max) {
        oversize++;
        enqueue({ kind: 'oversize', bytes: t.length });
      } else {
        enqueue({ kind: 'telegram', text: t, startedAt: timeAt(base + at), endedAt: timeAt(base + at + t.length - 1), garbageBefore: garbageText });
      }
      garbageText = '';
    }
    let pending = framer.pending().length;
    if (pending > max) {
      // Never hold an unbounded telegram: drop it and resynchronise on the next `/`.
      oversize++;
      enqueue({ kind: 'oversize', bytes: pending });
      framer = createP1Framer();
      telegramBytes += pending;
      pending = 0;
      sf = buf.length;
    }
    const keepFrom = Math.max(sf, buf.length - pending);
    addGarbage(buf.slice(sf, keepFrom));
    buf = buf.slice(keepFrom);
    base += keepFrom;
    let firstKept = 0;
    while (firstKept + 1 < marks.length && marks[firstKept + 1]!.off <= base) firstKept++;
    if (firstKept > 0) marks = marks.slice(firstKept);
  }

  transport.on('data', onData);
  transport.on('close', () => {
    closed ??= new TransportError('closed', `${transport.label}: link closed`);
    const w = wake;
    wake = null;
    w?.();
  });

  async function next(timeoutMs = P1_READER_TIMEOUT_MS, o: { startedAfter?: number } = {}): Promise<P1Received> {
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      const item = queue.shift();
      if (item) {
        if (item.kind === 'oversize') throw new P1OversizeError(item.bytes, max);
        if (o.startedAfter !== undefined && item.startedAt < o.startedAfter) continue;
        let telegram: P1Telegram;
        try {
          telegram = p1Parse(item.text, { mode: 'lenient' });
        } catch (e) {
          throw new TransportError('io', `P1 telegram could not be parsed: ${(e as Error).message}`);
        }
        return { text: item.text, bytes: toBytes(item.text), startedAt: item.startedAt, endedAt: item.endedAt, telegram, garbageBefore: item.garbageBefore };
      }
      if (closed) throw closed;
      const left = deadline - clock.now();
      if (left <= 0) throw silent(timeoutMs);
      const arrived = new Promise<void>((resolve) => { wake = resolve; });
      try {
        await clock.timeout(arrived, left, 'P1 telegram');
      } catch {
        wake = null;
        throw silent(timeoutMs);
      }
    }
  }

  function silent(timeoutMs: number): TransportError {
    const s = stats();
    return new TransportError('timeout', `${transport.label}: no complete P1 telegram within ${timeoutMs} ms ` +
      `(${s.receivedBytes} bytes received so far, ${s.garbageBytes} outside telegrams, ${s.pendingBytes} of an unfinished telegram)`);
  }

  let delivered = 0;
  function stats() {
    const pendingBytes = framer.pending().length;
    return { receivedBytes: total, garbageBytes: total - telegramBytes - pendingBytes, telegrams: delivered, oversize, pendingBytes };
  }

  return {
    setRequest: (on) => transport.setControl({ request: on }),
    async next(timeoutMs, o) {
      const r = await next(timeoutMs, o);
      delivered++;
      return r;
    },
    async capture(n, o = {}) {
      const out: P1Received[] = [];
      for (let i = 0; i < n; i++) {
        const r = await next(o.timeoutMs, { startedAfter: o.startedAfter });
        delivered++;
        out.push(r);
      }
      return out;
    },
    async quietFor(ms) {
      const got: Uint8Array[] = [];
      collectors.add(got);
      try {
        await clock.sleep(ms);
      } finally {
        collectors.delete(got);
      }
      const n = got.reduce((a, c) => a + c.length, 0);
      const out = new Uint8Array(n);
      let o = 0;
      for (const c of got) { out.set(c, o); o += c.length; }
      return out;
    },
    skipQueued() {
      queue.length = 0;
    },
    stats,
    close() {
      closed ??= new TransportError('closed', 'P1 reader closed');
      const w = wake;
      wake = null;
      w?.();
    },
  };
}
