/**
 * Unsolicited and auxiliary APDUs (IEC 62056-5-3 / Green Book xDLMS):
 *   Data-Notification [15]            ::= SEQUENCE { long-invoke-id-and-priority, date-time OCTET STRING,
 *                                                    notification-body SEQUENCE { data-value Data } }
 *   EventNotificationRequest [194]    ::= SEQUENCE { time OCTET STRING OPTIONAL, cosem-attribute-descriptor,
 *                                                    attribute-value Data }
 *   ExceptionResponse [216]           ::= SEQUENCE { state-error [0] ENUMERATED, service-error [1] CHOICE {
 *                                         … [6] invocation-counter-error Unsigned32 } }
 *   General-Block-Transfer [224]      ::= SEQUENCE { block-control Unsigned8 (bit 7 last-block, bit 6
 *                                         streaming, bits 0–5 window), block-number Unsigned16,
 *                                         block-number-ack Unsigned16, block-data OCTET STRING }
 * Data-Notification's date-time is a plain length-prefixed OCTET STRING (length 0 = no time), as field
 * captures show (`0F … 0C 07E5…` and `0F … 00 …`), not an OPTIONAL.
 */
import { type Cursor, type DecodeCtx, type Sink, checkInt, u32 } from '../axdr/cursor.ts';
import { decodeData } from '../axdr/decode.ts';
import { encodeData } from '../axdr/encode.ts';
import {
  longIipFromNumber, longIipToNumber, put16, put32, put8, putAttributeDescriptor, putOctets, readAttributeDescriptor, readOctets,
  readPresence, u16, u8,
} from './common.ts';
import { EXCEPTION_SERVICE_ERROR } from './enums.ts';
import { apduFail } from './errors.ts';
import type { DataNotification, EventNotificationRequest, ExceptionResponse, GeneralBlockTransfer } from './types.ts';

export function decodeDataNotification(c: Cursor, ctx: DecodeCtx): DataNotification {
  const longInvokeIdAndPriority = longIipFromNumber(u32(c, 'long-invoke-id-and-priority'));
  const dateTime = readOctets(c, ctx, 'date-time');
  return { type: 'data-notification', longInvokeIdAndPriority, dateTime, body: decodeData(c, ctx) };
}

export function encodeDataNotification(s: Sink, a: DataNotification): void {
  put8(s, 0x0f);
  put32(s, longIipToNumber(a.longInvokeIdAndPriority));
  putOctets(s, a.dateTime ?? new Uint8Array(0), 'date-time');
  encodeData(s, a.body);
}

export function decodeEventNotification(c: Cursor, ctx: DecodeCtx): EventNotificationRequest {
  const time = readPresence(c, 'time') ? readOctets(c, ctx, 'time') : undefined;
  const attribute = readAttributeDescriptor(c);
  return { type: 'event-notification-request', ...(time ? { time } : {}), attribute, value: decodeData(c, ctx) };
}

export function encodeEventNotification(s: Sink, a: EventNotificationRequest): void {
  put8(s, 0xc2);
  if (a.time === undefined) put8(s, 0);
  else { put8(s, 1); putOctets(s, a.time, 'time'); }
  putAttributeDescriptor(s, a.attribute);
  encodeData(s, a.value);
}

export function decodeExceptionResponse(c: Cursor): ExceptionResponse {
  const stateError = u8(c, 'state-error');
  const at = c.o;
  const serviceError = u8(c, 'service-error');
  if (!EXCEPTION_SERVICE_ERROR.has(serviceError)) apduFail('unknown-choice', at, `service-error alternative ${serviceError} is not one of [1]..[6]`);
  if (serviceError === 6) return { type: 'exception-response', stateError, serviceError, invocationCounter: u32(c, 'invocation-counter-error') };
  return { type: 'exception-response', stateError, serviceError };
}

export function encodeExceptionResponse(s: Sink, a: ExceptionResponse): void {
  if (!EXCEPTION_SERVICE_ERROR.has(a.serviceError)) apduFail('value-out-of-range', 0, `service-error alternative ${a.serviceError} is undefined`);
  put8(s, 0xd8);
  put8(s, checkInt(a.stateError, 0, 255, 'state-error'));
  put8(s, a.serviceError);
  if (a.serviceError === 6) put32(s, checkInt(a.invocationCounter ?? 0, 0, 0xffffffff, 'invocation-counter-error'));
}

export function decodeGeneralBlockTransfer(c: Cursor, ctx: DecodeCtx): GeneralBlockTransfer {
  const bc = u8(c, 'block-control');
  const blockNumber = u16(c, 'block-number');
  const blockNumberAck = u16(c, 'block-number-ack');
  return {
    type: 'general-block-transfer',
    lastBlock: (bc & 0x80) !== 0,
    streaming: (bc & 0x40) !== 0,
    window: bc & 0x3f,
    blockNumber,
    blockNumberAck,
    blockData: readOctets(c, ctx, 'block-data'),
  };
}

export function encodeGeneralBlockTransfer(s: Sink, a: GeneralBlockTransfer): void {
  put8(s, 0xe0);
  put8(s, (a.lastBlock ? 0x80 : 0) | (a.streaming ? 0x40 : 0) | checkInt(a.window, 0, 63, 'window'));
  put16(s, checkInt(a.blockNumber, 0, 0xffff, 'block-number'));
  put16(s, checkInt(a.blockNumberAck, 0, 0xffff, 'block-number-ack'));
  putOctets(s, a.blockData, 'block-data');
}
