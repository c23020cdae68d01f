/**
 * SET service APDUs (IEC 62056-5-3 / Green Book xDLMS): set-request [193] and set-response [197].
 *   Set-Request  ::= CHOICE { normal [1], with-first-datablock [2], with-datablock [3], with-list [4],
 *                             with-list-and-first-datablock [5] }
 *   Set-Response ::= CHOICE { normal [1], datablock [2], last-datablock [3], last-datablock-with-list [4],
 *                             with-list [5] }
 */
import { type Cursor, type DecodeCtx, type Sink, checkInt } from '../axdr/cursor.ts';
import { decodeData } from '../axdr/decode.ts';
import { encodeData } from '../axdr/encode.ts';
import {
  put32, put8, putAccessSelection, putAttributeDescriptor, putAttributeWithSelection, putDataBlockSA, putList, iipFromByte,
  iipToByte, readAccessSelection, readAttributeDescriptor, readAttributeWithSelection, readCount, readDataBlockSA, u32, u8,
} from './common.ts';
import { apduFail } from './errors.ts';
import type { AttributeWithSelection, SetApdu } from './types.ts';

function readAttrList(c: Cursor, ctx: DecodeCtx): AttributeWithSelection[] {
  const n = readCount(c, ctx, 'attribute-descriptor-list', 10);
  const out: AttributeWithSelection[] = [];
  for (let i = 0; i < n; i++) out.push(readAttributeWithSelection(c, ctx));
  return out;
}

function readResults(c: Cursor, ctx: DecodeCtx): number[] {
  const n = readCount(c, ctx, 'result', 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(u8(c, 'data-access-result'));
  return out;
}

export function decodeSetRequest(c: Cursor, ctx: DecodeCtx): SetApdu {
  const at = c.o;
  const choice = u8(c, 'Set-Request choice');
  if (choice < 1 || choice > 5) apduFail('unknown-choice', at, `Set-Request alternative ${choice} is not one of [1]..[5]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1:
    case 2: {
      const attribute = readAttributeDescriptor(c);
      const accessSelection = readAccessSelection(c, ctx);
      const sel = accessSelection ? { accessSelection } : {};
      if (choice === 1) return { type: 'set-request-normal', invokeIdAndPriority, attribute, ...sel, value: decodeData(c, ctx) };
      return { type: 'set-request-with-first-datablock', invokeIdAndPriority, attribute, ...sel, datablock: readDataBlockSA(c, ctx) };
    }
    case 3:
      return { type: 'set-request-with-datablock', invokeIdAndPriority, datablock: readDataBlockSA(c, ctx) };
    case 4: {
      const attributes = readAttrList(c, ctx);
      const n = readCount(c, ctx, 'value-list', 1);
      const values = [];
      for (let i = 0; i < n; i++) values.push(decodeData(c, ctx));
      return { type: 'set-request-with-list', invokeIdAndPriority, attributes, values };
    }
    case 5: {
      const attributes = readAttrList(c, ctx);
      return { type: 'set-request-with-list-and-first-datablock', invokeIdAndPriority, attributes, datablock: readDataBlockSA(c, ctx) };
    }
    default:
      return apduFail('unknown-choice', at, `Set-Request alternative ${choice} is not one of [1]..[5]`);
  }
}

export function decodeSetResponse(c: Cursor, ctx: DecodeCtx): SetApdu {
  const at = c.o;
  const choice = u8(c, 'Set-Response choice');
  if (choice < 1 || choice > 5) apduFail('unknown-choice', at, `Set-Response alternative ${choice} is not one of [1]..[5]`);
  const invokeIdAndPriority = iipFromByte(u8(c, 'invoke-id-and-priority'));
  switch (choice) {
    case 1:
      return { type: 'set-response-normal', invokeIdAndPriority, result: u8(c, 'data-access-result') };
    case 2:
      return { type: 'set-response-datablock', invokeIdAndPriority, blockNumber: u32(c, 'block-number') };
    case 3: {
      const result = u8(c, 'data-access-result');
      return { type: 'set-response-last-datablock', invokeIdAndPriority, result, blockNumber: u32(c, 'block-number') };
    }
    case 4: {
      const results = readResults(c, ctx);
      return { type: 'set-response-last-datablock-with-list', invokeIdAndPriority, results, blockNumber: u32(c, 'block-number') };
    }
    case 5:
      return { type: 'set-response-with-list', invokeIdAndPriority, results: readResults(c, ctx) };
    default:
      return apduFail('unknown-choice', at, `Set-Response alternative ${choice} is not one of [1]..[5]`);
  }
}

const putResult = (s: Sink, r: number): void => put8(s, checkInt(r, 0, 255, 'data-access-result'));

export function encodeSet(s: Sink, a: SetApdu): void {
  const iip = iipToByte(a.invokeIdAndPriority);
  switch (a.type) {
    case 'set-request-normal':
      put8(s, 0xc1); put8(s, 1); put8(s, iip);
      putAttributeDescriptor(s, a.attribute);
      putAccessSelection(s, a.accessSelection);
      encodeData(s, a.value);
      return;
    case 'set-request-with-first-datablock':
      put8(s, 0xc1); put8(s, 2); put8(s, iip);
      putAttributeDescriptor(s, a.attribute);
      putAccessSelection(s, a.accessSelection);
      putDataBlockSA(s, a.datablock);
      return;
    case 'set-request-with-datablock':
      put8(s, 0xc1); put8(s, 3); put8(s, iip);
      putDataBlockSA(s, a.datablock);
      return;
    case 'set-request-with-list':
      put8(s, 0xc1); put8(s, 4); put8(s, iip);
      putList(s, a.attributes, 'attribute-descriptor-list', putAttributeWithSelection);
      putList(s, a.values, 'value-list', (s2, v) => encodeData(s2, v));
      return;
    case 'set-request-with-list-and-first-datablock':
      put8(s, 0xc1); put8(s, 5); put8(s, iip);
      putList(s, a.attributes, 'attribute-descriptor-list', putAttributeWithSelection);
      putDataBlockSA(s, a.datablock);
      return;
    case 'set-response-normal':
      put8(s, 0xc5); put8(s, 1); put8(s, iip);
      putResult(s, a.result);
      return;
    case 'set-response-datablock':
      put8(s, 0xc5); put8(s, 2); put8(s, iip);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
    case 'set-response-last-datablock':
      put8(s, 0xc5); put8(s, 3); put8(s, iip);
      putResult(s, a.result);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
    case 'set-response-last-datablock-with-list':
      put8(s, 0xc5); put8(s, 4); put8(s, iip);
      putList(s, a.results, 'result', putResult);
      put32(s, checkInt(a.blockNumber, 0, 0xffffffff, 'block-number'));
      return;
    case 'set-response-with-list':
      put8(s, 0xc5); put8(s, 5); put8(s, iip);
      putList(s, a.results, 'result', putResult);
      return;
  }
}
