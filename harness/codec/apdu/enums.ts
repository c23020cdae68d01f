/**
 * Tags and enumerations of the xDLMS ASN.1 module (IEC 62056-5-3 / Green Book; numbering as in the
 * Green Book Ed. 8.3 module `COSEMpdu`). Names are the ASN.1 identifiers, used as JSON vocabulary.
 */
import { apduFail } from './errors.ts';

/** APDU tags this codec decodes and encodes itself. */
export const APDU_TAGS = {
  initiateRequest: 0x01,
  initiateResponse: 0x08,
  confirmedServiceError: 0x0e,
  'data-notification': 0x0f,
  'get-request': 0xc0,
  'set-request': 0xc1,
  'event-notification-request': 0xc2,
  'action-request': 0xc3,
  'get-response': 0xc4,
  'set-response': 0xc5,
  'action-response': 0xc7,
  'exception-response': 0xd8,
  'general-block-transfer': 0xe0,
} as const;

/** Protected APDUs: kept whole in the model; their envelope belongs to harness/security/ciphering.ts. */
export const CIPHERED_TAGS: ReadonlyMap<number, string> = new Map([
  [0x21, 'glo-initiateRequest'], [0x25, 'glo-readRequest'], [0x26, 'glo-writeRequest'], [0x28, 'glo-initiateResponse'],
  [0x2c, 'glo-readResponse'], [0x2d, 'glo-writeResponse'], [0x2e, 'glo-confirmedServiceError'],
  [0x36, 'glo-unconfirmedWriteRequest'], [0x38, 'glo-informationReportRequest'],
  [0x41, 'ded-initiateRequest'], [0x45, 'ded-readRequest'], [0x46, 'ded-writeRequest'], [0x48, 'ded-initiateResponse'],
  [0x4c, 'ded-readResponse'], [0x4d, 'ded-writeResponse'], [0x4e, 'ded-confirmedServiceError'],
  [0x56, 'ded-unconfirmedWriteRequest'], [0x58, 'ded-informationReportRequest'],
  [0xc8, 'glo-get-request'], [0xc9, 'glo-set-request'], [0xca, 'glo-event-notification-request'], [0xcb, 'glo-action-request'],
  [0xcc, 'glo-get-response'], [0xcd, 'glo-set-response'], [0xcf, 'glo-action-response'],
  [0xd0, 'ded-get-request'], [0xd1, 'ded-set-request'], [0xd2, 'ded-event-notification-request'], [0xd3, 'ded-actionRequest'],
  [0xd4, 'ded-get-response'], [0xd5, 'ded-set-response'], [0xd7, 'ded-action-response'],
  [0xdb, 'general-glo-ciphering'], [0xdc, 'general-ded-ciphering'], [0xdd, 'general-ciphering'], [0xdf, 'general-signing'],
]);

/** Defined APDUs outside this codec's scope (SN referencing, ACCESS, ACSE): `unsupported-apdu`. */
export const UNSUPPORTED_TAGS: ReadonlyMap<number, string> = new Map([
  [0x05, 'readRequest'], [0x06, 'writeRequest'], [0x0c, 'readResponse'], [0x0d, 'writeResponse'],
  [0x16, 'unconfirmedWriteRequest'], [0x18, 'informationReportRequest'], [0xd9, 'access-request'], [0xda, 'access-response'],
  [0x60, 'AARQ (ACSE layer)'], [0x61, 'AARE (ACSE layer)'], [0x62, 'RLRQ (ACSE layer)'], [0x63, 'RLRE (ACSE layer)'],
]);

/** Data-Access-Result ENUMERATED. */
export const DATA_ACCESS_RESULT: ReadonlyMap<number, string> = new Map([
  [0, 'success'], [1, 'hardware-fault'], [2, 'temporary-failure'], [3, 'read-write-denied'], [4, 'object-undefined'],
  [9, 'object-class-inconsistent'], [11, 'object-unavailable'], [12, 'type-unmatched'], [13, 'scope-of-access-violated'],
  [14, 'data-block-unavailable'], [15, 'long-get-aborted'], [16, 'no-long-get-in-progress'], [17, 'long-set-aborted'],
  [18, 'no-long-set-in-progress'], [19, 'data-block-number-invalid'], [250, 'other-reason'],
]);

/** Action-Result ENUMERATED. */
export const ACTION_RESULT: ReadonlyMap<number, string> = new Map([
  [0, 'success'], [1, 'hardware-fault'], [2, 'temporary-failure'], [3, 'read-write-denied'], [4, 'object-undefined'],
  [9, 'object-class-inconsistent'], [11, 'object-unavailable'], [12, 'type-unmatched'], [13, 'scope-of-access-violated'],
  [14, 'data-block-unavailable'], [15, 'long-action-aborted'], [16, 'no-long-action-in-progress'], [250, 'other-reason'],
]);

/** ExceptionResponse state-error ENUMERATED. */
export const STATE_ERROR: ReadonlyMap<number, string> = new Map([[1, 'service-not-allowed'], [2, 'service-unknown']]);

