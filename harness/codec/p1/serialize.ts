/**
 * p1Serialize: render a telegram the way a DSMR 4/5 meter sends it — header, empty line, one object per
 * line, `!` + CRC-16/ARC over `/` … `!` (digest §1.3, §1.4), CR LF after every line including the last
 * (real meters do; DSMR-RN-4.0.4 §3 item 2 exempts the last line, digest §5 A2 — `finalEol: false`).
 * The options exist so the simulator can produce the deviations the conformance cases look for.
 */
import { P1Error } from './errors.ts';
import { crc16ArcLatin1, crc16Hex } from './crc.ts';
import { p1ByteString } from './parse.ts';

export interface P1SerializeInput {
  /** The header line with or without its leading `/` (`ISk5\2MT382-1000` or `/ISk5\2MT382-1000`). */
  header: string;
  /** One data line each: the identifier as written and the raw contents of each `(...)` group. */
  objects: readonly { obis: string; values: readonly string[] }[];
}

export interface P1SerializeOptions {
  /** Line ending, default CR LF. */
  eol?: '\r\n' | '\n';
  /** true (default): computed CRC, upper case; false: `!` alone (DSMR 2.2/3.0); 'lowercase'; or a string written verbatim. */
  crc?: boolean | 'lowercase' | string;
  /** Line ending after the `!` line, default true. */
  finalEol?: boolean;
  /** Empty line after the header, default true. */
  blankLineAfterHeader?: boolean;
}

const FORBIDDEN = /[()\r\n]/;

export function p1Serialize(t: P1SerializeInput, opts: P1SerializeOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  if (/[\r\n]/.test(t.header)) throw new P1Error('header-malformed', 0, 'header contains a line break');
  let out = (t.header.startsWith('/') ? t.header : `/${t.header}`) + eol;
  if (opts.blankLineAfterHeader ?? true) out += eol;
  for (const o of t.objects) {
    if (o.obis === '' || FORBIDDEN.test(o.obis)) throw new P1Error('obis-malformed', out.length, `identifier '${o.obis}' is empty or contains '(', ')' or a line break`);
    let line = o.obis;
    for (const v of o.values) {
      if (FORBIDDEN.test(v)) throw new P1Error('value-syntax', out.length + line.length, `value '${v}' contains '(', ')' or a line break`);
      line += `(${v})`;
    }
    out += line + eol;
  }
  out += '!';
  const crc = opts.crc ?? true;
  if (crc === true || crc === 'lowercase') {
    // Over the bytes that will be sent: identical to `out` for ASCII, UTF-8 for anything beyond latin1.
    const hex = crc16Hex(crc16ArcLatin1(p1ByteString(out)));
    out += crc === true ? hex : hex.toLowerCase();
  } else if (typeof crc === 'string') out += crc;
  if (opts.finalEol ?? true) out += eol;
  return out;
}
