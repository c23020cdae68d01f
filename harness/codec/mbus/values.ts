/**
 * Turning a record's data bytes into a value, driven by the data field (DIF) and the meaning (VIB):
 * signed integers (EN 13757-3 type B) unless the VIF denotes a counter, identifier or bit field
 * (types C/D), BCD with sign, 32-bit real, dates by size (2 → G, 3 → J, 4 → F, 6 → I), LVAR text,
 * BCD or binary. DSMR-P2 bit meanings are attached for the status record `01 FD 17` (§6.3.3) and the
 * meter configuration `01 FD 67` (§6.4.8).
 */
import { issue } from './errors.ts';
import type { MbusIssue } from './errors.ts';
import { mbusVibDescribe } from './vif.ts';
import type { MbusDataRecord } from './records.ts';
import { intDecode, intNormalize, bcdDecode, realDecode, scaleDecimal, typeGDecode, typeFDecode, typeIDecode, typeJDecode, textDecode, lvarInfo } from './datatypes.ts';
import type { MbusInt, MbusDateValue } from './datatypes.ts';
import { mbusManufacturerDecode } from './header.ts';
import { bytesToHex } from '../bytes.ts';

type RecordCore = Omit<MbusDataRecord, 'kind' | 'info' | 'dataType' | 'raw' | 'value' | 'invalid' | 'wildcard' | 'date'>;

const INT_TYPES: Record<number, string> = { 1: 'int8', 2: 'int16', 3: 'int24', 4: 'int32', 6: 'int48', 7: 'int64' };
const BCD_TYPES: Record<number, string> = { 9: 'bcd2', 0xa: 'bcd4', 0xb: 'bcd6', 0xc: 'bcd8', 0xe: 'bcd12' };
const DATE_BY_SIZE: Record<number, [string, (b: Uint8Array) => MbusDateValue]> = { 2: ['typeG', typeGDecode], 3: ['typeJ', typeJDecode], 4: ['typeF', typeFDecode], 6: ['typeI', typeIDecode] };

const toJsonInt = (v: MbusInt): number | string => (typeof v === 'bigint' ? v.toString() : v);

