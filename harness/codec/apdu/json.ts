/**
 * Readable form of xDLMS APDUs with the ASN.1 names of the Green Book module as JSON keys:
 * `{ "get-request": { "get-request-normal": { "invoke-id-and-priority": …, "cosem-attribute-descriptor":
 * { "class-id": 8, "instance-id": "0-0:1.0.0.255", "attribute-id": 2 }, "access-selection": null } } }`.
 * Data is the axdr `{ type, value }` tree; enumerations are names (numbers when undefined); octets are hex;
 * date-time octet strings carry the decoded date-time. The dedicated key of an InitiateRequest is a
 * secret and is never printed (only its length).
 */
import { bytesToHex } from '../bytes.ts';
import { obisFormat } from '../obis/index.ts';
import { type AxdrJson, axdrToJson } from '../axdr/json.ts';
import { type DateTimeJson, dateTimeJson } from '../axdr/datetime.ts';
import {
  ACTION_RESULT, CONFIRMED_SERVICE, DATA_ACCESS_RESULT, EXCEPTION_SERVICE_ERROR, SERVICE_ERROR, STATE_ERROR, conformanceNames, enumName,
} from './enums.ts';
import { selectiveAccessInterpret } from './selective.ts';
import type {
  ActionResponseWithOptionalData, Apdu, AttributeWithSelection, CosemAttributeDescriptor, CosemMethodDescriptor, DataBlockG, DataBlockSA,
  GetDataResult, InvokeIdAndPriority, LongInvokeIdAndPriority, SelectiveAccessDescriptor,
} from './types.ts';

type J = Record<string, unknown>;

export function iipJson(i: InvokeIdAndPriority): J {
  return {
    'invoke-id': i.invokeId,
    'service-class': i.confirmed ? 'confirmed' : 'unconfirmed',
    priority: i.highPriority ? 'high' : 'normal',
    ...(i.reserved ? { reserved: i.reserved } : {}),
  };
}

export function longIipJson(i: LongInvokeIdAndPriority): J {
  return {
    'invoke-id': i.invokeId,
    'self-descriptive': i.selfDescriptive ? 'self-descriptive' : 'not-self-descriptive',
    'processing-option': i.breakOnError ? 'break-on-error' : 'continue-on-error',
    'service-class': i.confirmed ? 'confirmed' : 'unconfirmed',
    priority: i.highPriority ? 'high' : 'normal',
    ...(i.reserved ? { reserved: i.reserved } : {}),
  };
}

function instanceIdJson(b: Uint8Array): string {
  return b.length === 6 ? obisFormat(b) : bytesToHex(b);
}

function attrJson(d: CosemAttributeDescriptor): J {
  return { 'class-id': d.classId, 'instance-id': instanceIdJson(d.instanceId), 'attribute-id': d.attributeId };
}

function methodJson(d: CosemMethodDescriptor): J {
  return { 'class-id': d.classId, 'instance-id': instanceIdJson(d.instanceId), 'method-id': d.methodId };
}

function selectionJson(s: SelectiveAccessDescriptor | undefined): J | null {
  if (!s) return null;
  return { 'access-selector': s.accessSelector, 'access-parameters': axdrToJson(s.accessParameters), ...(selectiveAccessInterpret(s) ?? {}) };
}

function attrWithSelJson(a: AttributeWithSelection): J {
  return { 'cosem-attribute-descriptor': attrJson(a.attribute), 'access-selection': selectionJson(a.accessSelection) };
}

function getDataResultJson(r: GetDataResult): J {
  return 'data' in r ? { data: axdrToJson(r.data) } : { 'data-access-result': enumName(DATA_ACCESS_RESULT, r.dataAccessResult) };
}

function rawJson(b: Uint8Array): J {
  return { length: b.length, hex: bytesToHex(b) };
}

function blockGJson(d: DataBlockG): J {
  const result = 'rawData' in d.result ? { 'raw-data': rawJson(d.result.rawData) } : { 'data-access-result': enumName(DATA_ACCESS_RESULT, d.result.dataAccessResult) };
  return { 'last-block': d.lastBlock, 'block-number': d.blockNumber, result };
}

