/**
 * Rendering helpers for vectors-build.ts: hand-written objects (identifier + each value as written +
 * its expected kind and decoded value) → telegram text with line numbers and an independently computed
 * CRC (crc-ref.ts). Nothing here uses harness/codec/p1.
 */
import { p1CrcOf } from './crc-ref.ts';

export type Kind = 'number' | 'timestamp' | 'string' | 'hex-text' | 'obis' | 'empty';
export type V = [raw: string, kind: Kind, value: number | string | null];
export type O = [obis: string, ...values: V[]];

// Value shorthands: every decoded value is written out by hand at the call site.
export const n = (raw: string, value: number): V => [raw, 'number', value];
export const ts = (raw: string, iso: string): V => [raw, 'timestamp', iso];
export const s = (raw: string): V => [raw, 'string', raw];
export const hx = (raw: string, text: string): V => [raw, 'hex-text', text];
export const ob = (raw: string): V => [raw, 'obis', raw];
export const empty: V = ['', 'empty', null];

export interface ExpValue { raw: string; kind: Kind; value: number | string | null; unit: string | null; dst?: 'S' | 'W' }
export interface ExpObject { obis: string; line: number; values: ExpValue[] }
export interface Expected {
  header?: { raw: string; flag: string; baud: string; ident: string };
  crc?: { stated: string | null; computed: string; valid: boolean | null };
  objects?: ExpObject[];
  deviations: { code: string; line: number }[];
  trailing?: string;
}

export function expValue([raw, kind, value]: V): ExpValue {
  const star = raw.indexOf('*');
  const v: ExpValue = { raw, kind, value, unit: star < 0 ? null : raw.slice(star + 1) };
  if (kind === 'timestamp' && /[SW]$/.test(raw)) v.dst = raw.endsWith('S') ? 'S' : 'W';
  return v;
}

export const objLine = ([obis, ...vals]: O): string => obis + vals.map((v) => `(${v[0]})`).join('');

export function headerFields(raw: string) {
  return { raw, flag: raw.slice(1, 4), baud: raw.slice(4, 5), ident: raw.slice(5) };
}

/** A data item: an object on one line, an object cut at character positions, or verbatim physical lines. */
export type Item = O | { obj: O; cut: number[] } | { obj: O; text: string } | { lines: string[] };

export interface Telegram {
  header: string;
  items: Item[];
  eol?: string;
  /** eol per item index (overrides `eol` for that item's last physical line). */
  eolAt?: Record<number, string>;
  blank?: boolean;
  /** 'auto' (default): CRC-16/ARC over `/`…`!`; 'none': DSMR 2.2/3.0; 'lower'; or verbatim text. */
  crc?: 'auto' | 'none' | 'lower' | { text: string };
  finalEol?: boolean;
}

export interface Rendered {
  text: string;
  objects: ExpObject[];
  lineOf(obis: string, nth?: number): number;
  bangLine: number;
  lineCount: number;
  crc: { stated: string | null; computed: string; valid: boolean | null };
}

export function render(t: Telegram): Rendered {
  const eol = t.eol ?? '\r\n';
  let text = t.header + eol;
  let line = 2;
  if (t.blank ?? true) { text += eol; line++; }
  const objects: ExpObject[] = [];
  t.items.forEach((it, idx) => {
    const end = t.eolAt?.[idx] ?? eol;
    if ('lines' in it) { for (const l of it.lines) { text += l + end; line++; } return; }
    const o = Array.isArray(it) ? it : it.obj;
    const full = !Array.isArray(it) && 'text' in it ? it.text : objLine(o);
    const cuts = !Array.isArray(it) && 'cut' in it ? it.cut : [];
    const bounds = [0, ...cuts, full.length];
    const parts = bounds.slice(1).map((c, k) => full.slice(bounds[k], c));
    objects.push({ obis: o[0], line, values: o.slice(1).map((v) => expValue(v as V)) });
    for (const p of parts) { text += p + end; line++; }
  });
  const bangLine = line;
  text += '!';
  const computed = p1CrcOf(text);
  const mode = t.crc ?? 'auto';
  const stated = mode === 'auto' ? computed : mode === 'lower' ? computed.toLowerCase() : mode === 'none' ? null : mode.text;
  text += stated ?? '';
  if (t.finalEol ?? true) text += eol;
  return {
    text,
    objects,
    lineOf: (obis, nth = 0) => objects.filter((o) => o.obis === obis)[nth]!.line,
    bangLine,
    lineCount: line,
    crc: { stated, computed, valid: stated === null ? null : /^[0-9A-Fa-f]{4}$/.test(stated) ? stated.toUpperCase() === computed : false },
  };
}

/** Expected objects of a verbatim file: each hand-written object's line is where a physical line starts with `obis(`. */
export function fileObjects(text: string, objs: O[], lineOverride: Record<string, number> = {}): ExpObject[] {
  const lines = text.split('\r\n');
  return objs.map((o) => {
    const at = lineOverride[o[0]] ?? lines.findIndex((l) => l.startsWith(o[0] + '(')) + 1;
    if (at < 1) throw new Error(`vectors: ${o[0]} not found`);
    return { obis: o[0], line: at, values: o.slice(1).map((v) => expValue(v as V)) };
  });
}
