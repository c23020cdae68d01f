/**
 * xDLMS context negotiation carried in AARQ/AARE user-information (IEC 62056-5-3 / Green Book):
 *   InitiateRequest [1]  ::= SEQUENCE { dedicated-key OCTET STRING OPTIONAL, response-allowed BOOLEAN
 *       DEFAULT TRUE, proposed-quality-of-service [0] IMPLICIT Integer8 OPTIONAL,
 *       proposed-dlms-version-number Unsigned8, proposed-conformance Conformance,
 *       client-max-receive-pdu-size Unsigned16 }
 *   InitiateResponse [8] ::= SEQUENCE { negotiated-quality-of-service [0] IMPLICIT Integer8 OPTIONAL,
 *       negotiated-dlms-version-number Unsigned8, negotiated-conformance Conformance,
 *       server-max-receive-pdu-size Unsigned16, vaa-name ObjectName }
 *   ConfirmedServiceError [14] ::= CHOICE { initiateError [1] ServiceError, … }
 * Conformance ::= [APPLICATION 31] IMPLICIT BIT STRING (SIZE(24)) is the one BER-encoded field inside the
 * A-XDR APDU: 5F 1F (tag), 04 (length), 00 (no unused bits), three octets.
 */
import { type Cursor, type DecodeCtx, type Sink, checkInt, i8, need } from '../axdr/cursor.ts';
import { boolByte, put16, put8, putOctets, readBool, readOctets, readPresence, u16, u8 } from './common.ts';
import { CONFIRMED_SERVICE, SERVICE_ERROR } from './enums.ts';
import { apduFail } from './errors.ts';
import type { ConfirmedServiceError, InitiateRequest, InitiateResponse } from './types.ts';

export function readConformance(c: Cursor, what: string): number {
  const at = c.o;
  need(c, 7, what);
  const b = c.b;
  const o = c.o;
  if (b[o] !== 0x5f || b[o + 1] !== 0x1f) apduFail('bad-conformance', at, `${what} must start with the BER tag 5F 1F ([APPLICATION 31])`);
  if (b[o + 2] !== 0x04) apduFail('bad-conformance', at + 2, `${what} BER length must be 04 (unused-bits octet + 3 octets), got ${b[o + 2]}`);
  if (b[o + 3] !== 0x00) apduFail('bad-conformance', at + 3, `${what} must have 0 unused bits (SIZE(24)), got ${b[o + 3]}`);
  c.o += 7;
  return (b[o + 4]! << 16) | (b[o + 5]! << 8) | b[o + 6]!;
}

export function putConformance(s: Sink, bits: number): void {
  const v = checkInt(bits, 0, 0xffffff, 'conformance');
  put8(s, 0x5f); put8(s, 0x1f); put8(s, 0x04); put8(s, 0x00);
  put8(s, v >> 16); put8(s, v >> 8); put8(s, v);
}

export function decodeInitiateRequest(c: Cursor, ctx: DecodeCtx): InitiateRequest {
  const dedicatedKey = readPresence(c, 'dedicated-key') ? readOctets(c, ctx, 'dedicated-key') : undefined;
  let responseAllowed: { value: boolean; raw?: number } | undefined;
  if (readPresence(c, 'response-allowed')) responseAllowed = readBool(c, 'response-allowed');
  const qos = readPresence(c, 'proposed-quality-of-service') ? i8(c, 'proposed-quality-of-service') : undefined;
  const version = u8(c, 'proposed-dlms-version-number');
  const conformance = readConformance(c, 'proposed-conformance');
  const pdu = u16(c, 'client-max-receive-pdu-size');
  return {
    type: 'initiateRequest',
    ...(dedicatedKey ? { dedicatedKey } : {}),
    ...(responseAllowed ? { responseAllowed: responseAllowed.value } : {}),
    ...(responseAllowed?.raw !== undefined ? { responseAllowedRaw: responseAllowed.raw } : {}),
    ...(qos !== undefined ? { proposedQualityOfService: qos } : {}),
    proposedDlmsVersionNumber: version,
    proposedConformance: conformance,
    clientMaxReceivePduSize: pdu,
  };
}