function blockSAJson(d: DataBlockSA): J {
  return { 'last-block': d.lastBlock, 'block-number': d.blockNumber, 'raw-data': rawJson(d.rawData) };
}

function actionResponseJson(r: ActionResponseWithOptionalData): J {
  return { result: enumName(ACTION_RESULT, r.result), 'return-parameters': r.returnParameters ? getDataResultJson(r.returnParameters) : null };
}

export function conformanceJson(bits: number): J {
  return { hex: bits.toString(16).toUpperCase().padStart(6, '0'), bits: conformanceNames(bits) };
}

/** date-time OCTET STRING fields: null when empty, the decoded date-time for 12 octets, else hex. */
function octetDateTimeJson(b: Uint8Array): null | { hex: string; 'date-time'?: DateTimeJson } {
  if (b.length === 0) return null;
  return b.length === 12 ? { hex: bytesToHex(b), 'date-time': dateTimeJson(b) } : { hex: bytesToHex(b) };
}

const dar = (v: number): string | number => enumName(DATA_ACCESS_RESULT, v);

/** The ASN.1 name of the outer XDLMS-APDU alternative for an APDU type. */
export function apduOuterName(a: Apdu): string {
  if (a.type === 'ciphered') return a.name;
  const m = /^(get|set|action)-(request|response)/.exec(a.type);
  return m ? `${m[1]}-${m[2]}` : a.type;
}

function body(a: Apdu): J {
  switch (a.type) {
    case 'initiateRequest':
      return {
        'dedicated-key': a.dedicatedKey ? { length: a.dedicatedKey.length, redacted: true } : null,
        'response-allowed': a.responseAllowed ?? true,
        'proposed-quality-of-service': a.proposedQualityOfService ?? null,
        'proposed-dlms-version-number': a.proposedDlmsVersionNumber,
        'proposed-conformance': conformanceJson(a.proposedConformance),
        'client-max-receive-pdu-size': a.clientMaxReceivePduSize,
      };
    case 'initiateResponse':
      return {
        'negotiated-quality-of-service': a.negotiatedQualityOfService ?? null,
        'negotiated-dlms-version-number': a.negotiatedDlmsVersionNumber,
        'negotiated-conformance': conformanceJson(a.negotiatedConformance),
        'server-max-receive-pdu-size': a.serverMaxReceivePduSize,
        'vaa-name': a.vaaName,
      };
    case 'confirmedServiceError': {
      const se = SERVICE_ERROR.get(a.serviceError);
      return { [String(enumName(CONFIRMED_SERVICE, a.service))]: { [se?.name ?? String(a.serviceError)]: se ? enumName(se.values, a.value) : a.value } };
    }
    case 'data-notification':
      return {
        'long-invoke-id-and-priority': longIipJson(a.longInvokeIdAndPriority),
        'date-time': octetDateTimeJson(a.dateTime),
        'notification-body': { 'data-value': axdrToJson(a.body) },
      };
    case 'event-notification-request':
      return { time: a.time ? octetDateTimeJson(a.time) : null, 'cosem-attribute-descriptor': attrJson(a.attribute), 'attribute-value': axdrToJson(a.value) };
    case 'exception-response':
      return {
        'state-error': enumName(STATE_ERROR, a.stateError),
        'service-error': a.serviceError === 6 ? { 'invocation-counter-error': a.invocationCounter ?? 0 } : enumName(EXCEPTION_SERVICE_ERROR, a.serviceError),
      };
    case 'general-block-transfer':
      return {
        'block-control': { 'last-block': a.lastBlock, streaming: a.streaming, window: a.window },
        'block-number': a.blockNumber,
        'block-number-ack': a.blockNumberAck,
        'block-data': rawJson(a.blockData),
      };
    case 'ciphered':
      return { 'apdu-tag': a.tag, length: a.bytes.length, hex: bytesToHex(a.bytes) };
    default:
      return { [a.type]: serviceBody(a) };
  }
}

