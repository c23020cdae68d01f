/**
 * # apdu — xDLMS APDUs (IEC 62056-5-3 / DLMS UA Green Book xDLMS, A-XDR encoded)
 *
 * Decodes and encodes, bit-exactly:
 *   initiateRequest [1] · initiateResponse [8] · confirmedServiceError [14] (ServiceError choices named)
 *   data-notification [15] (Long-Invoke-Id-And-Priority, date-time OCTET STRING, notification-body)
 *   get-request [192] normal / next / with-list · get-response [196] normal / with-datablock / with-list
 *   set-request [193] normal / with-first-datablock / with-datablock / with-list / with-list-and-first-datablock
 *   set-response [197] normal / datablock / last-datablock / last-datablock-with-list / with-list
 *   action-request [195] normal / next-pblock / with-list / with-first-pblock / with-list-and-first-pblock /
 *     with-pblock · action-response [199] normal / with-pblock / with-list / next-pblock
 *   event-notification-request [194] · exception-response [216] · general-block-transfer [224]
 * Protected APDUs (glo-/ded- service-specific tags 0x21…0xD7, general-glo-ciphering 0xDB,
 * general-ded-ciphering 0xDC, general-ciphering 0xDD, general-signing 0xDF) are framed (their end is
 * found and checked) and kept whole as `{ type: 'ciphered', name, bytes }`; the envelope and the
 * cryptography belong to harness/security/ciphering.ts, which decoder.ts uses when present.
 * SN referencing (read/write/information-report), ACCESS [217]/[218] and ACSE tags raise
 * `unsupported-apdu`; other tags `unknown-tag`.
 *
 * Model (types.ts): a flat object per innermost CHOICE alternative (`type: 'get-request-normal'`), with
 * invoke-id-and-priority bit fields, COSEM attribute/method descriptors (instance-id = 6 octets), Data as
 * axdr values, enumerations as numbers (names in enums.ts). Selective access keeps its Data; selective.ts
 * builds and interprets range (selector 1) and entry (selector 2) descriptors. Encoding is canonical;
 * decoding is lenient about non-minimal lengths (marked in `nonCanonical`, rejected with `strict`).
 * Errors: ApduError (errors.ts), also for problems inside embedded Data (same code, absolute offset).
 *
 * Readable form: apduToJson(apdu) → `{ "get-request": { "get-request-normal": { "invoke-id-and-priority":
 * …, "cosem-attribute-descriptor": { "class-id", "instance-id" (OBIS text), "attribute-id" }, … } } }`.
 *
 * API: apduDecode(bytes, opts) · apduDecodeAt(bytes, offset, opts) · apduEncode(apdu) · apduToJson(apdu) ·
 * conformanceNames / conformanceFromNames · rangeDescriptor / entryDescriptor / selectiveAccessInterpret ·
 * iipFromByte / iipToByte / longIipFromNumber / longIipToNumber · enum tables.
 */
export { apduDecode, apduDecodeAt, apduEncode, type ApduDecodeOptions } from './codec.ts';
export { apduToJson, apduOuterName, conformanceJson, iipJson, longIipJson } from './json.ts';
export { ApduError, type ApduErrorCode } from './errors.ts';
export {
  APDU_TAGS, CIPHERED_TAGS, UNSUPPORTED_TAGS, DATA_ACCESS_RESULT, ACTION_RESULT, STATE_ERROR, EXCEPTION_SERVICE_ERROR,
  CONFIRMED_SERVICE, SERVICE_ERROR, CONFORMANCE_BITS, conformanceNames, conformanceFromNames, type ConformanceBit,
} from './enums.ts';
export { iipFromByte, iipToByte, longIipFromNumber, longIipToNumber } from './common.ts';
export {
  rangeDescriptor, entryDescriptor, selectiveAccessInterpret, captureObjectData, type RangeDescriptor, type EntryDescriptor,
  type CaptureObjectDefinition,
} from './selective.ts';
export type * from './types.ts';
