/**
 * The simulator's own CRC-16 computations: the correct P1 CRC (CRC-16/ARC: polynomial 0x8005 processed
 * reflected as 0xA001, init 0, no final XOR, over `/` … `!` inclusive [ext DSMR P1; digest §1.4]) and the
 * wrong variants the CRC fault switches emit. Kept apart from the codec on purpose: a simulator that
 * reused the checker's CRC could not show that the checker is right.
 */

function toBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 0xff);
  return out;
}

/** Bit-serial CRC-16, reflected (LSB first) with constant 0xA001. */
export function crcArc(text: string, init = 0): number {
  let crc = init;
  for (const b of toBytes(text)) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc & 0xffff;
}

/** CRC-16/XMODEM: polynomial 0x1021, MSB first, init 0 — the "CCITT" confusion of p1.crc.ccitt-1021. */
export function crcXmodem(text: string): number {
  let crc = 0;
  for (const b of toBytes(text)) {
    crc ^= b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/**
 * The 4 CRC characters written after `!` for a telegram whose bytes from `/` up to and including `!`
 * are `covered`, under the active fault switches.
 */
export function crcDigits(covered: string, faults: ReadonlySet<string>): string {
  let basis = covered;
  if (faults.has('p1.crc.exclude-bang')) basis = basis.slice(0, -1);
  if (faults.has('p1.crc.lf-basis')) basis = basis.replace(/\r\n/g, '\n');
  let crc: number;
  if (faults.has('p1.crc.ccitt-1021')) crc = crcXmodem(basis);
  else crc = crcArc(basis, faults.has('p1.crc.init-ffff') ? 0xffff : 0);
  if (faults.has('p1.crc.byte-swap')) crc = ((crc & 0xff) << 8) | (crc >>> 8);
  const s = hex4(crc);
  return faults.has('p1.crc.lowercase') ? s.toLowerCase() : s;
}
