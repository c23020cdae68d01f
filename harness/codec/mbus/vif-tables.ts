/**
 * EN 13757-3 value information tables: the primary VIF table, the first extension table (VIF FDh),
 * the second extension table (VIF FBh) and the combinable (orthogonal) VIFE table. DSMR-P2 uses
 * VIF 03h/0Fh/13h/14h/6Dh/78h/7Ah and FD 08h/0Ch–0Fh/17h/19h/67h (§5.2, §6.2–§6.5, App. A).
 * Units are kept in the base unit of each quantity; the exponent scales the raw value into it.
 */

export type MbusValueHint = 'number' | 'unsigned' | 'bits' | 'date' | 'key' | 'manufacturer' | 'medium';

export interface MbusUnitEntry {
  quantity: string;
  unit: string;
  exponent: number;
  description: string;
  hint?: MbusValueHint;
  /** Not a standard code (reserved, or a code whose meaning differs between EN 13757-3 editions). */
  reserved?: boolean;
}

const e = (quantity: string, unit: string, exponent: number, description: string, hint?: MbusValueHint): MbusUnitEntry =>
  ({ quantity, unit, exponent, description, ...(hint ? { hint } : {}) });
const reserved = (code: number, table: string): MbusUnitEntry =>
  ({ quantity: 'reserved', unit: '', exponent: 0, description: `reserved code ${code.toString(16).toUpperCase().padStart(2, '0')}h of ${table}`, reserved: true });

const DUR = ['s', 'min', 'h', 'd'] as const;
const DUR_LONG = ['h', 'd', 'month', 'a'] as const;

/** Primary VIF (extension bit removed), EN 13757-3 Table 10. 7Bh, 7Ch, 7Dh, 7Eh, 7Fh are handled by the caller. */
export function primaryVif(v: number): MbusUnitEntry {
  const n3 = v & 7, n2 = v & 3;
  if (v <= 0x07) return e('energy', 'Wh', n3 - 3, 'energy');
  if (v <= 0x0f) return e('energy', 'J', n3, 'energy');
  if (v <= 0x17) return e('volume', 'm3', n3 - 6, 'volume');
  if (v <= 0x1f) return e('mass', 'kg', n3 - 3, 'mass');
  if (v <= 0x23) return e('on-time', DUR[n2]!, 0, 'on time');
  if (v <= 0x27) return e('operating-time', DUR[n2]!, 0, 'operating time');
  if (v <= 0x2f) return e('power', 'W', n3 - 3, 'power');
  if (v <= 0x37) return e('power', 'J/h', n3, 'power');
  if (v <= 0x3f) return e('volume-flow', 'm3/h', n3 - 6, 'volume flow');
  if (v <= 0x47) return e('volume-flow', 'm3/min', n3 - 7, 'volume flow');
  if (v <= 0x4f) return e('volume-flow', 'm3/s', n3 - 9, 'volume flow');
  if (v <= 0x57) return e('mass-flow', 'kg/h', n3 - 3, 'mass flow');
  if (v <= 0x5b) return e('flow-temperature', '°C', n2 - 3, 'flow temperature');
  if (v <= 0x5f) return e('return-temperature', '°C', n2 - 3, 'return temperature');
  if (v <= 0x63) return e('temperature-difference', 'K', n2 - 3, 'temperature difference');
  if (v <= 0x67) return e('external-temperature', '°C', n2 - 3, 'external temperature');
  if (v <= 0x6b) return e('pressure', 'bar', n2 - 3, 'pressure');
  if (v === 0x6c) return e('date', '', 0, 'time point: date (type G)', 'date');
  if (v === 0x6d) return e('date-time', '', 0, 'time point: date and time (type F, I or J by size)', 'date');
  if (v === 0x6e) return e('hca', 'HCA', 0, 'units for heat cost allocator (dimensionless)');
  if (v === 0x6f) return reserved(v, 'the primary VIF table');
  if (v <= 0x73) return e('averaging-duration', DUR[n2]!, 0, 'averaging duration');
  if (v <= 0x77) return e('actuality-duration', DUR[n2]!, 0, 'actuality duration');
  if (v === 0x78) return e('fabrication-number', '', 0, 'fabrication number (DSMR-P2 §6.4.1: equipment identifier)', 'unsigned');
  if (v === 0x79) return e('enhanced-identification', '', 0, 'enhanced identification', 'unsigned');
  if (v === 0x7a) return e('bus-address', '', 0, 'bus address (DSMR-P2 §6.2.2: new primary address)', 'unsigned');
  return reserved(v, 'the primary VIF table');
}

