/**
 * Types of the P1 telegram codec (see index.ts for the overview). A telegram is 7-bit ASCII text; the
 * codec works on a "byte string" (one char per byte, latin1) so that offsets are byte offsets and the
 * CRC runs over exactly the bytes that were sent.
 */

export type P1Mode = 'strict' | 'lenient';

export interface P1ParseOptions {
  /** `strict` (default) throws a P1Error on the first deviation; `lenient` returns and lists them. */
  mode?: P1Mode;
  /**
   * Deviation codes strict mode tolerates (they are still listed), e.g. `['crc-missing']` for DSMR
   * 2.2/3.0 telegrams, which carry no CRC, or `['crc-lowercase']` for the spec-ambiguous case A33.
   */
  accept?: readonly string[];
  /** Longest physical line (without its line ending) before `line-too-long`; default P1_MAX_LINE. */
  maxLineLength?: number;
}

/** Line ending as sent: CR LF is the rule (DSMR-RN-4.0.4 §3 item 2); bare LF or CR is a deviation. */
export type P1Eol = 'CRLF' | 'LF' | 'CR' | 'none';

export interface P1Line {
  /** The line's text without its line ending (the header line starts at its `/`). */
  text: string;
  eol: P1Eol;
  /** 1-based line number in the input (garbage before the header counts). */
  line: number;
  /** Byte offset of `text` in the input. */
  offset: number;
}

export interface P1Header {
  /** The header line as written, including the leading `/`. */
  raw: string;
  /** Manufacturer FLAG id: the 3 characters after `/` (IEC 62056-21 identification) [ext]. */
  flag: string;
  /** Baud-rate character: the 4th character ('5' in every DSMR telegram) [ext]. */
  baud: string;
  /** Identification after the baud character, may contain the `\W` enhanced-identification escape. */
  ident: string;
}

export type P1ValueKind = 'number' | 'timestamp' | 'string' | 'hex-text' | 'obis' | 'empty';

export interface P1Value {
  /** Everything between `(` and `)` as written. */
  raw: string;
  /** The part before `*` (the whole raw value when there is no unit). */
  text: string;
  /** The unit after `*` as written, null when there is no `*`. */
  unit: string | null;
  /**
   * number for numeric fields; ISO-8601 with offset for TST time stamps (W → +01:00, S → +02:00;
   * a DSMR 2.2/3.0 12-digit stamp without DST flag gives local time without offset); the decoded
   * text for hex-encoded octet strings; `text` for strings and OBIS ids; null when empty.
   */
  value: number | string | null;
  kind: P1ValueKind;
  /** Digits after the decimal point (numbers only). */
  decimals?: number;
  /** Digits of the written number, decimal point and sign not counted (for Fn(x,y) checks). */
  digits?: number;
  /** DST flag of a TST time stamp: S = summer time active, W = not. */
  dst?: 'S' | 'W';
}

export interface ObisParts {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f?: number;
}

export interface P1Object {
  /** The identifier as written, e.g. `1-0:1.8.1`, or malformed ones like `1-0:72:32.0`. */
  obis: string;
  /** Value groups A..F when the identifier can be read (also for a malformed one with 5–6 numbers). */
  obisParts?: ObisParts;
  values: P1Value[];
  /** Line and column where the identifier starts. */
  line: number;
  column: number;
  /** The object's text without line endings (a wrapped object's physical lines joined). */
  rawLine: string;
}

export interface P1Deviation {
  code: string;
  line: number;
  column: number;
  /** Byte offset in the input. */
  offset: number;
  message: string;
}

export interface P1Crc {
  /** The CRC digits as written after `!`, null when absent. */
  stated: string | null;
  /** CRC-16/ARC over `/` … `!` inclusive, 4 upper-case hex digits. */
  computed: string;
  /** stated = computed (case-insensitive, digest §5 A33); null when no CRC is stated. */
  valid: boolean | null;
}

export interface P1Telegram {
  header: P1Header;
  objects: P1Object[];
  crc: P1Crc;
  /** Every deviation from the format rules, in input order. */
  deviations: P1Deviation[];
  /** Every physical line from the header through the `!` line. */
  lines: P1Line[];
  /** Bytes after the CRC line (and its line ending). */
  trailing: string;
  /** Bytes before the header's `/`. */
  garbage: string;
  /** The telegram from `/` through the CRC line's line ending (what a framer delivers). */
  raw: string;
}
