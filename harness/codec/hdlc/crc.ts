/**
 * HCS/FCS of IEC 62056-46 frames: the 16-bit FCS of ISO/IEC 13239 (CRC-16/X-25: polynomial 0x1021 processed
 * bit-reflected as 0x8408, initial value 0xFFFF, final complement). IEC 62056-46 HCS and FCS fields (Green
 * Book §8.4.1): the two check octets go on the line least significant octet first.
 */
const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-16/X-25 over `bytes[start, end)`; check value over ASCII "123456789" is 0x906E. */
export function hdlcCrc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffff;
  for (let i = start; i < end; i++) c = (c >>> 8) ^ TABLE[(c ^ bytes[i]!) & 0xff]!;
  return (c ^ 0xffff) & 0xffff;
}

/** Write the check sequence of `bytes[start, end)` at `bytes[end]`, `bytes[end + 1]` (low octet first). */
export function hdlcWriteCheck(bytes: Uint8Array, start: number, end: number): void {
  const c = hdlcCrc16(bytes, start, end);
  bytes[end] = c & 0xff;
  bytes[end + 1] = c >>> 8;
}

/** True when the two octets at `bytes[end]` hold the check sequence of `bytes[start, end)`. */
export function hdlcCheckOk(bytes: Uint8Array, start: number, end: number): boolean {
  const c = hdlcCrc16(bytes, start, end);
  return bytes[end] === (c & 0xff) && bytes[end + 1] === c >>> 8;
}