const FD_FIXED: Record<number, MbusUnitEntry> = {
  0x08: e('access-number', '', 0, 'access number (transmission count); DSMR-P2 §5.2: the frame counter', 'unsigned'),
  0x09: e('medium', '', 0, 'medium (as in the fixed header)', 'medium'),
  0x0a: e('manufacturer', '', 0, 'manufacturer (as in the fixed header)', 'manufacturer'),
  0x0b: e('parameter-set', '', 0, 'parameter set identification', 'unsigned'),
  0x0c: e('model-version', '', 0, 'model / version (DSMR-P2 §6.4.2: dsmr=)', 'unsigned'),
  0x0d: e('hardware-version', '', 0, 'hardware version (DSMR-P2 §6.4.2: met=, com=)', 'unsigned'),
  0x0e: e('firmware-version', '', 0, 'metrology firmware version (DSMR-P2 §6.4.2: met=)', 'unsigned'),
  0x0f: e('software-version', '', 0, 'other software version (DSMR-P2 §6.4.2: com=, apl=, cfg=)', 'unsigned'),
  0x10: e('customer-location', '', 0, 'customer location'),
  0x11: e('customer', '', 0, 'customer'),
  0x12: e('access-code-user', '', 0, 'access code user'),
  0x13: e('access-code-operator', '', 0, 'access code operator'),
  0x14: e('access-code-system-operator', '', 0, 'access code system operator'),
  0x15: e('access-code-developer', '', 0, 'access code developer'),
  0x16: e('password', '', 0, 'password'),
  0x17: e('error-flags', '', 0, 'error flags (DSMR-P2 §6.3.3: status byte)', 'bits'),
  0x18: e('error-mask', '', 0, 'error mask', 'bits'),
  0x19: e('security-key', '', 0, 'security key (DSMR-P2 §6.5.1: half of the user key wrapped with the default key)', 'key'),
  0x1a: e('digital-output', '', 0, 'digital output (binary)', 'bits'),
  0x1b: e('digital-input', '', 0, 'digital input (binary)', 'bits'),
  0x1c: e('baud-rate', 'Bd', 0, 'baud rate', 'unsigned'),
  0x1d: e('response-delay', 'bit times', 0, 'response delay time', 'unsigned'),
  0x1e: e('retry', '', 0, 'retry', 'unsigned'),
  0x1f: e('remote-control', '', 0, 'remote control (device specific); DSMR 4.0 valve command, removed in 4.2.2', 'bits'),
  0x20: e('first-storage', '', 0, 'first storage number for cyclic storage', 'unsigned'),
  0x21: e('last-storage', '', 0, 'last storage number for cyclic storage', 'unsigned'),
  0x22: e('storage-block-size', '', 0, 'size of storage block', 'unsigned'),
  0x23: e('tariff-subunit-descriptor', '', 0, 'descriptor for tariff and subunit', 'bits'),
  0x28: e('storage-interval', 'month', 0, 'storage interval'),
  0x29: e('storage-interval', 'a', 0, 'storage interval'),
  0x30: e('tariff-start', '', 0, 'start (date/time) of tariff', 'date'),
  0x38: e('tariff-period', 'month', 0, 'period of tariff'),
  0x39: e('tariff-period', 'a', 0, 'period of tariff'),
  0x3a: e('dimensionless', '', 0, 'dimensionless / no VIF'),
  0x60: e('reset-counter', '', 0, 'reset counter', 'unsigned'),
  0x61: e('cumulation-counter', '', 0, 'cumulation counter', 'unsigned'),
  0x62: e('control-signal', '', 0, 'control signal', 'bits'),
  0x63: e('day-of-week', '', 0, 'day of week', 'unsigned'),
  0x64: e('week-number', '', 0, 'week number', 'unsigned'),
  0x65: e('day-change-time', '', 0, 'time point of day change'),
  0x66: e('parameter-activation-state', '', 0, 'state of parameter activation', 'bits'),
  0x67: e('special-supplier-information', '', 0, 'special supplier information (DSMR-P2 §6.4.8: meter configuration)', 'bits'),
  0x70: e('battery-change', '', 0, 'date and time of battery change', 'date'),
  0x71: e('rf-level', 'dBm', 0, 'RF level'),
  0x72: e('daylight-saving', '', 0, 'daylight saving (beginning, ending, deviation; type K)', 'bits'),
  0x73: e('listening-window', '', 0, 'listening window management (type L)', 'bits'),
  0x74: e('remaining-battery-life', 'd', 0, 'remaining battery life time', 'unsigned'),
  0x75: e('meter-stopped-count', '', 0, 'number of times the meter was stopped', 'unsigned'),
  0x76: e('manufacturer-container', '', 0, 'data container for manufacturer specific protocol'),
};

