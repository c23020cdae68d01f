/**
 * apduDecode / apduEncode: dispatch on the xDLMS APDU tag (first octet). Embedded Data is decoded by the
 * axdr codec in the same pass, sharing one node budget; any AxdrError raised inside is re-raised as an
 * ApduError with the same code and absolute offset, so callers see one error class per layer.
 */
import { AxdrError } from '../axdr/errors.ts';
import { type AxdrDecodeOptions, cursor, decodeCtx, sink, sinkBytes, type Sink } from '../axdr/cursor.ts';
import { decodeActionRequest, decodeActionResponse, encodeAction } from './action.ts';
import { frameCiphered } from './ciphered.ts';
import { putBytes } from '../axdr/cursor.ts';
import { CIPHERED_TAGS, UNSUPPORTED_TAGS } from './enums.ts';
import { ApduError, apduFail } from './errors.ts';
import { decodeGetRequest, decodeGetResponse, encodeGet } from './get.ts';
import {
  decodeConfirmedServiceError, decodeInitiateRequest, decodeInitiateResponse, encodeConfirmedServiceError, encodeInitiateRequest,
  encodeInitiateResponse,
} from './initiate.ts';
import {
  decodeDataNotification, decodeEventNotification, decodeExceptionResponse, decodeGeneralBlockTransfer, encodeDataNotification,
  encodeEventNotification, encodeExceptionResponse, encodeGeneralBlockTransfer,
} from './notify.ts';
import { decodeSetRequest, decodeSetResponse, encodeSet } from './set.ts';
import type { Apdu } from './types.ts';

export type ApduDecodeOptions = AxdrDecodeOptions;

function rethrow(e: unknown): never {
  // Keep the Data layer's code and absolute offset; drop its "axdr: … (code at offset n)" framing.
  if (e instanceof AxdrError) throw new ApduError(e.code, e.offset, `in Data: ${e.message.replace(/^axdr: /, '').replace(/ \([^()]* at offset \d+\)$/, '')}`);
  throw e;
}

/** Decode one APDU starting at `offset`; returns it and the offset just after it. */
export function apduDecodeAt(bytes: Uint8Array, offset = 0, opts: ApduDecodeOptions = {}): { apdu: Apdu; end: number } {
  const marks: Array<{ code: string; offset: number }> = [];
  const ctx = decodeCtx(bytes.length, {
    ...opts,
    onNonCanonical: (code, off) => { marks.push({ code, offset: off }); opts.onNonCanonical?.(code, off); },
  });
  const c = cursor(bytes, offset);
  let apdu: Apdu;
  try {
    if (c.o >= bytes.length) apduFail('truncated', c.o, 'empty input: no APDU tag');
    const tag = bytes[c.o++]!;
    switch (tag) {
      case 0x01: apdu = decodeInitiateRequest(c, ctx); break;
      case 0x08: apdu = decodeInitiateResponse(c); break;
      case 0x0e: apdu = decodeConfirmedServiceError(c); break;
      case 0x0f: apdu = decodeDataNotification(c, ctx); break;
      case 0xc0: apdu = decodeGetRequest(c, ctx); break;
      case 0xc1: apdu = decodeSetRequest(c, ctx); break;
      case 0xc2: apdu = decodeEventNotification(c, ctx); break;
      case 0xc3: apdu = decodeActionRequest(c, ctx); break;
      case 0xc4: apdu = decodeGetResponse(c, ctx); break;
      case 0xc5: apdu = decodeSetResponse(c, ctx); break;
      case 0xc7: apdu = decodeActionResponse(c, ctx); break;
      case 0xd8: apdu = decodeExceptionResponse(c); break;
      case 0xe0: apdu = decodeGeneralBlockTransfer(c, ctx); break;
      default: {
        const name = CIPHERED_TAGS.get(tag);
        if (name !== undefined) {
          frameCiphered(c, ctx, tag);
          apdu = { type: 'ciphered', tag, name, bytes: bytes.slice(offset, c.o) };
          break;
        }
        const unsupported = UNSUPPORTED_TAGS.get(tag);
        if (unsupported !== undefined) apduFail('unsupported-apdu', offset, `${unsupported} (tag 0x${tag.toString(16)}) is not decoded by the xDLMS APDU codec`);
        apduFail('unknown-tag', offset, `0x${tag.toString(16).padStart(2, '0')} is not an xDLMS APDU tag`);
      }
    }
  } catch (e) {
    rethrow(e);
  }
  if (marks.length > 0) apdu.nonCanonical = marks;
  return { apdu, end: c.o };
}

/** Decode exactly one APDU; bytes after it raise `trailing-bytes`. */
export function apduDecode(bytes: Uint8Array, opts: ApduDecodeOptions = {}): Apdu {
  const { apdu, end } = apduDecodeAt(bytes, 0, opts);
  if (end !== bytes.length) apduFail('trailing-bytes', end, `${bytes.length - end} byte(s) after the ${apdu.type} APDU`);
  return apdu;
}

function encodeInto(s: Sink, a: Apdu): void {
  switch (a.type) {
    case 'initiateRequest': return encodeInitiateRequest(s, a);
    case 'initiateResponse': return encodeInitiateResponse(s, a);
    case 'confirmedServiceError': return encodeConfirmedServiceError(s, a);
    case 'data-notification': return encodeDataNotification(s, a);
    case 'event-notification-request': return encodeEventNotification(s, a);
    case 'exception-response': return encodeExceptionResponse(s, a);
    case 'general-block-transfer': return encodeGeneralBlockTransfer(s, a);
    case 'ciphered': {
      if (!(a.bytes instanceof Uint8Array) || a.bytes.length === 0 || !CIPHERED_TAGS.has(a.bytes[0]!)) {
        apduFail('bad-value', 0, 'a ciphered APDU must carry its complete octets starting with a protected-APDU tag');
      }
      return putBytes(s, a.bytes);
    }
    case 'get-request-normal': case 'get-request-next': case 'get-request-with-list':
    case 'get-response-normal': case 'get-response-with-datablock': case 'get-response-with-list':
      return encodeGet(s, a);
    case 'set-request-normal': case 'set-request-with-first-datablock': case 'set-request-with-datablock':
    case 'set-request-with-list': case 'set-request-with-list-and-first-datablock': case 'set-response-normal':
    case 'set-response-datablock': case 'set-response-last-datablock': case 'set-response-last-datablock-with-list':
    case 'set-response-with-list':
      return encodeSet(s, a);
    case 'action-request-normal': case 'action-request-next-pblock': case 'action-request-with-list':
    case 'action-request-with-first-pblock': case 'action-request-with-list-and-first-pblock': case 'action-request-with-pblock':
    case 'action-response-normal': case 'action-response-with-pblock': case 'action-response-with-list':
    case 'action-response-next-pblock':
      return encodeAction(s, a);
    default:
      apduFail('bad-value', 0, `unknown APDU type ${String((a as { type?: unknown }).type)}`);
  }
}

/** Canonical A-XDR encoding of an APDU. */
export function apduEncode(a: Apdu): Uint8Array {
  if (!a || typeof a !== 'object') apduFail('bad-value', 0, 'APDU must be an object');
  const s = sink(64);
  try {
    encodeInto(s, a);
  } catch (e) {
    rethrow(e);
  }
  return sinkBytes(s);
}


