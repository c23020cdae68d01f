/**
 * Optional bridge to the xDLMS APDU codec (harness/codec/apdu/index.ts, `apduDecode` + `apduToJson`), used by
 * the acse, hdlc and wrapper decoders to show the APDU they carry. It is loaded once, dynamically, so these
 * decoders keep working (falling back to hex) while that module is absent or fails to load. Only the decoders
 * import this file; the codecs themselves stay free of it.
 */
type ApduModule = { apduDecode: (b: Uint8Array) => unknown; apduToJson: (v: unknown) => unknown };

async function load(): Promise<ApduModule | undefined> {
  try {
    const spec = new URL('../apdu/index.ts', import.meta.url).href;
    const m = (await import(/* @vite-ignore */ spec)) as Partial<ApduModule>;
    return typeof m.apduDecode === 'function' && typeof m.apduToJson === 'function' ? (m as ApduModule) : undefined;
  } catch {
    return undefined;
  }
}

const mod = await load();

/** The APDU module when it is present and usable. */
export function apduModule(): ApduModule | undefined {
  return mod;
}
