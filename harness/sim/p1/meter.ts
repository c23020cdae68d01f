/**
 * The simulated DSMR 4 E-meter's state: clock (the harness Clock plus a P3 time-set offset), energy
 * registers advancing with the load, tariff, power per phase, power-failure counters and log, sag/swell
 * counters, text message, M-Bus channels. Pure bookkeeping: no timers here (the device drives it).
 */
import { dutchLocal } from './localtime.ts';
import { mbusChannel, type MbusState } from './mbus.ts';
import type {
  MbusChannel, MbusDeviceSpec, MbusReadout, P1SimOptions, PowerFailureEntry, PowerReadout, RegisterReadout,
} from './types.ts';

/** Nominal phase voltage used to derive the current from the power (1 A resolution). */
const NOMINAL_V = 230;
/** The power-failure log keeps this many entries (DSMR-RN-4.0.4 §5 item 12: profile_entries = 10). */
export const PFL_MAX = 10;

export interface MeterState {
  opts: P1SimOptions;
  /** meter time − clock time, ms (changed by a P3 time set). */
  offsetMs: number;
  /** Clock time (not meter time) of the last energy integration. */
  integratedAt: number;
  loadW: [number, number, number];
  powered: boolean;
  /** Energy in Wh (fractional), [tariff 1, tariff 2]. */
  importWh: [number, number];
  exportWh: [number, number];
  shortFailures: number;
  longFailures: number;
  /** Every long failure, oldest first (the log shows the last PFL_MAX unless p1.pfl.unbounded). */
  failures: PowerFailureEntry[];
  /** Short failures, kept only for p1.pfl.logs-short. */
  shortLog: PowerFailureEntry[];
  sags: [number, number, number];
  swells: [number, number, number];
  text: string;
  messageCode: string;
  mbus: Map<MbusChannel, MbusState>;
  limiter: { thresholdKw: number; switchPosition: number };
}

export function meterCreate(opts: P1SimOptions, clockNow: number): MeterState {
  const day = 86_400_000;
  const m: MeterState = {
    opts,
    offsetMs: 0,
    integratedAt: clockNow,
    loadW: [opts.load.l1, opts.phases === 3 ? opts.load.l2 : 0, opts.phases === 3 ? opts.load.l3 : 0],
    powered: true,
    importWh: [1_234_567, 987_654],
    exportWh: [12_345, 23_456],
    shortFailures: 4,
    longFailures: 2,
    failures: [
      { end: Math.floor(clockNow / 1000) * 1000 - 30 * day, durationS: 240 },
      { end: Math.floor(clockNow / 1000) * 1000 - 10 * day, durationS: 301 },
    ],
    shortLog: [],
    sags: [2, opts.phases === 3 ? 1 : 0, 0],
    swells: [0, opts.phases === 3 ? 3 : 0, 0],
    text: '',
    messageCode: '',
    mbus: new Map(),
    limiter: { thresholdKw: 16.1, switchPosition: 1 },
  };
  for (const d of opts.mbus) m.mbus.set(d.channel, mbusChannel(d, meterNow(m, clockNow), true));
  return m;
}

export function meterNow(m: MeterState, clockNow: number): number {
  return clockNow + m.offsetMs;
}

/** DSMR tariff: 2 (normal) on weekdays 07:00–23:00 local time, 1 (low) otherwise — a common Dutch grid-operator setting. */
export function meterTariff(m: MeterState, clockNow: number): 1 | 2 {
  const t = dutchLocal(meterNow(m, clockNow));
  return t.weekday >= 1 && t.weekday <= 5 && t.hour >= 7 && t.hour < 23 ? 2 : 1;
}

/** Advance the energy registers to `clockNow` with the current load (net over the phases). */
export function meterIntegrate(m: MeterState, clockNow: number): void {
  const dtH = Math.max(0, clockNow - m.integratedAt) / 3_600_000;
  m.integratedAt = clockNow;
  if (!m.powered || dtH === 0) return;
  const net = m.loadW[0] + m.loadW[1] + m.loadW[2];
  const ti = meterTariff(m, clockNow) - 1;
  if (net > 0) m.importWh[ti]! += net * dtH;
  else m.exportWh[ti]! += -net * dtH;
}

export function meterRegisters(m: MeterState): RegisterReadout {
  return {
    importT1Wh: Math.floor(m.importWh[0]),
    importT2Wh: Math.floor(m.importWh[1]),
    exportT1Wh: Math.floor(m.exportWh[0]),
    exportT2Wh: Math.floor(m.exportWh[1]),
  };
}

export function meterPower(m: MeterState): PowerReadout {
  const load = m.powered ? m.loadW : [0, 0, 0];
  const net = load[0]! + load[1]! + load[2]!;
  return {
    importW: Math.max(0, net),
    exportW: Math.max(0, -net),
    phases: load.slice(0, m.opts.phases).map((w) => ({
      importW: Math.max(0, w),
      exportW: Math.max(0, -w),
      currentA: Math.round(Math.abs(w) / NOMINAL_V),
    })),
  };
}

/** Record the end of a power failure that lasted `durationS` and ended at meter time `end`. */
export function meterPowerRestored(m: MeterState, end: number, durationS: number): void {
  const entry = { end, durationS };
  if (durationS >= m.opts.longFailureSeconds) {
    m.longFailures++;
    m.failures.push(entry);
  } else {
    m.shortFailures++;
    m.shortLog.push(entry);
  }
}

/** The P3 buffer of 1-0:99.97.0.255: long failures only, FIFO, at most PFL_MAX entries. */
export function meterFailureLog(m: MeterState): PowerFailureEntry[] {
  return m.failures.slice(-PFL_MAX).map((e) => ({ ...e }));
}

export function meterMbusReadout(m: MeterState, channel: MbusChannel, clockNow: number): MbusReadout | undefined {
  const s = m.mbus.get(channel);
  if (!s) return undefined;
  const now = meterNow(m, clockNow);
  const c = s.lastCapture(now);
  return {
    channel,
    type: s.spec.type,
    equipmentId: s.spec.equipmentId,
    valve: !!s.spec.valve,
    unit: s.spec.unit ?? 'm3',
    value: c.value,
    captureTime: c.time,
  };
}

export function meterAttachMbus(m: MeterState, channel: MbusChannel, spec: MbusDeviceSpec, clockNow: number): void {
  m.mbus.set(channel, mbusChannel({ channel, ...spec }, meterNow(m, clockNow), false));
}
