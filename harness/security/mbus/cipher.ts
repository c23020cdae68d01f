/**
 * AES-128-CBC as M-Bus uses it for encryption modes 5 and 15 (both are plain CBC over whole 16-byte blocks;
 * they differ only in the IV, see iv.ts). Plaintext starts with the two check bytes 2F 2F and is filled
 * with 2Fh to a block boundary; DSMR asks for at least two trailing fillers, adding a block if needed
 * (DSMR-P2 §5.1). Both sides must see the 2F 2F before using anything (DSMR-P2 §5.1; EN 13757-3 mode 5 has
 * the same check).
 *
 * Note the limit of that check: a wrong IV corrupts only the first block after XOR with the IV difference,
 * so an IV error outside IV bytes 0–1 keeps 2F 2F intact and only garbles bytes 2–15 (seen on the printed
 * DSMR-P2 B1.3 ciphertext, made with VER 40h in the IV).
 */
import { aesCbcDecrypt, aesCbcEncrypt } from './aes.ts';
import { MbusCryptoError } from './errors.ts';

export type MbusMode = 5 | 15;

export const FILLER = 0x2f;

function checkParams(mode: number, key: Uint8Array, iv: Uint8Array): void {
  if (mode !== 5 && mode !== 15) throw new MbusCryptoError('unsupported-mode', 0, `encryption mode ${mode} is not AES-128-CBC mode 5 or DSMR mode 15`);
  if (key.length !== 16) throw new MbusCryptoError('key-length', 0, `AES-128 key must be 16 bytes, got ${key.length}`);
  if (iv.length !== 16) throw new MbusCryptoError('iv-length', 0, `IV must be 16 bytes, got ${iv.length}`);
}

/** Encrypt whole blocks (the caller has added 2F 2F and the filler, see mbusFillerPad / dsmrPlaintext). */
export function mbusEncrypt(args: { mode: MbusMode; key: Uint8Array; iv: Uint8Array; data: Uint8Array }): Uint8Array {
  const { mode, key, iv, data } = args;
  checkParams(mode, key, iv);
  if (data.length === 0) throw new MbusCryptoError('no-encrypted-data', 0, 'nothing to encrypt');
  if (data.length % 16 !== 0) throw new MbusCryptoError('not-block-multiple', data.length - (data.length % 16), `plaintext length ${data.length} is not a multiple of 16`);
  return aesCbcEncrypt(key, iv, data);
}

/**
 * Decrypt the encrypted part and check the 2F 2F check bytes. `blocks` is the number of 16-byte blocks the
 * configuration word declares (bits 7–4); when given, `data` must hold exactly that many. `strict` also
 * demands at least two trailing 2Fh fillers (DSMR-P2 §5.1).
 */
export function mbusDecrypt(args: { mode: MbusMode; key: Uint8Array; iv: Uint8Array; data: Uint8Array; blocks?: number; strict?: boolean }): Uint8Array {
  const { mode, key, iv, data, blocks } = args;
  checkParams(mode, key, iv);
  if (blocks !== undefined) {
    if (!Number.isInteger(blocks) || blocks < 0 || blocks > 15) throw new MbusCryptoError('blocks-range', 0, `block count must be 0..15 (4 bits of the configuration word), got ${blocks}`);
    if (blocks === 0) throw new MbusCryptoError('no-encrypted-data', 0, 'the configuration word declares an encryption mode but 0 encrypted blocks');
    if (data.length < blocks * 16) {
      throw new MbusCryptoError('blocks-mismatch', data.length, `configuration word declares ${blocks} encrypted blocks (${blocks * 16} bytes), only ${data.length} present`);
    }
    if (data.length > blocks * 16) {
      throw new MbusCryptoError('trailing-bytes', blocks * 16, `${data.length - blocks * 16} byte(s) follow the ${blocks} declared encrypted blocks`);
    }
  } else {
    if (data.length === 0) throw new MbusCryptoError('no-encrypted-data', 0, 'no encrypted data');
    if (data.length % 16 !== 0) throw new MbusCryptoError('not-block-multiple', data.length - (data.length % 16), `encrypted length ${data.length} is not a multiple of 16`);
  }
  const plain = aesCbcDecrypt(key, iv, data);
  if (plain[0] !== FILLER || plain[1] !== FILLER) {
    throw new MbusCryptoError('check-bytes-missing', 0,
      `decrypted data does not start with 2F 2F (mode ${mode}): wrong key, wrong IV fields (manufacturer, ID, version, medium, ${mode === 15 ? 'frame counter' : 'access number'}) or corrupted ciphertext`);
  }
  if (args.strict && (plain[plain.length - 1] !== FILLER || plain[plain.length - 2] !== FILLER)) {
    throw new MbusCryptoError('trailing-filler-missing', plain.length - 2, 'DSMR-P2 §5.1 wants at least two 2Fh fillers at the end of the encrypted part');
  }
  return plain;
}

/** Fill with 2Fh to a block boundary so that at least `minTrailing` fillers end the data. */
export function mbusFillerPad(data: Uint8Array, minTrailing = 0): Uint8Array {
  const len = Math.ceil((data.length + minTrailing) / 16) * 16 || 16;
  const out = new Uint8Array(len).fill(FILLER);
  out.set(data, 0);
  return out;
}

/** DSMR plaintext: 2F 2F check bytes, the records, then ≥ 2 trailing 2Fh up to a block boundary (DSMR-P2 §5.1). */
export function dsmrPlaintext(records: Uint8Array): Uint8Array {
  const withCheck = new Uint8Array(records.length + 2);
  withCheck[0] = withCheck[1] = FILLER;
  withCheck.set(records, 2);
  return mbusFillerPad(withCheck, 2);
}
