/**
 * Test-side reference code, written independently of harness/codec/hdlc: a bit-serial CRC-16/X-25 computed the
 * "non-reflected" way (each octet bit-reversed, polynomial 0x1021 shifted MSB-first, result bit-reversed and
 * complemented) and helpers to turn decoded frames into the JSON shape of vectors/hdlc.json.
 */
import { bytesToHex } from '../../../harness/codec/bytes.ts';
import type { HdlcFrame } from '../../../harness/codec/hdlc/index.ts';

const rev8 = (v: number): number => {
  let r = 0;
  for (let i = 0; i < 8; i++) if (v & (1 << i)) r |= 0x80 >>> i;
  return r;
};
const rev16 = (v: number): number => (rev8(v & 0xff) << 8) | rev8(v >>> 8);

/** CRC-16/X-25 (ISO/IEC 13239 FCS-16); check value 0x906E for "123456789". */
export function refCrc16(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= rev8(byte) << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return rev16(crc) ^ 0xffff;
}

/** Verify HCS (when an information field exists) and FCS of a flagged frame with the reference CRC. */
export function refChecksOk(frame: Uint8Array): boolean {
  const len = ((frame[1]! & 7) << 8) | frame[2]!;
  const fcsAt = len - 1;
  const fcs = refCrc16(frame.subarray(1, fcsAt));
  if (frame[fcsAt] !== (fcs & 0xff) || frame[fcsAt + 1] !== fcs >>> 8) return false;
  // header end: walk both addresses by their extension bits, then the control octet
  let p = 3;
  for (let k = 0; k < 2; k++) while ((frame[p++]! & 1) === 0);
  const headerEnd = p + 1;
  if (headerEnd === fcsAt) return true;
  const hcs = refCrc16(frame.subarray(1, headerEnd));
  return frame[headerEnd] === (hcs & 0xff) && frame[headerEnd + 1] === hcs >>> 8;
}

/** The JSON shape used by vectors/hdlc.json for a decoded frame (without the derived extras). */
export function frameToJson(f: HdlcFrame): Record<string, unknown> {
  return {
    segmented: f.segmented,
    destination: { ...f.destination },
    source: { ...f.source },
    control: { ...f.control },
    info: bytesToHex(f.info),
  };
}
