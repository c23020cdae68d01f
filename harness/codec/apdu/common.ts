/**
 * Building blocks shared by the xDLMS services (IEC 62056-5-3 / Green Book xDLMS ASN.1, A-XDR):
 * invoke-id-and-priority (short and long), COSEM attribute/method descriptors, selective access,
 * Get-Data-Result, DataBlock-G / DataBlock-SA, OPTIONAL presence octets, BOOLEANs, OCTET STRINGs and
 * SEQUENCE OF counts. Decoders read from an axdr Cursor; encoders append to an axdr Sink.
 */
import {
  type Cursor, type DecodeCtx, type Sink, checkInt, left, put16, put32, put8, putBytes, putLength, readLength, take, u16, u32, u8,
} from '../axdr/cursor.ts';
import { decodeData } from '../axdr/decode.ts';
import { encodeData } from '../axdr/encode.ts';
import { apduFail } from './errors.ts';
import type {
  ActionResponseWithOptionalData, AttributeWithSelection, CosemAttributeDescriptor, CosemMethodDescriptor, DataBlockG, DataBlockSA,
  GetDataResult, InvokeIdAndPriority, LongInvokeIdAndPriority, SelectiveAccessDescriptor,
} from './types.ts';

// ---- invoke-id-and-priority ------------------------------------------------------------------------

export function iipFromByte(b: number): InvokeIdAndPriority {
  const r: InvokeIdAndPriority = { invokeId: b & 0x0f, confirmed: (b & 0x40) !== 0, highPriority: (b & 0x80) !== 0 };
  if (b & 0x30) r.reserved = (b >> 4) & 0x03;
  return r;
}

export function iipToByte(i: InvokeIdAndPriority): number {
  if (!i || typeof i !== 'object') apduFail('bad-value', 0, 'invoke-id-and-priority must be an object');
  const id = checkInt(i.invokeId, 0, 15, 'invoke-id');
  const res = checkInt(i.reserved ?? 0, 0, 3, 'invoke-id-and-priority reserved bits');
  return id | (res << 4) | (i.confirmed ? 0x40 : 0) | (i.highPriority ? 0x80 : 0);
}

export function longIipFromNumber(v: number): LongInvokeIdAndPriority {
  const r: LongInvokeIdAndPriority = {
    invokeId: v & 0xffffff,
    selfDescriptive: (v & 0x10000000) !== 0,
    breakOnError: (v & 0x20000000) !== 0,
    confirmed: (v & 0x40000000) !== 0,
    highPriority: v >= 0x80000000,
  };
  const res = (v >>> 24) & 0x0f;
  if (res) r.reserved = res;
  return r;
}

export function longIipToNumber(i: LongInvokeIdAndPriority): number {
  if (!i || typeof i !== 'object') apduFail('bad-value', 0, 'long-invoke-id-and-priority must be an object');
  const id = checkInt(i.invokeId, 0, 0xffffff, 'long-invoke-id');
  const res = checkInt(i.reserved ?? 0, 0, 15, 'long-invoke-id-and-priority reserved bits');
  return (id + res * 0x1000000 + (i.selfDescriptive ? 0x10000000 : 0) + (i.breakOnError ? 0x20000000 : 0) +
    (i.confirmed ? 0x40000000 : 0) + (i.highPriority ? 0x80000000 : 0));
}

// ---- primitives ------------------------------------------------------------------------------------

/** OPTIONAL / DEFAULT presence octet: 0x00 absent, 0x01 present (A-XDR, IEC 61334-6). */
export function readPresence(c: Cursor, what: string): boolean {
  const at = c.o;
  const b = u8(c, `${what} presence`);
  if (b > 1) apduFail('bad-optional-flag', at, `${what} presence octet is 0x${b.toString(16)}, expected 0x00 or 0x01`);
  return b === 1;
}

/** BOOLEAN: 0x00 false, anything else true; a value other than 0x01 is returned as raw for exact re-encoding. */
export function readBool(c: Cursor, what: string): { value: boolean; raw?: number } {
  const b = u8(c, what);
  return b <= 1 ? { value: b === 1 } : { value: true, raw: b };
}

