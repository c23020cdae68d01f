/**
 * `meterproof decode wmbus <hex> [--key env:NAME|file:path]`: one wireless M-Bus frame (format A or B,
 * with its CRCs, as it follows the radio preamble) → JSON. The link layer is decoded here; the payload
 * from the CI field on goes to the EN 13757-3 application layer in ../mbus (loaded once, lazily, so this
 * decoder still works — showing the payload as hex — where that layer is absent or broken).
 * The key is handed to the application layer only; it never appears in the output.
 */
import { bytesToHex } from '../bytes.ts';
import { CodecError } from '../errors.ts';
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { type LinkAddress, idDecode, manufacturerDecode, mediumName } from './address.ts';
import { cFieldName, dsmrWirelessAllowed } from './cfield.ts';
import { type WmbusFrame, wmbusFrameInspect, wmbusPayloadOffset } from './frame.ts';
import { mbusDecrypt } from '../../security/mbus/index.ts';
import schema from './decode-schema.json' with { type: 'json' };

/** What this decoder needs from harness/codec/mbus/index.ts. */
export interface MbusAppLayer {
  mbusAppDecode(bytes: Uint8Array, ctx?: { key?: Uint8Array; link?: LinkAddress; strict?: boolean; decrypt?: typeof mbusDecrypt }): unknown;
  mbusAppToJson(app: unknown): object;
  /** Optional: resolves once the application layer has its own hook to the security layer. */
  mbusCryptoReady?(): Promise<unknown>;
}

async function loadAppLayer(): Promise<MbusAppLayer | Error> {
  try {
    const mod = (await import(new URL('../mbus/index.ts', import.meta.url).href)) as Partial<MbusAppLayer>;
    if (typeof mod.mbusAppDecode !== 'function' || typeof mod.mbusAppToJson !== 'function') {
      return new Error('harness/codec/mbus/index.ts does not export mbusAppDecode and mbusAppToJson');
    }
    if (typeof mod.mbusCryptoReady === 'function') await mod.mbusCryptoReady();
    return mod as MbusAppLayer;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

const appLayer = await loadAppLayer();

function linkAddress(f: WmbusFrame): LinkAddress {
  return { manufacturer: manufacturerDecode(f.m), id: idDecode(f.a), version: f.a[4]!, medium: f.a[5]! };
}

function toDecodeError(e: CodecError, mapOffset: (o: number) => number = (o) => o): DecodeError {
  return { code: e.code, offset: mapOffset(e.offset), message: e.message };
}

/**
 * Decode with an explicit application layer (`null` = unavailable); `decoder.decode` passes the one it
 * loaded. Never throws.
 */
export function wmbusDecode(input: Uint8Array, opts: DecodeOptions = {}, app: MbusAppLayer | Error | null = appLayer): DecodedDocument {
  const errors: DecodeError[] = [];
  const doc: Record<string, unknown> = { link: null, ci: null, header: null, records: [] };
  const done = (): DecodedDocument => ({ ...doc, errors });
  const insp = wmbusFrameInspect(input);
  for (const e of insp.errors) {
    const d = toDecodeError(e);
    // A format A frame whose CRCs were stripped (as many tools log them) also has L + 1 bytes.
    if (insp.format === 'B' && e.code === 'bad-crc') d.message += '; format B was assumed because the byte count is L + 1 (a format A frame without its CRCs looks the same)';
    errors.push(d);
  }
  const f = insp.frame;
  if (!f) return done();
  const addr = linkAddress(f);
  const cName = cFieldName(f.c);
  doc.link = {
    format: insp.format,
    l: insp.l!,
    c: f.c,
    cName,
    ...addr,
    mediumName: mediumName(addr.medium),
    crcValid: insp.crc.length > 0 && insp.crc.every((s) => s.valid === true),
  };
  const ci = f.payload.length > 0 ? f.payload[0]! : null;
  doc.ci = ci;
  if (opts.strict) {
    // DSMR-P2 §3.2 / Table 4: frame format A only; §4.1 / Table 6: only the listed C/CI pairs.
    if (insp.format === 'B') errors.push({ code: 'format-b-not-dsmr', offset: 0, message: 'DSMR-P2 §3.2 requires frame format A' });
    if (cName === null) errors.push({ code: 'unknown-c-field', offset: 1, message: `C-field ${hex2(f.c)} is no EN 13757-4 frame type` });
    if (!dsmrWirelessAllowed(f.c, ci)) {
      errors.push({ code: 'c-ci-not-allowed', offset: 1, message: `C ${hex2(f.c)} with CI ${ci === null ? 'none' : hex2(ci)} is not a DSMR-P2 Table 6 combination` });
    }
  }
  if (ci === null) {
    errors.push({ code: 'no-ci-field', offset: 10, message: 'the frame ends after block 1: no CI field, no application data' });
    return done();
  }
  const complete = insp.errors.every((e) => e.code === 'bad-crc');
  if (app === null || app instanceof Error) {
    doc.payload = bytesToHex(f.payload);
    errors.push({ code: 'app-layer-unavailable', offset: wmbusPayloadOffset(insp.format, 0),
      message: `EN 13757-3 application layer not loaded${app ? `: ${app.message}` : ''}; payload shown as hex` });
    return done();
  }
  if (!complete) {
    // A truncated or overlong frame has no trustworthy payload; show what was located.
    doc.payload = bytesToHex(f.payload);
    return done();
  }
  try {
    // The decrypt function is handed over explicitly so decryption never depends on load order.
    const decoded = app.mbusAppDecode(f.payload, { ...(opts.key ? { key: opts.key } : {}), link: addr, ...(opts.strict ? { strict: true } : {}), decrypt: mbusDecrypt });
    const json = app.mbusAppToJson(decoded) as Record<string, unknown>;
    const mapOffset = (o: number) => wmbusPayloadOffset(insp.format, o);
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) {
      if (k === 'header') doc.header = v ?? null;
      else if (k === 'records') doc.records = Array.isArray(v) ? v : [];
      else if (k === 'frameCounter') { if (typeof v === 'number') doc.frameCounter = v; }
      else if (k === 'errors') { if (Array.isArray(v)) for (const e of v) errors.push(mapAppError(e, mapOffset)); }
      else if (k !== 'ci') rest[k] = v;
    }
    if (Object.keys(rest).length > 0) doc.app = rest;
  } catch (e) {
    doc.payload = bytesToHex(f.payload);
    if (e instanceof CodecError) errors.push(toDecodeError(e, (o) => wmbusPayloadOffset(insp.format, o)));
    else errors.push({ code: 'app-layer-failed', offset: wmbusPayloadOffset(insp.format, 0), message: `application layer raised ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
  }
  return done();
}

function mapAppError(e: unknown, mapOffset: (o: number) => number): DecodeError {
  const r = (e ?? {}) as Partial<DecodeError>;
  const out: DecodeError = { code: typeof r.code === 'string' ? r.code : 'app-error', message: typeof r.message === 'string' ? r.message : String(e) };
  if (Number.isInteger(r.offset) && r.offset! >= 0) out.offset = mapOffset(r.offset!);
  return out;
}

function hex2(v: number): string {
  return `${v.toString(16).toUpperCase().padStart(2, '0')}h`;
}

export const decoder: LayerDecoder = {
  layer: 'wmbus',
  summary: 'wireless M-Bus frame (EN 13757-4 format A/B with CRCs) and its EN 13757-3 payload; --key for mode 5/15',
  input: 'binary',
  decode: (input, opts) => wmbusDecode(input, opts),
  schema,
};
