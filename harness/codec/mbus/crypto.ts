/**
 * Hook to harness/security/mbus (AES-128-CBC of DSMR mode 15 and EN 13757-3 mode 5). The codec does not
 * import it statically: the security layer is loaded once in the background and used when it is there.
 * Await `mbusCryptoReady()` before a synchronous decode that needs decryption, or pass `ctx.decrypt`.
 *
 * IVs (DSMR-P2 §5.2): bytes 0–7 are always the M-Bus device's MAN, ID, VER, DEV (link order), taken from
 * the long header or, for a short header, from the link address the caller supplies; bytes 8–15 are the
 * frame counter of the clear `04 FD 08` record twice (mode 15) or the access number eight times (mode 5).
 */
export interface MbusDecryptArgs {
  mode: 5 | 15;
  key: Uint8Array;
  iv: Uint8Array;
  data: Uint8Array;
  blocks?: number;
  strict?: boolean;
}

export type MbusDecryptFn = (args: MbusDecryptArgs) => Uint8Array;

const SECURITY_MODULE = new URL('../../security/mbus/index.ts', import.meta.url).href;
let decryptFn: MbusDecryptFn | null = null;
let loading: Promise<boolean> | null = null;

/** Load the security layer (once). Resolves to whether `mbusDecrypt` is available. */
export function mbusCryptoReady(): Promise<boolean> {
  loading ??= import(/* @vite-ignore */ SECURITY_MODULE).then(
    (m: { mbusDecrypt?: unknown }) => {
      if (typeof m.mbusDecrypt === 'function') decryptFn = m.mbusDecrypt as MbusDecryptFn;
      return decryptFn !== null;
    },
    () => false,
  );
  return loading;
}

/** The loaded decrypt function, or null if the security layer is not (yet) available. */
export const mbusLoadedDecrypt = (): MbusDecryptFn | null => decryptFn;

/** DSMR mode 15 IV: identity (MAN ID VER DEV, 8 bytes) ‖ FC ‖ FC, FC little endian (DSMR-P2 §5.2, Example 1). */
export function mbusMode15Iv(identity: Uint8Array, frameCounter: number): Uint8Array {
  const iv = new Uint8Array(16);
  iv.set(identity.subarray(0, 8), 0);
  for (let i = 0; i < 4; i++) iv[8 + i] = iv[12 + i] = Math.floor(frameCounter / 2 ** (8 * i)) & 0xff;
  return iv;
}

/** EN 13757-3 mode 5 IV: identity (8 bytes) ‖ access number × 8. */
export function mbusMode5Iv(identity: Uint8Array, accessNumber: number): Uint8Array {
  const iv = new Uint8Array(16).fill(accessNumber & 0xff);
  iv.set(identity.subarray(0, 8), 0);
  return iv;
}
