/**
 * The security layer's typed error (harness/codec/errors.ts): every failure of a cryptographic check or
 * of an envelope parse is a `SecurityError` with a stable `code` and the byte `offset` it refers to.
 * Messages never contain key material.
 */
import { layerError } from '../codec/errors.ts';

export class SecurityError extends layerError('security') {}

/**
 * Error codes, so callers (roles, suites, the fuzzer's oracles) can tell one failure from another —
 * above all a wrong key (`bad-tag`) from a wrong counter (`replay`).
 */
export type SecurityErrorCode =
  // envelope / structure
  | 'truncated' | 'trailing-bytes' | 'bad-length' | 'non-minimal-length' | 'unknown-tag' | 'bad-optional-flag'
  | 'bad-key-info' | 'bad-system-title-length' | 'missing-system-title' | 'not-ciphered'
  // security control byte
  | 'unsupported-suite' | 'suite-mismatch' | 'compression-unsupported' | 'compression-not-allowed'
  | 'key-set-not-allowed' | 'no-protection-not-allowed' | 'bad-security-control' | 'insufficient-protection'
  // keys and parameters
  | 'bad-key-length' | 'bad-auth-key-length' | 'missing-auth-key' | 'missing-kek' | 'bad-invocation-counter'
  | 'bad-iv-length' | 'bad-tag-length' | 'bad-private-key' | 'bad-public-key' | 'bad-signature-length'
  | 'bad-challenge-length' | 'bad-kdf-length'
  // cryptographic verdicts
  | 'bad-tag' | 'bad-signature' | 'unwrap-integrity' | 'bad-wrap-length' | 'hls-failed'
  // frame counters
  | 'replay' | 'counter-exhausted' | 'bad-state'
  // certificates
  | 'bad-certificate' | 'bad-pem';

export function fail(code: SecurityErrorCode, offset: number, message: string): never {
  throw new SecurityError(code, offset, message);
}
