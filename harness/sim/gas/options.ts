/** Gas simulator options from a DUT profile (`transport.options`), with defaults; bad options throw with the field named. */
import type { GasSimOptions } from './types.ts';

function fail(field: string, expected: string, found: unknown): never {
  throw new Error(`gas simulator option ${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

function int(raw: Record<string, unknown>, field: string, d: number, min: number, max: number): number {
  const v = raw[field] ?? d;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(field, `an integer ${min}..${max}`, v);
  return v;
}

/** The DSMR-P2 App. B example identity: E-ID XXXXX110123456789 → ID 23456789, 'NET', 42h, gas. */
export const EXAMPLE_EQUIPMENT_ID = 'XXXXX110123456789';

export function gasOptions(raw: Record<string, unknown>): GasSimOptions {
  const equipmentId = raw['equipmentId'] ?? EXAMPLE_EQUIPMENT_ID;
  if (typeof equipmentId !== 'string' || !/^[\x20-\x7e]{7}[0-9]{10}$/.test(equipmentId)) {
    fail('equipmentId', '17 printable characters ending in a 10-digit serial number', equipmentId);
  }
  const manufacturer = raw['manufacturer'] ?? 'NET';
  if (typeof manufacturer !== 'string' || !/^[A-Z]{3}$/.test(manufacturer)) fail('manufacturer', 'three capital letters', manufacturer);
  const meterSize = raw['meterSize'] ?? 'G4-G6';
  if (meterSize !== 'G4-G6' && meterSize !== 'G10-G25') fail('meterSize', '"G4-G6" or "G10-G25"', meterSize);
  const keys = raw['keys'] ?? 'random';
  if (keys !== 'random' && keys !== 'example') fail('keys', '"random" or "example"', keys);
  const keyed = raw['keyed'] ?? false;
  if (typeof keyed !== 'boolean') fail('keyed', 'true or false', keyed);
  const flow = raw['flowLitresPerHour'] ?? 120;
  if (typeof flow !== 'number' || !Number.isFinite(flow) || flow < 0) fail('flowLitresPerHour', 'a number ≥ 0', flow);
  return {
    equipmentId,
    manufacturer,
    version: int(raw, 'version', 0x42, 0, 255),
    medium: int(raw, 'medium', 0x03, 0, 255),
    meterSize,
    address: int(raw, 'address', 0, 0, 250),
    keyed,
    keys,
    frameCounter: int(raw, 'frameCounter', 0, 0, 0xfffffff0),
    volumeLitres: int(raw, 'volumeLitres', 1_234_567, 0, 99_999_999),
    flowLitresPerHour: flow,
    responseDelayMs: int(raw, 'responseDelayMs', 20, 5, 150),
  };
}
