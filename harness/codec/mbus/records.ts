/**
 * Data records (EN 13757-3 §6): DIF + DIFEs (data field, function, storage number, tariff, subunit),
 * VIB (see vif.ts) and the data. Special DIFs: 0Fh/1Fh manufacturer data to the end of the user data
 * (1Fh: more records follow in the next telegram), 2Fh idle filler, 7Fh global readout request.
 * Parsing never throws: a broken structure ends the loop with `fatal`; value problems become issues.
 */
import { MbusError } from './errors.ts';
import type { MbusIssue } from './errors.ts';
import type { MbusVibInfo } from './vif.ts';
import { decodeRecordValue } from './values.ts';
import { lvarInfo } from './datatypes.ts';
import type { MbusInt, MbusDateValue } from './datatypes.ts';

export const MBUS_MAX_DIFE = 10;
export const MBUS_MAX_VIFE = 10;

export type MbusFunction = 'instantaneous' | 'maximum' | 'minimum' | 'error';
const FUNCTIONS: MbusFunction[] = ['instantaneous', 'maximum', 'minimum', 'error'];

/** Data length of each data field code (DIF bits 3–0); -1 = variable (LVAR), -2 = special function. */
export const MBUS_DATA_LENGTH = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, -2] as const;

export interface MbusDataRecord {
  kind: 'data';
  offset: number;
  dif: number;
  dife: number[];
  vif: number;
  vife: number[];
  /** Plain-text VIF (7Ch/FCh): the unit bytes as sent (last character first). */
  unitText?: Uint8Array;
  /** LVAR byte of a variable-length field (data field 1101b). */
  lvar?: number;
  data: Uint8Array;
  /** Inside the encrypted region of the telegram. */
  encrypted: boolean;
  dataField: number;
  function: MbusFunction;
  storage: number;
  tariff: number;
  subunit: number;
  info: MbusVibInfo;
  dataType: string;
  /** Unscaled value: integer (number, or bigint beyond 2^53), float, text, or hex of the data bytes. */
  raw: MbusInt | string | null;
  /** raw × 10^exponent in `info.unit`, an ISO-8601 date, text, or null (no data, invalid, redacted key). */
  value: number | string | null;
  invalid?: boolean;
  wildcard?: boolean;
  date?: MbusDateValue;
}

export interface MbusMarkerRecord {
  kind: 'filler' | 'global-readout';
  offset: number;
  dif: number;
  encrypted: boolean;
}

export type MbusRecord = MbusDataRecord | MbusMarkerRecord;

export interface MbusManufacturerData {
  offset: number;
  /** 0Fh, or 1Fh when more records follow in the next telegram. */
  dif: number;
  data: Uint8Array;
  encrypted: boolean;
}

export interface MbusRecordsResult {
  records: MbusRecord[];
  manufacturerData?: MbusManufacturerData;
  warnings: MbusIssue[];
  errors: MbusIssue[];
  /** Structural error that stopped parsing (records before it are kept). */
  fatal?: MbusError;
  /** Bytes from the start of the broken record to the end (kept so the frame re-encodes). */
  rest?: Uint8Array;
}

export interface MbusRecordsOptions {
  /** Master → slave records (VIFE 00h–0Fh are actions). */
  toDevice: boolean;
  encrypted?: boolean;
  /** Added to offsets so they refer to the application bytes (CI at 0). */
  offsetBase?: number;
}

/** Storage number, tariff and subunit spread over DIF bit 6 and the DIFE chain (EN 13757-3 §6.3). */
export function mbusDibFields(dif: number, dife: number[]): { storage: number; tariff: number; subunit: number; function: MbusFunction; dataField: number } {
  let storage = (dif >> 6) & 1, tariff = 0, subunit = 0;
  dife.forEach((d, i) => {
    storage += (d & 0x0f) * 2 ** (1 + 4 * i);
    tariff += ((d >> 4) & 3) * 2 ** (2 * i);
    subunit += ((d >> 6) & 1) * 2 ** i;
  });
  return { storage, tariff, subunit, function: FUNCTIONS[(dif >> 4) & 3]!, dataField: dif & 0x0f };
}

