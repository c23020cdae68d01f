import { layerError } from '../errors.ts';

/**
 * The ACSE layer's typed error. Codes: `truncated` (input ends inside a value), `bad-length` (a value overruns
 * its enclosing value, or a reserved/oversized length field), `overlong-length` (length not in its shortest
 * form), `indefinite-length`, `bad-tag`, `unexpected-tag` (wrong APDU tag, unknown/out-of-order/duplicate field,
 * wrong inner type), `missing-field`, `trailing-bytes`, `bad-oid`, `bad-integer`, `bad-bitstring`, `bad-value`
 * (a value outside its ASN.1 enumeration, or encoder input out of range).
 */
export class AcseError extends layerError('acse') {}
