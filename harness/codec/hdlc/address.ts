/**
 * HDLC address fields (IEC 62056-46 address fields; Green Book, HDLC addressing). Each address octet carries 7 address
 * bits above an extension bit (bit 0): 0 = another address octet follows, 1 = last octet. A client address is
 * one octet; a server address is one octet (upper address only), two octets (7-bit upper + 7-bit lower) or
 * four octets (14-bit upper + 14-bit lower). Three-octet and longer-than-four addresses do not exist.
 */
import { HdlcError } from './errors.ts';

export type HdlcAddressSize = 1 | 2 | 4;

/**
 * One address field. `upper` is the only part of a one-octet address (the client SAP, or the server's logical
 * device); `lower` is the server's physical address and exists for 2- and 4-octet addresses.
 */
export interface HdlcAddress {
  size: HdlcAddressSize;
  upper: number;
  lower?: number;
}

/** The one-octet address of a client SAP (IEC 62056-46: client addresses are always one octet). */
export function hdlcClientAddress(sap: number): HdlcAddress {
  return { size: 1, upper: sap };
}

/** A server address; without `lower` the one-octet form, else the shortest of 2/4 octets unless `size` says. */
export function hdlcServerAddress(upper: number, lower?: number, size?: HdlcAddressSize): HdlcAddress {
  if (lower === undefined) return { size: 1, upper };
  return { size: size ?? (upper <= 0x7f && lower <= 0x7f ? 2 : 4), upper, lower };
}

function checkRange(v: number | undefined, max: number, what: string): number {
  if (v === undefined || !Number.isInteger(v) || v < 0 || v > max) {
    throw new HdlcError('bad-value', 0, `${what} ${String(v)} is outside 0..${max}`);
  }
  return v;
}

/** Write the address octets at `out[pos]`; returns the next position. */
export function hdlcAddressWrite(a: HdlcAddress, out: Uint8Array, pos: number): number {
  if (a.size === 1) {
    if (a.lower !== undefined) throw new HdlcError('bad-value', 0, 'a one-octet HDLC address has no lower part');
    out[pos] = (checkRange(a.upper, 0x7f, 'upper HDLC address') << 1) | 1;
    return pos + 1;
  }
  if (a.size === 2) {
    out[pos] = checkRange(a.upper, 0x7f, 'upper HDLC address') << 1;
    out[pos + 1] = (checkRange(a.lower, 0x7f, 'lower HDLC address') << 1) | 1;
    return pos + 2;
  }
  if (a.size === 4) {
    const u = checkRange(a.upper, 0x3fff, 'upper HDLC address');
    const l = checkRange(a.lower, 0x3fff, 'lower HDLC address');
    out[pos] = (u >>> 7) << 1;
    out[pos + 1] = (u & 0x7f) << 1;
    out[pos + 2] = (l >>> 7) << 1;
    out[pos + 3] = ((l & 0x7f) << 1) | 1;
    return pos + 4;
  }
  throw new HdlcError('bad-value', 0, `HDLC address size ${String((a as { size: unknown }).size)} is not 1, 2 or 4`);
}

/** Encode one address to fresh bytes. */
export function hdlcAddressEncode(a: HdlcAddress): Uint8Array {
  const out = new Uint8Array(a.size);
  hdlcAddressWrite(a, out, 0);
  return out;
}

/**
 * Read an address starting at `pos`, not reading at or beyond `limit`. Returns the address and the position
 * after it, or `undefined` when the bytes end before the terminating octet (and `limit` is the buffer end, so
 * more bytes could still come). Throws `bad-address` for a 3-octet or over-long address.
 */
export function hdlcAddressRead(
  b: Uint8Array,
  pos: number,
  limit: number,
  more = false,
): { address: HdlcAddress; next: number } | undefined {
  let n = 0;
  for (;;) {
    if (pos + n >= limit) {
      if (more) return undefined;
      throw new HdlcError('bad-address', pos, 'address field runs past the end of the frame header');
    }
    const last = (b[pos + n]! & 1) === 1;
    n++;
    if (last) break;
    if (n >= 4) throw new HdlcError('bad-address', pos, 'address field longer than 4 octets');
  }
  if (n === 3) throw new HdlcError('bad-address', pos, 'a 3-octet HDLC address is not allowed (1, 2 or 4 only)');
  if (n === 1) return { address: { size: 1, upper: b[pos]! >>> 1 }, next: pos + 1 };
  if (n === 2) return { address: { size: 2, upper: b[pos]! >>> 1, lower: b[pos + 1]! >>> 1 }, next: pos + 2 };
  return {
    address: { size: 4, upper: ((b[pos]! >>> 1) << 7) | (b[pos + 1]! >>> 1), lower: ((b[pos + 2]! >>> 1) << 7) | (b[pos + 3]! >>> 1) },
    next: pos + 4,
  };
}

/**
 * Reserved address values (Green Book "Reserved special HDLC addresses"): names for the client role and for
 * the server's upper (logical device) and lower (physical device) parts. Values not listed are ordinary SAPs.
 */
export function hdlcClientAddressName(v: number): string | undefined {
  return ({ 0x00: 'no-station', 0x01: 'client-management-process', 0x10: 'public-client', 0x7f: 'all-station' } as Record<number, string>)[v];
}

export function hdlcUpperAddressName(v: number, size: HdlcAddressSize): string | undefined {
  if (v === 0x00) return 'no-station';
  if (v === 0x01) return 'management-logical-device';
  if ((size === 4 && v === 0x3fff) || (size !== 4 && v === 0x7f)) return 'all-station';
  if (v >= 0x02 && v <= 0x0f) return 'reserved';
  return undefined;
}

export function hdlcLowerAddressName(v: number, size: HdlcAddressSize): string | undefined {
  if (v === 0x00) return 'no-station';
  if (v >= 0x01 && v <= 0x0f) return 'reserved';
  if ((size === 4 && v === 0x3ffe) || (size === 2 && v === 0x7e)) return 'calling-physical-device';
  if ((size === 4 && v === 0x3fff) || (size === 2 && v === 0x7f)) return 'all-station';
  return undefined;
}
