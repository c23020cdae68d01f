/**
 * `meterproof decode apdu`: one xDLMS APDU → `{ layer, length, apdu, errors }` with `apdu` in the
 * apduToJson form (ASN.1 names). Never throws: problems are `errors` entries (code, offset, message);
 * non-canonical encodings a lenient decode accepted are entries with `severity: "warning"`.
 *
 * Protected APDUs (glo-/ded-/general-ciphering/-signing): the envelope belongs to the security layer,
 * `harness/security/ciphering.ts`, loaded here once with a guarded dynamic import. When it is present
 * the envelope fields are shown, and with `opts.key` the APDU is deciphered and the plaintext decoded as
 * a nested `plain` APDU. When it is absent (or no key is given) the tag name and raw octets are shown and
 * a warning `ciphered-not-deciphered` is reported. Keys never appear in the output or in messages.
 */
import { bytesToHex } from '../bytes.ts';
import { isCodecError } from '../errors.ts';
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { apduDecode, apduDecodeAt } from './codec.ts';
import { apduToJson } from './json.ts';
import type { Apdu, CipheredApdu } from './types.ts';
import schema from './decode-schema.json' with { type: 'json' };

interface CipheringModule {
  decipherApdu(apdu: Uint8Array, keys: { key: Uint8Array; authKey?: Uint8Array; systemTitle?: Uint8Array }): {
    plain: Uint8Array; securityControl: number; invocationCounter: number; systemTitle?: Uint8Array;
  };
  cipheredEnvelopeDecode(apdu: Uint8Array): object;
}

async function loadCiphering(): Promise<CipheringModule | null> {
  try {
    const mod = (await import(/* @vite-ignore */ new URL('../../security/ciphering.ts', import.meta.url).href)) as Partial<CipheringModule>;
    return typeof mod.decipherApdu === 'function' && typeof mod.cipheredEnvelopeDecode === 'function' ? (mod as CipheringModule) : null;
  } catch {
    return null;
  }
}

/** The security layer, or null while harness/security/ciphering.ts does not exist (or fails to load). */
export const ciphering: CipheringModule | null = await loadCiphering();

type Warning = DecodeError & { severity: 'warning' };

/** Replace every occurrence of a secret's hex (either case) in a message. */
export function redactSecrets(message: string, secrets: Array<Uint8Array | undefined>): string {
  let m = message;
  for (const s of secrets) {
    if (!s || s.length === 0) continue;
    const hex = bytesToHex(s);
    m = m.split(hex).join('<redacted>').split(hex.toLowerCase()).join('<redacted>');
  }
  return m;
}

function errorEntry(e: unknown, secrets: Array<Uint8Array | undefined> = []): DecodeError {
  if (isCodecError(e)) return { code: e.code, offset: e.offset, message: redactSecrets(e.message, secrets) };
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'internal-error', message: redactSecrets(`unexpected failure: ${msg}`, secrets) };
}

/** Make an arbitrary envelope object JSON-safe: octets → hex, bigint → string. */
export function jsonSafe(v: unknown, depth = 0): unknown {
  if (depth > 16) return null;
  if (v instanceof Uint8Array) return bytesToHex(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') out[k] = jsonSafe(x, depth + 1);
    return out;
  }
  return v;
}

function cipheredJson(a: CipheredApdu, opts: DecodeOptions, errors: DecodeError[], nesting: number): Record<string, unknown> {
  const secrets = [opts.key, opts.authKey];
  const out: Record<string, unknown> = { 'apdu-tag': a.tag, length: a.bytes.length, hex: bytesToHex(a.bytes) };
  const warn = (message: string): void => {
    const w: Warning = { code: 'ciphered-not-deciphered', offset: 0, message, severity: 'warning' };
    errors.push(w);
  };
  const warn2 = (code: string, offset: number): void => {
    const w: Warning = { code, offset, message: `apdu: accepted a non-canonical encoding in the deciphered ${a.name} content (${code} at plaintext offset ${offset})`, severity: 'warning' };
    errors.push(w);
  };
  if (!ciphering) {
    warn(`${a.name} (tag 0x${a.tag.toString(16)}): the security layer (harness/security/ciphering.ts) is not available; raw octets shown`);
    return { [a.name]: out };
  }
  try {
    out.envelope = jsonSafe(ciphering.cipheredEnvelopeDecode(a.bytes));
  } catch (e) {
    errors.push(errorEntry(e, secrets));
  }
  if (!opts.key) {
    warn(`${a.name} (tag 0x${a.tag.toString(16)}): no key given; the content was not deciphered`);
    return { [a.name]: out };
  }
  try {
    const r = ciphering.decipherApdu(a.bytes, { key: opts.key, ...(opts.authKey ? { authKey: opts.authKey } : {}), ...(opts.systemTitle ? { systemTitle: opts.systemTitle } : {}) });
    out['security-control'] = r.securityControl;
    out['invocation-counter'] = r.invocationCounter;
    if (r.systemTitle) out['system-title'] = bytesToHex(r.systemTitle);
    const plain = apduDecode(r.plain, {
      strict: opts.strict ?? false,
      onNonCanonical: (code, offset) => warn2(code, offset),
    });
    out.plain = renderApdu(plain, opts, errors, nesting + 1);
  } catch (e) {
    errors.push(errorEntry(e, secrets));
  }
  return { [a.name]: out };
}

function renderApdu(a: Apdu, opts: DecodeOptions, errors: DecodeError[], nesting = 0): Record<string, unknown> {
  if (a.type === 'ciphered' && nesting < 4) return cipheredJson(a, opts, errors, nesting);
  return apduToJson(a);
}

export function decodeApduDocument(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const errors: DecodeError[] = [];
  let apdu: unknown = null;
  try {
    const { apdu: a, end } = apduDecodeAt(input, 0, {
      strict: opts.strict ?? false,
      onNonCanonical: (code, offset) => {
        const w: Warning = { code, offset, message: `apdu: accepted a non-canonical encoding (${code} at offset ${offset})`, severity: 'warning' };
        errors.push(w);
      },
    });
    apdu = renderApdu(a, opts, errors);
    if (end !== input.length) {
      errors.push({ code: 'trailing-bytes', offset: end, message: `apdu: ${input.length - end} byte(s) after the APDU (trailing-bytes at offset ${end})` });
    }
  } catch (e) {
    errors.push(errorEntry(e, [opts.key, opts.authKey]));
  }
  return { layer: 'apdu', length: input.length, apdu, errors };
}

export const decoder: LayerDecoder = {
  layer: 'apdu',
  summary: 'xDLMS APDU (IEC 62056-5-3, A-XDR): GET/SET/ACTION, notifications, InitiateRequest/Response, GBT; ciphered via the security layer',
  input: 'binary',
  decode: decodeApduDocument,
  schema,
};
