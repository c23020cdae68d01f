/**
 * The xDLMS APDU model (IEC 62056-5-3 / DLMS UA Green Book, xDLMS ASN.1 module, A-XDR encoded). Each
 * APDU is a flat object discriminated by `type`, named after the innermost ASN.1 CHOICE alternative
 * (`get-request-normal`, `initiateRequest`, …). Enumerations are kept as numbers (unknown values survive
 * a round trip); apduToJson names them. Data fields are axdr values. Octet fields are Uint8Array.
 */
import type { AxdrValue } from '../axdr/types.ts';

/** Invoke-Id-And-Priority (Unsigned8): bits 0–3 invoke-id, 4–5 reserved, 6 service-class, 7 priority. */
export interface InvokeIdAndPriority {
  invokeId: number;
  /** service-class bit 6: true = confirmed. */
  confirmed: boolean;
  /** priority bit 7: true = high. */
  highPriority: boolean;
  /** Bits 4–5, reserved (0); kept so that a received byte re-encodes exactly. */
  reserved?: number;
}

/** Long-Invoke-Id-And-Priority (Unsigned32): bits 0–23 id, 24–27 reserved, 28 self-descriptive, 29 processing-option, 30 service-class, 31 priority. */
export interface LongInvokeIdAndPriority {
  invokeId: number;
  selfDescriptive: boolean;
  /** processing-option bit 29: true = break on error, false = continue on error. */
  breakOnError: boolean;
  confirmed: boolean;
  highPriority: boolean;
  reserved?: number;
}

export interface CosemAttributeDescriptor {
  classId: number;
  /** Logical name, 6 octets (OBIS). */
  instanceId: Uint8Array;
  /** Integer8; negative values are manufacturer-specific attributes. */
  attributeId: number;
}

export interface CosemMethodDescriptor {
  classId: number;
  instanceId: Uint8Array;
  methodId: number;
}

/** Selective-Access-Descriptor: access-selector Unsigned8 + access-parameters Data. */
export interface SelectiveAccessDescriptor {
  accessSelector: number;
  accessParameters: AxdrValue;
}

export interface AttributeWithSelection {
  attribute: CosemAttributeDescriptor;
  accessSelection?: SelectiveAccessDescriptor;
}

/** Get-Data-Result ::= CHOICE { data [0] Data, data-access-result [1] Data-Access-Result }. */
export type GetDataResult = { data: AxdrValue } | { dataAccessResult: number };

/** DataBlock-G (GET block transfer). */
export interface DataBlockG {
  lastBlock: boolean;
  /** The received BOOLEAN octet when it was neither 0x00 nor 0x01 (kept for exact re-encoding). */
  lastBlockRaw?: number;
  blockNumber: number;
  result: { rawData: Uint8Array } | { dataAccessResult: number };
}

/** DataBlock-SA (SET/ACTION block transfer). */
export interface DataBlockSA {
  lastBlock: boolean;
  lastBlockRaw?: number;
  blockNumber: number;
  rawData: Uint8Array;
}

export interface ActionResponseWithOptionalData {
  result: number;
  returnParameters?: GetDataResult;
}

/** Non-canonical constructs a lenient decode accepted in this APDU (e.g. non-minimal lengths). */
export interface NonCanonicalMarks {
  nonCanonical?: Array<{ code: string; offset: number }>;
}

type WithIip<T extends string, R> = { type: T; invokeIdAndPriority: InvokeIdAndPriority } & R;

export type InitiateRequest = {
  type: 'initiateRequest';
  dedicatedKey?: Uint8Array;
  /** Absent = DEFAULT TRUE encoded as 0x00; present = encoded explicitly. */
  responseAllowed?: boolean;
  responseAllowedRaw?: number;
  proposedQualityOfService?: number;
  proposedDlmsVersionNumber: number;
  /** 24-bit conformance block, bit 0 = most significant bit of the first octet. */
  proposedConformance: number;
  clientMaxReceivePduSize: number;
};

export type InitiateResponse = {
  type: 'initiateResponse';
  negotiatedQualityOfService?: number;
  negotiatedDlmsVersionNumber: number;
  negotiatedConformance: number;
  serverMaxReceivePduSize: number;
  /** ObjectName (Integer16); 0x0007 for LN referencing. */
  vaaName: number;
};

/** ConfirmedServiceError ::= CHOICE { initiateError [1] ServiceError, … }; ServiceError ::= CHOICE { … [6] initiate ENUMERATED … }. */
export type ConfirmedServiceError = {
  type: 'confirmedServiceError';
  /** ConfirmedServiceError alternative tag (1 initiateError, 2 getStatus, … 19 terminateUpLoad). */
  service: number;
  /** ServiceError alternative tag (0 application-reference … 10 other). */
  serviceError: number;
  /** The ENUMERATED value inside the ServiceError alternative. */
  value: number;
};

