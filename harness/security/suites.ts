/**
 * DLMS/COSEM security suites (Green Book Ed. 8.3 §9.2.3.7 Table 19 — KSMW §3.1 mandates suite 1 and
 * reserves suite 2). The suite decides key lengths, curve and hash; the GCM tag is 12 bytes in every
 * suite (GB §9.2.3.3.7.6) and the IV is system title ‖ invocation counter (GB §9.2.3.3.7.3).
 */
import { fail } from './errors.ts';

export type SuiteId = 0 | 1 | 2;

export interface SuiteParams {
  id: SuiteId;
  name: string;
  /** AES key length in bytes for EK, AK and KEK (128 bit for suites 0/1, 256 bit for suite 2). */
  keyLength: 16 | 32;
  /** Curve for ECDSA/ECDH (none in suite 0). */
  curve?: 'P-256' | 'P-384';
  hash?: 'sha256' | 'sha384';
}

export const SUITES: Readonly<Record<SuiteId, SuiteParams>> = {
  0: { id: 0, name: 'AES-GCM-128', keyLength: 16 },
  1: { id: 1, name: 'ECDH-ECDSA-AES-GCM-128-SHA-256', keyLength: 16, curve: 'P-256', hash: 'sha256' },
  2: { id: 2, name: 'ECDH-ECDSA-AES-GCM-256-SHA-384', keyLength: 32, curve: 'P-384', hash: 'sha384' },
};

/** DLMS tag length: 96 bits in suites 0, 1, 2 (GB §9.2.3.3.7.6). */
export const TAG_LENGTH = 12;
/** System title: 8 octets (GB §4.3.4). */
export const SYSTEM_TITLE_LENGTH = 8;
/** Largest invocation counter value; the GB allows 2^32−1 invocations, so this value itself is never used. */
export const IC_MAX = 0xffffffff;

export function suiteParams(id: number, offset = 0): SuiteParams {
  if (id !== 0 && id !== 1 && id !== 2) fail('unsupported-suite', offset, `security suite ${id} is reserved (only 0, 1, 2 are defined)`);
  return SUITES[id];
}

export function eccSuite(id: number, offset = 0): SuiteParams & { curve: 'P-256' | 'P-384'; hash: 'sha256' | 'sha384' } {
  const s = suiteParams(id, offset);
  if (!s.curve || !s.hash) fail('unsupported-suite', offset, `security suite ${id} has no public-key algorithms`);
  return s as SuiteParams & { curve: 'P-256' | 'P-384'; hash: 'sha256' | 'sha384' };
}
