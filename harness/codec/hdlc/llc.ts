/**
 * LLC sub-layer header carried at the start of the information field of I and UI frames (Green Book, LLC
 * sub-layer of the HDLC-based profile): destination LSAP 0xE6, source LSAP 0xE6 for a command (client → server)
 * or 0xE7 for a response (server → client), LLC quality 0x00. Only the first segment of a segmented APDU
 * carries it.
 */
import { HdlcError } from './errors.ts';

export type HdlcLlcRole = 'command' | 'response';

export const HDLC_LLC_COMMAND = Uint8Array.of(0xe6, 0xe6, 0x00);
export const HDLC_LLC_RESPONSE = Uint8Array.of(0xe6, 0xe7, 0x00);

export function hdlcLlcEncode(apdu: Uint8Array, role: HdlcLlcRole): Uint8Array {
  const out = new Uint8Array(3 + apdu.length);
  out.set(role === 'command' ? HDLC_LLC_COMMAND : HDLC_LLC_RESPONSE, 0);
  out.set(apdu, 3);
  return out;
}

/** The LLC role of an information field, or undefined when it does not start with an LLC header. */
export function hdlcLlcRole(info: Uint8Array): HdlcLlcRole | undefined {
  if (info.length < 3 || info[0] !== 0xe6 || info[2] !== 0x00) return undefined;
  if (info[1] === 0xe6) return 'command';
  if (info[1] === 0xe7) return 'response';
  return undefined;
}

/** Split an information field into LLC role and APDU; throws `bad-llc` when the header is absent or wrong. */
export function hdlcLlcDecode(info: Uint8Array, base = 0): { role: HdlcLlcRole; apdu: Uint8Array } {
  if (info.length < 3) throw new HdlcError('bad-llc', base + info.length, 'information field shorter than the 3-octet LLC header');
  if (info[0] !== 0xe6) throw new HdlcError('bad-llc', base, `destination LSAP 0x${info[0]!.toString(16)} is not 0xE6`);
  if (info[1] !== 0xe6 && info[1] !== 0xe7) throw new HdlcError('bad-llc', base + 1, `source LSAP 0x${info[1]!.toString(16)} is not 0xE6/0xE7`);
  if (info[2] !== 0x00) throw new HdlcError('bad-llc', base + 2, `LLC quality 0x${info[2]!.toString(16)} is not 0x00`);
  return { role: info[1] === 0xe6 ? 'command' : 'response', apdu: info.slice(3) };
}

/**
 * FRMR information field, modulo-8 layout of ISO/IEC 13239 (bit 1 = least significant bit): octet 1 is the
 * rejected control field; octet 2 holds V(S) in bits 2-4, C/R in bit 5, V(R) in bits 6-8; octet 3 holds the
 * reason bits W (undefined control), X (information not permitted), Y (information too long), Z (invalid N(R)).
 * Returns undefined when the field is not 3 octets (IEC 62056-46 leaves the FRMR information optional).
 */
export interface HdlcFrmrInfo {
  rejectedControl: number;
  vs: number;
  cr: boolean;
  vr: number;
  w: boolean;
  x: boolean;
  y: boolean;
  z: boolean;
}

export function hdlcFrmrInfoDecode(info: Uint8Array): HdlcFrmrInfo | undefined {
  if (info.length !== 3) return undefined;
  const o2 = info[1]!;
  const o3 = info[2]!;
  return {
    rejectedControl: info[0]!,
    vs: (o2 >>> 1) & 7,
    cr: (o2 & 0x10) !== 0,
    vr: o2 >>> 5,
    w: (o3 & 1) !== 0,
    x: (o3 & 2) !== 0,
    y: (o3 & 4) !== 0,
    z: (o3 & 8) !== 0,
  };
}

export function hdlcFrmrInfoEncode(f: HdlcFrmrInfo): Uint8Array {
  return Uint8Array.of(
    f.rejectedControl & 0xff,
    ((f.vs & 7) << 1) | (f.cr ? 0x10 : 0) | ((f.vr & 7) << 5),
    (f.w ? 1 : 0) | (f.x ? 2 : 0) | (f.y ? 4 : 0) | (f.z ? 8 : 0),
  );
}
