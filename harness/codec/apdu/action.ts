/**
 * ACTION service APDUs (IEC 62056-5-3 / Green Book xDLMS): action-request [195], action-response [199].
 *   Action-Request  ::= CHOICE { normal [1], next-pblock [2], with-list [3], with-first-pblock [4],
 *                                with-list-and-first-pblock [5], with-pblock [6] }
 *   Action-Response ::= CHOICE { normal [1], with-pblock [2], with-list [3], next-pblock [4] }
 */
import { type Cursor, type DecodeCtx, type Sink, checkInt } from '../axdr/cursor.ts';
import { decodeData } from '../axdr/decode.ts';
import { encodeData } from '../axdr/encode.ts';
import {
  put32, put8, putActionResponse, putDataBlockSA, putList, putMethodDescriptor, iipFromByte, iipToByte, readActionResponse,
  readCount, readDataBlockSA, readMethodDescriptor, readPresence, u32, u8,
} from './common.ts';
import { apduFail } from './errors.ts';
import type { ActionApdu, CosemMethodDescriptor } from './types.ts';

function readMethods(c: Cursor, ctx: DecodeCtx): CosemMethodDescriptor[] {
  const n = readCount(c, ctx, 'cosem-method-descriptor-list', 9);
  const out: CosemMethodDescriptor[] = [];
  for (let i = 0; i < n; i++) out.push(readMethodDescriptor(c));
  return out;
}

export function decodeActionRequest(c: Cursor, ctx: DecodeCtx): ActionApdu {
  const at = c.o;
  const choice = u8(c, 'Action-Request choice');
  if (choice < 1 || choice > 6) apduFail('unknown-choice', at, `Action-Request alternative ${choice} is not one of [1]..[6]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1: {
      const method = readMethodDescriptor(c);
      if (!readPresence(c, 'method-invocation-parameters')) return { type: 'action-request-normal', invokeIdAndPriority, method };
      return { type: 'action-request-normal', invokeIdAndPriority, method, parameters: decodeData(c, ctx) };
    }
    case 2:
      return { type: 'action-request-next-pblock', invokeIdAndPriority, blockNumber: u32(c, 'block-number') };
    case 3: {
      const methods = readMethods(c, ctx);
      const n = readCount(c, ctx, 'method-invocation-parameters', 1);
      const parameters = [];
      for (let i = 0; i < n; i++) parameters.push(decodeData(c, ctx));
      return { type: 'action-request-with-list', invokeIdAndPriority, methods, parameters };
    }
    case 4: {
      const method = readMethodDescriptor(c);
      return { type: 'action-request-with-first-pblock', invokeIdAndPriority, method, pblock: readDataBlockSA(c, ctx) };
    }
    case 5: {
      const methods = readMethods(c, ctx);
      return { type: 'action-request-with-list-and-first-pblock', invokeIdAndPriority, methods, pblock: readDataBlockSA(c, ctx) };
    }
    case 6:
      return { type: 'action-request-with-pblock', invokeIdAndPriority, pblock: readDataBlockSA(c, ctx) };
    default:
      return apduFail('unknown-choice', at, `Action-Request alternative ${choice} is not one of [1]..[6]`);
  }
}

export function decodeActionResponse(c: Cursor, ctx: DecodeCtx): ActionApdu {
  const at = c.o;
  const choice = u8(c, 'Action-Response choice');
  if (choice < 1 || choice > 4) apduFail('unknown-choice', at, `Action-Response alternative ${choice} is not one of [1]..[4]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1:
      return { type: 'action-response-normal', invokeIdAndPriority, response: readActionResponse(c, ctx) };
    case 2:
      return { type: 'action-response-with-pblock', invokeIdAndPriority, pblock: readDataBlockSA(c, ctx) };
    case 3: {
      const n = readCount(c, ctx, 'list-of-responses', 2);
      const responses = [];
      for (let i = 0; i < n; i++) responses.push(readActionResponse(c, ctx));
      return { type: 'action-response-with-list', invokeIdAndPriority, responses };
    }
    case 4:
      return { type: 'action-response-next-pblock', invokeIdAndPriority, blockNumber: u32(c, 'block-number') };
    default:
      return apduFail('unknown-choice', at, `Action-Response alternative ${choice} is not one of [1]..[4]`);
  }
}

export function encodeAction(s: Sink, a: ActionApdu): void {
  const iip = iipToByte(a.invokeIdAndPriority);
  const head = (tag: number, choice: number): void => { put8(s, tag); put8(s, choice); put8(s, iip); };
  switch (a.type) {
    case 'action-request-normal':
      head(0xc3, 1);
      putMethodDescriptor(s, a.method);
      if (a.parameters === undefined) put8(s, 0);
      else { put8(s, 1); encodeData(s, a.parameters); }
      return;
    case 'action-request-next-pblock':
      head(0xc3, 2);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
    case 'action-request-with-list':
      head(0xc3, 3);
      putList(s, a.methods, 'cosem-method-descriptor-list', putMethodDescriptor);
      putList(s, a.parameters, 'method-invocation-parameters', (s2, v) => encodeData(s2, v));
      return;
    case 'action-request-with-first-pblock':
      head(0xc3, 4);
      putMethodDescriptor(s, a.method);
      putDataBlockSA(s, a.pblock);
      return;
    case 'action-request-with-list-and-first-pblock':
      head(0xc3, 5);
      putList(s, a.methods, 'cosem-method-descriptor-list', putMethodDescriptor);
      putDataBlockSA(s, a.pblock);
      return;
    case 'action-request-with-pblock':
      head(0xc3, 6);
      putDataBlockSA(s, a.pblock);
      return;
    case 'action-response-normal':
      head(0xc7, 1);
      putActionResponse(s, a.response);
      return;
    case 'action-response-with-pblock':
      head(0xc7, 2);
      putDataBlockSA(s, a.pblock);
      return;
    case 'action-response-with-list':
      head(0xc7, 3);
      putList(s, a.responses, 'list-of-responses', putActionResponse);
      return;
    case 'action-response-next-pblock':
      head(0xc7, 4);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
  }
}
