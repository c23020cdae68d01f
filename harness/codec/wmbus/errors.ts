import { layerError } from '../errors.ts';

/**
 * Errors of the wireless M-Bus link layer (EN 13757-4 frame formats A/B, CRC blocks, 3-out-of-6).
 * Codes: `too-short`, `l-field-invalid`, `truncated`, `length-mismatch`, `bad-crc` (with `block`),
 * `payload-too-long`, `bad-field`, `bad-manufacturer`, `bad-id`, `invalid-3of6-symbol`, `format-b-in-t-mode`.
 */
export class WmbusError extends layerError('wmbus') {
  /** For `bad-crc`: the EN 13757-4 block number (1 = the block holding L, C, M, A) whose CRC failed. */
  block?: number;
}

export function wmbusCrcError(block: number, offset: number, message: string): WmbusError {
  const e = new WmbusError('bad-crc', offset, message);
  e.block = block;
  return e;
}
