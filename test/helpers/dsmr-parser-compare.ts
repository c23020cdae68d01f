/**
 * Comparison of meterproof's P1 decode with the `dsmr-parser` npm package (a real peer): which dsmr-parser
 * keys correspond to which objects, and how values compare. Used by the codec differential test and by
 * the simulator interop test.
 */
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { P1Object, P1Telegram } from '../../harness/codec/p1/index.ts';

// dsmr-parser builds time stamps as local Date objects: pin the zone so components round-trip.
process.env.TZ = 'UTC';
export const dsmr = createRequire(import.meta.url)('dsmr-parser') as { parse(t: string): { objects: Record<string, unknown>; crc: string; identifier: string } };

const first = (t: P1Telegram, re: RegExp, pick: (o: P1Object) => boolean = () => true) => t.objects.find((o) => re.test(o.obis) && pick(o));
// dsmr-parser takes the first line its regex matches: mirror each capture so duplicates pick the same object.
const rawPick = (re: RegExp, i = 0) => (o: P1Object) => re.test(o.values[i]?.raw ?? '');
const hexPick = rawPick(/^[0-9a-fA-F]+$/);
const numPick = rawPick(/^[0-9.]/);
const isoParts = (iso: string) => iso.slice(0, 19);
const localParts = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;

/** dsmr-parser key → our object and how its value compares (only keys dsmr-parser may emit). */
const NUMERIC: Record<string, RegExp> = {
  'electricity delivered tariff 1': /^1-0:1\.8\.1$/, 'electricity delivered tariff 2': /^1-0:1\.8\.2$/,
  'electricity received tariff 1': /^1-0:2\.8\.1$/, 'electricity received tariff 2': /^1-0:2\.8\.2$/,
  'electricity delivered tariff 0': /^1-0:1\.8\.0$/, 'electricity received tariff 0': /^1-0:2\.8\.0$/,
  'actual electricity power delivered': /^1-0:1\.7\.0$/, 'actual electricity power received': /^1-0:2\.7\.0$/,
  'number of power failures in any phase': /^0-0:96\.7\.21$/, 'number of long power failures in any phase': /^0-0:96\.7\.9$/,
  'number of voltage sags in L1 phase': /^1-0:32\.32\.0$/, 'number of voltage sags in L2 phase': /^1-0:52\.32\.0$/, 'number of voltage sags in L3 phase': /^1-0:72\.32\.0$/,
  'number of voltage swells in L1 phase': /^1-0:32\.36\.0$/, 'number of voltage swells in L2 phase': /^1-0:52\.36\.0$/, 'number of voltage swells in L3 phase': /^1-0:72\.36\.0$/,
  'instantaneous voltage L1': /^1-0:32\.7\.0$/, 'instantaneous voltage L2': /^1-0:52\.7\.0$/, 'instantaneous voltage L3': /^1-0:72\.7\.0$/,
  'instantaneous current L1': /^1-0:31\.7\.0$/, 'instantaneous current L2': /^1-0:51\.7\.0$/, 'instantaneous current L3': /^1-0:71\.7\.0$/,
  'instantaneous active power L1 delivered': /^1-0:21\.7\.0$/, 'instantaneous active power L2 delivered': /^1-0:41\.7\.0$/, 'instantaneous active power L3 delivered': /^1-0:61\.7\.0$/,
  'instantaneous active power L1 received': /^1-0:22\.7\.0$/, 'instantaneous active power L2 received': /^1-0:42\.7\.0$/, 'instantaneous active power L3 received': /^1-0:62\.7\.0$/,
  'total imported energy register (Q+)': /^1-0:3\.8\.0$/, 'total exported energy register (Q-)': /^1-0:4\.8\.0$/,
  'instantaneous imported reactive power (Q+)': /^1-0:3\.7\.0$/, 'instantaneous exported reactive power (Q-)': /^1-0:4\.7\.0$/,
  'actual theshold electricity in kW': /^0-0:17\.0\.0$/, 'switch position electricity': /^0-0:96\.3\.10$/,
};

/** Compare every key dsmr-parser produced with our decode; returns how many were compared. */
export function compare(ours: P1Telegram, theirs: Record<string, unknown>): number {
  let n = 0;
  for (const [key, got] of Object.entries(theirs)) {
    if (key in NUMERIC) {
      expect(got, key).toBe(first(ours, NUMERIC[key]!, numPick)!.values[0]!.value);
    } else if (key === 'dsmr version') {
      expect(got).toBe((Number(first(ours, /^1-3:0\.2\.8$/)!.values[0]!.value) / 10).toFixed(1));
    } else if (key === 'tariff indicator electricity') {
      expect(got).toBe(Number(first(ours, /^0-0:96\.14\.0$/)!.values[0]!.value));
    } else if (key === 'timestamp') {
      expect(localParts(got as Date)).toBe(isoParts(first(ours, /^0-0:1\.0\.0$/, rawPick(/^\d{12}[WS]$/))!.values[0]!.value as string));
    } else if (key === 'gas timestamp' || key === 'gas delivered') {
      const o = first(ours, /^0-\d+:24\.2\.1$/, rawPick(/^[0-9.]+[WS]$/))!;
      if (key === 'gas timestamp') expect(localParts(got as Date)).toBe(isoParts(o.values[0]!.value as string));
      else expect(got).toBe(o.values[1]!.value);
    } else if (key === 'equipment identifier' || key === 'gas equipment identifier' || key.startsWith('text message')) {
      const re = { 'equipment identifier': /^0-0:96\.1\.1$/, 'gas equipment identifier': /^0-\d+:96\.1\.0$/, 'text message short': /^0-0:96\.13\.1$/, 'text message long': /^0-0:96\.13\.0$/ }[key]!;
      expect(got).toBe(first(ours, re, hexPick)!.values[0]!.value);
    } else if (key === 'logical device name') {
      // dsmr-parser keeps the leading digits/dots of the raw hex; compare with what is written.
      expect(got).toBe(/^[0-9.]+/.exec(first(ours, /^0-0:42\.0\.0$/, numPick)!.values[0]!.raw)![0]);
    } else {
      throw new Error(`dsmr-parser key not mapped: ${key}`);
    }
    n++;
  }
  return n;
}

