/**
 * Initialisation vectors of the two M-Bus AES-128-CBC modes. Bytes 0–7 are the M-Bus device's address in
 * link order: MAN (2, LE), ID (4 BCD, LSB first), VER, DEV — for frames in either direction, since the IV
 * always describes the device (DSMR-P2 §5.2; for E-meter → device frames the fields come from the Short ID
 * of the long header, reordered).
 *
 * - DSMR mode 15 (DSMR-P2 §5.2, Example 1 in §5.2.1): bytes 8–11 and 12–15 both hold the 32-bit frame
 *   counter of the clear `04 FD 08` record, least significant byte first.
 * - Mode 5 (EN 13757-3:2013 security mode 5, listed in EN 13757-7:2018 Table 19 as AES-CBC-128 with a
 *   non-zero IV; example OMS Vol. 2 Annex N.2.1): bytes 8–15 are the access number, eight times.
 */
import { type LinkAddress, linkAddressEncode } from '../../codec/wmbus/address.ts';
import { CodecError } from '../../codec/errors.ts';
import { MbusCryptoError } from './errors.ts';

function addressBytes(a: LinkAddress): Uint8Array {
  try {
    return linkAddressEncode(a);
  } catch (e) {
    if (e instanceof CodecError) throw new MbusCryptoError('bad-address', 0, `IV address fields: ${e.message}`);
    throw e;
  }
}

function check8(address: Uint8Array): void {
  if (address.length !== 8) throw new MbusCryptoError('bad-address', 0, `IV address part must be 8 bytes (MAN ID VER DEV), got ${address.length}`);
}

/** DSMR mode 15 IV from the 8 address bytes in link order. */
export function mode15IvFromAddress(address: Uint8Array, frameCounter: number): Uint8Array {
  check8(address);
  if (!Number.isInteger(frameCounter) || frameCounter < 0 || frameCounter > 0xffffffff) {
    throw new MbusCryptoError('frame-counter-range', 0, `frame counter must be a 32-bit unsigned integer, got ${frameCounter}`);
  }
  const iv = new Uint8Array(16);
  iv.set(address, 0);
  for (let i = 0; i < 4; i++) iv[8 + i] = iv[12 + i] = (frameCounter >>> (8 * i)) & 0xff;
  return iv;
}

/** Mode 5 IV from the 8 address bytes in link order. */
export function mode5IvFromAddress(address: Uint8Array, accessNumber: number): Uint8Array {
  check8(address);
  if (!Number.isInteger(accessNumber) || accessNumber < 0 || accessNumber > 0xff) {
    throw new MbusCryptoError('access-number-range', 0, `access number must be a byte, got ${accessNumber}`);
  }
  const iv = new Uint8Array(16).fill(accessNumber);
  iv.set(address, 0);
  return iv;
}

export function mode15Iv(args: LinkAddress & { frameCounter: number }): Uint8Array {
  return mode15IvFromAddress(addressBytes(args), args.frameCounter);
}

export function mode5Iv(args: LinkAddress & { accessNumber: number }): Uint8Array {
  return mode5IvFromAddress(addressBytes(args), args.accessNumber);
}
