/**
 * Secrets in traces: a family names the byte fields that carry key material (the DSMR-P2 key-exchange
 * records `07 FD 19` / `47 FD 19` hold the new user key wrapped under the default key, §6.5), and every
 * report trace has their contents zeroed — in binary traffic and in hex-line traffic (wireless receivers).
 * Chunk boundaries are kept; a field split across chunks is still found.
 */
import type { TraceEntry } from './trace.ts';

export interface SecretField {
  /** Bytes that introduce the secret (e.g. DIF VIF VIFE of a key record). */
  prefix: readonly number[];
  /** Bytes of secret after the prefix. */
  length: number;
}

function redactStream(stream: Uint8Array, fields: readonly SecretField[]): number {
  let count = 0;
  // Binary: prefix bytes, then `length` secret bytes.
  for (const f of fields) {
    for (let i = 0; i + f.prefix.length <= stream.length; i++) {
      if (f.prefix.every((b, k) => stream[i + k] === b)) {
        const from = i + f.prefix.length;
        const to = Math.min(stream.length, from + f.length);
        if (to > from) { stream.fill(0, from, to); count++; }
        i = to - 1;
      }
    }
  }
  // Hex text: the prefix spelt in hex digits, then 2 × `length` hex digits.
  const text = Buffer.from(stream).toString('latin1');
  for (const f of fields) {
    const re = new RegExp(`${f.prefix.map((b) => b.toString(16).padStart(2, '0')).join('')}([0-9a-f]{${2 * f.length}})`, 'gi');
    for (const m of text.matchAll(re)) {
      const from = m.index! + m[0].length - m[1]!.length;
      stream.fill(0x30, from, from + m[1]!.length); // '0'
      count++;
    }
  }
  return count;
}

/** A copy of `bytes` with every secret field zeroed. */
export function redactBytes(bytes: Uint8Array, fields: readonly SecretField[]): Uint8Array {
  const copy = bytes.slice();
  redactStream(copy, fields);
  return copy;
}

/** Entries with every secret field zeroed, and how many fields were found. */
export function redactTrace(entries: readonly TraceEntry[], fields: readonly SecretField[]): { entries: TraceEntry[]; redacted: number } {
  const out = entries.map((e) => ({ ...e, bytes: e.bytes.slice() }));
  let redacted = 0;
  for (const dir of ['tx', 'rx'] as const) {
    const mine = out.filter((e) => e.dir === dir);
    const total = mine.reduce((n, e) => n + e.bytes.length, 0);
    const stream = new Uint8Array(total);
    let o = 0;
    for (const e of mine) { stream.set(e.bytes, o); o += e.bytes.length; }
    redacted += redactStream(stream, fields);
    o = 0;
    for (const e of mine) { e.bytes = stream.slice(o, o + e.bytes.length); o += e.bytes.length; }
  }
  return { entries: out, redacted };
}
