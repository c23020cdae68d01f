/**
 * # P1 — DSMR P1 telegram codec
 *
 * The P1 port of a Dutch/Belgian/Luxembourg smart meter pushes a text telegram every 10 s
 * (DSMR-RN-4.2.2 §2 item 33):
 *
 * ```
 * /ISk5\2MT382-1000          header: '/' + 3-letter flag + baud digit + identification
 *                            one empty line
 * 1-3:0.2.8(50)              one object per line: reduced OBIS id A-B:C.D.E + (value) groups,
 * 1-0:1.8.1(123456.789*kWh)  numbers with *unit, TST time stamps YYMMDDhhmmssX, hex-encoded text
 * 0-1:24.2.1(101209110000W)(12785.123*m3)
 * !141B                      '!' + CRC-16/ARC over '/'…'!' (4 hex digits)
 * ```
 * Every line ends with CR LF (DSMR-RN-4.0.4 §3 item 2). Rules and their sources: digest
 * `p1-profiles-events-digest.md` §1 (CRC: §1.4; value formats: §1.5; objects: §1.6–1.7; deviations of the
 * release-note example: §1.9; ambiguities: §5). DSMR 2.2/3.0 telegrams have no CRC and put the hourly
 * gas value on the line after `0-n:24.3.0(…)`; e-MUCS (Fluvius, BE) and Smarty (LU) add objects.
 *
 * API
 * - `crc16Arc(bytes, init?)` / `crc16Hex(crc)` — the P1 CRC (DSMR P1 5.x/4.x §6.x CRC16, not in the seed
 *   release notes; digest §1.4).
 * - `p1Parse(input, { mode: 'strict' | 'lenient', accept?, maxLineLength? })` → P1Telegram. Strict (default)
 *   throws P1Error on the first deviation (code = its code, `.deviations` = all, `.telegram` = the lenient
 *   result); lenient never throws once a `/` is present and lists every deviation. Both throw
 *   `no-telegram` for input without any `/`. Line numbers and offsets are those of the input.
 * - `p1Serialize({ header, objects }, { eol, crc, finalEol, blankLineAfterHeader })` → text; `header`
 *   with or without its leading `/` (never doubled). Canonical output (defaults) round-trips:
 *   p1Serialize(parsed) === input for CR LF telegrams with the final CR LF.
 * - `p1Split(stream)` for capture files and `createP1Framer()` (`push`, `flush`, `garbage`, `pending`)
 *   for serial streams where reading starts mid-telegram.
 * - `decoder` (decoder.ts) for `meterproof decode p1`; `P1_OBJECT_TYPES` (objects.ts) types the values.
 *
 * Deviation codes and their severities: errors.ts (`P1_DEVIATIONS`).
 */
export { crc16Arc, crc16ArcLatin1, crc16Hex } from './crc.ts';
export { P1Error, P1_DEVIATIONS, p1Severity, type P1DeviationCode, type P1Severity } from './errors.ts';
export { p1Parse, p1ByteString, P1_MAX_LINE } from './parse.ts';
export { p1Serialize, type P1SerializeInput, type P1SerializeOptions } from './serialize.ts';
export { p1Split, createP1Framer, p1Frame, P1_MAX_TELEGRAM, type P1Framer, type P1Piece } from './framer.ts';
export { P1_OBJECT_TYPES, p1ObjectType, p1KindAt, p1NumericHint, type P1Kind, type P1ObjectType } from './objects.ts';
export { p1TypeValue, p1TimestampIso, p1HexText } from './values.ts';
export type * from './types.ts';
