/**
 * EN 13757-3 data headers (DSMR-P2 §4.2): the short header (ACC, ST, CW) and the long header
 * (ID, MAN, VER, DEV = the "Short ID" of DSMR-P2 §4.2.2, then ACC, ST, CW). Manufacturer letters,
 * BCD identification numbers, device types (media), the status byte and the configuration word.
 */
import { MbusError } from './errors.ts';

/** Three letters packed 5 bits each, value = c1·1024 + c2·32 + c3 with letter = ASCII − 64 (EN 13757-3 §5.6, DSMR-P2 §3.2.3). */
export function mbusManufacturerDecode(code: number): string {
  const ch = (v: number): string => String.fromCharCode(64 + (v & 0x1f));
  return ch(code >> 10) + ch(code >> 5) + ch(code);
}

/**
 * Inverse of mbusManufacturerDecode. Only A–Z are assigned codes, but '@' and '[', '\\', ']', '^', '_'
 * (5-bit values 0 and 27–31) are accepted so that every 15-bit field a decoder printed can be re-encoded.
 */
export function mbusManufacturerEncode(letters: string): number {
  if (!/^[@-_]{3}$/.test(letters)) throw new MbusError('bad-manufacturer', 0, `manufacturer must be three capital letters, got ${JSON.stringify(letters)}`);
  return ((letters.charCodeAt(0) - 64) << 10) | ((letters.charCodeAt(1) - 64) << 5) | (letters.charCodeAt(2) - 64);
}

/** True when all three 5-bit groups are letters A–Z and bit 15 is clear. */
export const mbusManufacturerIsLetters = (code: number): boolean =>
  code < 0x8000 && [code >> 10, code >> 5, code].every((v) => (v & 0x1f) >= 1 && (v & 0x1f) <= 26);

