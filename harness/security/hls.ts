/**
 * HLS authentication, passes 3 and 4 (GB §9.2.4 / Table 42; KSMW §3.5.4, §3.6.2–§3.6.8). After the AARQ
 * (CtoS, client system title) and AARE (StoC, server system title), the client proves itself with
 * f(StoC) and the server with f(CtoS):
 *
 * | mechanism | f(StoC) — computed by the client                     | f(CtoS) — computed by the server                     |
 * |-----------|------------------------------------------------------|------------------------------------------------------|
 * | 5 GMAC    | SC ‖ IC ‖ GMAC(SC ‖ AK ‖ StoC), IV = SysT-C ‖ IC       | SC ‖ IC ‖ GMAC(SC ‖ AK ‖ CtoS), IV = SysT-S ‖ IC       |
 * | 6 SHA-256 | SHA-256(secret ‖ SysT-C ‖ SysT-S ‖ StoC ‖ CtoS)        | SHA-256(secret ‖ SysT-S ‖ SysT-C ‖ CtoS ‖ StoC)        |
 * | 7 ECDSA   | ECDSA_client(SysT-C ‖ SysT-S ‖ StoC ‖ CtoS), r ‖ s     | ECDSA_server(SysT-S ‖ SysT-C ‖ CtoS ‖ StoC), r ‖ s     |
 *
 * HLS 5 is checked against GB Table 43; HLS 6/7 against derived vectors recomputed with node:crypto
 * (vectors/gcm.json, vectors/ecc.json). Every verify function throws `hls-failed` (or a more precise
 * code) instead of returning false, so no caller can forget to check.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../codec/bytes.ts';
import { ecdsaSign, ecdsaVerify, type EccSuiteId } from './ecc.ts';
import { fail, SecurityError } from './errors.ts';
import { constantTimeEqual, protect, unprotect } from './gcm.ts';
import { securityControlEncode } from './security-control.ts';
import { SYSTEM_TITLE_LENGTH, TAG_LENGTH, type SuiteId } from './suites.ts';

export interface HlsExchange {
  clientSystemTitle: Uint8Array;
  serverSystemTitle: Uint8Array;
  /** Client-to-server challenge (AARQ calling-authentication-value). */
  ctos: Uint8Array;
  /** Server-to-client challenge (AARE responding-authentication-value). */
  stoc: Uint8Array;
}

/** Challenge lengths the GB allows: 8–64 bytes (HLS 5/6), 32–64 bytes (HLS 7). */
export function hlsChallengeLengthOk(mechanism: 5 | 6 | 7, length: number): boolean {
  return mechanism === 7 ? length >= 32 && length <= 64 : length >= 8 && length <= 64;
}

function titles(x: HlsExchange): void {
  if (x.clientSystemTitle.length !== SYSTEM_TITLE_LENGTH || x.serverSystemTitle.length !== SYSTEM_TITLE_LENGTH) {
    fail('bad-system-title-length', 0, 'HLS needs the 8-byte client and server system titles');
  }
}

// ---- HLS 5 (GMAC) ----

export interface Hls5Keys {
  key: Uint8Array;
  authKey: Uint8Array;
  suite?: SuiteId;
}

function hls5Sc(suite: SuiteId): number {
  return securityControlEncode({ suite, authentication: true, encryption: false, broadcast: false, compression: false });
}

function hls5Compute(k: Hls5Keys, ownTitle: Uint8Array, invocationCounter: number, challenge: Uint8Array): Uint8Array {
  // protect() in authentication-only mode yields SC ‖ IC ‖ challenge ‖ T; f() omits the challenge itself.
  const sc = hls5Sc(k.suite ?? 0);
  const full = protect({ securityControl: sc, systemTitle: ownTitle, invocationCounter, key: k.key, authKey: k.authKey }, challenge);
  return concatBytes(full.subarray(0, 5), full.subarray(full.length - TAG_LENGTH));
}

