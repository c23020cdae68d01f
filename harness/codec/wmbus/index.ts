/**
 * # wmbus — wireless M-Bus link layer (EN 13757-4), as DSMR-P2 §2.2, §3.2 and Table 6 use it
 *
 * - `frame.ts`: frame formats A (DSMR) and B — `wmbusFrameEncode`, `wmbusFrameDecode` (strict, throws
 *   `WmbusError`), `wmbusFrameInspect` (lenient, lists every problem), block layout helpers.
 * - `crc.ts`: CRC-16/EN-13757 (`crc16En13757`).
 * - `address.ts`: M-field letters, BCD identification number, link address (MAN ID VER DEV) versus the DSMR
 *   Short ID order (ID MAN VER DEV, DSMR-P2 §4.2.2), medium names.
 * - `cfield.ts`: C-field names (FCB / ACD / DFC masked) and the DSMR-P2 Table 6 C/CI pairs.
 * - `three-of-six.ts`: T-mode 3-out-of-6 chip coding as its own layer (`threeOfSixEncode/Decode`,
 *   `wmbusTModeEncode/Decode`).
 * - `decoder.ts`: `meterproof decode wmbus` (schema: decode-schema.json); the payload goes to ../mbus.
 *
 * Errors: `WmbusError` (layer 'wmbus') with `code`, `offset` and, for `bad-crc`, `block` (1-based block
 * number as EN 13757-4 counts them; in format B the CRC at the end of block 2 covers blocks 1 and 2).
 * Encryption (mode 5 / DSMR mode 15) lives in harness/security/mbus.
 */
export { WmbusError } from './errors.ts';
export { crc16En13757 } from './crc.ts';
export {
  type LinkAddress, manufacturerEncode, manufacturerDecode, idEncode, idDecode, linkAddressEncode, linkAddressDecode,
  shortIdEncode, shortIdDecode, mediumName,
} from './address.ts';
export { C_FIELD, type CFieldName, cFieldBase, cFieldName, DSMR_WIRELESS_C_CI, dsmrWirelessAllowed } from './cfield.ts';
export {
  type WmbusFormat, type WmbusFrame, type WmbusDecodeOptions, type WmbusInspection, type CrcSegment, WMBUS_MAX_PAYLOAD,
  wmbusFrameEncode, wmbusFrameDecode, wmbusFrameInspect, wmbusLField, wmbusPayloadLength, wmbusCrcLayout,
  wmbusFrameLength, wmbusPayloadOffset,
} from './frame.ts';
export { threeOfSixEncode, threeOfSixDecode, threeOfSixLength, wmbusTModeEncode, wmbusTModeDecode } from './three-of-six.ts';
