/**
 * COSEM date, time and date-time (IEC 62056-6-2 §4.1.6.1, clock IC 8 attribute 2):
 *   date      = year-highbyte, year-lowbyte, month, day-of-month, day-of-week          (5 octets)
 *   time      = hour, minute, second, hundredths                                       (4 octets)
 *   date-time = date ‖ time ‖ deviation (Integer16, minutes) ‖ clock-status            (12 octets)
 * "Not specified" is 0xFF (0xFFFF for the year, 0x8000 for the deviation). Month 0xFD/0xFE mark the end /
 * begin of daylight saving; day-of-month 0xFD/0xFE the second-last / last day of the month. The deviation
 * is local time's offset *to* UTC (UTC = local + deviation), so the ISO-8601 offset is −deviation: a CEST
 * clock (UTC+02:00) carries deviation −120 (0xFF88) — confirmed by the KSMW-style field capture in
 * research/ksmw-digest.md §6.4. Clock status bits: 0 invalid value, 1 doubtful value, 2 different clock
 * base, 3 invalid clock status, 7 daylight saving active (4–6 reserved).
 */

export type MonthField = number | 'daylight-savings-end' | 'daylight-savings-begin' | null;
export type DayField = number | 'second-last-day' | 'last-day' | null;

export interface ClockStatusJson {
  value: number;
  'invalid-value': boolean;
  'doubtful-value': boolean;
  'different-clock-base': boolean;
  'invalid-clock-status': boolean;
  'daylight-saving-active': boolean;
  reserved: number;
}

export interface DateTimeJson {
  /** ISO-8601 with offset when date, time and deviation are all specified and valid, else null. */
  iso: string | null;
  /** Local date-time without offset when only the deviation is not specified, else absent. */
  local?: string;
  year: number | null;
  month: MonthField;
  'day-of-month': DayField;
  'day-of-week': number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  hundredths: number | null;
  deviation: number | null;
  'clock-status': ClockStatusJson | null;
  /** Field names holding the "not specified" marker. */
  'not-specified': string[];
  /** Field names holding a value outside its range (the octets are still kept exactly). */
  invalid: string[];
}

export function clockStatusJson(b: number): ClockStatusJson {
  return {
    value: b,
    'invalid-value': (b & 0x01) !== 0,
    'doubtful-value': (b & 0x02) !== 0,
    'different-clock-base': (b & 0x04) !== 0,
    'invalid-clock-status': (b & 0x08) !== 0,
    'daylight-saving-active': (b & 0x80) !== 0,
    reserved: (b >> 4) & 0x07,
  };
}

interface DateParts {
  year: number | null;
  month: MonthField;
  day: DayField;
  dow: number | null;
  ns: string[];
  invalid: string[];
}

function dateParts(b: Uint8Array, o: number): DateParts {
  const ns: string[] = [];
  const invalid: string[] = [];
  const yr = (b[o]! << 8) | b[o + 1]!;
  const year = yr === 0xffff ? (ns.push('year'), null) : yr;
  const m = b[o + 2]!;
  let month: MonthField;
  if (m === 0xff) { ns.push('month'); month = null; }
  else if (m === 0xfd) month = 'daylight-savings-end';
  else if (m === 0xfe) month = 'daylight-savings-begin';
  else { month = m; if (m < 1 || m > 12) invalid.push('month'); }
  const d = b[o + 3]!;
  let day: DayField;
  if (d === 0xff) { ns.push('day-of-month'); day = null; }
  else if (d === 0xfd) day = 'second-last-day';
  else if (d === 0xfe) day = 'last-day';
  else { day = d; if (d < 1 || d > 31) invalid.push('day-of-month'); }
  const w = b[o + 4]!;
  let dow: number | null = w;
  if (w === 0xff) { ns.push('day-of-week'); dow = null; }
  else if (w < 1 || w > 7) invalid.push('day-of-week');
  // A fully given date must exist in the calendar (no 30 February).
  if (year !== null && typeof month === 'number' && typeof day === 'number' && invalid.length === 0 && !calendarDay(year, month, day)) {
    invalid.push('day-of-month');
  }
  return { year, month, day, dow, ns, invalid };
}

interface TimeParts {
  hour: number | null;
  minute: number | null;
  second: number | null;
  hundredths: number | null;
  ns: string[];
  invalid: string[];
}