/** First extension table, VIF FDh (EN 13757-3 Table 14), indexed by the first VIFE without its extension bit. */
export function fdVif(v: number): MbusUnitEntry {
  const n2 = v & 3, n4 = v & 15;
  if (v <= 0x03) return e('credit', 'currency', n2 - 3, 'credit in local legal currency units');
  if (v <= 0x07) return e('debit', 'currency', n2 - 3, 'debit in local legal currency units');
  if (FD_FIXED[v]) return FD_FIXED[v]!;
  if (v >= 0x24 && v <= 0x27) return e('storage-interval', DUR[n2]!, 0, 'storage interval');
  if (v >= 0x2c && v <= 0x2f) return e('duration-since-readout', DUR[n2]!, 0, 'duration since last readout');
  if (v >= 0x31 && v <= 0x33) return e('tariff-duration', DUR[n2]!, 0, 'duration of tariff');
  if (v >= 0x34 && v <= 0x37) return e('tariff-period', DUR[n2]!, 0, 'period of tariff');
  if (v >= 0x40 && v <= 0x4f) return e('voltage', 'V', n4 - 9, 'voltage');
  if (v >= 0x50 && v <= 0x5f) return e('current', 'A', n4 - 12, 'current');
  if (v >= 0x68 && v <= 0x6b) return e('duration-since-cumulation', DUR_LONG[n2]!, 0, 'duration since last cumulation');
  if (v >= 0x6c && v <= 0x6f) return e('battery-operating-time', DUR_LONG[n2]!, 0, 'operating time battery');
  return reserved(v, 'the FDh extension table');
}

