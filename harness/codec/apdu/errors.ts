/** The xDLMS APDU layer's typed error (harness/codec/errors.ts): `code` + byte `offset` + message. */
import { layerError } from '../errors.ts';

export class ApduError extends layerError('apdu') {}

/**
 * truncated, trailing-bytes, unknown-tag (not an xDLMS APDU tag), unsupported-apdu (a defined APDU this
 * codec does not model: SN read/write, information-report, access, ACSE), unknown-choice (an undefined
 * CHOICE alternative inside an APDU), bad-optional-flag (OPTIONAL/DEFAULT presence octet not 0x00/0x01),
 * bad-conformance (not a BER [APPLICATION 31] BIT STRING of 24 bits), length-exceeds-input,
 * count-exceeds-input, non-minimal-length (strict), value-out-of-range / bad-value (encoder input),
 * plus every AxdrError code from embedded Data (reported under the same code).
 */
export type ApduErrorCode =
  | 'truncated' | 'trailing-bytes' | 'unknown-tag' | 'unsupported-apdu' | 'unknown-choice' | 'bad-optional-flag'
  | 'bad-conformance' | 'length-exceeds-input' | 'count-exceeds-input' | 'non-minimal-length' | 'value-out-of-range'
  | 'bad-value';

export function apduFail(code: ApduErrorCode, offset: number, message: string): never {
  throw new ApduError(code, offset, message);
}

