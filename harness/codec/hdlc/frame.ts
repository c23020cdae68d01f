/**
 * One HDLC frame of frame format type 3 (IEC 62056-46; Green Book §8.4.1; ISO/IEC 13239 Annex H.4):
 *
 *   7E | format (2) | destination (1/2/4) | source (1/2/4) | control | [HCS (2) | information] | FCS (2) | 7E
 *
 * The format field is 1010 (type 3) · S (segmentation) · 11-bit frame length; the length counts every octet
 * between the two flags. The HCS covers format..control and exists only when an information field follows;
 * the FCS covers format..information. Frames are delimited by their length, so no octet stuffing is applied
 * (an 0x7E inside a frame is data): IEC 62056-46 relies on the length sub-field, not on transparency, and
 * captured meter frames carry raw 0x7E octets in their length, information and FCS fields (see vectors/hdlc.json).
 */
import { HdlcError } from './errors.ts';
import { type HdlcAddress, hdlcAddressRead, hdlcAddressWrite } from './address.ts';
import { type HdlcControl, hdlcControlDecode, hdlcControlEncode } from './control.ts';
import { hdlcCheckOk, hdlcCrc16, hdlcWriteCheck } from './crc.ts';

export const HDLC_FLAG = 0x7e;
/** Format type 3 in the upper nibble of the first format octet. */
export const HDLC_FORMAT_TYPE = 0xa;
/** Largest value of the 11-bit frame length sub-field. */
export const HDLC_MAX_FRAME_LENGTH = 0x7ff;
/** Shortest possible frame length: format 2 + one-octet addresses 2 + control 1 + FCS 2. */
export const HDLC_MIN_FRAME_LENGTH = 7;

export interface HdlcFrame {
  /** Segmentation bit S of the frame format field: more segments of the same APDU follow. */
  segmented: boolean;
  destination: HdlcAddress;
  source: HdlcAddress;
  control: HdlcControl;
  /** Information field; empty when the frame has none (then no HCS is sent). */
  info: Uint8Array;
}

/** Where the parts of a decoded frame sit in the input (offsets into the decoded buffer). */
export interface HdlcFrameLayout {
  frameLength: number;
  formatType: number;
  destinationOffset: number;
  sourceOffset: number;
  controlOffset: number;
  hcsOffset?: number;
  infoOffset?: number;
  fcsOffset: number;
  hcs?: number;
  fcs: number;
}

/** Frame length sub-field value that `frame` encodes to. */
export function hdlcFrameLength(f: Pick<HdlcFrame, 'destination' | 'source' | 'info'>): number {
  return 2 + f.destination.size + f.source.size + 1 + (f.info.length > 0 ? 2 + f.info.length : 0) + 2;
}

/** Largest information field that fits one frame with these address sizes (2047 − header − HCS − FCS). */
export function hdlcMaxInfoLength(destinationSize: number, sourceSize: number): number {
  return HDLC_MAX_FRAME_LENGTH - (2 + destinationSize + sourceSize + 1 + 2 + 2);
}

export function hdlcFrameEncode(f: HdlcFrame): Uint8Array {
  const len = hdlcFrameLength(f);
  if (len > HDLC_MAX_FRAME_LENGTH) {
    throw new HdlcError('bad-length', 0, `frame length ${len} exceeds the 11-bit maximum ${HDLC_MAX_FRAME_LENGTH}`);
  }
  const out = new Uint8Array(len + 2);
  out[0] = HDLC_FLAG;
  out[1] = (HDLC_FORMAT_TYPE << 4) | (f.segmented ? 0x08 : 0) | (len >>> 8);
  out[2] = len & 0xff;
  let p = hdlcAddressWrite(f.destination, out, 3);
  p = hdlcAddressWrite(f.source, out, p);
  out[p++] = hdlcControlEncode(f.control);
  if (f.info.length > 0) {
    hdlcWriteCheck(out, 1, p);
    p += 2;
    out.set(f.info, p);
    p += f.info.length;
  }
  hdlcWriteCheck(out, 1, p);
  out[p + 2] = HDLC_FLAG;
  return out;
}

