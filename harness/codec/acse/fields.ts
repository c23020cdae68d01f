/**
 * Field-level BER codec shared by AARQ, AARE, RLRQ and RLRE. Each APDU is an [APPLICATION n] IMPLICIT SEQUENCE
 * whose components carry context tags ([n] IMPLICIT for primitive types, [n] EXPLICIT around a universal TLV for
 * CHOICE and "AP-title"-style types), in ascending tag order (IEC 62056-5-3 ACSE ASN.1, after ISO/IEC 8650-1).
 * A field table per APDU drives both directions so that order, tags and inner types stay in one place.
 */
import { AcseError } from './errors.ts';
import {
  type Tlv,
  berBitsDecode,
  berBitsEncode,
  berBitsFromString,
  berBitsToString,
  berConstructed,
  berExplicit,
  berIntDecode,
  berIntEncode,
  berOidDecode,
  berOidEncode,
  berRead,
  berTlv,
} from './ber.ts';
import {
  ACSE_SERVICE_PROVIDER_DIAGNOSTICS,
  ACSE_SERVICE_USER_DIAGNOSTICS,
  ASSOCIATION_RESULTS,
  RELEASE_REQUEST_REASONS,
  RELEASE_RESPONSE_REASONS,
} from './names.ts';

/** calling/responding-authentication-value: Authentication-value CHOICE (ISO/IEC 8650-1). */
export type AuthenticationValue =
  | { choice: 'charstring'; value: Uint8Array }
  | { choice: 'bitstring'; value: Uint8Array; unusedBits: number }
  | { choice: 'external'; content: Uint8Array }
  | { choice: 'other'; content: Uint8Array };

export type FieldKind =
  | 'bits' // [n] IMPLICIT BIT STRING, value = '0'/'1' string
  | 'oid-explicit' // [n] EXPLICIT OBJECT IDENTIFIER (application-context-name)
  | 'oid' // [n] IMPLICIT OBJECT IDENTIFIER (mechanism-name)
  | 'octets-explicit' // [n] EXPLICIT OCTET STRING (AP-title, AE-qualifier as COSEM uses them)
  | 'int-explicit' // [n] EXPLICIT INTEGER (AP-/AE-invocation-identifier)
  | 'auth' // [n] EXPLICIT Authentication-value
  | 'graphic' // [n] IMPLICIT GraphicString (implementation-information), raw octets
  | 'user-info' // [30] EXPLICIT Association-information = OCTET STRING
  | 'result' // [2] EXPLICIT INTEGER Associate-result
  | 'diagnostic' // [3] EXPLICIT CHOICE { [1] acse-service-user INTEGER, [2] acse-service-provider INTEGER }
  | 'reason-rq' // [0] IMPLICIT INTEGER Release-request-reason
  | 'reason-re'; // [0] IMPLICIT INTEGER Release-response-reason

export interface FieldSpec {
  n: number;
  name: string; // ASN.1 component name
  key: string; // property of the TypeScript value
  kind: FieldKind;
  mandatory?: boolean;
}

const EXPLICIT = new Set<FieldKind>(['oid-explicit', 'octets-explicit', 'int-explicit', 'auth', 'user-info', 'result', 'diagnostic']);

/** Identifier octet of a field: context class, constructed for EXPLICIT wrappers. */
export function fieldTag(f: FieldSpec): number {
  return (EXPLICIT.has(f.kind) ? 0xa0 : 0x80) | f.n;
}

/** The single universal TLV inside an EXPLICIT wrapper; it must fill the wrapper exactly. */
function inner(b: Uint8Array, t: Tlv, tags: number[], what: string): Tlv {
  const i = berRead(b, t.contentStart, t.end);
  if (!tags.includes(i.tag)) {
    throw new AcseError('unexpected-tag', i.start, `${what}: tag 0x${hex(b[i.start]!)} where ${tags.map((x) => '0x' + hex(x)).join('/')} was expected`);
  }
  if (i.end !== t.end) throw new AcseError('trailing-bytes', i.end, `${what}: octets after the value inside its explicit tag`);
  return i;
}