export function boolByte(value: boolean, raw: number | undefined): number {
  return value && raw !== undefined && Number.isInteger(raw) && raw >= 2 && raw <= 0xff ? raw : value ? 1 : 0;
}

/** OCTET STRING with an A-XDR length; the length is checked against the bytes left first. */
export function readOctets(c: Cursor, ctx: DecodeCtx, what: string): Uint8Array {
  const at = c.o;
  const { n } = readLength(c, ctx, what);
  if (n > left(c)) apduFail('length-exceeds-input', at, `${what} declares ${n} octets, only ${left(c)} byte(s) follow`);
  return take(c, n, what);
}

export function putOctets(s: Sink, b: Uint8Array, what: string): void {
  if (!(b instanceof Uint8Array)) apduFail('bad-value', 0, `${what} must be a Uint8Array`);
  putLength(s, b.length);
  putBytes(s, b);
}

/** SEQUENCE OF count; `minSize` octets per element bound the count by the bytes left. */
export function readCount(c: Cursor, ctx: DecodeCtx, what: string, minSize: number): number {
  const at = c.o;
  const { n } = readLength(c, ctx, `${what} count`);
  if (n * minSize > left(c)) apduFail('count-exceeds-input', at, `${what} declares ${n} elements, only ${left(c)} byte(s) follow`);
  return n;
}

export function putList<T>(s: Sink, items: T[], what: string, put: (s: Sink, x: T) => void): void {
  if (!Array.isArray(items)) apduFail('bad-value', 0, `${what} must be an array`);
  putLength(s, items.length);
  for (const x of items) put(s, x);
}

// ---- descriptors -----------------------------------------------------------------------------------

export function readAttributeDescriptor(c: Cursor): CosemAttributeDescriptor {
  const classId = u16(c, 'class-id');
  const instanceId = take(c, 6, 'instance-id');
  const a = u8(c, 'attribute-id');
  return { classId, instanceId, attributeId: a >= 0x80 ? a - 0x100 : a };
}

export function readMethodDescriptor(c: Cursor): CosemMethodDescriptor {
  const classId = u16(c, 'class-id');
  const instanceId = take(c, 6, 'instance-id');
  const m = u8(c, 'method-id');
  return { classId, instanceId, methodId: m >= 0x80 ? m - 0x100 : m };
}

function putInstance(s: Sink, id: Uint8Array): void {
  if (!(id instanceof Uint8Array) || id.length !== 6) apduFail('bad-value', 0, 'instance-id must be 6 octets');
  putBytes(s, id);
}

export function putAttributeDescriptor(s: Sink, d: CosemAttributeDescriptor): void {
  put16(s, checkInt(d.classId, 0, 0xffff, 'class-id'));
  putInstance(s, d.instanceId);
  put8(s, checkInt(d.attributeId, -128, 127, 'attribute-id'));
}

export function putMethodDescriptor(s: Sink, d: CosemMethodDescriptor): void {
  put16(s, checkInt(d.classId, 0, 0xffff, 'class-id'));
  putInstance(s, d.instanceId);
  put8(s, checkInt(d.methodId, -128, 127, 'method-id'));
}

/** access-selection Selective-Access-Descriptor OPTIONAL. */
export function readAccessSelection(c: Cursor, ctx: DecodeCtx): SelectiveAccessDescriptor | undefined {
  if (!readPresence(c, 'access-selection')) return undefined;
  const accessSelector = u8(c, 'access-selector');
  return { accessSelector, accessParameters: decodeData(c, ctx) };
}

export function putAccessSelection(s: Sink, a: SelectiveAccessDescriptor | undefined): void {
  if (a === undefined) return put8(s, 0);
  put8(s, 1);
  put8(s, checkInt(a.accessSelector, 0, 255, 'access-selector'));
  encodeData(s, a.accessParameters);
}

export function readAttributeWithSelection(c: Cursor, ctx: DecodeCtx): AttributeWithSelection {
  const attribute = readAttributeDescriptor(c);
  const accessSelection = readAccessSelection(c, ctx);
  return accessSelection ? { attribute, accessSelection } : { attribute };
}

