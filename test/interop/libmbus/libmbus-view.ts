/**
 * libmbus 0.9 (the copy built into node-mbus 2.2.6, `libmbus/mbus/mbus-protocol.c`) and meterproof side by
 * side: how to read what libmbus prints, in meterproof's vocabulary, so the two decodes of one RSP_UD
 * compare field by field; and a model of libmbus's record walk, to say what it makes of ciphertext.
 *
 * What libmbus prints (mbus_data_variable_header_xml / mbus_data_variable_record_xml), after node-mbus
 * runs it through xml2js with `parseNumbers` (any text that `Number()` accepts becomes a number):
 * - Id: `%llX` of the BCD bytes (8 digits; leading zeros are lost to parseNumbers → pad back).
 * - Status: `%.2X`; parseNumbers reads "10" as decimal 10 → pad to 2 and read as hex again.
 * - Signature: `%.2X%.2X` of the configuration word, high byte first. Not always recoverable: parseNumbers
 *   turns "1E30" into 1 (parseInt of an exponent form); our words (0000h, 0F30h) survive.
 * - Function: DIF bits 5–4 as a phrase; StorageNumber always; Tariff and Device only when the record has
 *   DIFEs; Unit: a phrase with the decimal exponent folded in as an SI prefix (mbus_unit_prefix), the value
 *   itself is never scaled; Value: integer/BCD as decimal text, dates (VIF 6Dh, 4 or 6 bytes) as
 *   `YYYY-MM-DDTHH:MM:SS` without zone, LVAR text reversed to reading order with every control character
 *   (CR, LF) replaced by a space (mbus_str_xml_encode).
 */
import type { MbusDataRecord, MbusFunction, MbusLongHeader } from '../../../harness/codec/mbus/index.ts';
import type { LibmbusRecord, LibmbusSlave } from './peer.ts';

/** mbus_data_record_function: DIF bits 5–4. */
export const LIBMBUS_FUNCTION: Record<MbusFunction, string> = {
  instantaneous: 'Instantaneous value',
  maximum: 'Maximum value',
  minimum: 'Minimum value',
  error: 'Value during error state',
};

/** mbus_data_variable_medium_lookup, for the device types this test meets (DSMR-P2 gas meter: 03h). */
export const LIBMBUS_MEDIUM: Record<number, string> = { 0x00: 'Other', 0x03: 'Gas' };

/** mbus_unit_prefix: the decimal exponent as libmbus writes it inside a unit phrase. */
const PREFIX: Record<string, number> = { '': 0, m: -3, my: -6, '10 ': 1, '100 ': 2, k: 3, '10 k': 4, '100 k': 5, M: 6, G: 9 };

export function libmbusPrefixExponent(p: string): number | null {
  if (p in PREFIX) return PREFIX[p]!;
  const m = /^1e(-?\d+) $/.exec(p); // every other exponent: "1e%d " (e.g. VIF 14h: "1e-2 ")
  return m ? Number(m[1]) : null;
}

export interface UnitMeaning {
  quantity: string;
  unit: string;
  exponent: number;
}

/**
 * libmbus unit phrases for the records a DSMR-P2 gas meter sends, with meterproof's name for the same VIF
 * (harness/codec/mbus/vif-tables.ts). Each line: VIF → libmbus phrase → meterproof quantity.
 */
const FIXED_UNITS: Record<string, UnitMeaning> = {
  // VIF 6Dh, type F (4 bytes) or I (6 bytes): mbus_vif_unit_lookup "Time Point (time & date)".
  'Time Point (time & date)': { quantity: 'date-time', unit: '', exponent: 0 },
  // VIF 78h, DSMR-P2 §6.4.1 equipment identifier as LVAR text.
  'Fabrication number': { quantity: 'fabrication-number', unit: '', exponent: 0 },
  // FD 17h, DSMR-P2 §6.3.3 status byte.
  'Error flags': { quantity: 'error-flags', unit: '', exponent: 0 },
  // FD 67h, DSMR-P2 §6.4.8 meter configuration (EN 13757-3 name kept by both).
  'Special supplier information': { quantity: 'special-supplier-information', unit: '', exponent: 0 },
  // FD 0Ch–0Fh, DSMR-P2 §6.4.2 version records (LVAR text name=value CR LF …).
  'Model / Version': { quantity: 'model-version', unit: '', exponent: 0 },
  'Hardware version': { quantity: 'hardware-version', unit: '', exponent: 0 },
  'Firmware version': { quantity: 'firmware-version', unit: '', exponent: 0 },
  'Software version': { quantity: 'software-version', unit: '', exponent: 0 },
  // FD 08h, DSMR-P2 §5.2 frame counter record.
  'Access Number (transmission count)': { quantity: 'access-number', unit: '', exponent: 0 },
};

