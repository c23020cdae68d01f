/** vectors/keywrap.json (RFC 3394 §4 + DLMS key transport), confirmed with node:crypto id-aes*-wrap. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadVectors, vectorRows } from '../helpers/vectors.ts';
import { fcOpts } from '../helpers/fc.ts';
import { aesKeyUnwrap, aesKeyWrap } from '../../harness/security/keywrap.ts';
import { SecurityError } from '../../harness/security/errors.ts';
import { H, X, refWrap } from './node-ref.ts';

describe('keywrap.json', () => {
  it.each(vectorRows(loadVectors('keywrap')))('%s', (_n, t, g) => {
    const p = { ...(g.params ?? {}), ...(t.params ?? {}) } as Record<string, unknown>;
    const kek = H(p.kek as string);
    if (t.result === 'invalid') {
      let err: unknown;
      try { if (p.op === 'wrap') aesKeyWrap(kek, H(t.hex!)); else aesKeyUnwrap(kek, H(t.hex!)); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe(t.error);
      expect((err as SecurityError).offset).toBe(p.offset);
      return;
    }
    const exp = t.expected as { wrapped: string; keyTransferParameter?: string };
    expect(X(refWrap(kek, H(t.hex!)))).toBe(exp.wrapped);
    expect(X(aesKeyWrap(kek, H(t.hex!)))).toBe(exp.wrapped);
    expect(X(aesKeyUnwrap(kek, H(exp.wrapped)))).toBe(t.hex!.toUpperCase());
    // global_key_transfer parameter: array(1) of structure(2) { key_id enum 0, key_wrapped octet-string(24) } [BB]
    if (exp.keyTransferParameter) expect(exp.keyTransferParameter).toBe('0101020216000918' + X(refWrap(kek, H(t.hex!))));
  });
});

describe('key wrap properties', () => {
  const kekArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
  const dataArb = fc.integer({ min: 2, max: 8 }).chain((n) => fc.uint8Array({ minLength: 8 * n, maxLength: 8 * n }));
  it('unwrap(wrap(k)) = k and wrap matches node:crypto', () => {
    fc.assert(fc.property(kekArb, dataArb, (kek, data) => {
      const w = aesKeyWrap(kek, data);
      expect(X(w)).toBe(X(refWrap(kek, data)));
      expect(X(aesKeyUnwrap(kek, w))).toBe(X(data));
    }), fcOpts);
  });
  it('any bit flip in the wrapped data is unwrap-integrity', () => {
    fc.assert(fc.property(kekArb, dataArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (kek, data, pos, bit) => {
      const w = aesKeyWrap(kek, data);
      w[pos % w.length]! ^= 1 << bit;
      expect(() => aesKeyUnwrap(kek, w)).toThrow(expect.objectContaining({ code: 'unwrap-integrity' }));
    }), fcOpts);
  });
});
