/**
 * Which P1 objects carry numbers, time stamps, hex-encoded text or plain strings. P1 text carries no
 * type information, so value typing needs this table; anything not listed falls back to the shape of
 * the value (a value with `*unit` is a number, 12 digits + S/W is a time stamp, an `A-B:C.D.E` is an
 * OBIS id, otherwise a string).
 *
 * Patterns are reduced ids `A-B:C.D.E`; a group written `n` matches any number (M-Bus channel, phase).
 * Multi-value lines list the kind of each leading group and a repeating tuple for the rest.
 * Sources: DSMR-RN-4.0.4 §3 item 1 and DSMR-RN-4.2.2 §3 item 2 (rows stated in the seeds); DSMR P1
 * table 5-3 [ext] (digest §1.6b); Fluvius e-MUCS and Luxembourg Smarty public P1 material [ext].
 */
import type { ObisParts } from './types.ts';

export type P1Kind = 'number' | 'timestamp' | 'string' | 'hex-text' | 'obis';

export interface P1ObjectType {
  /** Reduced id pattern, `n` = any number in that group. */
  id: string;
  name: string;
  /** Kinds of the first groups. */
  kinds: readonly P1Kind[];
  /** Kinds of the groups after `kinds`, repeated (multi-value lines). Without it, extra groups go by shape. */
  repeat?: readonly P1Kind[];
  /** DSMR 2.2/3.0 profile line whose value sits on the next physical line: not a wrap deviation. */
  continuation?: boolean;
  ref: string;
}

const RN404 = 'DSMR-RN-4.0.4 §3 item 1';
const P1EXT = 'DSMR P1 table 5-3 [ext], digest §1.6b';
const EMUCS = 'Fluvius e-MUCS P1 [ext]';
const SMARTY = 'Luxembourg Smarty P1 [ext]';

export const P1_OBJECT_TYPES: readonly P1ObjectType[] = [
  { id: '1-3:0.2.8', name: 'P1 version information', kinds: ['string'], ref: P1EXT },
  { id: '0-0:96.1.4', name: 'e-MUCS version information', kinds: ['string'], ref: EMUCS },
  { id: '0-0:1.0.0', name: 'date-time of the telegram', kinds: ['timestamp'], ref: P1EXT },
  { id: '0-n:96.1.1', name: 'equipment identifier (E-meter; M-Bus device in e-MUCS)', kinds: ['hex-text'], ref: P1EXT },
  { id: '0-n:96.1.0', name: 'equipment identifier of M-Bus device n', kinds: ['hex-text'], ref: RN404 },
  { id: '0-0:42.0.0', name: 'COSEM logical device name', kinds: ['hex-text'], ref: SMARTY },
  { id: '0-0:96.13.1', name: 'text message code', kinds: ['hex-text'], ref: RN404 },
  { id: '0-0:96.13.n', name: 'text message', kinds: ['hex-text'], ref: RN404 },
  { id: '0-0:96.14.0', name: 'tariff indicator (S4)', kinds: ['string'], ref: P1EXT },
  { id: '0-n:96.3.10', name: 'switch / breaker position (I1)', kinds: ['number'], ref: 'DSMR-RN-4.2.2 §3 item 2' },
  { id: '0-0:17.0.0', name: 'limiter threshold', kinds: ['number'], ref: 'DSMR-RN-4.2.2 §3 item 2' },
  { id: '0-0:96.7.21', name: 'number of power failures in any phase', kinds: ['number'], ref: P1EXT },
  { id: '0-0:96.7.9', name: 'number of long power failures in any phase', kinds: ['number'], ref: P1EXT },
  { id: '1-0:n.32.0', name: 'number of voltage sags in phase', kinds: ['number'], ref: P1EXT },
  { id: '1-0:n.36.0', name: 'number of voltage swells in phase', kinds: ['number'], ref: P1EXT },
  {
    id: '1-0:99.97.0', name: 'power failure event log: (count)(captured id) then (end time)(duration*s) pairs',
    kinds: ['number', 'obis'], repeat: ['timestamp', 'number'], ref: 'digest §1.7; DSMR-RN-4.0.4 §5 item 12',
  },
  { id: '0-n:24.1.0', name: 'M-Bus device type', kinds: ['number'], ref: RN404 },
  { id: '0-n:24.2.n', name: 'M-Bus last value: (capture time)(value*unit)', kinds: ['timestamp', 'number'], ref: 'digest §1.7' },
  {
    id: '0-n:24.3.0', name: 'DSMR 2.2/3.0 hourly gas profile: (time)(status)(period)(count)(id)(unit) then the values on the next line',
    kinds: ['timestamp', 'string', 'number', 'number', 'obis', 'string'], repeat: ['number'], continuation: true,
    ref: 'DSMR P1 2.2/3.0 [ext]',
  },
  { id: '0-n:24.4.0', name: 'valve position (I1)', kinds: ['number'], ref: 'DSMR-RN-4.2.2 §3 item 2' },
  { id: '1-0:1.6.0', name: 'maximum demand (import) of the running month: (time)(value*kW)', kinds: ['timestamp', 'number'], ref: EMUCS },
  { id: '1-0:2.6.0', name: 'maximum demand (export) of the running month: (time)(value*kW)', kinds: ['timestamp', 'number'], ref: EMUCS },
  {
    id: '0-0:98.1.0', name: 'maximum demand of the last 13 months: (count)(id)(id) then (month)(peak time)(value*kW) triples',
    kinds: ['number', 'obis', 'obis'], repeat: ['timestamp', 'timestamp', 'number'], ref: EMUCS,
  },
];

type Pattern = { t: P1ObjectType; g: (number | null)[] };

/** Patterns indexed by their D group (never a wildcard in the table) for a cheap lookup. */
const BY_D = new Map<number, Pattern[]>();
for (const t of P1_OBJECT_TYPES) {
  const g = t.id.split(/[-:.]/).map((x) => (x === 'n' ? null : Number(x)));
  const d = g[3]!;
  if (d === null) throw new Error(`objects table: D group of ${t.id} must be fixed`);
  BY_D.set(d, [...(BY_D.get(d) ?? []), { t, g }]);
}

/** The table entry for an identifier (F group ignored), or undefined. First match wins. */
export function p1ObjectType(p: ObisParts): P1ObjectType | undefined {
  const list = BY_D.get(p.d);
  if (!list) return undefined;
  const v = [p.a, p.b, p.c, p.d, p.e];
  for (const { t, g } of list) {
    let ok = true;
    for (let i = 0; i < 5 && ok; i++) ok = g[i] === null || g[i] === v[i];
    if (ok) return t;
  }
  return undefined;
}

/** Expected kind of value group `index` (0-based) of an object of type `t`. */
export function p1KindAt(t: P1ObjectType, index: number): P1Kind | undefined {
  if (index < t.kinds.length) return t.kinds[index];
  if (!t.repeat) return undefined;
  return t.repeat[(index - t.kinds.length) % t.repeat.length];
}

/**
 * Electricity quantities (A = 1, C = 1..89 per IEC 62056-6-1 value group C) are numbers even without a
 * unit, e.g. the power factor `1-0:13.7.0(0.758)`; a hint only, never a deviation.
 */
export function p1NumericHint(p: ObisParts): boolean {
  return p.a === 1 && p.c >= 1 && p.c <= 89;
}