type ServiceApdu = Exclude<Apdu, { type: 'initiateRequest' | 'initiateResponse' | 'confirmedServiceError' | 'data-notification' | 'event-notification-request' | 'exception-response' | 'general-block-transfer' | 'ciphered' }>;

function serviceBody(a: ServiceApdu): J {
  const iip = { 'invoke-id-and-priority': iipJson(a.invokeIdAndPriority) };
  switch (a.type) {
    case 'get-request-normal':
      return { ...iip, 'cosem-attribute-descriptor': attrJson(a.attribute), 'access-selection': selectionJson(a.accessSelection) };
    case 'get-request-next':
    case 'set-response-datablock':
    case 'action-request-next-pblock':
    case 'action-response-next-pblock':
      return { ...iip, 'block-number': a.blockNumber };
    case 'get-request-with-list':
      return { ...iip, 'attribute-descriptor-list': a.attributes.map(attrWithSelJson) };
    case 'get-response-normal':
      return { ...iip, result: getDataResultJson(a.result) };
    case 'get-response-with-datablock':
      return { ...iip, result: blockGJson(a.datablock) };
    case 'get-response-with-list':
      return { ...iip, result: a.results.map(getDataResultJson) };
    case 'set-request-normal':
      return { ...iip, 'cosem-attribute-descriptor': attrJson(a.attribute), 'access-selection': selectionJson(a.accessSelection), value: axdrToJson(a.value) };
    case 'set-request-with-first-datablock':
      return { ...iip, 'cosem-attribute-descriptor': attrJson(a.attribute), 'access-selection': selectionJson(a.accessSelection), datablock: blockSAJson(a.datablock) };
    case 'set-request-with-datablock':
      return { ...iip, datablock: blockSAJson(a.datablock) };
    case 'set-request-with-list':
      return { ...iip, 'attribute-descriptor-list': a.attributes.map(attrWithSelJson), 'value-list': a.values.map(axdrToJson) };
    case 'set-request-with-list-and-first-datablock':
      return { ...iip, 'attribute-descriptor-list': a.attributes.map(attrWithSelJson), datablock: blockSAJson(a.datablock) };
    case 'set-response-normal':
      return { ...iip, result: dar(a.result) };
    case 'set-response-last-datablock':
      return { ...iip, result: dar(a.result), 'block-number': a.blockNumber };
    case 'set-response-last-datablock-with-list':
      return { ...iip, result: a.results.map(dar), 'block-number': a.blockNumber };
    case 'set-response-with-list':
      return { ...iip, result: a.results.map(dar) };
    case 'action-request-normal':
      return { ...iip, 'cosem-method-descriptor': methodJson(a.method), 'method-invocation-parameters': a.parameters ? axdrToJson(a.parameters) : null };
    case 'action-request-with-list':
      return { ...iip, 'cosem-method-descriptor-list': a.methods.map(methodJson), 'method-invocation-parameters': a.parameters.map(axdrToJson) };
    case 'action-request-with-first-pblock':
      return { ...iip, 'cosem-method-descriptor': methodJson(a.method), pblock: blockSAJson(a.pblock) };
    case 'action-request-with-list-and-first-pblock':
      return { ...iip, 'cosem-method-descriptor-list': a.methods.map(methodJson), pblock: blockSAJson(a.pblock) };
    case 'action-request-with-pblock':
    case 'action-response-with-pblock':
      return { ...iip, pblock: blockSAJson(a.pblock) };
    case 'action-response-normal':
      return { ...iip, 'single-response': actionResponseJson(a.response) };
    case 'action-response-with-list':
      return { ...iip, 'list-of-responses': a.responses.map(actionResponseJson) };
  }
}

/** `{ <outer APDU name>: <fields> }` with ASN.1 names throughout. */
export function apduToJson(a: Apdu): J {
  return { [apduOuterName(a)]: body(a) };
}

export type { AxdrJson };