export function putAttributeWithSelection(s: Sink, a: AttributeWithSelection): void {
  putAttributeDescriptor(s, a.attribute);
  putAccessSelection(s, a.accessSelection);
}

// ---- results and blocks ----------------------------------------------------------------------------

export function readGetDataResult(c: Cursor, ctx: DecodeCtx): GetDataResult {
  const at = c.o;
  const choice = u8(c, 'Get-Data-Result');
  if (choice === 0) return { data: decodeData(c, ctx) };
  if (choice === 1) return { dataAccessResult: u8(c, 'data-access-result') };
  return apduFail('unknown-choice', at, `Get-Data-Result alternative ${choice} is not data [0] or data-access-result [1]`);
}

export function putGetDataResult(s: Sink, r: GetDataResult): void {
  if (r && 'data' in r) {
    put8(s, 0);
    encodeData(s, r.data);
  } else if (r && 'dataAccessResult' in r) {
    put8(s, 1);
    put8(s, checkInt(r.dataAccessResult, 0, 255, 'data-access-result'));
  } else apduFail('bad-value', 0, 'Get-Data-Result needs data or dataAccessResult');
}

export function readDataBlockG(c: Cursor, ctx: DecodeCtx): DataBlockG {
  const lb = readBool(c, 'last-block');
  const blockNumber = u32(c, 'block-number');
  const at = c.o;
  const choice = u8(c, 'DataBlock-G result');
  let result: DataBlockG['result'];
  if (choice === 0) result = { rawData: readOctets(c, ctx, 'raw-data') };
  else if (choice === 1) result = { dataAccessResult: u8(c, 'data-access-result') };
  else apduFail('unknown-choice', at, `DataBlock-G result alternative ${choice} is not raw-data [0] or data-access-result [1]`);
  return { lastBlock: lb.value, ...(lb.raw !== undefined ? { lastBlockRaw: lb.raw } : {}), blockNumber, result };
}

export function putDataBlockG(s: Sink, d: DataBlockG): void {
  put8(s, boolByte(d.lastBlock, d.lastBlockRaw));
  put32(s, checkInt(d.blockNumber, 0, 0xffffffff, 'block-number'));
  if (d.result && 'rawData' in d.result) {
    put8(s, 0);
    putOctets(s, d.result.rawData, 'raw-data');
  } else if (d.result && 'dataAccessResult' in d.result) {
    put8(s, 1);
    put8(s, checkInt(d.result.dataAccessResult, 0, 255, 'data-access-result'));
  } else apduFail('bad-value', 0, 'DataBlock-G result needs rawData or dataAccessResult');
}

export function readDataBlockSA(c: Cursor, ctx: DecodeCtx): DataBlockSA {
  const lb = readBool(c, 'last-block');
  const blockNumber = u32(c, 'block-number');
  const rawData = readOctets(c, ctx, 'raw-data');
  return { lastBlock: lb.value, ...(lb.raw !== undefined ? { lastBlockRaw: lb.raw } : {}), blockNumber, rawData };
}

export function putDataBlockSA(s: Sink, d: DataBlockSA): void {
  put8(s, boolByte(d.lastBlock, d.lastBlockRaw));
  put32(s, checkInt(d.blockNumber, 0, 0xffffffff, 'block-number'));
  putOctets(s, d.rawData, 'raw-data');
}

export function readActionResponse(c: Cursor, ctx: DecodeCtx): ActionResponseWithOptionalData {
  const result = u8(c, 'action-result');
  if (!readPresence(c, 'return-parameters')) return { result };
  return { result, returnParameters: readGetDataResult(c, ctx) };
}

export function putActionResponse(s: Sink, r: ActionResponseWithOptionalData): void {
  put8(s, checkInt(r.result, 0, 255, 'action-result'));
  if (r.returnParameters === undefined) return put8(s, 0);
  put8(s, 1);
  putGetDataResult(s, r.returnParameters);
}

export { u8, u16, u32, put8, put16, put32 };
