/** Simulator options from a DUT profile (`transport.options`), with defaults; bad options throw with the field named. */
import type { MbusChannel, P1SimOptions } from './types.ts';

function fail(field: string, expected: string, found: unknown): never {
  throw new Error(`p1 simulator option ${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

export function p1Options(raw: Record<string, unknown>): P1SimOptions {
  const variant = raw['variant'] ?? '4.2.2';
  if (variant !== '4.0.4' && variant !== '4.2.2') fail('variant', '"4.0.4" or "4.2.2"', variant);
  const phases = raw['phases'] ?? 3;
  if (phases !== 1 && phases !== 3) fail('phases', '1 or 3', phases);
  const mbusRaw = raw['mbus'] ?? [];
  if (!Array.isArray(mbusRaw)) fail('mbus', 'a list of devices', mbusRaw);
  const seen = new Set<number>();
  const mbus = mbusRaw.map((d: unknown, i: number) => {
    const o = (d ?? {}) as Record<string, unknown>;
    const ch = o['channel'];
    if (ch !== 1 && ch !== 2 && ch !== 3 && ch !== 4) fail(`mbus[${i}].channel`, '1..4', ch);
    if (seen.has(ch)) fail(`mbus[${i}].channel`, 'a channel used once', ch);
    seen.add(ch);
    if (typeof o['equipmentId'] !== 'string') fail(`mbus[${i}].equipmentId`, 'a string', o['equipmentId']);
    return {
      channel: ch as MbusChannel,
      type: typeof o['type'] === 'number' ? o['type'] : 3,
      equipmentId: o['equipmentId'],
      valve: o['valve'] === true,
      unit: typeof o['unit'] === 'string' ? o['unit'] : 'm3',
      decimals: o['decimals'] === 2 ? 2 : 3,
      start: typeof o['start'] === 'number' ? o['start'] : 0,
      ratePerHour: typeof o['ratePerHour'] === 'number' ? o['ratePerHour'] : 0.25,
      skewS: typeof o['skewS'] === 'number' ? o['skewS'] : 0,
    } as const;
  });
  const load = (raw['load'] ?? {}) as Record<string, unknown>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    variant,
    phases,
    mbus,
    equipmentId: typeof raw['equipmentId'] === 'string' ? raw['equipmentId'] : variant === '4.2.2' ? 'KMP4220000012345' : 'KMP4040000067890',
    header: typeof raw['header'] === 'string' ? raw['header'] : `MPS5\\2SIM-P1-${variant === '4.2.2' ? '422' : '404'}`,
    longFailureSeconds: num(raw['longFailureSeconds'], 180),
    load: { l1: num(load['l1'], 400), l2: num(load['l2'], 500), l3: num(load['l3'], 293) },
    seed: num(raw['seed'], 1),
  };
}