export interface HdlcDecodeOptions {
  /** Skip HCS/FCS verification (to show the fields of a damaged frame); default false. */
  skipChecks?: boolean;
}

/** Decode exactly one frame, opening and closing flags included. */
export function hdlcFrameDecode(b: Uint8Array, opts: HdlcDecodeOptions = {}): HdlcFrame {
  return hdlcFrameDecodeLayout(b, opts).frame;
}

export function hdlcFrameDecodeLayout(b: Uint8Array, opts: HdlcDecodeOptions = {}): { frame: HdlcFrame; layout: HdlcFrameLayout } {
  if (b.length === 0 || b[0] !== HDLC_FLAG) throw new HdlcError('missing-flag', 0, 'frame does not start with the 0x7E flag');
  if (b.length < 3) throw new HdlcError('truncated', b.length, 'frame ends inside the frame format field');
  const formatType = b[1]! >>> 4;
  if (formatType !== HDLC_FORMAT_TYPE) {
    throw new HdlcError('bad-format', 1, `frame format type ${formatType} is not 0xA (type 3)`);
  }
  const len = ((b[1]! & 0x07) << 8) | b[2]!;
  if (len < HDLC_MIN_FRAME_LENGTH) throw new HdlcError('bad-length', 1, `frame length ${len} is below the minimum ${HDLC_MIN_FRAME_LENGTH}`);
  if (b.length < len + 2) {
    throw new HdlcError('truncated', b.length, `frame length field says ${len} octets between flags, only ${b.length - 1} present`);
  }
  if (b[len + 1] !== HDLC_FLAG) throw new HdlcError('missing-flag', len + 1, 'no closing 0x7E flag where the frame length ends');
  if (b.length > len + 2) throw new HdlcError('trailing-bytes', len + 2, `${b.length - len - 2} octets after the closing flag`);
  const fcsOffset = len - 1; // = 1 + len - 2
  const dst = hdlcAddressRead(b, 3, fcsOffset)!;
  const src = hdlcAddressRead(b, dst.next, fcsOffset)!;
  const controlOffset = src.next;
  if (controlOffset >= fcsOffset) throw new HdlcError('bad-length', 1, 'frame length leaves no room for the control field');
  const control = hdlcControlDecode(b[controlOffset]!);
  const headerEnd = controlOffset + 1;
  const layout: HdlcFrameLayout = {
    frameLength: len,
    formatType,
    destinationOffset: 3,
    sourceOffset: dst.next,
    controlOffset,
    fcsOffset,
    fcs: b[fcsOffset]! | (b[fcsOffset + 1]! << 8),
  };
  let info = new Uint8Array(0);
  if (headerEnd < fcsOffset) {
    // Something follows the control field: HCS plus a non-empty information field.
    if (fcsOffset - headerEnd < 3) {
      throw new HdlcError('bad-length', 1, `frame length leaves ${fcsOffset - headerEnd} octets after the control field: an HCS needs an information field`);
    }
    layout.hcsOffset = headerEnd;
    layout.hcs = b[headerEnd]! | (b[headerEnd + 1]! << 8);
    if (!opts.skipChecks && !hdlcCheckOk(b, 1, headerEnd)) {
      throw new HdlcError('bad-hcs', headerEnd, `HCS ${hex16(layout.hcs)} does not match ${hex16(hdlcCrc16(b, 1, headerEnd))}`);
    }
    layout.infoOffset = headerEnd + 2;
    info = b.slice(headerEnd + 2, fcsOffset);
  }
  if (!opts.skipChecks && !hdlcCheckOk(b, 1, fcsOffset)) {
    throw new HdlcError('bad-fcs', fcsOffset, `FCS ${hex16(layout.fcs)} does not match ${hex16(hdlcCrc16(b, 1, fcsOffset))}`);
  }
  return {
    frame: { segmented: (b[1]! & 0x08) !== 0, destination: dst.address, source: src.address, control, info },
    layout,
  };
}

/** Check-sequence value as it appears on the line (low octet first), e.g. 0x010F → "0F01". */
export function hex16(v: number): string {
  const lo = (v & 0xff).toString(16).padStart(2, '0');
  const hi = (v >>> 8).toString(16).padStart(2, '0');
  return (lo + hi).toUpperCase();
}
