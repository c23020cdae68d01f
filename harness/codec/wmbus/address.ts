/**
 * Link-layer address fields of wireless M-Bus (DSMR-P2 §3.2.3, §3.2.4; EN 13757-3 for the codings).
 *
 * On the wire after L and C: M (manufacturer, 2 bytes little endian) then A (6 bytes: ID as 4 BCD bytes
 * least significant first, VER, DEV). The DSMR "Short ID" in the long application header carries the same
 * fields in another order — ID, MAN, VER, DEV (DSMR-P2 §4.2.2 notes that MAN and ID are swapped) — so the
 * two orders get separate encoders here. The 8 bytes M ‖ A are also bytes 0–7 of the mode 5 and mode 15
 * IVs (DSMR-P2 §5.2).
 */
import { WmbusError } from './errors.ts';

export interface LinkAddress {
  /** Three letters, EN 13757-3 manufacturer code ('NET'). */
  manufacturer: string;
  /** Identification number as 8 digits, most significant first ('23456789'); hex digits if not BCD. */
  id: string;
  /** VER field (DSMR: compliance level, 42h = 4.2, DSMR-P2 §4.2.3). */
  version: number;
  /** DEV field: device type / medium (EN 13757-3 code, 03h = gas). */
  medium: number;
}

/** Pack three letters into the 15-bit manufacturer code: each letter minus 64 in 5 bits, first letter highest. */
export function manufacturerEncode(code: string): number {
  if (code.length !== 3) throw new WmbusError('bad-manufacturer', 0, `manufacturer must be 3 letters, got ${JSON.stringify(code)}`);
  let v = 0;
  for (let i = 0; i < 3; i++) {
    const ch = code.charCodeAt(i);
    // 0x40..0x5F covers the 5-bit values 0..31 ('@', 'A'..'Z', '[' .. '_'); only A..Z are assigned codes.
    if (ch < 0x40 || ch > 0x5f) throw new WmbusError('bad-manufacturer', 0, `manufacturer letter ${JSON.stringify(code[i])} is not A-Z`);
    v = (v << 5) | (ch - 0x40);
  }
  return v;
}

/** Unpack the manufacturer code (low 15 bits); values outside 1..26 show as '@' or '[' .. '_'. */
export function manufacturerDecode(m: number): string {
  return String.fromCharCode(0x40 + ((m >>> 10) & 0x1f), 0x40 + ((m >>> 5) & 0x1f), 0x40 + (m & 0x1f));
}

/** ID field: 8 digits → 4 bytes, least significant byte first (BCD; hex digits accepted for non-BCD IDs). */
export function idEncode(id: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{8}$/.test(id)) throw new WmbusError('bad-id', 0, `identification number must be 8 digits, got ${JSON.stringify(id)}`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) out[3 - i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function idDecode(b: Uint8Array, offset = 0): string {
  let s = '';
  for (let i = 3; i >= 0; i--) s += (b[offset + i] ?? 0).toString(16).padStart(2, '0').toUpperCase();
  return s;
}

function byteField(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new WmbusError('bad-field', 0, `${name} must be a byte, got ${v}`);
  return v;
}

/** M ‖ A as sent by a wireless device: MAN(2, LE) ID(4) VER DEV — also IV bytes 0–7 (DSMR-P2 §5.2). */
export function linkAddressEncode(a: LinkAddress): Uint8Array {
  const m = manufacturerEncode(a.manufacturer);
  const out = new Uint8Array(8);
  out[0] = m & 0xff;
  out[1] = m >>> 8;
  out.set(idEncode(a.id), 2);
  out[6] = byteField(a.version, 'version');
  out[7] = byteField(a.medium, 'medium');
  return out;
}

export function linkAddressDecode(b: Uint8Array, offset = 0): LinkAddress {
  if (b.length < offset + 8) throw new WmbusError('too-short', b.length, `link address needs 8 bytes at offset ${offset}`);
  return {
    manufacturer: manufacturerDecode(b[offset]! | (b[offset + 1]! << 8)),
    id: idDecode(b, offset + 2),
    version: b[offset + 6]!,
    medium: b[offset + 7]!,
  };
}

/** DSMR Short ID order: ID(4) MAN(2) VER DEV (DSMR-P2 §4.2.2). */
export function shortIdEncode(a: LinkAddress): Uint8Array {
  const lla = linkAddressEncode(a);
  return Uint8Array.from([lla[2]!, lla[3]!, lla[4]!, lla[5]!, lla[0]!, lla[1]!, lla[6]!, lla[7]!]);
}

export function shortIdDecode(b: Uint8Array, offset = 0): LinkAddress {
  if (b.length < offset + 8) throw new WmbusError('too-short', b.length, `Short ID needs 8 bytes at offset ${offset}`);
  const o = offset;
  return linkAddressDecode(Uint8Array.from([b[o + 4]!, b[o + 5]!, b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 6]!, b[o + 7]!]));
}

/** Device type (medium) names, EN 13757-3 device type table (codes DSMR uses: 02h, 03h, 07h, 0Dh). */
const MEDIUM_NAMES: Record<number, string> = {
  0x00: 'other', 0x01: 'oil', 0x02: 'electricity', 0x03: 'gas', 0x04: 'heat (outlet)', 0x05: 'steam',
  0x06: 'warm water', 0x07: 'water', 0x08: 'heat cost allocator', 0x09: 'compressed air',
  0x0a: 'cooling (outlet)', 0x0b: 'cooling (inlet)', 0x0c: 'heat (inlet)', 0x0d: 'heat/cooling',
  0x0e: 'bus/system component', 0x0f: 'unknown medium', 0x15: 'hot water', 0x16: 'cold water',
  0x17: 'dual register water', 0x18: 'pressure', 0x19: 'A/D converter', 0x1a: 'smoke detector',
  0x1b: 'room sensor', 0x1c: 'gas detector', 0x20: 'breaker (electricity)', 0x21: 'valve (gas or water)',
  0x25: 'customer unit', 0x28: 'waste water', 0x29: 'garbage', 0x2a: 'carbon dioxide',
  0x31: 'communication controller', 0x32: 'unidirectional repeater', 0x33: 'bidirectional repeater',
  0x36: 'radio converter (system side)', 0x37: 'radio converter (meter side)',
};

export function mediumName(dev: number): string | null {
  return MEDIUM_NAMES[dev] ?? null;
}
