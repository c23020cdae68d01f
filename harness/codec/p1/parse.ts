/**
 * p1Parse: one telegram from text or bytes. Lenient mode extracts every value it can and lists every
 * deviation; strict mode throws the first deviation. Structure (digest §1.3): header line `/FFFb…`,
 * one empty line, data lines `A-B:C.D.E(value)…`, then `!` + CRC-16/ARC (crc.ts).
 */
import { P1Error } from './errors.ts';
import { crc16ArcLatin1, crc16Hex } from './crc.ts';
import { p1KindAt, p1NumericHint, p1ObjectType, type P1ObjectType } from './objects.ts';
import { p1TypeValue } from './values.ts';
import type { ObisParts, P1Crc, P1Deviation, P1Eol, P1Header, P1Line, P1Object, P1ParseOptions, P1Telegram } from './types.ts';

/**
 * Longest physical line accepted without `line-too-long`: the longest legal line is the text message
 * `0-0:96.13.0(` + 2048 hex digits (1024 characters, DSMR-RN-4.0.4 §3 item 1, Sn n=0..2048) + `)` =
 * 2061 characters; 2100 leaves room for a longer identifier or unit, and nothing legal comes close.
 */
export const P1_MAX_LINE = 2100;

const HEADER = /^\/([A-Za-z]{3})([0-9])(.+)$/;
const OBIS_REDUCED = /^(\d{1,3})-(\d{1,3}):(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:[.*](\d{1,3}))?$/;
const OBIS_LOOSE = /^(\d{1,3})[-:.](\d{1,3})[-:.](\d{1,3})[-:.](\d{1,3})[-:.](\d{1,3})(?:[-:.*](\d{1,3}))?$/;
const OBJECT_START = /^\d{1,3}-\d{1,3}:\d/;
const ID_PREFIX = /^[0-9:.*-]+$/;
const NOT_PRINTABLE = /[^\x20-\x7e]/;
const HEX_DIGIT = /[0-9A-Fa-f]/;

/** Input as a byte string: bytes map 1:1 to chars; a JS string with chars above 0xFF is UTF-8 encoded first. */
export function p1ByteString(input: string | Uint8Array): string {
  let b: Uint8Array;
  if (typeof input === 'string') {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\xff]/.test(input)) return input;
    b = new TextEncoder().encode(input);
  } else b = input;
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

interface Seg { start: number; line: number; offset: number }
interface Pos { line: number; column: number; offset: number }

function posAt(segs: Seg[], idx: number): Pos {
  let k = segs.length - 1;
  while (k > 0 && segs[k]!.start > idx) k--;
  const g = segs[k]!;
  return { line: g.line, column: idx - g.start + 1, offset: g.offset + idx - g.start };
}

function clip(s: string, n = 24): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Fast path for the common well-formed reduced id `A-B:C.D.E` (no regex, no captures). */
function reducedId(id: string): ObisParts | undefined {
  const v = [0, 0, 0, 0, 0];
  const sep = [45, 58, 46, 46]; // - : . .
  let k = 0, digits = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      v[k] = v[k]! * 10 + c - 48;
    } else {
      if (k > 3 || c !== sep[k] || digits === 0) return undefined;
      k++;
      digits = 0;
    }
  }
  if (k !== 4 || digits === 0 || v[0]! > 255 || v[1]! > 255 || v[2]! > 255 || v[3]! > 255 || v[4]! > 255) return undefined;
  return { a: v[0]!, b: v[1]!, c: v[2]!, d: v[3]!, e: v[4]! };
}

