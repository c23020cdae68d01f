import { layerError } from '../errors.ts';

/**
 * The wrapper layer's typed error. Codes: `truncated` (fewer octets than the header or its length field
 * announce), `length-mismatch` (a datagram longer than header + length), `bad-version` (version ≠ 0x0001),
 * `too-long` (length above the configured maximum), `stream-failed` (push after a fatal stream error),
 * `bad-value` (encoder input out of range).
 */
export class WrapperError extends layerError('wrapper') {}