export function mbusRecordsParse(b: Uint8Array, start: number, end: number, opts: MbusRecordsOptions): MbusRecordsResult {
  const out: MbusRecordsResult = { records: [], warnings: [], errors: [] };
  const base = opts.offsetBase ?? 0;
  const enc = opts.encrypted ?? false;
  let i = start;
  let at = start;
  const fail = (code: string, where: number, msg: string): MbusRecordsResult => {
    out.fatal = new MbusError(code, base + where, msg);
    out.rest = b.slice(at, end);
    return out;
  };
  while (i < end) {
    at = i;
    const dif = b[i]!;
    if (dif === 0x2f) { out.records.push({ kind: 'filler', offset: base + at, dif, encrypted: enc }); i++; continue; }
    if (dif === 0x7f) { out.records.push({ kind: 'global-readout', offset: base + at, dif, encrypted: enc }); i++; continue; }
    if (dif === 0x0f || dif === 0x1f) {
      out.manufacturerData = { offset: base + at, dif, data: b.slice(i + 1, end), encrypted: enc };
      return out;
    }
    if ((dif & 0x0f) === 0x0f) return fail('reserved-dif', at, `DIF ${hex(dif)} is a reserved special function; the record length is unknown`);
    i++;
    const dife: number[] = [];
    let ext = (dif & 0x80) !== 0;
    while (ext) {
      if (i >= end) return fail('truncated-record', i, 'DIFE expected after a DIF/DIFE with the extension bit');
      if (dife.length === MBUS_MAX_DIFE) return fail('dife-chain-too-long', i, `more than ${MBUS_MAX_DIFE} DIFEs`);
      const d = b[i++]!;
      dife.push(d);
      ext = (d & 0x80) !== 0;
    }
    if (i >= end) return fail('truncated-record', i, 'VIF expected after the DIB');
    const vif = b[i++]!;
    const vife: number[] = [];
    ext = (vif & 0x80) !== 0;
    while (ext) {
      if (i >= end) return fail('truncated-record', i, 'VIFE expected after a VIF/VIFE with the extension bit');
      if (vife.length === MBUS_MAX_VIFE) return fail('vife-chain-too-long', i, `more than ${MBUS_MAX_VIFE} VIFEs`);
      const v = b[i++]!;
      vife.push(v);
      ext = (v & 0x80) !== 0;
    }
    let unitText: Uint8Array | undefined;
    if ((vif & 0x7f) === 0x7c) {
      // Plain-text VIF: the length byte and the text come after the VIFEs (EN 13757-3 §6.4.3).
      if (i >= end) return fail('truncated-record', i, 'plain-text VIF length expected');
      const n = b[i++]!;
      if (end - i < n) return fail('truncated-record', i, `plain-text VIF of ${n} bytes, ${end - i} left`);
      unitText = b.slice(i, i + n);
      i += n;
    }
    const fields = mbusDibFields(dif, dife);
    let len: number = MBUS_DATA_LENGTH[fields.dataField]!;
    let lvar: number | undefined;
    if (len === -1) {
      if (i >= end) return fail('truncated-record', i, 'LVAR expected for a variable-length field');
      lvar = b[i++]!;
      const l = lvarLength(lvar);
      if (l === null) return fail('bad-lvar', i - 1, `LVAR ${hex(lvar)} is reserved`);
      len = l;
    }
    if (end - i < len) return fail('truncated-record', i, `data field needs ${len} bytes, ${end - i} left`);
    const data = b.slice(i, i + len);
    i += len;
    const rec = decodeRecordValue({ offset: base + at, dif, dife, vif, vife, ...(unitText ? { unitText } : {}), ...(lvar !== undefined ? { lvar } : {}), data, encrypted: enc, ...fields }, opts.toDevice, base + i - len);
    out.records.push(rec.record);
    out.warnings.push(...rec.warnings);
    out.errors.push(...rec.errors);
  }
  return out;
}

const hex = (v: number): string => `${v.toString(16).toUpperCase().padStart(2, '0')}h`;

export const lvarLength = (lvar: number): number | null => lvarInfo(lvar)?.length ?? null;

/** Wire bytes of one record, exactly as parsed (or as built). */
export function mbusRecordEncode(r: MbusRecord | MbusManufacturerData): Uint8Array {
  if (!('kind' in r)) return Uint8Array.from([r.dif, ...r.data]);
  if (r.kind !== 'data') return Uint8Array.of(r.dif);
  const text = r.unitText ? [r.unitText.length, ...r.unitText] : [];
  const lv = r.lvar !== undefined ? [r.lvar] : [];
  return Uint8Array.from([r.dif, ...r.dife, r.vif, ...r.vife, ...text, ...lv, ...r.data]);
}

export function mbusRecordsEncode(records: Array<MbusRecord | MbusManufacturerData>): Uint8Array {
  const parts = records.map(mbusRecordEncode);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
