/**
 * # wrapper — DLMS/COSEM transport over TCP and UDP (IEC 62056-47)
 *
 * Every APDU travels behind an 8-octet header: version 0x0001, source wPort, destination wPort, APDU length
 * (big-endian 16-bit fields). The wPorts carry the client and server SAPs (IANA port 4059 is the usual
 * TCP/UDP port; that is configuration, not part of this codec).
 *
 * ```ts
 * wrapperEncode({ srcWPort: 0x10, dstWPort: 0x01, apdu });            // 00 01 00 10 00 01 LL LL <apdu>
 * wrapperDecode(datagram, { maxLength: 2048 });                        // exactly one PDU (UDP)
 * const r = wrapperReassembler({ maxLength: 2048 });                   // TCP: any read chunking
 * for (const chunk of reads) for (const pdu of r.push(chunk)) handle(pdu);
 * ```
 *
 * - `wrapperStreamPush(state, chunk)` is the pure state machine behind `wrapperReassembler` (it returns errors
 *   instead of throwing; the reassembler throws them without ever dropping a PDU that came before the error).
 * - Errors: `WrapperError` with codes bad-version, too-long (length above the configured maximum),
 *   truncated, length-mismatch (datagram longer than announced), stream-failed, bad-value (encoder input).
 * - A TCP stream cannot resynchronise after a bad header in general (no check sequence): the strict
 *   reassembler fails closed; `resync: true` skips to the next plausible header for lenient listening.
 */
export { WrapperError } from './errors.ts';
export {
  type WrapperPdu,
  type WrapperHeader,
  type WrapperDecodeOptions,
  WRAPPER_VERSION,
  WRAPPER_HEADER_LENGTH,
  WRAPPER_MAX_LENGTH,
  wrapperEncode,
  wrapperDecode,
  wrapperHeaderDecode,
  wrapperWPortNames,
} from './pdu.ts';
export {
  type WrapperStreamOptions,
  type WrapperStreamPdu,
  type WrapperStreamState,
  type WrapperStreamStep,
  type WrapperGarbage,
  type WrapperReassembler,
  wrapperStreamInit,
  wrapperStreamPush,
  wrapperStreamEnd,
  wrapperReassembler,
} from './stream.ts';