/** Meaning of a libmbus unit phrase, or null when this table does not know it (the test then fails). */
export function libmbusUnitMeaning(phrase: string): UnitMeaning | null {
  // VIF 10h–17h: "Volume (%s m^3)" with the prefix of 10^(nnn−6); meterproof: volume, m3, nnn−6.
  const vol = /^Volume \((.*) m\^3\)$/.exec(phrase);
  if (vol) {
    const e = libmbusPrefixExponent(vol[1]!);
    return e === null ? null : { quantity: 'volume', unit: 'm3', exponent: e };
  }
  return FIXED_UNITS[phrase] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// One vocabulary for both decodes

export interface HeaderView {
  id: string;
  manufacturer: string;
  version: number;
  medium: string;
  accessNumber: number;
  status: number;
  configWord: number;
}

const hexBack = (v: number | string, digits: number): number => parseInt(String(v).padStart(digits, '0'), 16);

export function headerFromLibmbus(s: LibmbusSlave): HeaderView {
  return {
    id: String(s.Id).padStart(8, '0'),
    manufacturer: s.Manufacturer,
    version: s.Version,
    medium: s.Medium,
    accessNumber: s.AccessNumber,
    status: hexBack(s.Status, 2),
    configWord: hexBack(s.Signature, 4),
  };
}

export function headerFromMeterproof(h: MbusLongHeader): HeaderView {
  return {
    id: h.id,
    manufacturer: h.manufacturer,
    version: h.version,
    medium: LIBMBUS_MEDIUM[h.medium] ?? `medium ${h.medium} (not in the test's table)`,
    accessNumber: h.accessNumber,
    status: h.status,
    configWord: h.configWord,
  };
}

export interface RecordView {
  function: string;
  storage: number;
  /** libmbus prints Tariff and Device only for records with DIFEs. */
  hasDife: boolean;
  tariff: number;
  subunit: number;
  quantity: string;
  unit: string;
  exponent: number;
  /** Unscaled integer (numbers only). */
  raw?: number;
  /** Scaled number, ISO date-time, or text. */
  value: number | string | null;
}

/** The numeric reading of a text as xml2js parseNumbers does it (parseInt for integral, parseFloat otherwise). */
function parseNumbersLike(s: string): number | string {
  if (s.trim() === '' || Number.isNaN(Number(s))) return s;
  return Number(s) % 1 === 0 ? parseInt(s, 10) : parseFloat(s);
}

export function recordFromLibmbus(r: LibmbusRecord): RecordView {
  const fn = (Object.keys(LIBMBUS_FUNCTION) as MbusFunction[]).find((k) => LIBMBUS_FUNCTION[k] === r.Function);
  const u = r.Unit === undefined ? null : libmbusUnitMeaning(r.Unit);
  const view: RecordView = {
    function: fn ?? `libmbus: ${r.Function}`,
    storage: r.StorageNumber ?? -1,
    hasDife: r.Tariff !== undefined,
    tariff: r.Tariff ?? 0,
    subunit: r.Device ?? 0,
    quantity: u?.quantity ?? `libmbus unit: ${r.Unit}`,
    unit: u?.unit ?? '',
    exponent: u?.exponent ?? 0,
    value: null,
  };
  if (u?.quantity === 'date-time') {
    // libmbus prints the M-Bus local time without a zone; meterproof writes it with Z (no offset is sent).
    view.value = `${r.Value}Z`;
  } else if (typeof r.Value === 'number') {
    view.raw = r.Value;
    // Decimal scaling through text: exact in the same sense as meterproof's scaleDecimal.
    view.value = Number(`${r.Value}e${view.exponent}`);
  } else {
    view.value = r.Value;
  }
  return view;
}

export function recordFromMeterproof(r: MbusDataRecord): RecordView {
  const view: RecordView = {
    function: r.function,
    storage: r.storage,
    hasDife: r.dife.length > 0,
    tariff: r.tariff,
    subunit: r.subunit,
    quantity: r.info.quantity,
    unit: r.info.unit,
    exponent: r.info.exponent,
    value: r.value,
  };
  if (typeof r.value === 'number' && typeof r.raw === 'number') view.raw = r.raw;
  if (typeof r.value === 'string' && !r.date) {
    // What libmbus + xml2js make of the same text: control characters as spaces, then parseNumbers.
    const shown = parseNumbersLike(r.value.replace(/[\x00-\x1f\x7f]/g, ' '));
    view.value = shown;
    if (typeof shown === 'number') view.raw = shown;
  }
  return view;
}

// ---------------------------------------------------------------------------------------------------
// Model of libmbus's record walk (mbus_data_variable_parse), for telegrams it cannot decrypt

export interface WalkRecord {
  /** Offset in the user data after CI (0 = first byte of the long header). */
  offset: number;
  dif: number;
  dife: number[];
  /** Manufacturer data (DIF 0Fh) or "more records follow" (1Fh) to the end of the frame. */
  special: boolean;
}

export interface Walk {
  ok: boolean;
  /** libmbus's own error text for the first structural fault (error_str in mbus_data_variable_parse). */
  error?: string;
  records: WalkRecord[];
  moreRecordsFollow: boolean;
}

/** Data length per DIF data field (mbus_dif_datalength_lookup; 0Dh is LVAR, 0Fh counts 8). */
const LIBMBUS_DATA_LENGTH = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6, 8];

