/** The A-XDR layer's typed error (harness/codec/errors.ts): `code` + byte `offset` + message. */
import { layerError } from '../errors.ts';

export class AxdrError extends layerError('axdr') {}

/**
 * Stable error codes raised by the A-XDR codec.
 * - truncated: the input ends inside a value
 * - length-exceeds-input / count-exceeds-input: a declared length or element count is larger than the
 *   bytes left (checked before anything is allocated)
 * - indefinite-length: length octet 0x80 (BER indefinite form; A-XDR has none)
 * - length-too-long: more than 4 length octets (0x85..0xFF)
 * - non-minimal-length: a length not in its shortest form (strict mode only; lenient mode marks it)
 * - unknown-type: a Data CHOICE tag the Blue Book/Green Book does not define for LN referencing
 * - nesting-too-deep / too-many-elements: resource limits (nesting bombs, zero-size amplification)
 * - bad-type-description / compact-array-contents / compact-array-mismatch: compact-array problems
 * - bit-string-padding: unused trailing bits of a bit-string are not zero (strict mode only)
 * - trailing-bytes: bytes left after the single value `axdrDecode` expects
 * - value-out-of-range / bad-value: encoder input that cannot be represented
 */
export type AxdrErrorCode =
  | 'truncated' | 'length-exceeds-input' | 'count-exceeds-input' | 'indefinite-length' | 'length-too-long'
  | 'non-minimal-length' | 'unknown-type' | 'nesting-too-deep' | 'too-many-elements' | 'bad-type-description'
  | 'compact-array-contents' | 'compact-array-mismatch' | 'compact-array-zero-size' | 'bit-string-padding'
  | 'trailing-bytes' | 'value-out-of-range' | 'bad-value';

export function axdrFail(code: AxdrErrorCode, offset: number, message: string): never {
  throw new AxdrError(code, offset, message);
}
