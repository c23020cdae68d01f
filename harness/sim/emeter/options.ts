/** E-meter simulator options from a DUT profile (`transport.options`), with defaults; bad options throw with the field named. */
import type { EmeterOptions } from './types.ts';

function fail(field: string, expected: string, found: unknown): never {
  throw new Error(`emeter simulator option ${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

function int(raw: Record<string, unknown>, field: string, d: number, min: number, max: number): number {
  const v = raw[field] ?? d;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(field, `an integer ${min}..${max}`, v);
  return v;
}

/** `register` may be a list or (from `--option register=1,2`) a comma-separated string. */
function addresses(v: unknown): number[] {
  if (v === undefined) return [];
  const list = typeof v === 'number' ? [v] : typeof v === 'string' ? v.split(',').filter(Boolean).map(Number) : v;
  if (!Array.isArray(list) || list.length > 4 || !list.every((a) => Number.isInteger(a) && a >= 1 && a <= 250)) {
    fail('register', 'up to 4 primary addresses 1..250', v);
  }
  return list as number[];
}

export function emeterOptions(raw: Record<string, unknown>): EmeterOptions {
  const discover = raw['discoverOnPowerOn'] ?? false;
  if (typeof discover !== 'boolean') fail('discoverOnPowerOn', 'true or false', discover);
  return {
    discoverOnPowerOn: discover,
    register: addresses(raw['register']),
    pollOffsetMs: int(raw, 'pollOffsetMs', 60_000, 0, 3_000_000),
    syncOffsetMs: int(raw, 'syncOffsetMs', 300_000, 0, 3_000_000),
  };
}
