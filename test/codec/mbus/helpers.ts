/** Shared test helpers for the wired M-Bus codec: an independent AES-CBC (node:crypto) and vector contexts. */
import { createDecipheriv, createCipheriv } from 'node:crypto';
import { hexToBytes } from '../../../harness/codec/bytes.ts';
import type { MbusAppContext, MbusDecryptFn, MbusIdentity } from '../../../harness/codec/mbus/index.ts';

/** AES-128-CBC without padding from node:crypto — independent of harness/security. */
export const nodeDecrypt: MbusDecryptFn = ({ key, iv, data }) => {
  const d = createDecipheriv('aes-128-cbc', key, iv);
  d.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
};

export function nodeEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-cbc', key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function nodeEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-ecb', key, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export interface VectorParams {
  key?: string;
  link?: MbusIdentity;
  ivIdentity?: MbusIdentity;
  final?: boolean;
  strictError?: string;
}

export function ctxFrom(p: VectorParams | undefined, decrypt: MbusDecryptFn | null = nodeDecrypt): MbusAppContext {
  return {
    ...(p?.key ? { key: hexToBytes(p.key) } : {}),
    ...(p?.link ? { link: p.link } : {}),
    ...(p?.ivIdentity ? { ivIdentity: p.ivIdentity } : {}),
    ...(decrypt ? { decrypt } : {}),
  };
}

/** Sum mod 256, written out here so the test does not use the codec's checksum. */
export function sum8(b: Uint8Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += b[i]!;
  return s % 256;
}