export type GetApdu =
  | WithIip<'get-request-normal', { attribute: CosemAttributeDescriptor; accessSelection?: SelectiveAccessDescriptor }>
  | WithIip<'get-request-next', { blockNumber: number }>
  | WithIip<'get-request-with-list', { attributes: AttributeWithSelection[] }>
  | WithIip<'get-response-normal', { result: GetDataResult }>
  | WithIip<'get-response-with-datablock', { datablock: DataBlockG }>
  | WithIip<'get-response-with-list', { results: GetDataResult[] }>;

export type SetApdu =
  | WithIip<'set-request-normal', { attribute: CosemAttributeDescriptor; accessSelection?: SelectiveAccessDescriptor; value: AxdrValue }>
  | WithIip<'set-request-with-first-datablock', { attribute: CosemAttributeDescriptor; accessSelection?: SelectiveAccessDescriptor; datablock: DataBlockSA }>
  | WithIip<'set-request-with-datablock', { datablock: DataBlockSA }>
  | WithIip<'set-request-with-list', { attributes: AttributeWithSelection[]; values: AxdrValue[] }>
  | WithIip<'set-request-with-list-and-first-datablock', { attributes: AttributeWithSelection[]; datablock: DataBlockSA }>
  | WithIip<'set-response-normal', { result: number }>
  | WithIip<'set-response-datablock', { blockNumber: number }>
  | WithIip<'set-response-last-datablock', { result: number; blockNumber: number }>
  | WithIip<'set-response-last-datablock-with-list', { results: number[]; blockNumber: number }>
  | WithIip<'set-response-with-list', { results: number[] }>;

export type ActionApdu =
  | WithIip<'action-request-normal', { method: CosemMethodDescriptor; parameters?: AxdrValue }>
  | WithIip<'action-request-next-pblock', { blockNumber: number }>
  | WithIip<'action-request-with-list', { methods: CosemMethodDescriptor[]; parameters: AxdrValue[] }>
  | WithIip<'action-request-with-first-pblock', { method: CosemMethodDescriptor; pblock: DataBlockSA }>
  | WithIip<'action-request-with-list-and-first-pblock', { methods: CosemMethodDescriptor[]; pblock: DataBlockSA }>
  | WithIip<'action-request-with-pblock', { pblock: DataBlockSA }>
  | WithIip<'action-response-normal', { response: ActionResponseWithOptionalData }>
  | WithIip<'action-response-with-pblock', { pblock: DataBlockSA }>
  | WithIip<'action-response-with-list', { responses: ActionResponseWithOptionalData[] }>
  | WithIip<'action-response-next-pblock', { blockNumber: number }>;

export type EventNotificationRequest = {
  type: 'event-notification-request';
  /** OCTET STRING OPTIONAL (normally a 12-octet date-time). */
  time?: Uint8Array;
  attribute: CosemAttributeDescriptor;
  value: AxdrValue;
};

export type DataNotification = {
  type: 'data-notification';
  longInvokeIdAndPriority: LongInvokeIdAndPriority;
  /** OCTET STRING: empty when the sender gives no time, else normally a 12-octet date-time. */
  dateTime: Uint8Array;
  body: AxdrValue;
};

export type ExceptionResponse = {
  type: 'exception-response';
  /** state-error ENUMERATED: 1 service-not-allowed, 2 service-unknown. */
  stateError: number;
  /** service-error CHOICE tag: 1 operation-not-possible … 6 invocation-counter-error. */
  serviceError: number;
  /** Present with service-error 6 (invocation-counter-error Unsigned32). */
  invocationCounter?: number;
};

export type GeneralBlockTransfer = {
  type: 'general-block-transfer';
  /** block-control bit 7. */
  lastBlock: boolean;
  /** block-control bit 6. */
  streaming: boolean;
  /** block-control bits 0–5. */
  window: number;
  blockNumber: number;
  blockNumberAck: number;
  blockData: Uint8Array;
};

/** A ciphered or signed APDU (glo-/ded-/general-…): kept whole; the security layer parses the envelope. */
export type CipheredApdu = {
  type: 'ciphered';
  tag: number;
  /** ASN.1 alternative name, e.g. `glo-get-request`, `general-glo-ciphering`. */
  name: string;
  /** The complete APDU octets, tag included. */
  bytes: Uint8Array;
};

export type Apdu = (
  | InitiateRequest | InitiateResponse | ConfirmedServiceError | GetApdu | SetApdu | ActionApdu
  | EventNotificationRequest | DataNotification | ExceptionResponse | GeneralBlockTransfer | CipheredApdu
) & NonCanonicalMarks;

export type ApduType = Apdu['type'];
