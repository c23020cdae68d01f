/**
 * CRC-16 of EN 13757-4 (frame formats A and B): polynomial x^16+x^13+x^12+x^11+x^10+x^8+x^6+x^5+x^2+1
 * (0x3D65), initial value 0, no bit reflection, result complemented (XOR FFFF), sent high byte first.
 * Catalogue name CRC-16/EN-13757; check value over ASCII "123456789" = C2B7.
 */
const POLY = 0x3d65;

const TABLE = /* @__PURE__ */ (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ POLY) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

/** CRC over `bytes[start, end)`. */
export function crc16En13757(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!;
  return crc ^ 0xffff;
}
