/**
 * The encrypted part of an M-Bus application payload, from the byte after the configuration word to the
 * end of the user data.
 *
 * DSMR mode 15 (DSMR-P2 §5.1, §5.2, App. B1 template and B1.3): N encrypted blocks (N from CW bits 7–4),
 * then the clear frame-counter record `04 FD 08 f0 f1 f2 f3` (32-bit, LSB first) and nothing else. The IV
 * takes the frame counter from that record, so it is read before decrypting. A receiver accepts the frame
 * only if the counter is above the last one it accepted, the frame is intact and 2F 2F appears (§5.2).
 *
 * Mode 5 (EN 13757-3 / OMS): N encrypted blocks; any bytes after them are unencrypted records, returned as
 * `trailer`.
 */
import type { LinkAddress } from '../../codec/wmbus/address.ts';
import { dsmrPlaintext, mbusDecrypt, mbusEncrypt, mbusFillerPad } from './cipher.ts';
import { MbusCryptoError } from './errors.ts';
import { mode15Iv, mode5Iv } from './iv.ts';

/** DIF 04h (32-bit integer), VIF FDh, VIFE 08h (DSMR-P2 §5.2: the frame counter). */
export const FRAME_COUNTER_DIF_VIF = Uint8Array.of(0x04, 0xfd, 0x08);

export function frameCounterRecord(frameCounter: number): Uint8Array {
  if (!Number.isInteger(frameCounter) || frameCounter < 0 || frameCounter > 0xffffffff) {
    throw new MbusCryptoError('frame-counter-range', 0, `frame counter must be a 32-bit unsigned integer, got ${frameCounter}`);
  }
  return Uint8Array.of(0x04, 0xfd, 0x08, frameCounter & 0xff, (frameCounter >>> 8) & 0xff, (frameCounter >>> 16) & 0xff, frameCounter >>> 24);
}

/** Read the clear frame-counter record at `offset`; `frame-counter` if it is absent or malformed. */
export function frameCounterRecordDecode(b: Uint8Array, offset = 0): number {
  if (b.length < offset + 7) {
    throw new MbusCryptoError('frame-counter', offset, `the clear frame-counter record 04 FD 08 + 4 bytes must follow the encrypted blocks; ${Math.max(0, b.length - offset)} byte(s) left`);
  }
  if (b[offset] !== 0x04 || b[offset + 1] !== 0xfd || b[offset + 2] !== 0x08) {
    throw new MbusCryptoError('frame-counter', offset, 'the bytes after the encrypted blocks are not the frame-counter record 04 FD 08');
  }
  return (b[offset + 3]! | (b[offset + 4]! << 8) | (b[offset + 5]! << 16) | (b[offset + 6]! << 24)) >>> 0;
}

export interface Mode15Opened {
  /** Decrypted blocks: 2F 2F, the records, the filler. */
  plaintext: Uint8Array;
  frameCounter: number;
}

/** Encrypt DSMR records: returns the CW block count and the bytes that follow the CW. */
export function mode15Seal(args: { key: Uint8Array; link: LinkAddress; frameCounter: number; records: Uint8Array }): { blocks: number; body: Uint8Array } {
  const plain = dsmrPlaintext(args.records);
  if (plain.length > 15 * 16) throw new MbusCryptoError('blocks-range', 0, `records need ${plain.length / 16} blocks; the configuration word holds at most 15`);
  const fcRec = frameCounterRecord(args.frameCounter);
  const ct = mbusEncrypt({ mode: 15, key: args.key, iv: mode15Iv({ ...args.link, frameCounter: args.frameCounter }), data: plain });
  const body = new Uint8Array(ct.length + 7);
  body.set(ct, 0);
  body.set(fcRec, ct.length);
  return { blocks: ct.length / 16, body };
}

/**
 * Open a DSMR mode 15 body (bytes after the CW). Checks, in order: block count vs bytes present, the
 * clear frame-counter record, nothing after it, the counter above `lastFrameCounter`, then 2F 2F.
 */
export function mode15Open(args: { key: Uint8Array; link: LinkAddress; blocks: number; body: Uint8Array; lastFrameCounter?: number; strict?: boolean }): Mode15Opened {
  const { blocks, body } = args;
  if (!Number.isInteger(blocks) || blocks < 1 || blocks > 15) throw new MbusCryptoError('blocks-range', 0, `mode 15 needs 1..15 encrypted blocks, configuration word says ${blocks}`);
  const encLen = blocks * 16;
  if (body.length < encLen) {
    throw new MbusCryptoError('blocks-mismatch', body.length, `configuration word declares ${blocks} encrypted blocks (${encLen} bytes), only ${body.length} bytes follow it`);
  }
  const frameCounter = frameCounterRecordDecode(body, encLen);
  if (body.length > encLen + 7) {
    throw new MbusCryptoError('trailing-bytes', encLen + 7, `${body.length - encLen - 7} byte(s) follow the frame-counter record`);
  }
  if (args.lastFrameCounter !== undefined && frameCounter <= args.lastFrameCounter) {
    throw new MbusCryptoError('frame-counter-stale', encLen + 3, `frame counter ${frameCounter} is not above the last accepted ${args.lastFrameCounter} (DSMR-P2 §5.2)`);
  }
  const plaintext = mbusDecrypt({
    mode: 15, key: args.key, iv: mode15Iv({ ...args.link, frameCounter }), data: body.subarray(0, encLen), blocks,
    ...(args.strict ? { strict: true } : {}),
  });
  return { plaintext, frameCounter };
}

/** Mode 5: encrypt `2F 2F ‖ records` filled to a block boundary. */
export function mode5Seal(args: { key: Uint8Array; link: LinkAddress; accessNumber: number; records: Uint8Array }): { blocks: number; body: Uint8Array } {
  const withCheck = new Uint8Array(args.records.length + 2).fill(0x2f);
  withCheck.set(args.records, 2);
  const plain = mbusFillerPad(withCheck);
  if (plain.length > 15 * 16) throw new MbusCryptoError('blocks-range', 0, `records need ${plain.length / 16} blocks; at most 15 fit the configuration word`);
  const body = mbusEncrypt({ mode: 5, key: args.key, iv: mode5Iv({ ...args.link, accessNumber: args.accessNumber }), data: plain });
  return { blocks: body.length / 16, body };
}

export function mode5Open(args: { key: Uint8Array; link: LinkAddress; accessNumber: number; blocks: number; body: Uint8Array }): { plaintext: Uint8Array; trailer: Uint8Array } {
  const { blocks, body } = args;
  if (!Number.isInteger(blocks) || blocks < 1 || blocks > 15) throw new MbusCryptoError('blocks-range', 0, `mode 5 needs 1..15 encrypted blocks, configuration word says ${blocks}`);
  if (body.length < blocks * 16) {
    throw new MbusCryptoError('blocks-mismatch', body.length, `configuration word declares ${blocks} encrypted blocks (${blocks * 16} bytes), only ${body.length} bytes follow it`);
  }
  const plaintext = mbusDecrypt({ mode: 5, key: args.key, iv: mode5Iv({ ...args.link, accessNumber: args.accessNumber }), data: body.subarray(0, blocks * 16), blocks });
  return { plaintext, trailer: body.slice(blocks * 16) };
}