export function decodeRecordValue(core: RecordCore, toDevice: boolean, dataOffset: number): { record: MbusDataRecord; warnings: MbusIssue[]; errors: MbusIssue[] } {
  const warnings: MbusIssue[] = [];
  const errors: MbusIssue[] = [];
  const unitText = core.unitText ? textDecode(core.unitText) : undefined;
  const info = mbusVibDescribe(core.vif, core.vife, toDevice, unitText);
  for (const u of info.unknown) warnings.push(issue('unknown-vif', core.offset, u));
  const rec: MbusDataRecord = { kind: 'data', ...core, info, dataType: 'none', raw: null, value: null };
  const df = core.dataField;
  const d = core.data;
  const numeric = info.hint === 'number';
  const scaled = (raw: MbusInt): number | string => (numeric ? scaleDecimal(raw, info.exponent) : typeof raw === 'bigint' ? raw.toString() : raw);
  const mismatch = (what: string): void => { warnings.push(issue('vif-dif-mismatch', core.offset, what)); };

  if (df === 0 || df === 8) {
    rec.dataType = df === 0 ? 'none' : 'selection';
    return { record: rec, warnings, errors };
  }
  if (info.hint === 'date') {
    const dt = DATE_BY_SIZE[d.length];
    if (INT_TYPES[df] && dt) {
      const v = dt[1](d);
      rec.dataType = dt[0];
      rec.raw = bytesToHex(d);
      rec.value = v.iso;
      rec.date = v;
      if (v.invalid) rec.invalid = true;
      if (v.wildcard) rec.wildcard = true;
      if (v.malformed) warnings.push(issue('bad-date', dataOffset, `date/time fields out of range: ${JSON.stringify(v.fields)}`));
      return { record: rec, warnings, errors };
    }
    mismatch(`${info.description} with data field ${df.toString(16).toUpperCase()}h (${d.length} bytes) is not a date type`);
  }
  if (info.hint === 'key') {
    rec.dataType = INT_TYPES[df] ?? 'binary';
    rec.raw = bytesToHex(d);
    rec.value = null;
    return { record: rec, warnings, errors };
  }
  if (INT_TYPES[df]) {
    rec.dataType = INT_TYPES[df]!;
    const raw = intNormalize(intDecode(d, numeric));
    rec.raw = toJsonInt(raw);
    rec.value = info.hint === 'manufacturer' && d.length === 2 ? mbusManufacturerDecode(Number(raw)) : scaled(raw);
    return { record: rec, warnings, errors };
  }
  if (df === 5) {
    rec.dataType = 'real32';
    const r = realDecode(d);
    rec.raw = r;
    rec.value = Number.isFinite(r) ? (info.exponent ? r * 10 ** info.exponent : r) : null;
    if (!Number.isFinite(r)) rec.invalid = true;
    return { record: rec, warnings, errors };
  }
  if (BCD_TYPES[df]) {
    rec.dataType = BCD_TYPES[df]!;
    const r = bcdDecode(d);
    if (r.value === null) {
      errors.push(issue('bad-bcd', dataOffset + r.badByte, `BCD byte ${bytesToHex(d.subarray(r.badByte, r.badByte + 1))} has a nibble above 9`));
      rec.raw = bytesToHex(d);
      rec.invalid = true;
      return { record: rec, warnings, errors };
    }
    rec.raw = toJsonInt(r.value);
    rec.value = scaled(r.value);
    return { record: rec, warnings, errors };
  }
  // Variable length (df = 0Dh): LVAR chooses text, BCD or binary (EN 13757-3 Table 5).
  const lv = lvarInfo(core.lvar ?? 0)!;
  if (lv.kind === 'text') {
    rec.dataType = 'lvar-text';
    rec.raw = textDecode(d);
    rec.value = rec.raw;
  } else if (lv.kind === 'binary') {
    rec.dataType = 'lvar-binary';
    if (d.length <= 8 && (numeric || info.hint === 'unsigned' || info.hint === 'bits')) {
      const raw = intNormalize(intDecode(d, false));
      rec.raw = toJsonInt(raw);
      rec.value = scaled(raw);
    } else {
      rec.raw = bytesToHex(d);
      rec.value = rec.raw;
    }
  } else {
    rec.dataType = lv.kind === 'bcd' ? 'lvar-bcd' : 'lvar-negative-bcd';
    const r = bcdDecode(d, false);
    if (r.value === null) {
      errors.push(issue('bad-bcd', dataOffset + r.badByte, 'variable-length BCD has a nibble above 9'));
      rec.raw = bytesToHex(d);
      rec.invalid = true;
    } else {
      const v = lv.kind === 'bcd' ? r.value : -BigInt(r.value);
      const n = intNormalize(typeof v === 'bigint' ? v : BigInt(v));
      rec.raw = toJsonInt(n);
      rec.value = scaled(n);
    }
  }
  return { record: rec, warnings, errors };
}

/** DSMR-P2 §6.3.3 meaning of the status record `01 FD 17`. */
export function dsmrStatusFlags(v: number): Record<string, boolean | number> {
  return {
    applicationErrors: v & 3, powerLow: (v & 0x04) !== 0, permanentError: (v & 0x08) !== 0, temporaryError: (v & 0x10) !== 0,
    clockSyncError: (v & 0x20) !== 0, fraudAttempt: (v & 0x40) !== 0, reservedBit7: (v & 0x80) !== 0,
  };
}

/** DSMR-P2 §6.4.8 meaning of the meter configuration record `01 FD 67`. */
export function dsmrConfigFlags(v: number): Record<string, boolean> {
  return {
    clock: (v & 0x01) !== 0, valve: (v & 0x02) !== 0, convertedVolume: (v & 0x04) !== 0,
    valveReleaseCommand: (v & 0x08) !== 0, valveOpenDirectCommand: (v & 0x10) !== 0,
  };
}