function readObis(id: string): { parts?: ObisParts; problem?: 'obis-malformed' | 'obis-f-group' } {
  const fast = reducedId(id);
  if (fast) return { parts: fast };
  let m = OBIS_REDUCED.exec(id);
  let problem: 'obis-malformed' | 'obis-f-group' | undefined;
  if (!m) {
    m = OBIS_LOOSE.exec(id);
    problem = 'obis-malformed';
    if (!m) return { problem };
  }
  const parts: ObisParts = { a: +m[1]!, b: +m[2]!, c: +m[3]!, d: +m[4]!, e: +m[5]! };
  if (m[6] !== undefined) { parts.f = +m[6]; problem ??= 'obis-f-group'; }
  if (parts.a > 255 || parts.b > 255 || parts.c > 255 || parts.d > 255 || parts.e > 255 || (parts.f ?? 0) > 255) problem = 'obis-malformed';
  return problem ? { parts, problem } : { parts };
}

/** Parse one P1 telegram. See index.ts for the contract. */
export function p1Parse(input: string | Uint8Array, opts: P1ParseOptions = {}): P1Telegram {
  const s = p1ByteString(input);
  const maxLine = opts.maxLineLength ?? P1_MAX_LINE;
  const start = s.indexOf('/');
  if (start < 0) {
    const e = new P1Error('no-telegram', 0, s.length === 0 ? 'empty input' : 'no `/` header in the input', { line: 1, column: 1 });
    throw e;
  }

  // Position of the `/` (line numbers count from the start of the input).
  let startLine = 1, lineStartOff = 0;
  for (let i = 0; i < start; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) { startLine++; lineStartOff = i + 1; }
  }
  const startCol = start - lineStartOff + 1;

  // Physical lines of the telegram: header … `!` line. A line starting with `/` opens the next telegram.
  const lines: P1Line[] = [];
  let pos = start, lineNo = startLine, end = s.length, crcLine: P1Line | undefined;
  let nextCR = s.indexOf('\r', pos), nextLF = s.indexOf('\n', pos);
  while (pos < s.length) {
    if (nextCR >= 0 && nextCR < pos) nextCR = s.indexOf('\r', pos);
    if (nextLF >= 0 && nextLF < pos) nextLF = s.indexOf('\n', pos);
    const stop = nextCR < 0 ? (nextLF < 0 ? s.length : nextLF) : nextLF < 0 ? nextCR : Math.min(nextCR, nextLF);
    let eol: P1Eol = 'none', next = stop;
    if (stop < s.length) {
      if (s.charCodeAt(stop) === 13) { if (s.charCodeAt(stop + 1) === 10) { eol = 'CRLF'; next = stop + 2; } else { eol = 'CR'; next = stop + 1; } }
      else { eol = 'LF'; next = stop + 1; }
    }
    let text = s.slice(pos, stop);
    if (lines.length > 0 && text.charCodeAt(0) === 0x2f) { end = pos; break; }
    if (lines.length > 0 && text.charCodeAt(0) === 0x21) {
      // `!` + at most 4 hex digits closes the telegram; more characters on that line are trailing bytes.
      let k = 1;
      while (k < 5 && k < text.length && HEX_DIGIT.test(text[k]!)) k++;
      if (k === 5 && text.length > 5) { text = text.slice(0, 5); eol = 'none'; next = pos + 5; }
      crcLine = { text, eol, line: lineNo, offset: pos };
      lines.push(crcLine);
      end = next;
      break;
    }
    lines.push({ text, eol, line: lineNo, offset: pos });
    lineNo++;
    pos = next;
  }

  const deviations: P1Deviation[] = [];
  const dev = (code: string, p: Pos, message: string) => deviations.push({ code, line: p.line, column: p.column, offset: p.offset, message });
  const at = (l: P1Line, col = 1): Pos => ({ line: l.line, column: (l === lines[0] ? startCol : 1) + col - 1, offset: l.offset + col - 1 });

  if (start > 0) dev('garbage-before-header', { line: 1, column: 1, offset: 0 }, `${start} byte(s) before the header '/'`);

  // Header (T1).
  const h = lines[0]!;
  const hm = HEADER.exec(h.text);
  const header: P1Header = hm
    ? { raw: h.text, flag: hm[1]!, baud: hm[2]!, ident: hm[3]! }
    : { raw: h.text, flag: h.text.slice(1, 4), baud: h.text.slice(4, 5), ident: h.text.slice(5) };
  if (!hm) dev('header-malformed', at(h), `header '${clip(h.text, 40)}' is not '/' + 3-letter flag + baud digit + identification`);

  // One empty line after the header (T2).
  const dataEnd = crcLine ? lines.length - 1 : lines.length;
  let i = 1;
  if (i < dataEnd && lines[i]!.text === '') i++;
  else dev('no-blank-line-after-header', lines[1] ? at(lines[1]) : at(h, h.text.length + 1), 'the header is not followed by an empty line');

  // Data lines → objects.
  const objects: P1Object[] = [];
  let prev: { obj: P1Object; type?: P1ObjectType; hint: boolean } | undefined;
  const continuable = (l: P1Line | undefined) =>
    l !== undefined && l !== crcLine && l.text !== '' && !OBJECT_START.test(l.text) && l.text.charCodeAt(0) !== 0x28;

  const addGroups = (text: string, from: number, segs: Seg[], target: NonNullable<typeof prev>) => {
    const { obj, type, hint } = target;
    let j = from;
    while (j < text.length) {
      if (text.charCodeAt(j) !== 0x28) {
        const o = text.indexOf('(', j);
        const stop = o < 0 ? text.length : o;
        dev('value-syntax', posAt(segs, j), `'${clip(text.slice(j, stop))}' outside a (...) value group`);
        j = stop;
        continue;
      }
      const close = text.indexOf(')', j + 1);
      const raw = close < 0 ? text.slice(j + 1) : text.slice(j + 1, close);
      if (close < 0) dev('unterminated-bracket', posAt(segs, j), `value group '(${clip(raw)}' is not closed`);
      const nested = raw.indexOf('(');
      if (nested >= 0) dev('value-syntax', posAt(segs, j + 1 + nested), "'(' inside a value group");
      const typed = p1TypeValue(raw, type ? p1KindAt(type, obj.values.length) : undefined, hint);
      obj.values.push(typed.value);
      if (typed.problem) dev(typed.problem.code, posAt(segs, j + 1), typed.problem.message);
      if (close < 0) break;
      j = close + 1;
    }
  };

  for (; i < dataEnd; i++) {
    const l = lines[i]!;
    let text = l.text;
    if (text === '') { dev('stray-blank-line', at(l), 'empty line inside the data block'); continue; }
    const segs: Seg[] = [{ start: 0, line: l.line, offset: l.offset }];

    if (text.charCodeAt(0) === 0x28) {
      // A line of values only: the DSMR 2.2/3.0 profile value line (legal), otherwise a wrapped object.
      if (!prev) { dev('value-syntax', at(l), 'value group without an identifier'); continue; }
      if (!prev.type?.continuation) dev('line-wrapped', at(l), `values of ${prev.obj.obis} continue on the next line`);
      prev.obj.rawLine += text;
      addGroups(text, 0, segs, prev);
      continue;
    }

    let open = text.indexOf('(');
    if (open < 0 && !(ID_PREFIX.test(text) && continuable(lines[i + 1]) && i + 1 < dataEnd)) {
      dev('value-syntax', at(l), `line '${clip(text)}' has no (value) group`);
      continue;
    }
    // Join physical lines while the identifier or a value group is cut (digest §1.9 E7).
    while (i + 1 < dataEnd && continuable(lines[i + 1]) && (open < 0 || text.lastIndexOf('(') > text.lastIndexOf(')'))) {
      const n = lines[++i]!;
      segs.push({ start: text.length, line: n.line, offset: n.offset });
      text += n.text;
      if (open < 0) open = text.indexOf('(');
    }
    if (segs.length > 1) dev('line-wrapped', at(l), `object spread over ${segs.length} physical lines`);
    if (open < 0) { dev('value-syntax', at(l), `line '${clip(text)}' has no (value) group`); continue; }

    const id = text.slice(0, open);
    const { parts, problem } = readObis(id);
    if (problem === 'obis-malformed') dev(problem, at(l), `identifier '${clip(id)}' is not A-B:C.D.E`);
    else if (problem === 'obis-f-group') dev(problem, at(l), `identifier '${id}' carries the F group; P1 uses reduced ID codes A-B:C.D.E`);
    const obj: P1Object = { obis: id, values: [], line: l.line, column: 1, rawLine: text };
    if (parts) obj.obisParts = parts;
    objects.push(obj);
    const type = parts ? p1ObjectType(parts) : undefined;
    prev = { obj, hint: parts ? p1NumericHint(parts) : false, ...(type ? { type } : {}) };
    addGroups(text, open, segs, prev);
  }

  // Per physical line: line ending, characters, length.
  for (const l of lines) {
    const c = NOT_PRINTABLE.exec(l.text);
    if (c) dev('bad-char', at(l, c.index + 1), `byte 0x${l.text.charCodeAt(c.index).toString(16).padStart(2, '0')} is not printable ASCII`);
    if (l.text.length > maxLine) dev('line-too-long', at(l, maxLine + 1), `line of ${l.text.length} characters exceeds ${maxLine}`);
    if (l.eol === 'LF' || l.eol === 'CR') dev('eol-not-crlf', at(l, l.text.length + 1), `line ends with a bare ${l.eol}, not CR LF`);
  }

  // `!` + CRC over `/` … `!` inclusive (digest §1.4).
  let crc: P1Crc;
  if (crcLine) {
    const computed = crc16Hex(crc16ArcLatin1(s, start, crcLine.offset + 1));
    const digits = crcLine.text.slice(1);
    const p = at(crcLine, 2);
    if (digits === '') {
      crc = { stated: null, computed, valid: null };
      dev('crc-missing', p, '`!` is not followed by a CRC');
    } else if (/^[0-9A-Fa-f]{4}$/.test(digits)) {
      const valid = digits.toUpperCase() === computed;
      crc = { stated: digits, computed, valid };
      if (/[a-f]/.test(digits)) dev('crc-lowercase', p, `CRC '${digits}' is written in lower case`);
      if (!valid) dev('crc-mismatch', p, `stated CRC ${digits}, computed ${computed}`);
    } else {
      crc = { stated: digits, computed, valid: false };
      dev('crc-malformed', p, `CRC '${clip(digits)}' is not 4 hex digits`);
    }
  } else {
    crc = { stated: null, computed: crc16Hex(crc16ArcLatin1(s, start, end)), valid: null };
    const last = lines[lines.length - 1]!;
    dev('missing-bang', last.eol === 'none' ? at(last, last.text.length + 1) : { line: last.line + 1, column: 1, offset: end },
      'the data block is not closed by a `!` line');
  }

  const trailing = s.slice(end);
  if (trailing.length > 0) {
    const last = lines[lines.length - 1]!;
    const p = last.eol === 'none' ? { line: last.line, column: last.text.length + 1 } : { line: last.line + 1, column: 1 };
    dev('trailing-garbage', { ...p, offset: end }, `${trailing.length} byte(s) after the telegram`);
  }

  deviations.sort((a, b) => a.offset - b.offset);
  const telegram: P1Telegram = { header, objects, crc, deviations, lines, trailing, garbage: s.slice(0, start), raw: s.slice(start, end) };

  if ((opts.mode ?? 'strict') === 'strict') {
    const accept = opts.accept ?? [];
    const first = deviations.find((d) => !accept.includes(d.code));
    if (first) {
      const e = new P1Error(first.code, first.offset, first.message, { line: first.line, column: first.column });
      e.deviations = deviations;
      e.telegram = telegram;
      throw e;
    }
  }
  return telegram;
}