/** ExceptionResponse service-error CHOICE alternatives (all NULL except 6: Unsigned32). */
export const EXCEPTION_SERVICE_ERROR: ReadonlyMap<number, string> = new Map([
  [1, 'operation-not-possible'], [2, 'service-not-supported'], [3, 'other-reason'], [4, 'pdu-too-long'],
  [5, 'deciphering-error'], [6, 'invocation-counter-error'],
]);

/** ConfirmedServiceError CHOICE alternatives. */
export const CONFIRMED_SERVICE: ReadonlyMap<number, string> = new Map([
  [1, 'initiateError'], [2, 'getStatus'], [3, 'getNameList'], [4, 'getVariableAttribute'], [5, 'read'], [6, 'write'],
  [7, 'getDataSetAttribute'], [8, 'getTIAttribute'], [9, 'changeScope'], [10, 'start'], [11, 'stop'], [12, 'resume'],
  [13, 'makeUsable'], [14, 'initiateLoad'], [15, 'loadSegment'], [16, 'terminateLoad'], [17, 'initiateUpLoad'],
  [18, 'upLoadSegment'], [19, 'terminateUpLoad'],
]);

/** ServiceError CHOICE alternatives and the ENUMERATED values of each (change-scope and other carry no named values). */
export const SERVICE_ERROR: ReadonlyMap<number, { name: string; values: ReadonlyMap<number, string> }> = new Map([
  [0, { name: 'application-reference', values: new Map([[0, 'other'], [1, 'time-elapsed'], [2, 'application-unreachable'], [3, 'application-reference-invalid'], [4, 'application-context-unsupported'], [5, 'provider-communication-error'], [6, 'deciphering-error']]) }],
  [1, { name: 'hardware-resource', values: new Map([[0, 'other'], [1, 'memory-unavailable'], [2, 'processor-resource-unavailable'], [3, 'mass-storage-unavailable'], [4, 'other-resource-unavailable']]) }],
  [2, { name: 'vde-state-error', values: new Map([[0, 'other'], [1, 'no-dlms-context'], [2, 'loading-data-set'], [3, 'status-nochange'], [4, 'status-inoperable']]) }],
  [3, { name: 'service', values: new Map([[0, 'other'], [1, 'pdu-size'], [2, 'service-unsupported']]) }],
  [4, { name: 'definition', values: new Map([[0, 'other'], [1, 'object-undefined'], [2, 'object-class-inconsistent'], [3, 'object-attribute-inconsistent']]) }],
  [5, { name: 'access', values: new Map([[0, 'other'], [1, 'scope-of-access-violated'], [2, 'object-access-violated'], [3, 'hardware-fault'], [4, 'object-unavailable']]) }],
  [6, { name: 'initiate', values: new Map([[0, 'other'], [1, 'dlms-version-too-low'], [2, 'incompatible-conformance'], [3, 'pdu-size-too-short'], [4, 'refused-by-the-VDE-Handler']]) }],
  [7, { name: 'load-data-set', values: new Map([[0, 'other'], [1, 'primitive-out-of-sequence'], [2, 'not-loadable'], [3, 'dataset-size-too-large'], [4, 'not-awaited-segment'], [5, 'interpretation-failure'], [6, 'storage-failure'], [7, 'data-set-not-ready']]) }],
  [8, { name: 'change-scope', values: new Map() }],
  [9, { name: 'task', values: new Map([[0, 'other'], [1, 'no-remote-control'], [2, 'ti-stopped'], [3, 'ti-running'], [4, 'ti-unusable']]) }],
  [10, { name: 'other', values: new Map() }],
]);

/**
 * Conformance block bit names (Green Book conformance BIT STRING; bit 0 is the most significant bit of
 * the first octet). Bit 6 was "reserved-six" in older editions and is delta-value-encoding since.
 */
export const CONFORMANCE_BITS = [
  'reserved-zero', 'general-protection', 'general-block-transfer', 'read', 'write', 'unconfirmed-write',
  'delta-value-encoding', 'reserved-seven', 'attribute0-supported-with-set', 'priority-mgmt-supported',
  'attribute0-supported-with-get', 'block-transfer-with-get-or-read', 'block-transfer-with-set-or-write',
  'block-transfer-with-action', 'multiple-references', 'information-report', 'data-notification', 'access',
  'parameterized-access', 'get', 'set', 'selective-access', 'event-notification', 'action',
] as const;

export type ConformanceBit = (typeof CONFORMANCE_BITS)[number];

/** Names of the bits set in a 24-bit conformance value. */
export function conformanceNames(bits: number): ConformanceBit[] {
  return CONFORMANCE_BITS.filter((_, i) => (bits >>> (23 - i)) & 1);
}

/** The 24-bit conformance value with exactly the named bits set. */
export function conformanceFromNames(names: Iterable<ConformanceBit>): number {
  let v = 0;
  for (const n of names) {
    const i = CONFORMANCE_BITS.indexOf(n);
    if (i < 0) apduFail('bad-value', 0, `unknown conformance bit ${String(n)}`);
    v |= 1 << (23 - i);
  }
  return v >>> 0;
}

export function enumName(table: ReadonlyMap<number, string>, v: number): string | number {
  return table.get(v) ?? v;
}
