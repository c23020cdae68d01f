/** Arbitraries for the EC properties: valid private scalars per suite, suite ids, system titles. */
import fc from 'fast-check';
import { p256, p384 } from '@noble/curves/nist.js';
import type { EccSuiteId } from '../../harness/security/ecc.ts';

// Valid scalars come from the library's own reduction of random bytes (never 0, always < n).
export const scalar = (suite: EccSuiteId) => fc.uint8Array({ minLength: 48, maxLength: 48 }).map((seed) => {
  const c = suite === 1 ? p256 : p384;
  const n = suite === 1 ? 32 : 48;
  let v = 0n;
  for (const b of seed) v = (v << 8n) | BigInt(b);
  const k = (v % (c.Point.Fn.ORDER - 1n)) + 1n;
  return Uint8Array.from(Buffer.from(k.toString(16).padStart(2 * n, '0'), 'hex'));
});
export const suiteArb = fc.constantFrom<EccSuiteId>(1, 1, 1, 2);
export const title = fc.uint8Array({ minLength: 8, maxLength: 8 });
