/**
 * CRC checks of received telegrams: the codec's CRC-16/ARC verdict (digest §1.4), plus a diagnosis that
 * names the usual wrong variant when the stated CRC does not match — a failure report that says
 * "CRC-16/MODBUS (init 0xFFFF)" is worth more than "mismatch".
 */
import { crc16Arc } from '../../../harness/codec/p1/index.ts';
import type { P1Received } from '../../../harness/roles/p1-reader.ts';
import type { P1Ctx } from './p1.ts';

function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** CRC-16/XMODEM (poly 0x1021, MSB first, init 0): only to recognise the CCITT confusion. */
function xmodem(b: Uint8Array): number {
  let crc = 0;
  for (const x of b) {
    crc ^= x << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** Which known mistake reproduces `stated` for this telegram, if any. */
export function crcDiagnosis(r: P1Received): string {
  const stated = r.telegram.crc.stated?.toUpperCase();
  if (!stated) return 'no CRC stated';
  const bang = r.text.lastIndexOf('!');
  const covered = r.text.slice(0, bang + 1);
  const arc = crc16Arc(bytesOf(covered));
  const candidates: [string, number][] = [
    ['CRC computed without the `!`', crc16Arc(bytesOf(covered.slice(0, -1)))],
    ['initial value 0xFFFF (CRC-16/MODBUS)', crc16Arc(bytesOf(covered), 0xffff)],
    ['CCITT polynomial 0x1021 (CRC-16/XMODEM)', xmodem(bytesOf(covered))],
    ['CRC printed low byte first', ((arc & 0xff) << 8) | (arc >>> 8)],
    ['CRC computed over LF line ends instead of the CR LF sent', crc16Arc(bytesOf(covered.replace(/\r\n/g, '\n')))],
  ];
  const hit = candidates.find(([, v]) => hex4(v) === stated);
  return hit ? `stated CRC matches: ${hit[0]}` : 'stated CRC matches none of the usual mistakes (a stale or corrupted CRC?)';
}

/** Every telegram's stated CRC equals CRC-16/ARC over `/` … `!` (case-insensitive, digest §5 A33). */
export function expectCrcValid(ctx: P1Ctx, rs: P1Received[]): void {
  rs.forEach((r, i) => {
    const c = r.telegram.crc;
    if (c.valid !== true) ctx.fail(`CRC of telegram ${i + 1} (${crcDiagnosis(r)})`, c.computed, c.stated);
  });
}
