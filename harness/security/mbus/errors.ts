import { layerError } from '../../codec/errors.ts';

/**
 * Errors of M-Bus encryption (DSMR mode 15, EN 13757-3/OMS mode 5) and the DSMR key exchange. The code names
 * the check that failed, because every failure otherwise looks like "wrong key" to a user:
 * `check-bytes-missing` (no 2F 2F after decryption: wrong key, wrong IV fields or corrupted data),
 * `not-block-multiple`, `blocks-mismatch`, `trailing-bytes`, `no-encrypted-data`, `frame-counter` (clear
 * record missing or malformed), `frame-counter-stale` (not above the last accepted one), `trailing-filler-missing`,
 * `key-length`, `iv-length`, `unsupported-mode`, `bad-address`, `frame-counter-range`, `access-number-range`,
 * `blocks-range`, `key-records-truncated`, `key-record-dif`, `key-record-vif`, `key-record-order`.
 * Messages never contain key material.
 */
export class MbusCryptoError extends layerError('mbus-crypto') {
  constructor(code: string, offset: number, message: string) {
    super(code, offset, message);
    this.name = 'MbusCryptoError';
  }
}
