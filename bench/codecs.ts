/**
 * `npx tsx bench/codecs.ts`: decode/encode throughput of every DLMS layer and AES-GCM protect/unprotect
 * (one module per group under bench/codecs/). Prints numbers; asserts nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchRow, printRows } from './lib.ts';

const dir = join(import.meta.dirname, 'codecs');
const rows: BenchRow[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => BenchRow[] | Promise<BenchRow[]> };
  rows.push(...(await mod.default()));
}
printRows(`meterproof codec benchmarks (node ${process.version})`, rows);
