/**
 * When the wireless gas meter transmits (DSMR-P2 §3.2.5, §8.4.2.2 step 4).
 *
 * Meter data (SND_NR): nominal interval 3600 s, randomised with the synchronous transmission algorithm of
 * EN 13757-4, and always inside the first 10 minutes after the whole hour (DSMR main requirement M4.5.7),
 * after the new hourly value exists. The EN 13757-4 algorithm as the research digest recalls it —
 * interval (1 + (|n_ACC − 128| − 64) / 2048) · T_nom, unverified — would drift by up to an hour over an
 * ACC cycle if applied interval after interval (digest A28). Our reading, as §3.2.5 suggests ("for
 * instance by applying an appropriate offset"): the same ACC-derived deviation, ±112.5 s at T_nom 3600 s,
 * is applied to an anchor `snrOffsetS` after each whole hour of the device clock. Each transmission is
 * then predictable from its ACC (what "synchronous" is for), varies from hour to hour, and stays inside
 * [anchor − 112.5 s, anchor + 112.5 s] ⊂ (0, 10 min) for anchors 120–480 s.
 *
 * Installation (SND_IR): every 60 s for 60 minutes, then every 3600 s until a CNF_IR.
 */
import type { GasMeter } from '../meter.ts';

export const HOUR_MS = 3_600_000;
export const T_NOM_MS = 3_600_000;
/** SND_IR spacing during the first hour and after it (DSMR-P2 §3.2.5). */
export const INSTALL_FAST_MS = 60_000;
export const INSTALL_SLOW_MS = 3_600_000;
export const INSTALL_FAST_COUNT = 60;

/** Deviation of the synchronous algorithm for access number `acc`, ms (−112 500 … +112 500 at T_nom 3600 s). */
export function syncDeviationMs(acc: number): number {
  return Math.round(((Math.abs((acc & 0xff) - 128) - 64) / 2048) * T_NOM_MS);
}

/** Offset after the whole hour of the SND_NR carrying access number `acc`, ms, with the schedule faults. */
export function snrOffsetMs(m: GasMeter, acc: number, anchorS: number): number {
  const anchor = (m.has('p2.sched.outside-window') ? 720 : anchorS) * 1000;
  return anchor + (m.has('p2.sched.fixed-offset') ? 0 : syncDeviationMs(acc));
}

/**
 * Device time of the next SND_NR after device time `now`: the first whole hour h (later than `lastHour`,
 * the hour of the previous SND_NR, if any) whose slot h + offset lies after `now`.
 */
export function nextSnrAt(m: GasMeter, now: number, acc: number, anchorS: number, lastHour: number | null): { hour: number; at: number } {
  const off = snrOffsetMs(m, acc, anchorS);
  let hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  if (lastHour !== null && hour <= lastHour) hour = lastHour + HOUR_MS;
  while (hour + off <= now) hour += HOUR_MS;
  return { hour, at: hour + off };
}

/** Delay from the k-th installation request (k = 0, 1, …) to the next one, ms, with the installation faults. */
export function installGapMs(m: GasMeter, k: number): number | null {
  if (k + 1 < INSTALL_FAST_COUNT) return m.has('p2.inst.wrong-cadence') ? 90_000 : INSTALL_FAST_MS;
  return m.has('p2.inst.no-hourly-fallback') ? null : INSTALL_SLOW_MS;
}