const hex = (v: number): string => v.toString(16).padStart(2, '0').toUpperCase();

function enumName<T extends string>(names: readonly T[], v: number, at: number, what: string): T {
  const n = names[v];
  if (n === undefined) throw new AcseError('bad-value', at, `${what} ${v} is not defined`);
  return n;
}

function reasonName(table: Record<string, number>, v: number, at: number, what: string): string {
  const e = Object.entries(table).find(([, x]) => x === v);
  if (!e) throw new AcseError('bad-value', at, `${what} ${v} is not defined`);
  return e[0];
}

export function fieldDecode(b: Uint8Array, t: Tlv, f: FieldSpec): unknown {
  const what = f.name;
  switch (f.kind) {
    case 'bits':
      return berBitsToString(berBitsDecode(b, t.contentStart, t.end));
    case 'oid':
      return berOidDecode(b, t.contentStart, t.end);
    case 'graphic':
      return b.slice(t.contentStart, t.end);
    case 'oid-explicit': {
      const i = inner(b, t, [0x06], what);
      return berOidDecode(b, i.contentStart, i.end);
    }
    case 'octets-explicit':
    case 'user-info': {
      const i = inner(b, t, [0x04], what);
      return b.slice(i.contentStart, i.end);
    }
    case 'int-explicit': {
      const i = inner(b, t, [0x02], what);
      return berIntDecode(b, i.contentStart, i.end);
    }
    case 'result': {
      const i = inner(b, t, [0x02], what);
      return enumName(ASSOCIATION_RESULTS, berIntDecode(b, i.contentStart, i.end), i.contentStart, what);
    }
    case 'diagnostic': {
      const c = inner(b, t, [0xa1, 0xa2], what);
      const i = inner(b, c, [0x02], what);
      const v = berIntDecode(b, i.contentStart, i.end);
      return c.tag === 0xa1
        ? { source: 'acse-service-user', diagnostic: enumName(ACSE_SERVICE_USER_DIAGNOSTICS, v, i.contentStart, 'acse-service-user diagnostic') }
        : { source: 'acse-service-provider', diagnostic: enumName(ACSE_SERVICE_PROVIDER_DIAGNOSTICS, v, i.contentStart, 'acse-service-provider diagnostic') };
    }
    case 'reason-rq':
      return reasonName(RELEASE_REQUEST_REASONS, berIntDecode(b, t.contentStart, t.end), t.contentStart, what);
    case 'reason-re':
      return reasonName(RELEASE_RESPONSE_REASONS, berIntDecode(b, t.contentStart, t.end), t.contentStart, what);
    case 'auth': {
      const i = inner(b, t, [0x80, 0x81, 0xa2, 0xa3], what);
      if (i.tag === 0x80) return { choice: 'charstring', value: b.slice(i.contentStart, i.end) };
      if (i.tag === 0x81) {
        const bits = berBitsDecode(b, i.contentStart, i.end);
        return { choice: 'bitstring', value: bits.bytes, unusedBits: bits.unusedBits };
      }
      return { choice: i.tag === 0xa2 ? 'external' : 'other', content: b.slice(i.contentStart, i.end) };
    }
  }
}

function bytesOf(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new AcseError('bad-value', 0, `${what} must be a Uint8Array`);
  return v;
}

function stringOf(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new AcseError('bad-value', 0, `${what} must be a string`);
  return v;
}

function indexOf(names: readonly string[], v: unknown, what: string): number {
  const i = names.indexOf(stringOf(v, what));
  if (i < 0) throw new AcseError('bad-value', 0, `${what} "${String(v)}" is not defined`);
  return i;
}

function reasonValue(table: Record<string, number>, v: unknown, what: string): number {
  const n = table[stringOf(v, what)];
  if (n === undefined) throw new AcseError('bad-value', 0, `${what} "${String(v)}" is not defined`);
  return n;
}