export function encodeInitiateRequest(s: Sink, a: InitiateRequest): void {
  put8(s, 0x01);
  if (a.dedicatedKey === undefined) put8(s, 0);
  else { put8(s, 1); putOctets(s, a.dedicatedKey, 'dedicated-key'); }
  // DEFAULT TRUE: absent means the default; a given value is encoded explicitly (even TRUE), so a
  // received explicit TRUE re-encodes exactly.
  if (a.responseAllowed === undefined) put8(s, 0);
  else { put8(s, 1); put8(s, boolByte(a.responseAllowed, a.responseAllowedRaw)); }
  if (a.proposedQualityOfService === undefined) put8(s, 0);
  else { put8(s, 1); put8(s, checkInt(a.proposedQualityOfService, -128, 127, 'proposed-quality-of-service')); }
  put8(s, checkInt(a.proposedDlmsVersionNumber, 0, 255, 'proposed-dlms-version-number'));
  putConformance(s, a.proposedConformance);
  put16(s, checkInt(a.clientMaxReceivePduSize, 0, 0xffff, 'client-max-receive-pdu-size'));
}

export function decodeInitiateResponse(c: Cursor): InitiateResponse {
  const qos = readPresence(c, 'negotiated-quality-of-service') ? i8(c, 'negotiated-quality-of-service') : undefined;
  const version = u8(c, 'negotiated-dlms-version-number');
  const conformance = readConformance(c, 'negotiated-conformance');
  const pdu = u16(c, 'server-max-receive-pdu-size');
  const vaa = u16(c, 'vaa-name');
  return {
    type: 'initiateResponse',
    ...(qos !== undefined ? { negotiatedQualityOfService: qos } : {}),
    negotiatedDlmsVersionNumber: version,
    negotiatedConformance: conformance,
    serverMaxReceivePduSize: pdu,
    vaaName: vaa >= 0x8000 ? vaa - 0x10000 : vaa,
  };
}

export function encodeInitiateResponse(s: Sink, a: InitiateResponse): void {
  put8(s, 0x08);
  if (a.negotiatedQualityOfService === undefined) put8(s, 0);
  else { put8(s, 1); put8(s, checkInt(a.negotiatedQualityOfService, -128, 127, 'negotiated-quality-of-service')); }
  put8(s, checkInt(a.negotiatedDlmsVersionNumber, 0, 255, 'negotiated-dlms-version-number'));
  putConformance(s, a.negotiatedConformance);
  put16(s, checkInt(a.serverMaxReceivePduSize, 0, 0xffff, 'server-max-receive-pdu-size'));
  put16(s, checkInt(a.vaaName, -0x8000, 0x7fff, 'vaa-name'));
}

export function decodeConfirmedServiceError(c: Cursor): ConfirmedServiceError {
  const at = c.o;
  const service = u8(c, 'ConfirmedServiceError choice');
  if (!CONFIRMED_SERVICE.has(service)) apduFail('unknown-choice', at, `ConfirmedServiceError alternative ${service} is not one of [1]..[19]`);
  const at2 = c.o;
  const serviceError = u8(c, 'ServiceError choice');
  if (!SERVICE_ERROR.has(serviceError)) apduFail('unknown-choice', at2, `ServiceError alternative ${serviceError} is not one of [0]..[10]`);
  return { type: 'confirmedServiceError', service, serviceError, value: u8(c, 'ServiceError value') };
}

export function encodeConfirmedServiceError(s: Sink, a: ConfirmedServiceError): void {
  if (!CONFIRMED_SERVICE.has(a.service)) apduFail('value-out-of-range', 0, `ConfirmedServiceError alternative ${a.service} is undefined`);
  if (!SERVICE_ERROR.has(a.serviceError)) apduFail('value-out-of-range', 0, `ServiceError alternative ${a.serviceError} is undefined`);
  put8(s, 0x0e);
  put8(s, a.service);
  put8(s, a.serviceError);
  put8(s, checkInt(a.value, 0, 255, 'ServiceError value'));
}
