/**
 * Dutch legal time for the simulated meter's clock: CET (UTC+1), CEST (UTC+2) from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC (EU Directive 2000/84/EC). The P1 time stamp
 * TST is the local time YYMMDDhhmmss followed by S (summer time active) or W (not) [ext DSMR P1 TST].
 */

function lastSundayUtc(year: number, month: number): number {
  // month: 0-based; day 0 of the next month = last day of this month
  const last = new Date(Date.UTC(year, month + 1, 0, 1, 0, 0));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

export function isSummerTime(utcMs: number): boolean {
  const y = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayUtc(y, 2) && utcMs < lastSundayUtc(y, 9);
}

export interface LocalTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  summer: boolean;
}

export function dutchLocal(utcMs: number): LocalTime {
  const summer = isSummerTime(utcMs);
  const d = new Date(utcMs + (summer ? 2 : 1) * 3_600_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    summer,
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** TST `YYMMDDhhmmssX`; `invertFlag` swaps S and W (fault p1.tst.dst-flag-inverted). */
export function tstOf(utcMs: number, invertFlag = false): string {
  const t = dutchLocal(utcMs);
  const summer = invertFlag ? !t.summer : t.summer;
  return `${p2(t.year % 100)}${p2(t.month)}${p2(t.day)}${p2(t.hour)}${p2(t.minute)}${p2(t.second)}${summer ? 'S' : 'W'}`;
}
