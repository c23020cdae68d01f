/** Every vector of vectors/mbus-crypto.json; ciphertexts and key wraps recomputed with node:crypto. */
import { describe, expect, it } from 'vitest';
import { loadVectors, vectorRows, type VectorTest } from '../../helpers/vectors.ts';
import type { LinkAddress } from '../../../harness/codec/wmbus/address.ts';
import {
  MbusCryptoError, keyExchangeDecrypt, keyExchangeEncrypt, keyExchangeRecords, keyExchangeRecordsDecode, mbusDecrypt,
  mbusEncrypt, mode15Iv, mode15Open, mode15Seal, mode5Iv, mode5Open, mode5Seal, type MbusMode,
} from '../../../harness/security/mbus/index.ts';
import { hex, nodeCbcDecrypt, nodeCbcEncrypt, nodeEcbDecrypt, nodeEcbEncrypt, refAddress, refIv15, refIv5, unhex } from './node-ref.ts';

const rows = vectorRows(loadVectors('mbus-crypto'));
const byOp = (op: string) => rows.filter(([, , g]) => g.params?.op === op);
type P = Record<string, unknown>;

function expectCryptoError(fn: () => unknown, t: VectorTest, key?: string): void {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, 'must throw').toBeInstanceOf(MbusCryptoError);
  const e = err as MbusCryptoError;
  expect(e.code).toBe(t.error);
  expect(Number.isInteger(e.offset) && e.offset >= 0).toBe(true);
  const off = (t.expected as { offset?: number } | undefined)?.offset;
  if (off !== undefined) expect(e.offset).toBe(off);
  if (key) expect(e.message.toUpperCase()).not.toContain(key.slice(0, 8));
}

describe('mbus-crypto vectors: file', () => {
  it('covers valid, invalid and acceptable, only known ops', () => {
    expect(new Set(rows.map(([, t]) => t.result))).toEqual(new Set(['valid', 'invalid', 'acceptable']));
    for (const [, , g] of rows) expect(['iv15', 'iv5', 'decrypt', 'open15', 'open5', 'key-wrap', 'key-records']).toContain(g.params?.op);
  });
});

describe('mbus-crypto vectors: IVs', () => {
  it.each(byOp('iv15'))('%s', (_n, t) => {
    const p = t.params as unknown as LinkAddress & { frameCounter: number };
    expect(hex(refIv15(refAddress(p), p.frameCounter))).toBe(t.hex);
    expect(hex(mode15Iv(p))).toBe(t.hex);
  });
  it.each(byOp('iv5'))('%s', (_n, t) => {
    const p = t.params as unknown as LinkAddress & { accessNumber: number };
    expect(hex(refIv5(refAddress(p), p.accessNumber))).toBe(t.hex);
    expect(hex(mode5Iv(p))).toBe(t.hex);
  });
});

describe('mbus-crypto vectors: AES-CBC step', () => {
  it.each(byOp('decrypt'))('%s', (_n, t) => {
    const p = t.params as P;
    const key = unhex(p.key as string);
    const iv = unhex(p.iv as string);
    const data = unhex(t.hex!);
    const args = { mode: p.mode as MbusMode, key, iv, data, ...(p.blocks !== undefined ? { blocks: p.blocks as number } : {}), ...(p.strict ? { strict: true } : {}) };
    if (t.result === 'invalid') {
      expectCryptoError(() => mbusDecrypt(args), t, p.key as string);
      return;
    }
    const plain = unhex((t.expected as { plaintext: string }).plaintext);
    expect(hex(nodeCbcDecrypt(key, iv, data))).toBe(hex(plain));
    expect(hex(nodeCbcEncrypt(key, iv, plain))).toBe(t.hex);
    expect(hex(mbusDecrypt(args))).toBe(hex(plain));
    expect(hex(mbusEncrypt({ mode: args.mode, key, iv, data: plain }))).toBe(t.hex);
    if (t.flags.includes('iv-error-undetected')) {
      // The point of these vectors: the check bytes pass although the IV was wrong.
      expect(Array.from(plain.subarray(0, 2))).toEqual([0x2f, 0x2f]);
    }
  });

  it('the B1.3 ciphertext under the rule IV differs from the printed plaintext in byte 6 only (0Dh → 0Fh)', () => {
    const plaintextOf = (prefix: string) => unhex((byOp('decrypt').find(([, t]) => t.comment.startsWith(prefix))![1].expected as { plaintext: string }).plaintext);
    const printed = plaintextOf('B1.3 ciphertext as printed, IV as App. B lists it');
    const rule = plaintextOf('B1.3 ciphertext as printed, IV by the §5.2 rule');
    const diff = Array.from(rule.keys()).filter((i) => rule[i] !== printed[i]);
    expect(diff).toEqual([6]);
    expect([printed[6], rule[6]]).toEqual([0x0d, 0x0f]);
  });
});

