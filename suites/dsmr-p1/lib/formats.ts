/**
 * What the specifications say a P1 telegram holds — the suite's own table, written from the specs (never
 * from the simulator). Value-format letters (digest §1.5, definitions [ext] DSMR P1 §6): Fn(x,y) = decimal
 * number of n digits (point not counted) with x..y decimals, zero-padded as in every example; In =
 * integer of n digits; Sn = string of n characters, for octet strings n counts hex digits; TST =
 * YYMMDDhhmmssX with X = S (summer time) or W.
 */

export type Fmt =
  | { kind: 'F'; n: number; x: number; y: number; unit: string | null }
  | { kind: 'I'; n: number }
  /** Digits-only string of fixed length (S2 version, S4 tariff). */
  | { kind: 'S'; len: number }
  /** Octet string as hex digit pairs, at most `max` hex digits. */
  | { kind: 'hex'; max: number }
  | { kind: 'TST' };

export interface Row {
  /** Reduced id `A-B:C.D.E`; `n` in B stands for an M-Bus channel 1..4. */
  id: string;
  what: string;
  /** One spec per bracket group; an array lists accepted alternatives. */
  groups: (Fmt | Fmt[])[];
  ref: string;
}

const F = (n: number, x: number, y: number, unit: string | null = null): Fmt => ({ kind: 'F', n, x, y, unit });
const RN404 = 'DSMR-RN-4.0.4 §3 item 1';
const EXT = 'digest §1.6(b) [ext DSMR P1 table 5-3]';

/** Every object the suite knows, with its value format and unit. */
export const ROWS: Row[] = [
  { id: '1-3:0.2.8', what: 'P1 version information', groups: [{ kind: 'S', len: 2 }], ref: EXT },
  { id: '0-0:1.0.0', what: 'date-time of the telegram', groups: [{ kind: 'TST' }], ref: EXT },
  { id: '0-0:96.1.1', what: 'E-meter equipment identifier', groups: [{ kind: 'hex', max: 96 }], ref: EXT },
  ...['1-0:1.8.1', '1-0:1.8.2', '1-0:2.8.1', '1-0:2.8.2'].map((id) => ({ id, what: 'energy register', groups: [F(9, 3, 3, 'kWh')], ref: EXT })),
  { id: '0-0:96.14.0', what: 'tariff indicator', groups: [{ kind: 'S', len: 4 }], ref: EXT },
  { id: '1-0:1.7.0', what: 'actual power +P', groups: [F(5, 3, 3, 'kW')], ref: EXT },
  { id: '1-0:2.7.0', what: 'actual power −P', groups: [F(5, 3, 3, 'kW')], ref: EXT },
  { id: '0-0:17.0.0', what: 'limiter threshold (4.0.4)', groups: [F(4, 1, 1, 'kW')], ref: 'DSMR-RN-4.2.2 §3 item 2' },
  { id: '0-0:96.3.10', what: 'switch position (4.0.4)', groups: [{ kind: 'I', n: 1 }], ref: 'DSMR-RN-4.2.2 §3 item 2' },
  { id: '0-0:96.7.21', what: 'number of power failures', groups: [F(5, 0, 0)], ref: EXT },
  { id: '0-0:96.7.9', what: 'number of long power failures', groups: [F(5, 0, 0)], ref: EXT },
  ...['1-0:32.32.0', '1-0:52.32.0', '1-0:72.32.0', '1-0:32.36.0', '1-0:52.36.0', '1-0:72.36.0'].map((id) => ({
    id, what: 'voltage sag/swell counter', groups: [F(5, 0, 0)], ref: EXT,
  })),
  // Sn (n=0..8) in the table, but the example carries 16 hex digits for 8 characters (digest §5 A5).
  { id: '0-0:96.13.1', what: 'text message code', groups: [{ kind: 'hex', max: 16 }], ref: `${RN404}; digest §5 A5` },
  { id: '0-0:96.13.0', what: 'text message', groups: [{ kind: 'hex', max: 2048 }], ref: RN404 },
  ...['1-0:31.7.0', '1-0:51.7.0', '1-0:71.7.0'].map((id) => ({ id, what: 'phase current', groups: [F(3, 0, 0, 'A')], ref: RN404 })),
  ...['1-0:21.7.0', '1-0:41.7.0', '1-0:61.7.0', '1-0:22.7.0', '1-0:42.7.0', '1-0:62.7.0'].map((id) => ({
    id, what: 'phase power', groups: [F(5, 3, 3, 'kW')], ref: RN404,
  })),
  { id: '0-n:24.1.0', what: 'M-Bus device type', groups: [F(3, 0, 0)], ref: RN404 },
  { id: '0-n:96.1.0', what: 'M-Bus equipment identifier', groups: [{ kind: 'hex', max: 96 }], ref: RN404 },
  // Gas value: F8(3,3) in the example (12785.123); F8(2,2) on some meters [ext].
  { id: '0-n:24.2.1', what: 'M-Bus value with capture time', groups: [{ kind: 'TST' }, [F(8, 3, 3, 'm3'), F(8, 2, 2, 'm3')]], ref: `${EXT}; DSMR-RN-4.0.4 §5 item 24` },
  { id: '0-n:24.4.0', what: 'valve position (4.0.4)', groups: [{ kind: 'I', n: 1 }], ref: 'DSMR-RN-4.2.2 §3 item 2' },
];

