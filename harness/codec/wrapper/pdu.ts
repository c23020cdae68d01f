/**
 * One wrapper PDU of the DLMS/COSEM TCP-UDP profile (IEC 62056-47; Green Book, "the wrapper sub-layer"): an
 * 8-octet header — version (0x0001), source wPort, destination wPort, length of the APDU that follows — all
 * big-endian, then the APDU. The wPorts carry the client/server SAPs. Over UDP one datagram is one PDU; over
 * TCP the length field is the only delimiter (see stream.ts).
 */
import { WrapperError } from './errors.ts';

export const WRAPPER_VERSION = 0x0001;
export const WRAPPER_HEADER_LENGTH = 8;
/** Largest APDU the 16-bit length field can announce. */
export const WRAPPER_MAX_LENGTH = 0xffff;

export interface WrapperPdu {
  /** Always 1 in a decoded PDU (other versions are rejected); optional when encoding. */
  version?: number;
  srcWPort: number;
  dstWPort: number;
  apdu: Uint8Array;
}

export interface WrapperHeader {
  version: number;
  srcWPort: number;
  dstWPort: number;
  length: number;
}

export interface WrapperDecodeOptions {
  /** Largest APDU length accepted (default 65535); a larger length field is a `too-long` error. */
  maxLength?: number;
}

function u16(v: number | undefined, what: string): number {
  if (v === undefined || !Number.isInteger(v) || v < 0 || v > 0xffff) throw new WrapperError('bad-value', 0, `${what} ${String(v)} is not a 16-bit value`);
  return v;
}

export function wrapperEncode(p: WrapperPdu): Uint8Array {
  if (!(p.apdu instanceof Uint8Array)) throw new WrapperError('bad-value', 0, 'apdu must be a Uint8Array');
  if (p.apdu.length > WRAPPER_MAX_LENGTH) throw new WrapperError('too-long', 6, `APDU of ${p.apdu.length} octets does not fit the 16-bit length field`);
  const out = new Uint8Array(WRAPPER_HEADER_LENGTH + p.apdu.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, u16(p.version ?? WRAPPER_VERSION, 'version'));
  v.setUint16(2, u16(p.srcWPort, 'source wPort'));
  v.setUint16(4, u16(p.dstWPort, 'destination wPort'));
  v.setUint16(6, p.apdu.length);
  out.set(p.apdu, WRAPPER_HEADER_LENGTH);
  return out;
}

/**
 * Check a header at `b[pos..pos+8)`; `base` is added to error offsets (stream position of `b[0]`).
 * Version and length are checked before any body octet is awaited, so a bad stream fails early.
 */
export function wrapperHeaderDecode(b: Uint8Array, pos = 0, opts: WrapperDecodeOptions = {}, base = 0): WrapperHeader {
  if (b.length - pos < WRAPPER_HEADER_LENGTH) {
    throw new WrapperError('truncated', base + b.length, `wrapper header needs 8 octets, ${b.length - pos} present`);
  }
  const version = (b[pos]! << 8) | b[pos + 1]!;
  if (version !== WRAPPER_VERSION) throw new WrapperError('bad-version', base + pos, `wrapper version 0x${version.toString(16).padStart(4, '0')} is not 0x0001`);
  const length = (b[pos + 6]! << 8) | b[pos + 7]!;
  const max = opts.maxLength ?? WRAPPER_MAX_LENGTH;
  if (length > max) throw new WrapperError('too-long', base + pos + 6, `wrapper length ${length} exceeds the maximum ${max}`);
  return { version, srcWPort: (b[pos + 2]! << 8) | b[pos + 3]!, dstWPort: (b[pos + 4]! << 8) | b[pos + 5]!, length };
}

/** Decode exactly one PDU (a UDP datagram): header, then exactly `length` APDU octets. */
export function wrapperDecode(b: Uint8Array, opts: WrapperDecodeOptions = {}): WrapperPdu & { version: number } {
  const h = wrapperHeaderDecode(b, 0, opts);
  const have = b.length - WRAPPER_HEADER_LENGTH;
  if (have < h.length) throw new WrapperError('truncated', b.length, `wrapper length says ${h.length} APDU octets, ${have} present`);
  if (have > h.length) throw new WrapperError('length-mismatch', WRAPPER_HEADER_LENGTH + h.length, `${have - h.length} octets after the ${h.length}-octet APDU`);
  return { version: h.version, srcWPort: h.srcWPort, dstWPort: h.dstWPort, apdu: b.slice(WRAPPER_HEADER_LENGTH) };
}

/**
 * Reserved wPort numbers (Green Book, wrapper port numbers): the same number means different things on the
 * client and on the server side, so both readings are given.
 */
export function wrapperWPortNames(port: number): { client?: string; server?: string } {
  const client = ({ 0x0000: 'no-station', 0x0001: 'client-management-process', 0x0010: 'public-client' } as Record<number, string>)[port];
  const server = ({ 0x0000: 'no-station', 0x0001: 'management-logical-device', 0x007f: 'all-station' } as Record<number, string>)[port];
  return { ...(client ? { client } : {}), ...(server ? { server } : {}) };
}