/** Second extension table, VIF FBh (EN 13757-3 Table 12), converted to base units. */
export function fbVif(v: number): MbusUnitEntry {
  const n1 = v & 1, n2 = v & 3, n3 = v & 7;
  if (v <= 0x01) return e('energy', 'Wh', n1 + 5, 'energy (10^(n-1) MWh)');
  if (v <= 0x03) return e('reactive-energy', 'varh', n1 + 3, 'reactive energy (10^n kVARh)');
  if (v >= 0x08 && v <= 0x09) return e('energy', 'J', n1 + 8, 'energy (10^(n-1) GJ)');
  if (v >= 0x10 && v <= 0x11) return e('volume', 'm3', n1 + 2, 'volume');
  if (v >= 0x14 && v <= 0x17) return e('reactive-power', 'var', n2, 'reactive power (10^(nn-3) kVAR)');
  if (v >= 0x18 && v <= 0x19) return e('mass', 'kg', n1 + 5, 'mass (10^(n+2) t)');
  if (v >= 0x1a && v <= 0x1b) return e('relative-humidity', '%', n1 - 1, 'relative humidity');
  if (v === 0x20) return e('volume', 'ft3', 0, 'volume');
  if (v === 0x21) return e('volume', 'ft3', -1, 'volume');
  if (v >= 0x28 && v <= 0x29) return e('power', 'W', n1 + 5, 'power (10^(n-1) MW)');
  if (v === 0x2a) return e('phase-u-u', '°', -1, 'phase U-U (volt to volt)');
  if (v === 0x2b) return e('phase-u-i', '°', -1, 'phase U-I (volt to current)');
  if (v >= 0x2c && v <= 0x2f) return e('frequency', 'Hz', n2 - 3, 'frequency');
  if (v >= 0x30 && v <= 0x31) return e('power', 'J/h', n1 + 8, 'power (10^(n-1) GJ/h)');
  if (v >= 0x34 && v <= 0x37) return e('apparent-power', 'VA', n2, 'apparent power (10^(nn-3) kVA)');
  if (v >= 0x58 && v <= 0x5b) return e('flow-temperature', '°F', n2 - 3, 'flow temperature');
  if (v >= 0x5c && v <= 0x5f) return e('return-temperature', '°F', n2 - 3, 'return temperature');
  if (v >= 0x60 && v <= 0x63) return e('temperature-difference', '°F', n2 - 3, 'temperature difference');
  if (v >= 0x64 && v <= 0x67) return e('external-temperature', '°F', n2 - 3, 'external temperature');
  if (v >= 0x70 && v <= 0x73) return e('temperature-limit', '°F', n2 - 3, 'cold / warm temperature limit');
  if (v >= 0x74 && v <= 0x77) return e('temperature-limit', '°C', n2 - 3, 'cold / warm temperature limit');
  if (v >= 0x78) return e('cumulative-max-power', 'W', n3 - 3, 'cumulative count of maximum active power');
  return reserved(v, 'the FBh extension table');
}

/** Object actions, master → slave (combinable VIFE 00h–0Fh; DSMR-P2 §6.2.3 uses 06h). */
export const MBUS_ACTIONS: Record<number, string> = {
  0x0: 'write (replace)', 0x1: 'add value', 0x2: 'subtract value', 0x3: 'OR (set bits)', 0x4: 'AND', 0x5: 'XOR (toggle bits)',
  0x6: 'AND NOT (clear bits)', 0x7: 'clear', 0x8: 'add entry', 0x9: 'delete entry', 0xa: 'delayed action', 0xb: 'freeze data',
  0xc: 'add to readout list', 0xd: 'delete from readout list',
};

/** Record error codes, slave → master (combinable VIFE 00h–1Fh). */
export const MBUS_RECORD_ERRORS: Record<number, string> = {
  0x00: 'none', 0x01: 'too many DIFEs', 0x02: 'storage number not implemented', 0x03: 'unit number not implemented',
  0x04: 'tariff number not implemented', 0x05: 'function not implemented', 0x06: 'data class not implemented',
  0x07: 'data size not implemented', 0x0b: 'too many VIFEs', 0x0c: 'illegal VIF group', 0x0d: 'illegal VIF exponent',
  0x0e: 'VIF/DIF mismatch', 0x0f: 'unimplemented action', 0x15: 'no data available (undefined value)', 0x16: 'data overflow',
  0x17: 'data underflow', 0x18: 'data error', 0x1c: 'premature end of record',
};

export interface MbusCombinable {
  description: string;
  /** Appended to the unit ("/h", "·s"). */
  unitSuffix?: string;
  /** Added to the exponent. */
  exponentDelta?: number;
  /** The record's value becomes a date/time. */
  date?: boolean;
  /** Duration unit that replaces the unit. */
  durationUnit?: string;
  known: boolean;
}

const PER: Record<number, string> = {
  0x20: '/s', 0x21: '/min', 0x22: '/h', 0x23: '/d', 0x24: '/week', 0x25: '/month', 0x26: '/a', 0x27: '/revolution',
  0x2c: '/l', 0x2d: '/m3', 0x2e: '/kg', 0x2f: '/K', 0x30: '/kWh', 0x31: '/GJ', 0x32: '/kW', 0x33: '/(K·l)', 0x34: '/V', 0x35: '/A',
  0x36: '·s', 0x37: '·s/V', 0x38: '·s/A',
};

