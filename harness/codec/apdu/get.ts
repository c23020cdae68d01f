/**
 * GET service APDUs (IEC 62056-5-3 / Green Book xDLMS): get-request [192] and get-response [196].
 *   Get-Request  ::= CHOICE { normal [1], next [2], with-list [3] }
 *   Get-Response ::= CHOICE { normal [1], with-datablock [2], with-list [3] }
 */
import { type Cursor, type DecodeCtx, type Sink, checkInt } from '../axdr/cursor.ts';
import {
  put32, put8, putAccessSelection, putAttributeDescriptor, putAttributeWithSelection, putDataBlockG, putGetDataResult, putList,
  iipFromByte, iipToByte, readAccessSelection, readAttributeDescriptor, readAttributeWithSelection, readCount, readDataBlockG,
  readGetDataResult, u32, u8,
} from './common.ts';
import { apduFail } from './errors.ts';
import type { GetApdu } from './types.ts';

/** Smallest encodings used to bound list counts: descriptor 9 + presence 1; Get-Data-Result 2. */
const MIN_ATTR_WITH_SEL = 10;
const MIN_GET_DATA_RESULT = 2;

export function decodeGetRequest(c: Cursor, ctx: DecodeCtx): GetApdu {
  const at = c.o;
  const choice = u8(c, 'Get-Request choice');
  if (choice < 1 || choice > 3) apduFail('unknown-choice', at, `Get-Request alternative ${choice} is not one of [1]..[3]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1: {
      const attribute = readAttributeDescriptor(c);
      const accessSelection = readAccessSelection(c, ctx);
      return { type: 'get-request-normal', invokeIdAndPriority, attribute, ...(accessSelection ? { accessSelection } : {}) };
    }
    case 2:
      return { type: 'get-request-next', invokeIdAndPriority, blockNumber: u32(c, 'block-number') };
    case 3: {
      const n = readCount(c, ctx, 'attribute-descriptor-list', MIN_ATTR_WITH_SEL);
      const attributes = [];
      for (let i = 0; i < n; i++) attributes.push(readAttributeWithSelection(c, ctx));
      return { type: 'get-request-with-list', invokeIdAndPriority, attributes };
    }
    default:
      return apduFail('unknown-choice', at, `Get-Request alternative ${choice} is not normal [1], next [2] or with-list [3]`);
  }
}

export function decodeGetResponse(c: Cursor, ctx: DecodeCtx): GetApdu {
  const at = c.o;
  const choice = u8(c, 'Get-Response choice');
  if (choice < 1 || choice > 3) apduFail('unknown-choice', at, `Get-Response alternative ${choice} is not one of [1]..[3]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1:
      return { type: 'get-response-normal', invokeIdAndPriority, result: readGetDataResult(c, ctx) };
    case 2:
      return { type: 'get-response-with-datablock', invokeIdAndPriority, datablock: readDataBlockG(c, ctx) };
    case 3: {
      const n = readCount(c, ctx, 'Get-Response-With-List result', MIN_GET_DATA_RESULT);
      const results = [];
      for (let i = 0; i < n; i++) results.push(readGetDataResult(c, ctx));
      return { type: 'get-response-with-list', invokeIdAndPriority, results };
    }
    default:
      return apduFail('unknown-choice', at, `Get-Response alternative ${choice} is not normal [1], with-datablock [2] or with-list [3]`);
  }
}

export function encodeGet(s: Sink, a: GetApdu): void {
  const iip = iipToByte(a.invokeIdAndPriority);
  switch (a.type) {
    case 'get-request-normal':
      put8(s, 0xc0); put8(s, 1); put8(s, iip);
      putAttributeDescriptor(s, a.attribute);
      putAccessSelection(s, a.accessSelection);
      return;
    case 'get-request-next':
      put8(s, 0xc0); put8(s, 2); put8(s, iip);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
    case 'get-request-with-list':
      put8(s, 0xc0); put8(s, 3); put8(s, iip);
      putList(s, a.attributes, 'attribute-descriptor-list', putAttributeWithSelection);
      return;
    case 'get-response-normal':
      put8(s, 0xc4); put8(s, 1); put8(s, iip);
      putGetDataResult(s, a.result);
      return;
    case 'get-response-with-datablock':
      put8(s, 0xc4); put8(s, 2); put8(s, iip);
      putDataBlockG(s, a.datablock);
      return;
    case 'get-response-with-list':
      put8(s, 0xc4); put8(s, 3); put8(s, iip);
      putList(s, a.results, 'result', putGetDataResult);
      return;
  }
}
