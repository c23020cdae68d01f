/**
 * P1 error class and the catalogue of deviation codes. Each code names one format rule; severity says
 * whether the decode view reports it as an error (data or integrity in doubt) or a warning (layout
 * deviation; the values are still trustworthy).
 */
import { layerError } from '../errors.ts';
import type { P1Deviation, P1Telegram } from './types.ts';

/**
 * Thrown only when there is no telegram at all (`no-telegram`), or in strict mode for the first
 * deviation (`code` = its code); `deviations` then carries all of them and `telegram` the lenient result.
 */
export class P1Error extends layerError('p1') {
  deviations: P1Deviation[] = [];
  telegram?: P1Telegram;
}

export type P1Severity = 'error' | 'warning';

/** code → [severity in the lenient decode view, rule and reference]. */
export const P1_DEVIATIONS = {
  'no-telegram': ['error', 'input holds no `/` header at all (thrown, never listed)'],
  'garbage-before-header': ['warning', 'bytes before the `/` of the header (serial read started mid-stream) [ext]'],
  'header-malformed': ['error', 'header is not `/` + 3-letter flag + baud digit + identification (digest §1.3 T1)'],
  'no-blank-line-after-header': ['warning', 'the header is not followed by exactly one empty line (digest §1.3 T2)'],
  'stray-blank-line': ['warning', 'empty line inside the data block (digest §1.9 E2)'],
  'eol-not-crlf': ['warning', 'a line ends with bare LF or CR instead of CR LF (DSMR-RN-4.0.4 §3 item 2)'],
  'obis-malformed': ['error', 'identifier is not `A-B:C.D.E` (DSMR-RN-4.0.4 §3 item 2; digest §1.9 E6)'],
  'obis-f-group': ['warning', 'identifier carries the F group although P1 uses reduced ID codes (DSMR-RN-4.0.4 §3 item 2; E8)'],
  'line-wrapped': ['warning', 'one object spread over several physical lines (digest §1.9 E7)'],
  'unterminated-bracket': ['error', 'a `(` value group is not closed on its line'],
  'value-syntax': ['error', 'characters outside `(...)` groups, a nested `(`, or a line without any value group'],
  'bad-number': ['error', 'a numeric field (or a value with `*unit`) is not a decimal number'],
  'bad-timestamp': ['error', 'a time stamp is not a valid TST `YYMMDDhhmmssX` (X = S or W) [ext]'],
  'hex-lowercase': ['warning', 'hex-encoded octet string written with lower-case digits (spec-ambiguous, digest §5 A33)'],
  'bad-char': ['error', 'a byte that is not printable 7-bit ASCII inside a line [ext]'],
  'line-too-long': ['warning', 'physical line longer than the limit (2048 hex digits of text + identifier overhead)'],
  'missing-bang': ['error', 'no `!` line closes the data block (digest §1.3 T5)'],
  'crc-missing': ['warning', '`!` without CRC digits (legal only for DSMR 2.2/3.0 telegrams)'],
  'crc-malformed': ['error', 'the CRC after `!` is not 4 hex digits'],
  'crc-lowercase': ['warning', 'CRC written with lower-case hex digits (spec-ambiguous, digest §5 A33)'],
  'crc-mismatch': ['error', 'stated CRC differs from CRC-16/ARC over `/`…`!` (digest §1.4)'],
  'trailing-garbage': ['warning', 'bytes after the CRC line other than its single CR LF (digest §4.1 dsmr-p1/frame/8)'],
} as const satisfies Record<string, readonly [P1Severity, string]>;

export type P1DeviationCode = keyof typeof P1_DEVIATIONS;

export function p1Severity(code: string): P1Severity {
  const d = (P1_DEVIATIONS as Record<string, readonly [P1Severity, string]>)[code];
  return d ? d[0] : 'error';
}