const COMBINABLE_FIXED: Record<number, MbusCombinable> = {
  0x39: { description: 'start date(/time) of', date: true, known: true },
  0x3a: { description: 'uncorrected unit (value at metering conditions)', known: true },
  0x3b: { description: 'accumulation only if positive contributions', known: true },
  0x3c: { description: 'accumulation of absolute value only if negative contributions', known: true },
  0x3d: { description: 'alternate non-metric unit system', known: true },
  0x3e: { description: 'value at base conditions', known: true },
  0x3f: { description: 'OBIS declaration', known: true },
  0x40: { description: 'lower limit value', known: true },
  0x48: { description: 'upper limit value', known: true },
  0x41: { description: 'number of exceeds of lower limit', known: true },
  0x49: { description: 'number of exceeds of upper limit', known: true },
  0x68: { description: 'value during lower limit exceed', known: true },
  0x6c: { description: 'value during upper limit exceed', known: true },
  0x69: { description: 'leakage values', known: true },
  0x6d: { description: 'overflow values', known: true },
  0x7d: { description: 'multiplicative correction factor 10^3', exponentDelta: 3, known: true },
  0x7e: { description: 'future value', known: true },
};

/** Combinable (orthogonal) VIFE, EN 13757-3 Table 15 (extension bit removed); 00h–1Fh are handled by the caller. */
export function combinableVife(c: number): MbusCombinable {
  const ul = (u: number) => (u ? 'upper' : 'lower');
  const fl = (f: number) => (f ? 'last' : 'first');
  if (PER[c]) return { description: `per ${PER[c]!.replace(/^[/·]/, '')}`, unitSuffix: PER[c]!, known: true };
  if (c === 0x28 || c === 0x29) return { description: `increment per input pulse on channel ${c & 1}`, known: true };
  if (c === 0x2a || c === 0x2b) return { description: `increment per output pulse on channel ${c & 1}`, known: true };
  if (COMBINABLE_FIXED[c]) return COMBINABLE_FIXED[c]!;
  if ((c & 0x70) === 0x40 && (c & 0x02)) {
    return { description: `date(/time) of ${c & 1 ? 'end' : 'begin'} of ${fl((c >> 2) & 1)} ${ul((c >> 3) & 1)} limit exceed`, date: true, known: true };
  }
  if ((c & 0x70) === 0x50) return { description: `duration of ${fl((c >> 2) & 1)} ${ul((c >> 3) & 1)} limit exceed`, durationUnit: DUR[c & 3]!, known: true };
  if (c >= 0x60 && c <= 0x67) return { description: `duration of ${fl((c >> 2) & 1)}`, durationUnit: DUR[c & 3]!, known: true };
  if (c === 0x6a || c === 0x6b || c === 0x6e || c === 0x6f) return { description: `date(/time) of ${c & 1 ? 'end' : 'begin'} of ${fl((c >> 2) & 1)}`, date: true, known: true };
  if (c >= 0x70 && c <= 0x77) return { description: `multiplicative correction factor 10^${(c & 7) - 6}`, exponentDelta: (c & 7) - 6, known: true };
  if (c >= 0x78 && c <= 0x7b) return { description: `additive correction constant 10^${(c & 3) - 3} × unit (offset)`, known: true };
  return { description: `reserved combinable VIFE ${c.toString(16).toUpperCase().padStart(2, '0')}h`, known: false };
}

/** Second combinable table, reached through VIFE FCh/7Ch (EN 13757-3:2013 onwards). */
export const MBUS_COMBINABLE_EXT: Record<number, string> = {
  0x01: 'at phase L1', 0x02: 'at phase L2', 0x03: 'at phase L3', 0x04: 'at neutral', 0x05: 'between phases L1 and L2',
  0x06: 'between phases L2 and L3', 0x07: 'between phases L3 and L1', 0x08: 'at quadrant Q1', 0x09: 'at quadrant Q2',
  0x0a: 'at quadrant Q3', 0x0b: 'at quadrant Q4', 0x0c: 'delta between import and export',
};