/** Identification number: 4 bytes BCD, least significant byte first, printed as 8 digits (EN 13757-3 §5.4). */
export function mbusIdDecode(b: Uint8Array, off = 0): string {
  let s = '';
  for (let i = 3; i >= 0; i--) s += (b[off + i] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return s;
}

export const mbusIdIsBcd = (id: string): boolean => /^[0-9]{8}$/.test(id);

/** Encode 8 digits (or hex nibbles, e.g. F wildcards for selection) into 4 bytes LSB first. */
export function mbusIdEncode(id: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{8}$/.test(id)) throw new MbusError('bad-id', 0, `identification must be 8 digits, got ${JSON.stringify(id)}`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) out[3 - i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Device type / medium (EN 13757-3 Table 3). DSMR-P2 uses gas 03h, water 07h, heat/cooling 0Dh, electricity 02h. */
const MEDIUM: Record<number, string> = {
  0x00: 'other', 0x01: 'oil', 0x02: 'electricity', 0x03: 'gas', 0x04: 'heat (volume measured at return temperature: outlet)',
  0x05: 'steam', 0x06: 'warm water (30 °C … 90 °C)', 0x07: 'water', 0x08: 'heat cost allocator', 0x09: 'compressed air',
  0x0a: 'cooling load meter (volume measured at return temperature: outlet)', 0x0b: 'cooling load meter (volume measured at flow temperature: inlet)',
  0x0c: 'heat (volume measured at flow temperature: inlet)', 0x0d: 'heat / cooling load meter', 0x0e: 'bus / system component',
  0x0f: 'unknown medium', 0x15: 'hot water (≥ 90 °C)', 0x16: 'cold water', 0x17: 'dual register (hot/cold) water meter',
  0x18: 'pressure', 0x19: 'A/D converter', 0x1a: 'smoke detector', 0x1b: 'room sensor', 0x1c: 'gas detector',
  0x20: 'breaker (electricity)', 0x21: 'valve (gas or water)', 0x25: 'customer unit (display device)', 0x28: 'waste water',
  0x29: 'garbage', 0x36: 'radio converter (system side)', 0x37: 'radio converter (meter side)',
};

export const mbusMediumName = (m: number): string => MEDIUM[m] ?? 'reserved';
export const mbusMediumKnown = (m: number): boolean => m in MEDIUM;

/** Header status byte (EN 13757-3 §5.9 / Table 6): DSMR-P2 §4.2.5 sets it to 0 and carries status in `01 FD 17`. */
export interface MbusStatus {
  value: number;
  applicationError: 'none' | 'busy' | 'error' | 'abnormal';
  powerLow: boolean;
  permanentError: boolean;
  temporaryError: boolean;
  /** Bits 5–7: manufacturer specific. */
  manufacturerBits: number;
}

export function mbusStatusDecode(st: number): MbusStatus {
  return {
    value: st,
    applicationError: (['none', 'busy', 'error', 'abnormal'] as const)[st & 3]!,
    powerLow: (st & 0x04) !== 0,
    permanentError: (st & 0x08) !== 0,
    temporaryError: (st & 0x10) !== 0,
    manufacturerBits: st >> 5,
  };
}

/** Configuration word, 16 bits sent low byte first (DSMR-P2 §4.2.6 and §5.1; EN 13757-3 §5.10). */
export interface MbusConfig {
  value: number;
  /** B, bit 15: bidirectional communication. */
  bidirectional: boolean;
  /** A, bit 14: accessibility (with B: limited access when B = 1, A = 0, DSMR-P2 §3.2.5). */
  accessibility: boolean;
  /** S, bit 13: synchronous transmission. */
  synchronous: boolean;
  /** Bit 12: reserved, 0. */
  reserved: boolean;
  /** MMMM, bits 11–8: encryption method code (0 none, 5 EN 13757-3 AES-CBC, 15 DSMR AES-CBC with frame-counter IV). */
  mode: number;
  /** NNNN, bits 7–4: number of encrypted 16-byte blocks. */
  blocks: number;
  /** CC, bits 3–2: content of telegram. */
  content: number;
  /** HH, bits 1–0: hop counter. */
  hopCount: number;
}

export function mbusConfigDecode(cw: number): MbusConfig {
  return {
    value: cw,
    bidirectional: (cw & 0x8000) !== 0,
    accessibility: (cw & 0x4000) !== 0,
    synchronous: (cw & 0x2000) !== 0,
    reserved: (cw & 0x1000) !== 0,
    mode: (cw >> 8) & 0x0f,
    blocks: (cw >> 4) & 0x0f,
    content: (cw >> 2) & 0x03,
    hopCount: cw & 0x03,
  };
}

export function mbusConfigEncode(c: Partial<Omit<MbusConfig, 'value'>>): number {
  const field = (v: number | undefined, max: number, name: string): number => {
    const x = v ?? 0;
    if (!Number.isInteger(x) || x < 0 || x > max) throw new MbusError('bad-field', 0, `${name} must be 0…${max}, got ${x}`);
    return x;
  };
  return (
    (c.bidirectional ? 0x8000 : 0) | (c.accessibility ? 0x4000 : 0) | (c.synchronous ? 0x2000 : 0) | (c.reserved ? 0x1000 : 0) |
    (field(c.mode, 15, 'mode') << 8) | (field(c.blocks, 15, 'blocks') << 4) | (field(c.content, 3, 'content') << 2) | field(c.hopCount, 3, 'hopCount')
  );
}

export interface MbusShortHeader {
  form: 'short';
  accessNumber: number;
  status: number;
  configWord: number;
}

export interface MbusLongHeader {
  form: 'long';
  /** 8 printed digits (hex nibbles if the BCD is not valid). */
  id: string;
  manufacturer: string;
  manufacturerCode: number;
  version: number;
  medium: number;
  accessNumber: number;
  status: number;
  configWord: number;
}

export type MbusHeader = MbusShortHeader | MbusLongHeader;

export const MBUS_SHORT_HEADER_LEN = 4;
export const MBUS_LONG_HEADER_LEN = 12;

export function mbusHeaderDecode(form: 'short' | 'long', b: Uint8Array, off: number): MbusHeader {
  const len = form === 'short' ? MBUS_SHORT_HEADER_LEN : MBUS_LONG_HEADER_LEN;
  if (b.length - off < len) throw new MbusError('truncated-header', b.length, `${form} header needs ${len} bytes, ${b.length - off} left`);
  const tail = (o: number) => ({ accessNumber: b[o]!, status: b[o + 1]!, configWord: b[o + 2]! | (b[o + 3]! << 8) });
  if (form === 'short') return { form, ...tail(off) };
  const code = b[off + 4]! | (b[off + 5]! << 8);
  return { form, id: mbusIdDecode(b, off), manufacturer: mbusManufacturerDecode(code), manufacturerCode: code, version: b[off + 6]!, medium: b[off + 7]!, ...tail(off + 8) };
}

export function mbusHeaderEncode(h: MbusHeader): Uint8Array {
  for (const [k, v] of [['accessNumber', h.accessNumber], ['status', h.status]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new MbusError('bad-field', 0, `${k} must be a byte`);
  }
  if (!Number.isInteger(h.configWord) || h.configWord < 0 || h.configWord > 0xffff) throw new MbusError('bad-field', 0, 'configWord must be 16 bits');
  const tail = [h.accessNumber, h.status, h.configWord & 0xff, h.configWord >> 8];
  if (h.form === 'short') return Uint8Array.from(tail);
  if (!Number.isInteger(h.manufacturerCode) || h.manufacturerCode < 0 || h.manufacturerCode > 0xffff) throw new MbusError('bad-field', 0, 'manufacturerCode must be 16 bits');
  return Uint8Array.from([...mbusIdEncode(h.id), h.manufacturerCode & 0xff, h.manufacturerCode >> 8, h.version & 0xff, h.medium & 0xff, ...tail]);
}

/** The 8 identity bytes in link/IV order MAN, ID, VER, DEV (DSMR-P2 §3.2.4, §5.2). */
export interface MbusIdentity {
  manufacturer: string;
  id: string;
  version: number;
  medium: number;
}

export function mbusIdentityBytes(x: MbusIdentity | MbusLongHeader): Uint8Array {
  const code = 'manufacturerCode' in x ? x.manufacturerCode : mbusManufacturerEncode(x.manufacturer);
  return Uint8Array.from([code & 0xff, code >> 8, ...mbusIdEncode(x.id), x.version & 0xff, x.medium & 0xff]);
}