/**
 * Walk the records after the 12-byte long header the way libmbus 0.9 does, without any notion of
 * encryption: 2Fh skipped, 0Fh/1Fh take the rest, DIFE/VIFE chains of at most 10, plain-text VIF of at
 * most 128, LVAR ranges C0h–FAh, and a record that would run past the end is an error. Bytes past the
 * end read as 0 (libmbus reads its zeroed frame buffer there).
 */
export function libmbusWalk(user: Uint8Array): Walk {
  const size = user.length;
  const at = (k: number): number => (k < size ? user[k]! : 0);
  const records: WalkRecord[] = [];
  let more = false;
  const fail = (error: string): Walk => ({ ok: false, error, records, moreRecordsFollow: more });
  if (size < 12) return fail('Variable header too short.');
  let i = 12;
  while (i < size) {
    const offset = i;
    const dif = at(i);
    if (dif === 0x2f) {
      i++;
      continue;
    }
    if (dif === 0x0f || dif === 0x1f) {
      if (dif === 0x1f) more = true;
      records.push({ offset, dif, dife: [], special: true });
      i = size;
      continue;
    }
    let dataLength = LIBMBUS_DATA_LENGTH[dif & 0x0f]!;
    const dife: number[] = [];
    while (i < size && at(i) & 0x80) {
      if (dife.length >= 10) return fail('Too many DIFE.');
      dife.push(at(i + 1));
      i++;
    }
    i++;
    if (i > size) return fail('Premature end of record at DIF.');
    const vif = at(i++);
    if ((vif & 0x7f) === 0x7c) {
      const n = at(i++);
      if (n > 128) return fail('Too long variable length VIF.');
      if (i + n > size) return fail('Premature end of record at variable length VIF.');
      i += n;
    }
    if (vif & 0x80) {
      let nvife = 1;
      while (i < size && at(i) & 0x80) {
        if (nvife >= 10) return fail('Too many VIFE.');
        nvife++;
        i++;
      }
      i++;
    }
    if (i > size) return fail('Premature end of record at VIF.');
    if ((dif & 0x0f) === 0x0d) {
      const l = at(i);
      // LVAR ranges as libmbus reads them; FBh–FFh leave the length 0 and the byte unconsumed.
      if (l <= 0xbf) dataLength = l;
      else if (l <= 0xcf) dataLength = (l - 0xc0) * 2;
      else if (l <= 0xdf) dataLength = (l - 0xd0) * 2;
      else if (l <= 0xef) dataLength = l - 0xe0;
      else if (l <= 0xfa) dataLength = l - 0xf0;
      if (l <= 0xfa) i++;
    }
    if (i + dataLength > size) return fail('Premature end of record at data.');
    i += dataLength;
    records.push({ offset, dif, dife, special: false });
  }
  return { ok: true, records, moreRecordsFollow: more };
}
