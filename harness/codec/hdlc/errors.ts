import { layerError } from '../errors.ts';

/**
 * The HDLC layer's typed error. Codes used by this layer:
 * `missing-flag`, `bad-format`, `bad-length`, `truncated`, `trailing-bytes`, `bad-address`, `bad-control`,
 * `bad-hcs`, `bad-fcs`, `bad-llc`, `bad-parameter`, `bad-value` (encoder input out of range).
 */
export class HdlcError extends layerError('hdlc') {}