function timeParts(b: Uint8Array, o: number): TimeParts {
  const ns: string[] = [];
  const invalid: string[] = [];
  const field = (name: string, v: number, max: number): number | null => {
    if (v === 0xff) { ns.push(name); return null; }
    if (v > max) invalid.push(name);
    return v;
  };
  return {
    hour: field('hour', b[o]!, 23),
    minute: field('minute', b[o + 1]!, 59),
    second: field('second', b[o + 2]!, 59),
    hundredths: field('hundredths', b[o + 3]!, 99),
    ns,
    invalid,
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian calendar check (proleptic, as ISO-8601 uses). */
function calendarDay(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day >= 1 && day <= dim;
}

/** yyyy-mm-dd when year, month and day are specified, plain numbers and a real calendar day; else null. */
function isoDate(dp: DateParts): string | null {
  if (dp.year === null || typeof dp.month !== 'number' || typeof dp.day !== 'number' || dp.invalid.length > 0) return null;
  return `${String(dp.year).padStart(4, '0')}-${p2(dp.month)}-${p2(dp.day)}`;
}

function isoTime(tp: TimeParts): string | null {
  if (tp.hour === null || tp.minute === null || tp.second === null || tp.invalid.length > 0) return null;
  const frac = tp.hundredths !== null && tp.hundredths !== 0 ? `.${p2(tp.hundredths)}` : '';
  return `${p2(tp.hour)}:${p2(tp.minute)}:${p2(tp.second)}${frac}`;
}

function isoOffset(deviation: number): string {
  const off = -deviation;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

export function dateTimeJson(b: Uint8Array): DateTimeJson {
  const dp = dateParts(b, 0);
  const tp = timeParts(b, 5);
  const ns = [...dp.ns, ...tp.ns];
  const invalid = [...dp.invalid, ...tp.invalid];
  const devRaw = (b[9]! << 8) | b[10]!;
  let deviation: number | null = devRaw >= 0x8000 ? devRaw - 0x10000 : devRaw;
  if (devRaw === 0x8000) { ns.push('deviation'); deviation = null; }
  else if (deviation < -720 || deviation > 720) invalid.push('deviation');
  const cs = b[11]!;
  if (cs === 0xff) ns.push('clock-status');
  const date = isoDate(dp);
  const time = isoTime(tp);
  const both = date !== null && time !== null ? `${date}T${time}` : null;
  const iso = both !== null && deviation !== null && !invalid.includes('deviation') ? both + isoOffset(deviation) : null;
  return {
    iso,
    ...(both !== null && iso === null ? { local: both } : {}),
    year: dp.year,
    month: dp.month,
    'day-of-month': dp.day,
    'day-of-week': dp.dow,
    hour: tp.hour,
    minute: tp.minute,
    second: tp.second,
    hundredths: tp.hundredths,
    deviation,
    'clock-status': cs === 0xff ? null : clockStatusJson(cs),
    'not-specified': ns,
    invalid,
  };
}

export function dateJson(b: Uint8Array): Pick<DateTimeJson, 'year' | 'month' | 'day-of-month' | 'day-of-week' | 'not-specified' | 'invalid'> & { iso: string | null } {
  const dp = dateParts(b, 0);
  return { iso: isoDate(dp), year: dp.year, month: dp.month, 'day-of-month': dp.day, 'day-of-week': dp.dow, 'not-specified': dp.ns, invalid: dp.invalid };
}

export function timeJson(b: Uint8Array): Pick<DateTimeJson, 'hour' | 'minute' | 'second' | 'hundredths' | 'not-specified' | 'invalid'> & { iso: string | null } {
  const tp = timeParts(b, 0);
  return { iso: isoTime(tp), hour: tp.hour, minute: tp.minute, second: tp.second, hundredths: tp.hundredths, 'not-specified': tp.ns, invalid: tp.invalid };
}

/** A 12-octet string looks like a date-time when every field is in range or a defined marker. */
export function looksLikeDateTime(b: Uint8Array): boolean {
  return b.length === 12 && dateTimeJson(b).invalid.length === 0;
}

/** Build the 12 octets of a date-time from numbers (0xFF…/0x8000 markers allowed as given). */
export function dateTimeBytes(f: {
  year: number; month: number; day: number; dayOfWeek?: number; hour: number; minute: number; second: number;
  hundredths?: number; deviation?: number; clockStatus?: number;
}): Uint8Array {
  const dev = f.deviation === undefined ? 0x8000 : f.deviation & 0xffff;
  return Uint8Array.of(
    (f.year >> 8) & 0xff, f.year & 0xff, f.month, f.day, f.dayOfWeek ?? 0xff, f.hour, f.minute, f.second,
    f.hundredths ?? 0xff, (dev >> 8) & 0xff, dev & 0xff, f.clockStatus ?? 0xff,
  );
}
