/** `npx tsx bench/mbus.ts`: wired and wireless M-Bus decode, plain and mode 15 / mode 5 decryption. */
import { type BenchRow, printRows } from './lib.ts';
import wired from './mbus-wired.ts';
import wireless from './mbus-wireless.ts';

const rows: BenchRow[] = [...(await wired()), ...(await wireless())];
printRows(`meterproof M-Bus benchmarks (node ${process.version})`, rows);
