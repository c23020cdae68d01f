/**
 * JSON rendering of ACSE APDUs for `meterproof decode acse` and for the decoders of the layers that carry them
 * (hdlc, wrapper). Field names are the ASN.1 component names; OIDs come with their COSEM names; the
 * user-information octets are shown as hex plus the xDLMS APDU when the apdu codec can read it. A low-level
 * security password (mechanism 1, or a charstring without an HLS mechanism) is never printed, only its length.
 */
import { bytesToHex } from '../bytes.ts';
import { isCodecError } from '../errors.ts';
import { type AcseApdu, acseDecode, acseFields, acseRequirementsAuthentication } from './apdus.ts';
import { type AuthenticationValue } from './fields.ts';
import { APPLICATION_CONTEXT_NAMES, MECHANISM_NAMES, USER_INFORMATION_APDUS, mechanismIsHls } from './names.ts';
import { berRead } from './ber.ts';
import { apduModule } from './apdu-bridge.ts';

export interface NestedApduJson {
  hex: string;
  length: number;
  /** Name of the APDU from its tag, when known. */
  apdu?: string;
  /** The decoded APDU (acse fields, or the apdu codec's JSON). */
  decoded?: unknown;
  /** glo-InitiateRequest/-Response: security header and ciphered octets (never deciphered here). */
  envelope?: Record<string, unknown>;
  /** Why the APDU could not be decoded (the bytes stay available as hex). */
  error?: { code: string; offset?: number; message: string };
}

const printable = (b: Uint8Array): string | undefined =>
  b.length > 0 && b.every((c) => c >= 0x20 && c < 0x7f) ? String.fromCharCode(...b) : undefined;

function octets(b: Uint8Array): Record<string, unknown> {
  const text = printable(b);
  return { hex: bytesToHex(b), length: b.length, ...(text !== undefined ? { text } : {}) };
}

function authJson(v: AuthenticationValue, mechanism: string | undefined): Record<string, unknown> {
  const secretSafe = mechanismIsHls(mechanism);
  if (v.choice === 'charstring' || v.choice === 'bitstring') {
    if (!secretSafe) return { choice: v.choice, length: v.value.length, redacted: true };
    return {
      choice: v.choice,
      hex: bytesToHex(v.value),
      length: v.value.length,
      ...(v.choice === 'bitstring' ? { 'unused-bits': v.unusedBits } : {}),
    };
  }
  return { choice: v.choice, length: v.content.length, ...(secretSafe ? { hex: bytesToHex(v.content) } : { redacted: true }) };
}

/** A-XDR length (1 octet, or 0x81/0x82/0x83/0x84 + octets) of a ciphered initiate envelope; undefined if unreadable. */
function axdrLength(b: Uint8Array, p: number): { len: number; next: number } | undefined {
  if (p >= b.length) return undefined;
  const l0 = b[p]!;
  if (l0 < 0x80) return { len: l0, next: p + 1 };
  const k = l0 & 0x7f;
  if (k === 0 || k > 4 || p + 1 + k > b.length) return undefined;
  let len = 0;
  for (let i = 0; i < k; i++) len = len * 256 + b[p + 1 + i]!;
  return { len, next: p + 1 + k };
}

/** glo-InitiateRequest/-Response (0x21/0x28): security header and ciphered octets, never deciphered here. */
function cipheredEnvelope(b: Uint8Array): Record<string, unknown> | undefined {
  const l = axdrLength(b, 1);
  if (!l || l.next + l.len !== b.length || l.len < 5) return undefined;
  const sc = b[l.next]!;
  const ic = ((b[l.next + 1]! << 24) >>> 0) + (b[l.next + 2]! << 16) + (b[l.next + 3]! << 8) + b[l.next + 4]!;
  return {
    'security-control': { value: sc, 'security-suite': sc & 0x0f, authentication: (sc & 0x10) !== 0, encryption: (sc & 0x20) !== 0, 'key-set': sc & 0x40 ? 'broadcast' : 'unicast', compression: (sc & 0x80) !== 0 },
    'invocation-counter': ic,
    'ciphered-content': bytesToHex(b.subarray(l.next + 5)),
  };
}

