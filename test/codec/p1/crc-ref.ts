/**
 * Reference CRCs for the P1 tests, written independently of harness/codec/p1/crc.ts: a plain bit-by-bit
 * shift register with the Rocksoft parameters (poly, init, reflect in/out, xorout), no table.
 * CRC-16/ARC is the P1 CRC (DSMR P1 5.x/4.x §6.x CRC16, not in the seed release notes; digest §1.4);
 * MODBUS and XMODEM are the look-alikes a broken meter might use (digest §4.1 dsmr-p1/crc/2–3).
 */
export interface CrcModel { poly: number; init: number; refin: boolean; refout: boolean; xorout: number }

export const ARC: CrcModel = { poly: 0x8005, init: 0x0000, refin: true, refout: true, xorout: 0 };
export const MODBUS: CrcModel = { poly: 0x8005, init: 0xffff, refin: true, refout: true, xorout: 0 };
export const XMODEM: CrcModel = { poly: 0x1021, init: 0x0000, refin: false, refout: false, xorout: 0 };

function reflect(v: number, bits: number): number {
  let r = 0;
  for (let i = 0; i < bits; i++) if (v & (1 << i)) r |= 1 << (bits - 1 - i);
  return r;
}

/** MSB-first register; reflected models feed each byte bit-reversed and reverse the result. */
export function crcRef(data: Uint8Array | string, m: CrcModel = ARC): number {
  const bytes = typeof data === 'string' ? Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff) : data;
  let reg = m.init;
  for (const byte of bytes) {
    reg ^= (m.refin ? reflect(byte, 8) : byte) << 8;
    for (let k = 0; k < 8; k++) reg = reg & 0x8000 ? ((reg << 1) ^ m.poly) & 0xffff : (reg << 1) & 0xffff;
  }
  return ((m.refout ? reflect(reg, 16) : reg) ^ m.xorout) & 0xffff;
}

/** Second ARC implementation, LSB-first with the reflected constant 0xA001 (as in p1_check.py). */
export function crcArcLsb(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff) : data;
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** CRC text for a telegram string: over `/` … `!` inclusive (the caller passes exactly that range). */
export const p1CrcOf = (covered: string): string => hex4(crcRef(covered, ARC));