/** Power-failure log 1-0:99.97.0: (N)(0-0:96.7.19) + N × (TST)(F10(0,0)*s) (digest §1.7, §5 A7, A35). */
export const PFL = { id: '1-0:99.97.0', ref: '0-0:96.7.19', max: 10, duration: F(10, 0, 0, 's') } as const;

/** Version information by DSMR variant (digest §5 A14: 40 for 4.0.x, 42 for 4.2.x, from the CRC evidence). */
export const VERSION_BY_VARIANT: Record<string, string> = { '4.0.4': '40', '4.2.2': '42' };

/** The telegram interval (DSMR-RN-4.2.2 §2 item 33 = DSMR-M 4.5.28). */
export const INTERVAL_MS = 10_000;
/** Our tolerance on it: the spec gives none; 1 s covers a meter's measurement cycle and UART time. */
export const INTERVAL_TOL_MS = 1_000;
/** TST has 1 s resolution; the stamp may lag the transmission start by up to this much. */
export const CLOCK_TOL_MS = 1_000;
/** A P3 SET or bench stimulus must show in the first telegram that starts this long after it. */
export const SETTLE_MS = 1_000;
/** Power-failure time stamps and durations: 2 s tolerance (TST resolution + detection delay). */
export const PFL_TOL_S = 2;
/** Outages the stimulus cases use: far below / above any plausible long-failure threshold (digest §5 A29). */
export const SHORT_OUTAGE_S = 5;
export const LONG_OUTAGE_S = 300;

/**
 * Annex B "P1 output" order (DSMR-RN-4.0.4 Annex B). Objects without a rank (per-phase lines, M-Bus ids
 * and values) are not ordered by the annex (digest §5 A10); the order check is advisory.
 */
export const ANNEX_B_RANK: Record<string, number> = {
  '1-3:0.2.8': 2, '0-0:1.0.0': 3, '0-0:96.1.1': 4, '1-0:1.8.1': 5, '1-0:1.8.2': 6, '1-0:2.8.1': 7, '1-0:2.8.2': 8,
  '0-0:96.14.0': 9, '1-0:1.7.0': 10, '1-0:2.7.0': 11, '0-0:17.0.0': 12, '0-0:96.3.10': 13, '0-0:96.7.21': 14,
  '0-0:96.7.9': 15, '1-0:99.97.0': 16, '1-0:32.32.0': 17, '1-0:52.32.0': 18, '1-0:72.32.0': 19, '1-0:32.36.0': 20,
  '1-0:52.36.0': 21, '1-0:72.36.0': 21, '0-0:96.13.1': 22, '0-0:96.13.0': 23, '0-1:24.1.0': 24,
};

/** Items that exist on poly-phase meters only (DSMR-RN-4.0.4 Annex B note 1). */
export const POLY_PHASE_ONLY = [
  '1-0:51.7.0', '1-0:71.7.0', '1-0:41.7.0', '1-0:61.7.0', '1-0:42.7.0', '1-0:62.7.0',
  '1-0:52.32.0', '1-0:72.32.0', '1-0:52.36.0', '1-0:72.36.0',
];

/** Per-phase [current, +P, −P] ids, L1..L3 (DSMR-RN-4.0.4 §3 item 1). */
export const PHASE_IDS = [
  ['1-0:31.7.0', '1-0:21.7.0', '1-0:22.7.0'],
  ['1-0:51.7.0', '1-0:41.7.0', '1-0:42.7.0'],
  ['1-0:71.7.0', '1-0:61.7.0', '1-0:62.7.0'],
] as const;

export function rowFor(id: string): Row | undefined {
  const exact = ROWS.find((r) => r.id === id);
  if (exact) return exact;
  const m = /^0-([1-4]):(.*)$/.exec(id);
  return m ? ROWS.find((r) => r.id === `0-n:${m[2]}`) : undefined;
}
