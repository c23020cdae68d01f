/**
 * # security/mbus — M-Bus encryption as DSMR-P2 §5 and EN 13757-3 / OMS define it
 *
 * - DSMR **mode 15** (the only method DSMR 4.2.2 allows besides 0, DSMR-P2 §5.1): AES-128-CBC, IV =
 *   MAN ID VER DEV ‖ frame counter ‖ frame counter (`mode15Iv`, §5.2); plaintext 2F 2F ‖ records ‖ ≥ 2× 2F;
 *   N blocks from CW bits 7–4; clear frame-counter record `04 FD 08` after the encrypted part
 *   (`mode15Seal` / `mode15Open`).
 * - **mode 5** (EN 13757-3 / OMS): same cipher, IV = M ‖ A ‖ 8 × access number (`mode5Iv`, `mode5Seal` /
 *   `mode5Open`). A DSMR 4.2.2 device must refuse it; it is here for OMS frames and negative tests.
 * - `mbusEncrypt` / `mbusDecrypt`: the block cipher step with the 2F 2F check, shared by both modes.
 * - Key exchange (§6.5.1, App. B1.1): `keyExchangeEncrypt` / `keyExchangeDecrypt` (AES-128-ECB with the
 *   default key) and `keyExchangeRecords` / `keyExchangeRecordsDecode` (`07 FD 19` + `47 FD 19`, bytes reversed).
 *
 * Every failure is an `MbusCryptoError` whose `code` names the failed check (see errors.ts); key material
 * never appears in messages. AES comes from @noble/ciphers (ECB/CBC with padding disabled).
 */
export { MbusCryptoError } from './errors.ts';
export { type MbusMode, FILLER, mbusEncrypt, mbusDecrypt, mbusFillerPad, dsmrPlaintext } from './cipher.ts';
export { mode15Iv, mode5Iv, mode15IvFromAddress, mode5IvFromAddress } from './iv.ts';
export {
  FRAME_COUNTER_DIF_VIF, frameCounterRecord, frameCounterRecordDecode, type Mode15Opened, mode15Seal, mode15Open, mode5Seal, mode5Open,
} from './frame.ts';
export { keyExchangeEncrypt, keyExchangeDecrypt, keyExchangeRecords, keyExchangeRecordsDecode } from './key-exchange.ts';