/** Render an APDU carried by a lower layer or in user-information: ACSE here, xDLMS via the apdu codec. */
export function nestedApduJson(b: Uint8Array, depth = 0): NestedApduJson {
  const out: NestedApduJson = { hex: bytesToHex(b), length: b.length };
  if (b.length === 0) return out;
  const tag = b[0]!;
  if (tag >= 0x60 && tag <= 0x63 && depth < 2) {
    out.apdu = ['AARQ', 'AARE', 'RLRQ', 'RLRE'][tag - 0x60]!;
    try {
      out.decoded = acseToJson(acseDecode(b), depth + 1);
    } catch (e) {
      out.error = errorJson(e);
    }
    return out;
  }
  const name = USER_INFORMATION_APDUS[tag];
  if (name) out.apdu = name;
  if (tag === 0x21 || tag === 0x28) {
    const env = cipheredEnvelope(b);
    if (env) out.envelope = env;
  }
  const m = apduModule();
  if (m) {
    try {
      out.decoded = m.apduToJson(m.apduDecode(b));
    } catch (e) {
      if (!out.envelope) out.error = errorJson(e);
    }
  }
  return out;
}

export function errorJson(e: unknown): { code: string; offset?: number; message: string } {
  if (isCodecError(e)) return { code: e.code, offset: e.offset, message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** ASN.1-named JSON of one decoded ACSE APDU. */
export function acseToJson(a: AcseApdu, depth = 0): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const rec = a as unknown as Record<string, unknown>;
  const mechanism = a.type === 'AARQ' || a.type === 'AARE' ? a.mechanismName : undefined;
  for (const f of acseFields(a.type)) {
    const v = rec[f.key];
    if (v === undefined) continue;
    switch (f.kind) {
      case 'bits':
        fields[f.name] = f.n === 0
          ? { bits: v, version1: (v as string)[0] === '1' }
          : { bits: v, authentication: acseRequirementsAuthentication(v as string) };
        break;
      case 'oid':
      case 'oid-explicit': {
        const names = f.kind === 'oid' ? MECHANISM_NAMES : APPLICATION_CONTEXT_NAMES;
        const name = names[v as string];
        fields[f.name] = { oid: v, ...(name ? { name } : {}) };
        break;
      }
      case 'octets-explicit':
      case 'graphic':
        fields[f.name] = octets(v as Uint8Array);
        break;
      case 'user-info':
        fields[f.name] = nestedApduJson(v as Uint8Array, depth);
        break;
      case 'auth':
        fields[f.name] = authJson(v as AuthenticationValue, mechanism);
        break;
      case 'diagnostic': {
        const d = v as { source: string; diagnostic: string };
        fields[f.name] = { [d.source]: d.diagnostic };
        break;
      }
      default:
        fields[f.name] = v; // invocation ids, result, reason
    }
  }
  return { apdu: a.type, fields };
}

export interface BerNode {
  offset: number;
  tag: string;
  length: number;
  children?: BerNode[];
  hex?: string;
}

/** Best-effort BER tree of a damaged input, for the decoder's error view; stops at the first unreadable octet. */
export function berTree(b: Uint8Array, start = 0, end = b.length, depth = 0): BerNode[] {
  const out: BerNode[] = [];
  let p = start;
  while (p < end && out.length < 64) {
    let t;
    try {
      t = berRead(b, p, end, depth === 0 ? 'input' : 'enclosing');
    } catch {
      break;
    }
    const node: BerNode = { offset: t.start, tag: bytesToHex(b.subarray(t.start, t.start + 1)), length: t.end - t.contentStart };
    if (t.constructed && depth < 8) node.children = berTree(b, t.contentStart, t.end, depth + 1);
    else node.hex = bytesToHex(b.subarray(t.contentStart, Math.min(t.end, t.contentStart + 64)));
    out.push(node);
    p = t.end;
  }
  return out;
}
