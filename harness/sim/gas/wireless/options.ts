/** Options of the wireless gas simulator: the wired ones (../options.ts) plus the radio's; bad values throw naming the field. */
import { gasOptions } from '../options.ts';
import type { GasWirelessOptions } from './types.ts';

function fail(field: string, expected: string, found: unknown): never {
  throw new Error(`gas-wireless simulator option ${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

function num(raw: Record<string, unknown>, field: string, d: number, min: number, max: number): number {
  const v = raw[field] ?? d;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(field, `a number ${min}..${max}`, v);
  return v;
}

/**
 * `realClock`: a simulator served to other tools (`meterproof sim gas-wireless --tcp`) keeps its receiver
 * open for 1 s by default, because no tool answers within the few milliseconds of T2 over TCP; on the
 * virtual clock the default is 3 ms (t_RO as the research digest gives it for T2, not verified against
 * EN 13757-4).
 */
export function gasWirelessOptions(raw: Record<string, unknown>, realClock: boolean): GasWirelessOptions {
  const state = raw['state'] ?? 'installation';
  if (state !== 'installation' && state !== 'customer') fail('state', '"installation" or "customer"', state);
  const framing = raw['framing'] ?? 'auto';
  if (framing !== 'auto' && framing !== 'packet' && framing !== 'hex-line') fail('framing', '"auto", "packet" or "hex-line"', framing);
  const facDelayS = raw['facDelayS'] ?? 3;
  if (![2, 3, 4, 5].includes(facDelayS as number)) fail('facDelayS', '2, 3, 4 or 5 (DSMR-P2 §4.4)', facDelayS);
  return {
    ...gasOptions(raw),
    state,
    framing,
    facDelayS: facDelayS as number,
    rxWindowMs: num(raw, 'rxWindowMs', realClock ? 1000 : 3, 1, 60_000),
    snrOffsetS: num(raw, 'snrOffsetS', 300, 120, 480),
    firstInstallDelayMs: num(raw, 'firstInstallDelayMs', 2000, 0, 60_000),
  };
}
