/**
 * Building records from values (for simulators and tests): DIB from function/storage/tariff/subunit with
 * the shortest DIFE chain, data bytes from a value in the coding the data field names. The built record is
 * parsed back, so it carries the same decoded view as a received one.
 */
import { MbusError } from './errors.ts';
import { mbusRecordsParse, MBUS_DATA_LENGTH, MBUS_MAX_DIFE } from './records.ts';
import type { MbusDataRecord, MbusFunction } from './records.ts';
import { intEncode, bcdEncode, realEncode, textEncode, typeGEncode, typeFEncode, typeIEncode } from './datatypes.ts';
import type { MbusInt } from './datatypes.ts';

export interface MbusRecordSpec {
  /** DIF bits 3–0: 0 none, 1–4/6/7 integer, 5 real, 8 selection, 9–C/E BCD, D variable length. */
  dataField: number;
  function?: MbusFunction;
  storage?: number;
  tariff?: number;
  subunit?: number;
  vif: number;
  vife?: number[];
  /** Unit text of a plain-text VIF (7Ch/FCh). */
  unitText?: string;
  /** Integer (raw, unscaled), float, text, bytes or a date; ignored when `data` is given. */
  value?: MbusInt | string | Uint8Array | Date | null;
  data?: Uint8Array;
  /** LVAR for data field Dh when `data` is given or a BCD/binary coding is wanted. */
  lvar?: number;
}

const FN = { instantaneous: 0, maximum: 1, minimum: 2, error: 3 } as const;

/** DIF and the shortest DIFE chain that holds storage number, tariff and subunit (EN 13757-3 §6.3). */
export function mbusDibEncode(s: { dataField: number; function?: MbusFunction; storage?: number; tariff?: number; subunit?: number }): number[] {
  const storage = s.storage ?? 0, tariff = s.tariff ?? 0, subunit = s.subunit ?? 0;
  for (const [k, v] of [['storage', storage], ['tariff', tariff], ['subunit', subunit]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new MbusError('bad-field', 0, `${k} must be a non-negative integer`);
  }
  if (!Number.isInteger(s.dataField) || s.dataField < 0 || s.dataField > 14) throw new MbusError('bad-field', 0, 'dataField must be 0…14');
  let st = Math.floor(storage / 2), ta = tariff, su = subunit;
  const dife: number[] = [];
  while (st > 0 || ta > 0 || su > 0) {
    dife.push((st % 16) | ((ta % 4) << 4) | ((su % 2) << 6));
    st = Math.floor(st / 16); ta = Math.floor(ta / 4); su = Math.floor(su / 2);
  }
  if (dife.length > MBUS_MAX_DIFE) throw new MbusError('dife-chain-too-long', 0, `storage/tariff/subunit need ${dife.length} DIFEs, at most ${MBUS_MAX_DIFE} are allowed`);
  for (let i = 0; i < dife.length - 1; i++) dife[i]! |= 0x80;
  const dif = (dife.length ? 0x80 : 0) | ((storage % 2) << 6) | (FN[s.function ?? 'instantaneous'] << 4) | s.dataField;
  return [dif, ...dife];
}

const BCD_SIZE: Record<number, number> = { 9: 1, 0xa: 2, 0xb: 3, 0xc: 4, 0xe: 6 };

/** Data bytes (and LVAR) for a value in the coding of `dataField`. */
export function mbusValueBytes(s: MbusRecordSpec): { lvar?: number; data: Uint8Array } {
  const df = s.dataField;
  if (s.data) {
    if (df === 0xd && s.lvar === undefined) throw new MbusError('bad-field', 0, 'variable-length data needs lvar');
    return { ...(df === 0xd ? { lvar: s.lvar! } : {}), data: s.data };
  }
  const v = s.value;
  if (df === 0 || df === 8) return { data: new Uint8Array(0) };
  const size = MBUS_DATA_LENGTH[df]!;
  if (v instanceof Date) {
    if (size === 2) return { data: typeGEncode(v) };
    if (size === 4) return { data: typeFEncode(v) };
    if (size === 6) return { data: typeIEncode(v) };
    throw new MbusError('bad-field', 0, `no date type of ${size} bytes`);
  }
  if (df === 0xd) {
    if (typeof v === 'string') {
      if (v.length > 0xbf) throw new MbusError('value-range', 0, 'text longer than 191 characters');
      return { lvar: v.length, data: textEncode(v) };
    }
    if (v instanceof Uint8Array) {
      if (v.length > 15) throw new MbusError('value-range', 0, 'binary LVAR holds at most 15 bytes here');
      return { lvar: 0xe0 + v.length, data: v };
    }
    if (typeof v === 'number' || typeof v === 'bigint') {
      const neg = BigInt(v) < 0n;
      const mag = neg ? -BigInt(v) : BigInt(v);
      const n = Math.max(1, Math.ceil(mag.toString().length / 2));
      if (n > 9) throw new MbusError('value-range', 0, 'variable-length BCD holds at most 18 digits');
      return { lvar: (neg ? 0xd0 : 0xc0) + n, data: bcdEncode(mag, n, false) };
    }
    throw new MbusError('bad-field', 0, 'variable-length value must be text, bytes or an integer');
  }
  if (df === 5) {
    if (typeof v !== 'number') throw new MbusError('bad-field', 0, 'real value must be a number');
    return { data: realEncode(v) };
  }
  if (typeof v !== 'number' && typeof v !== 'bigint') throw new MbusError('bad-field', 0, `data field ${df} needs an integer value`);
  if (typeof v === 'number' && !Number.isInteger(v)) throw new MbusError('bad-field', 0, 'raw values are integers (the VIF exponent scales them)');
  if (BCD_SIZE[df]) return { data: bcdEncode(v, BCD_SIZE[df]!) };
  return { data: intEncode(v, size, BigInt(v) < 0n) };
}

/** Wire bytes of a record built from a spec. */
export function mbusRecordBytes(s: MbusRecordSpec): Uint8Array {
  const { lvar, data } = mbusValueBytes(s);
  const vife = s.vife ?? [];
  const text = s.unitText !== undefined ? [s.unitText.length, ...textEncode(s.unitText)] : [];
  return Uint8Array.from([...mbusDibEncode(s), s.vif, ...vife, ...text, ...(lvar !== undefined ? [lvar] : []), ...data]);
}

/** A decoded record built from a spec (parsed back from its bytes). */
export function mbusRecordBuild(s: MbusRecordSpec, toDevice = false): MbusDataRecord {
  const bytes = mbusRecordBytes(s);
  const r = mbusRecordsParse(bytes, 0, bytes.length, { toDevice });
  if (r.fatal) throw r.fatal;
  const rec = r.records[0];
  if (!rec || rec.kind !== 'data' || r.records.length !== 1) throw new MbusError('bad-field', 0, 'the spec does not make exactly one data record');
  return rec;
}