function hls5Verify(k: Hls5Keys, peerTitle: Uint8Array, challenge: Uint8Array, received: Uint8Array): { invocationCounter: number } {
  if (received.length < 5 + TAG_LENGTH) fail('truncated', received.length, `HLS-GMAC response must be ${5 + TAG_LENGTH} bytes (SC ‖ IC ‖ tag), got ${received.length}`);
  if (received.length > 5 + TAG_LENGTH) fail('trailing-bytes', 5 + TAG_LENGTH, `HLS-GMAC response must be ${5 + TAG_LENGTH} bytes (SC ‖ IC ‖ tag), got ${received.length}`);
  const sc = received[0]!;
  if (sc !== hls5Sc(k.suite ?? 0)) fail('bad-security-control', 0, `HLS-GMAC needs SC 0x${hls5Sc(k.suite ?? 0).toString(16)} (authentication only), got 0x${sc.toString(16)}`);
  const content = concatBytes(received.subarray(0, 5), challenge, received.subarray(5));
  try {
    const r = unprotect({ systemTitle: peerTitle, key: k.key, authKey: k.authKey }, content);
    return { invocationCounter: r.invocationCounter };
  } catch (e) {
    if (e instanceof SecurityError && e.code === 'bad-tag') fail('hls-failed', 5, 'HLS-GMAC tag does not verify');
    throw e;
  }
}

/** Pass 3, client side: f(StoC) with the client's system title and invocation counter. */
export const hls5FStoC = (k: Hls5Keys, x: HlsExchange, invocationCounter: number): Uint8Array => (titles(x), hls5Compute(k, x.clientSystemTitle, invocationCounter, x.stoc));
/** Pass 4, server side: f(CtoS) with the server's system title and invocation counter. */
export const hls5FCtoS = (k: Hls5Keys, x: HlsExchange, invocationCounter: number): Uint8Array => (titles(x), hls5Compute(k, x.serverSystemTitle, invocationCounter, x.ctos));
/** Server checks the client's f(StoC); returns the IC (for the frame-counter tracker). */
export const hls5VerifyFStoC = (k: Hls5Keys, x: HlsExchange, received: Uint8Array) => (titles(x), hls5Verify(k, x.clientSystemTitle, x.stoc, received));
/** Client checks the server's f(CtoS). */
export const hls5VerifyFCtoS = (k: Hls5Keys, x: HlsExchange, received: Uint8Array) => (titles(x), hls5Verify(k, x.serverSystemTitle, x.ctos, received));

// ---- HLS 6 (SHA-256) ----

export function hls6FStoC(secret: Uint8Array, x: HlsExchange): Uint8Array {
  titles(x);
  return sha256(concatBytes(secret, x.clientSystemTitle, x.serverSystemTitle, x.stoc, x.ctos));
}

export function hls6FCtoS(secret: Uint8Array, x: HlsExchange): Uint8Array {
  titles(x);
  return sha256(concatBytes(secret, x.serverSystemTitle, x.clientSystemTitle, x.ctos, x.stoc));
}

export function hls6VerifyFStoC(secret: Uint8Array, x: HlsExchange, received: Uint8Array): void {
  if (!constantTimeEqual(hls6FStoC(secret, x), received)) fail('hls-failed', 0, 'HLS-SHA256 f(StoC) does not match');
}

export function hls6VerifyFCtoS(secret: Uint8Array, x: HlsExchange, received: Uint8Array): void {
  if (!constantTimeEqual(hls6FCtoS(secret, x), received)) fail('hls-failed', 0, 'HLS-SHA256 f(CtoS) does not match');
}

// ---- HLS 7 (ECDSA) ----

export function hls7StoCSignedData(x: HlsExchange): Uint8Array {
  titles(x);
  return concatBytes(x.clientSystemTitle, x.serverSystemTitle, x.stoc, x.ctos);
}

export function hls7CtoSSignedData(x: HlsExchange): Uint8Array {
  titles(x);
  return concatBytes(x.serverSystemTitle, x.clientSystemTitle, x.ctos, x.stoc);
}

export const hls7FStoC = (suite: EccSuiteId, clientPrivateKey: Uint8Array, x: HlsExchange): Uint8Array => ecdsaSign(suite, clientPrivateKey, hls7StoCSignedData(x));
export const hls7FCtoS = (suite: EccSuiteId, serverPrivateKey: Uint8Array, x: HlsExchange): Uint8Array => ecdsaSign(suite, serverPrivateKey, hls7CtoSSignedData(x));

export function hls7VerifyFStoC(suite: EccSuiteId, clientPublicKey: Uint8Array, x: HlsExchange, received: Uint8Array): void {
  if (!ecdsaVerify(suite, clientPublicKey, hls7StoCSignedData(x), received)) fail('hls-failed', 0, 'HLS-ECDSA f(StoC) signature does not verify with the client key');
}

export function hls7VerifyFCtoS(suite: EccSuiteId, serverPublicKey: Uint8Array, x: HlsExchange, received: Uint8Array): void {
  if (!ecdsaVerify(suite, serverPublicKey, hls7CtoSSignedData(x), received)) fail('hls-failed', 0, 'HLS-ECDSA f(CtoS) signature does not verify with the server key');
}
