/**
 * # mbus — wired M-Bus (EN 13757-2 link layer) and the EN 13757-3 application layer, as DSMR-P2 uses them
 *
 * - `link.ts`: FT1.2 frames — single character E5h, short `10 C A CS 16`, control and long
 *   `68 L L 68 C A CI … CS 16` (`mbusFrameEncode`, `mbusFrameDecode`, `mbusChecksum`); C-field names with
 *   FCB/FCV and ACD/DFC (`mbusControlDecode`; DSMR-P2 §3.1.2 ignores the FCB); A-field semantics
 *   (`mbusAddressInfo`: 0 unconfigured, 1–250, 251–252 reserved, 253 network layer, 254/255 broadcast).
 * - `framer.ts`: `mbusSplit` / `mbusFramerPush` find frames in a noisy serial stream and resynchronise.
 * - `secondary.ts`: secondary-address selection (CI 52h, wildcards) and multi-telegram readout (FCB
 *   toggling, DIF 1Fh "more records follow").
 * - `ci.ts`, `header.ts`: CI table with header forms; short and long header, manufacturer letters, BCD
 *   identification, medium names, status byte, configuration word (DSMR-P2 §4.2, §5.1).
 * - `records.ts`, `vif.ts`, `vif-tables.ts`, `values.ts`, `datatypes.ts`: data records — DIF/DIFE
 *   (storage, tariff, subunit, function; ≤ 10 DIFEs), VIF/VIFE (primary, FDh, FBh, combinable, plain text,
 *   manufacturer specific; ≤ 10 VIFEs), integers, BCD (negative with top nibble Fh), real, dates G/F/I/J
 *   (invalid → value null, `invalid: true`), LVAR; special DIFs 0Fh/1Fh/2Fh/7Fh.
 * - `app.ts`: `mbusAppDecode(bytes from CI, ctx)` (never throws; `errors`/`warnings`, `strict` promotes
 *   warnings), `mbusAppEncode`, `mbusAppAssert`. Encrypted records (mode 15, DSMR-P2 §5; mode 5) are
 *   decrypted with `ctx.key` through harness/security/mbus, loaded in the background (`crypto.ts`:
 *   `mbusCryptoReady()`); without it the error `encrypted-not-decrypted` is reported and the ciphertext kept.
 * - `json.ts`, `telegram.ts`, `decoder.ts`: the `meterproof decode mbus` document (decode-schema.json),
 *   with DSMR-P2 deviations listed under `dsmr`.
 * - `build.ts`: records from values for simulators (`mbusRecordBuild`, `mbusDibEncode`).
 *
 * Errors: `MbusError` (layer 'mbus') with `code` and `offset`: truncated, bad-start, bad-stop,
 * bad-checksum, l-mismatch, length-mismatch, bad-length, trailing-bytes, too-long, truncated-header,
 * truncated-record, dife-chain-too-long, vife-chain-too-long, reserved-dif, bad-lvar, bad-bcd, bad-date
 * (warning), unknown-vif (warning), vif-dif-mismatch (warning), encrypted-not-decrypted, missing-frame-counter,
 * check-bytes-missing, … Keys never appear in output or messages.
 */
export { MbusError, type MbusIssue } from './errors.ts';
export {
  type MbusFrame, type MbusFrameFormat, type MbusFrameDecoded, type MbusFrameDecodeOptions, type MbusControl, type MbusAddressInfo, type MbusAddressKind,
  MBUS_ACK, MBUS_MAX_DATA, MBUS_C, mbusChecksum, mbusFrameEncode, mbusFrameDecode, mbusControlDecode, mbusAddressInfo, mbusWithFcb,
  mbusShortFrame, mbusSndNke, mbusReqUd2, mbusReqUd1, mbusSndUd,
} from './link.ts';
export { type MbusSplitFrame, type MbusGarbage, type MbusSplitResult, type MbusFramerState, mbusSplit, mbusFramerInit, mbusFramerPush } from './framer.ts';
export {
  type MbusSelection, type MbusReadoutState, MBUS_ADDRESS_NETWORK_LAYER, mbusSelectionEncode, mbusSelectionDecode, mbusSelectionMatches, mbusSelectFrame,
  mbusReadoutStart, mbusReadoutNext,
} from './secondary.ts';
export { type MbusCiInfo, type MbusHeaderForm, MBUS_CI_TABLE, MBUS_APP_ERRORS, mbusCiInfo, mbusCiBaudRate } from './ci.ts';
export {
  type MbusHeader, type MbusShortHeader, type MbusLongHeader, type MbusConfig, type MbusStatus, type MbusIdentity,
  mbusManufacturerDecode, mbusManufacturerEncode, mbusIdDecode, mbusIdEncode, mbusMediumName, mbusStatusDecode, mbusConfigDecode, mbusConfigEncode,
  mbusHeaderDecode, mbusHeaderEncode, mbusIdentityBytes,
} from './header.ts';
export {
  type MbusRecord, type MbusDataRecord, type MbusMarkerRecord, type MbusManufacturerData, type MbusFunction, MBUS_MAX_DIFE, MBUS_MAX_VIFE,
  mbusRecordsParse, mbusRecordEncode, mbusRecordsEncode, mbusDibFields,
} from './records.ts';
export { type MbusVibInfo, mbusVibDescribe } from './vif.ts';
export { type MbusDateValue, bcdDecode, bcdEncode, intDecode, intEncode, typeGDecode, typeFDecode, typeIDecode, typeJDecode, typeGEncode, typeFEncode, typeIEncode, textDecode, textEncode, lvarInfo } from './datatypes.ts';
export { type MbusRecordSpec, mbusDibEncode, mbusValueBytes, mbusRecordBytes, mbusRecordBuild } from './build.ts';
export { type MbusApp, type MbusAppContext, type MbusClock, mbusAppDecode, mbusAppEncode, mbusAppAssert } from './app.ts';
export { mbusAppToJson, mbusRecordToJson, mbusDsmrAppCheck } from './json.ts';
export { type MbusTelegram, mbusTelegramDecode, mbusTelegramEncode, mbusTelegramToJson, mbusDsmrLinkCheck } from './telegram.ts';
export { type MbusDecryptFn, type MbusDecryptArgs, mbusCryptoReady, mbusMode15Iv, mbusMode5Iv } from './crypto.ts';

import { mbusCryptoReady } from './crypto.ts';
// Start loading the security layer now so a synchronous decode soon finds it (see crypto.ts).
void mbusCryptoReady();
