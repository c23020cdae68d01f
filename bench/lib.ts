/**
 * Benchmark helpers: run an operation for a bounded time, report ops/s and MB/s. Benchmarks print
 * numbers; nothing here asserts on wall-clock time.
 */
export interface BenchRow {
  layer: string;
  op: string;
  opsPerSec: number;
  mbPerSec: number;
  note?: string;
}

/** Run `fn` repeatedly for about `ms` milliseconds (after a short warm-up); `bytes` is the input size per call. */
export function measure(layer: string, op: string, bytes: number, fn: () => unknown, ms = 300, note?: string): BenchRow {
  const warmEnd = performance.now() + Math.min(50, ms / 5);
  while (performance.now() < warmEnd) fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    t = performance.now();
  }
  const secs = (t - t0) / 1000;
  return { layer, op, opsPerSec: n / secs, mbPerSec: (n * bytes) / secs / 1e6, ...(note ? { note } : {}) };
}

export function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  console.log('layer'.padEnd(14) + 'op'.padEnd(34) + 'ops/s'.padStart(14) + 'MB/s'.padStart(10) + '  note');
  for (const r of rows) {
    console.log(
      r.layer.padEnd(14) + r.op.padEnd(34) + Math.round(r.opsPerSec).toLocaleString('en').padStart(14) +
        r.mbPerSec.toFixed(2).padStart(10) + (r.note ? `  ${r.note}` : ''),
    );
  }
}