describe('mbus-crypto vectors: mode 15 body', () => {
  it.each(byOp('open15'))('%s', (_n, t) => {
    const p = t.params as { key: string; link: LinkAddress; blocks: number; lastFrameCounter?: number };
    const key = unhex(p.key);
    const body = unhex(t.hex!);
    const args = { key, link: p.link, blocks: p.blocks, body, ...(p.lastFrameCounter !== undefined ? { lastFrameCounter: p.lastFrameCounter } : {}) };
    if (t.result === 'invalid') {
      expectCryptoError(() => mode15Open(args), t, p.key);
      return;
    }
    const exp = t.expected as { plaintext: string; frameCounter: number };
    // Independent: FC from the clear record, IV per §5.2, node:crypto.
    const enc = body.subarray(0, p.blocks * 16);
    expect(hex(body.subarray(p.blocks * 16, p.blocks * 16 + 3))).toBe('04FD08');
    const fc = Buffer.from(body.subarray(p.blocks * 16 + 3)).readUInt32LE(0);
    expect(fc).toBe(exp.frameCounter);
    expect(hex(nodeCbcDecrypt(key, refIv15(refAddress(p.link), fc), enc))).toBe(exp.plaintext);
    const opened = mode15Open(args);
    expect(hex(opened.plaintext)).toBe(exp.plaintext);
    expect(opened.frameCounter).toBe(exp.frameCounter);
    if (t.result === 'valid') {
      // Seal the records again (without the 2F 2F lead and trailing fillers) and get the same body.
      const plain = unhex(exp.plaintext);
      let end = plain.length;
      while (end > 2 && plain[end - 1] === 0x2f) end--;
      const sealed = mode15Seal({ key, link: p.link, frameCounter: fc, records: plain.subarray(2, end) });
      expect(hex(sealed.body)).toBe(t.hex);
      expect(sealed.blocks).toBe(p.blocks);
    }
  });
});

describe('mbus-crypto vectors: mode 5 body', () => {
  it.each(byOp('open5'))('%s', (_n, t) => {
    const p = t.params as { key: string; link: LinkAddress; accessNumber: number; blocks: number };
    const key = unhex(p.key);
    const body = unhex(t.hex!);
    const exp = t.expected as { plaintext: string; trailer: string };
    expect(hex(nodeCbcDecrypt(key, refIv5(refAddress(p.link), p.accessNumber), body.subarray(0, p.blocks * 16)))).toBe(exp.plaintext);
    const r = mode5Open({ key, link: p.link, accessNumber: p.accessNumber, blocks: p.blocks, body });
    expect(hex(r.plaintext)).toBe(exp.plaintext);
    expect(hex(r.trailer)).toBe(exp.trailer);
    if (exp.trailer === '') {
      const plain = unhex(exp.plaintext);
      let end = plain.length;
      while (end > 2 && plain[end - 1] === 0x2f) end--;
      expect(hex(mode5Seal({ key, link: p.link, accessNumber: p.accessNumber, records: plain.subarray(2, end) }).body)).toBe(t.hex);
    }
  });
});

describe('mbus-crypto vectors: key exchange', () => {
  it.each(byOp('key-wrap'))('%s', (_n, t) => {
    const dk = unhex((t.params as { defaultKey: string }).defaultKey);
    const wrapped = (t.expected as { wrapped: string }).wrapped;
    expect(hex(nodeEcbEncrypt(dk, unhex(t.hex!)))).toBe(wrapped);
    expect(hex(keyExchangeEncrypt(unhex(t.hex!), dk))).toBe(wrapped);
    expect(hex(keyExchangeDecrypt(unhex(wrapped), dk))).toBe(t.hex);
  });

  it.each(byOp('key-records'))('%s', (_n, t) => {
    const rec = unhex(t.hex!);
    if (t.result === 'invalid') {
      expectCryptoError(() => keyExchangeRecordsDecode(rec), t);
      return;
    }
    const exp = t.expected as { wrapped: string; newKey?: string };
    // Independent: value bytes of the 07 and 47 records, concatenated, reversed.
    expect(hex(Buffer.from([...rec.subarray(3, 11), ...rec.subarray(14, 22)]).reverse())).toBe(exp.wrapped);
    const r = keyExchangeRecordsDecode(rec);
    expect(hex(r.wrapped)).toBe(exp.wrapped);
    expect(r.swapped).toBe(false);
    expect(hex(keyExchangeRecords(r.wrapped))).toBe(t.hex);
    if (exp.newKey) {
      const dk = unhex((t.params as { defaultKey: string }).defaultKey);
      expect(hex(nodeEcbDecrypt(dk, unhex(exp.wrapped)))).toBe(exp.newKey);
      expect(hex(keyExchangeDecrypt(r.wrapped, dk))).toBe(exp.newKey);
    }
  });

  it('swapped halves are read when allowed, and flagged', () => {
    const b11 = byOp('key-records').find(([, t]) => t.comment.startsWith('App. B1.1'))![1];
    const rec = unhex(b11.hex!);
    const swapped = new Uint8Array([...rec.subarray(11), ...rec.subarray(0, 11)]);
    const r = keyExchangeRecordsDecode(swapped, { allowSwapped: true });
    expect(r.swapped).toBe(true);
    expect(hex(r.wrapped)).toBe((b11.expected as { wrapped: string }).wrapped);
  });
});
