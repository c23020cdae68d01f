/**
 * Trace recorder: every byte that crosses a DUT link, with virtual/real time and direction. Each failing
 * verdict carries it. Bounded: past `maxBytes` the oldest entries are dropped and counted.
 */
import { bytesToHex } from '../codec/bytes.ts';
import type { Transport } from './transport.ts';

export interface TraceEntry {
  /** ms since the recorder started (clock time). */
  t: number;
  dir: 'tx' | 'rx' | 'note';
  bytes: Uint8Array;
  note?: string;
}

export interface TraceRecorder {
  entries(): TraceEntry[];
  dropped(): number;
  note(text: string): void;
  toJSON(): { t: number; dir: string; hex?: string; note?: string }[];
}

export function traceRecorder(clock: { now(): number }, maxBytes = 256 * 1024): TraceRecorder & { add(dir: 'tx' | 'rx', b: Uint8Array): void } {
  const t0 = clock.now();
  const list: TraceEntry[] = [];
  let size = 0;
  let dropped = 0;
  const push = (e: TraceEntry) => {
    list.push(e);
    size += e.bytes.length;
    while (size > maxBytes && list.length > 1) {
      const old = list.shift()!;
      size -= old.bytes.length;
      dropped++;
    }
  };
  return {
    add: (dir, b) => push({ t: clock.now() - t0, dir, bytes: b.slice() }),
    note: (text) => push({ t: clock.now() - t0, dir: 'note', bytes: new Uint8Array(0), note: text }),
    entries: () => list.slice(),
    dropped: () => dropped,
    toJSON: () => list.map((e) => (e.dir === 'note' ? { t: e.t, dir: e.dir, note: e.note! } : { t: e.t, dir: e.dir, hex: bytesToHex(e.bytes) })),
  };
}

/** Wrap a transport so that its traffic lands in `rec`. */
export function traced(inner: Transport, rec: { add(dir: 'tx' | 'rx', b: Uint8Array): void }): Transport {
  inner.on('data', (c: Uint8Array) => rec.add('rx', c));
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (data: Uint8Array) => {
          rec.add('tx', data);
          return target.write(data);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
