/**
 * Checks of single values against the suite's format table, and the interpretations a case needs that are
 * defined by the spec rather than by the codec: hex octet strings, TST to epoch, the EU summer-time rule.
 */
import type { Fmt } from './formats.ts';

/** Describe a format for failure messages. */
export function fmtLabel(f: Fmt | Fmt[]): string {
  if (Array.isArray(f)) return f.map(fmtLabel).join(' or ');
  switch (f.kind) {
    case 'F': return `F${f.n}(${f.x},${f.y})${f.unit ? `*${f.unit}` : ' without unit'}`;
    case 'I': return `I${f.n}`;
    case 'S': return `S${f.len} (digits)`;
    case 'hex': return `hex octet string of at most ${f.max} hex digits`;
    case 'TST': return 'TST YYMMDDhhmmss + S/W';
  }
}

/** null when `raw` (everything between the brackets) conforms, else what is wrong. */
export function fmtProblem(raw: string, f: Fmt | Fmt[]): string | null {
  if (Array.isArray(f)) {
    const problems = f.map((x) => fmtProblem(raw, x));
    return problems.some((p) => p === null) ? null : problems.join('; ');
  }
  const star = raw.indexOf('*');
  const text = star < 0 ? raw : raw.slice(0, star);
  const unit = star < 0 ? null : raw.slice(star + 1);
  switch (f.kind) {
    case 'F': {
      const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
      if (!m) return `"${text}" is not a decimal number`;
      const dec = m[2]?.length ?? 0;
      if (m[1]!.length + dec !== f.n) return `"${text}" has ${m[1]!.length + dec} digits, F${f.n} needs ${f.n}`;
      if (dec < f.x || dec > f.y) return `"${text}" has ${dec} decimals, F${f.n}(${f.x},${f.y}) allows ${f.x}..${f.y}`;
      if (unit !== f.unit) return f.unit ? `unit ${unit === null ? 'missing' : `"${unit}"`}, expected "*${f.unit}"` : `unexpected unit "*${unit}"`;
      return null;
    }
    case 'I':
      if (unit !== null) return `unexpected unit "*${unit}"`;
      return new RegExp(`^\\d{${f.n}}$`).test(text) ? null : `"${text}" is not ${f.n} digit(s)`;
    case 'S':
      if (unit !== null) return `unexpected unit "*${unit}"`;
      return new RegExp(`^\\d{${f.len}}$`).test(text) ? null : `"${text}" is not ${f.len} digits`;
    case 'hex':
      if (unit !== null) return `unexpected unit "*${unit}"`;
      if (!/^[0-9A-Fa-f]*$/.test(text)) return `"${clip(text)}" is not hex digits`;
      if (text.length % 2) return `odd number (${text.length}) of hex digits`;
      return text.length > f.max ? `${text.length} hex digits, at most ${f.max} allowed` : null;
    case 'TST':
      if (unit !== null) return `unexpected unit "*${unit}"`;
      return tstEpoch(text) === null ? `"${text}" is not a valid TST` : null;
  }
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Hex digit pairs to text (one char per octet); null when not hex pairs. */
export function hexText(hex: string): string | null {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(hex)) return null;
  let s = '';
  for (let i = 0; i < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
}

export function textHex(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) s += (text.charCodeAt(i) & 0xff).toString(16).toUpperCase().padStart(2, '0');
  return s;
}

/** TST `YYMMDDhhmmssX` → epoch ms (Dutch time: W = UTC+1, S = UTC+2) [ext DSMR P1 TST]; null when invalid. */
export function tstEpoch(tst: string): number | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([SW])$/.exec(tst);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(2000 + y, mo - 1, d, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return null;
  return local - (m[7] === 'S' ? 2 : 1) * 3_600_000;
}

/** Last Sunday of a month (1-based), as day of month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * The flag a TST's local time must carry under the EU rule (Directive 2000/84/EC): summer time from the
 * last Sunday of March 02:00 CET to the last Sunday of October 03:00 CEST. 'either' for the hour that
 * occurs twice in October.
 */
export function expectedDstFlag(tst: string): 'S' | 'W' | 'either' | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)/.exec(tst);
  if (!m) return null;
  const [y, mo, d, h] = [2000 + Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (mo > 3 && mo < 10) return 'S';
  if (mo < 3 || mo > 10) return 'W';
  const sun = lastSunday(y, mo);
  if (mo === 3) return d > sun || (d === sun && h >= 3) ? 'S' : 'W';
  if (d < sun || (d === sun && h < 2)) return 'S';
  return d === sun && h === 2 ? 'either' : 'W';
}
