/**
 * CRC-16/ARC as used by the DSMR P1 telegram: polynomial x^16 + x^15 + x^2 + 1 (0x8005, processed
 * reflected as 0xA001), initial value 0, no final XOR, computed over every byte from the header's `/`
 * up to and including the `!`, written as 4 hex digits, most significant nibble first.
 * DSMR P1 5.x/4.x §6.x CRC16, not in the seed release notes; digest §1.4.
 * Catalogue check value: CRC("123456789") = 0xBB3D.
 */

/** 256-entry table derived from the reflected polynomial (one shift-register pass per byte value). */
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-16/ARC of `bytes`; pass a previous result as `init` to continue over a split input. */
export function crc16Arc(bytes: Uint8Array, init = 0): number {
  let crc = init & 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Same CRC over a byte string (one char per byte, as the parser holds the telegram), chars [start, end). */
export function crc16ArcLatin1(s: string, start = 0, end = s.length, init = 0): number {
  let crc = init & 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ s.charCodeAt(i)) & 0xff]!;
  return crc;
}

/** 4 upper-case hex digits, most significant nibble first (the P1 representation). */
export function crc16Hex(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}
