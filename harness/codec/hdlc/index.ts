/**
 * # hdlc — IEC 62056-46 data link layer (HDLC frame format type 3)
 *
 * Frames: `7E | A·S·length(11) | destination | source | control | [HCS | information] | FCS | 7E`.
 *
 * ```ts
 * const snrm = hdlcFrameEncode({ segmented: false, destination: hdlcServerAddress(1), source: hdlcClientAddress(16),
 *   control: { type: 'SNRM', pf: true }, info: new Uint8Array(0) });   // 7E A0 07 03 21 93 0F 01 7E
 * const f = hdlcFrameDecode(bytes);                                    // throws HdlcError on any defect
 * const { frames, garbage, rest } = hdlcSplit(streamBytes);            // find frames in a noisy stream
 * ```
 *
 * - Addresses: 1, 2 or 4 octets with the extension bit in bit 0; `{ size, upper, lower? }`. Reserved values are
 *   named by `hdlcClientAddressName` / `hdlcUpperAddressName` / `hdlcLowerAddressName`.
 * - Control: I / RR / RNR with N(S), N(R), P/F; SNRM, DISC, UA, DM, FRMR, UI; any other octet is `unknown`.
 * - HCS and FCS are CRC-16/X-25 sent low octet first (`hdlcCrc16`); the HCS exists only when an information
 *   field does (an HCS with an empty information field is a `bad-length` error).
 * - No octet stuffing: frames are delimited by their length, and 0x7E may appear inside a frame.
 * - SNRM/UA parameter negotiation (`hdlcParametersDecode`, `hdlcNegotiationEncode`), LLC header
 *   (`hdlcLlcEncode`/`hdlcLlcDecode`), FRMR information (`hdlcFrmrInfoDecode`).
 * - `hdlcSplit` (pure) and `hdlcFramer` (stateful closure) find frames in a stream, skip noise and damaged frames
 *   one octet at a time, and report garbage runs with the reason and offset.
 * - Errors: `HdlcError` with codes missing-flag, bad-format, bad-length, truncated, trailing-bytes, bad-address,
 *   bad-hcs, bad-fcs, bad-llc, bad-parameter, bad-value (encoder input).
 */
export { HdlcError } from './errors.ts';
export { hdlcCrc16 } from './crc.ts';
export {
  type HdlcAddress,
  type HdlcAddressSize,
  hdlcClientAddress,
  hdlcServerAddress,
  hdlcAddressEncode,
  hdlcAddressRead,
  hdlcClientAddressName,
  hdlcUpperAddressName,
  hdlcLowerAddressName,
} from './address.ts';
export { type HdlcControl, type HdlcUnnumberedType, hdlcControlEncode, hdlcControlDecode } from './control.ts';
export {
  type HdlcFrame,
  type HdlcFrameLayout,
  type HdlcDecodeOptions,
  HDLC_FLAG,
  HDLC_MAX_FRAME_LENGTH,
  HDLC_MIN_FRAME_LENGTH,
  hdlcFrameEncode,
  hdlcFrameDecode,
  hdlcFrameDecodeLayout,
  hdlcFrameLength,
  hdlcMaxInfoLength,
} from './frame.ts';
export {
  type HdlcParameter,
  type HdlcNegotiation,
  HDLC_PARAM_IDS,
  HDLC_PARAM_NAMES,
  HDLC_DEFAULT_NEGOTIATION,
  hdlcParametersDecode,
  hdlcParametersEncode,
  hdlcNegotiationDecode,
  hdlcNegotiationEncode,
  hdlcNegotiationFromParameters,
  hdlcNegotiationToParameters,
  hdlcNegotiationEffective,
} from './params.ts';
export {
  type HdlcLlcRole,
  type HdlcFrmrInfo,
  HDLC_LLC_COMMAND,
  HDLC_LLC_RESPONSE,
  hdlcLlcEncode,
  hdlcLlcDecode,
  hdlcLlcRole,
  hdlcFrmrInfoDecode,
  hdlcFrmrInfoEncode,
} from './llc.ts';
export {
  type HdlcFoundFrame,
  type HdlcGarbage,
  type HdlcSplitResult,
  type HdlcSplitOptions,
  type HdlcFramer,
  hdlcSplit,
  hdlcFramer,
} from './framer.ts';