export function fieldEncode(f: FieldSpec, v: unknown): Uint8Array {
  const tag = fieldTag(f);
  const what = f.name;
  switch (f.kind) {
    case 'bits':
      return berTlv(tag, berBitsEncode(berBitsFromString(stringOf(v, what))));
    case 'oid':
      return berTlv(tag, berOidEncode(stringOf(v, what)));
    case 'graphic':
      return berTlv(tag, bytesOf(v, what));
    case 'oid-explicit':
      return berExplicit(tag, 0x06, berOidEncode(stringOf(v, what)));
    case 'octets-explicit':
    case 'user-info':
      return berExplicit(tag, 0x04, bytesOf(v, what));
    case 'int-explicit':
      if (typeof v !== 'number') throw new AcseError('bad-value', 0, `${what} must be a number`);
      return berExplicit(tag, 0x02, berIntEncode(v));
    case 'result':
      return berExplicit(tag, 0x02, berIntEncode(indexOf(ASSOCIATION_RESULTS, v, what)));
    case 'diagnostic': {
      const d = v as { source?: unknown; diagnostic?: unknown } | undefined;
      if (d?.source === 'acse-service-user') {
        return berTlv(tag, berExplicit(0xa1, 0x02, berIntEncode(indexOf(ACSE_SERVICE_USER_DIAGNOSTICS, d.diagnostic, what))));
      }
      if (d?.source === 'acse-service-provider') {
        return berTlv(tag, berExplicit(0xa2, 0x02, berIntEncode(indexOf(ACSE_SERVICE_PROVIDER_DIAGNOSTICS, d.diagnostic, what))));
      }
      throw new AcseError('bad-value', 0, `${what} source must be acse-service-user or acse-service-provider`);
    }
    case 'reason-rq':
      return berTlv(tag, berIntEncode(reasonValue(RELEASE_REQUEST_REASONS, v, what)));
    case 'reason-re':
      return berTlv(tag, berIntEncode(reasonValue(RELEASE_RESPONSE_REASONS, v, what)));
    case 'auth': {
      const a = v as AuthenticationValue;
      switch (a?.choice) {
        case 'charstring':
          return berExplicit(tag, 0x80, bytesOf(a.value, what));
        case 'bitstring':
          return berExplicit(tag, 0x81, berBitsEncode({ unusedBits: a.unusedBits, bytes: bytesOf(a.value, what) }));
        case 'external':
          return berExplicit(tag, 0xa2, bytesOf(a.content, what));
        case 'other':
          return berExplicit(tag, 0xa3, bytesOf(a.content, what));
        default:
          throw new AcseError('bad-value', 0, `${what} choice must be charstring, bitstring, external or other`);
      }
    }
  }
}

/** Decode the components of an APDU whose outer TLV is `t`, following `specs` (ascending tag numbers). */
export function fieldsDecode(b: Uint8Array, t: Tlv, specs: FieldSpec[], apdu: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let next = 0;
  let pos = t.contentStart;
  while (pos < t.end) {
    const c = berRead(b, pos, t.end);
    const j = specs.findIndex((f) => fieldTag(f) === c.tag);
    if (j < 0) throw new AcseError('unexpected-tag', c.start, `${apdu}: tag 0x${hex(b[c.start]!)} is not a component of ${apdu}`);
    if (j < next) {
      const dup = out[specs[j]!.key] !== undefined;
      throw new AcseError('unexpected-tag', c.start, `${apdu}: ${specs[j]!.name} ${dup ? 'appears twice' : 'is out of order'}`);
    }
    out[specs[j]!.key] = fieldDecode(b, c, specs[j]!);
    next = j + 1;
    pos = c.end;
  }
  for (const f of specs) {
    if (f.mandatory && out[f.key] === undefined) throw new AcseError('missing-field', t.start, `${apdu}: mandatory ${f.name} is absent`);
  }
  return out;
}

/** Encode an APDU: application tag, then every present component in table order. */
export function fieldsEncode(appTag: number, specs: FieldSpec[], value: Record<string, unknown>, apdu: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of specs) {
    const v = value[f.key];
    if (v === undefined) {
      if (f.mandatory) throw new AcseError('missing-field', 0, `${apdu}: mandatory ${f.name} is absent`);
      continue;
    }
    parts.push(fieldEncode(f, v));
  }
  return berConstructed(appTag, parts);
}
