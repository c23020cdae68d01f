/**
 * AARQ [APPLICATION 0], AARE [APPLICATION 1], RLRQ [APPLICATION 2], RLRE [APPLICATION 3] as COSEM uses them
 * (IEC 62056-5-3 / Green Book "ACSE APDUs", components after ISO/IEC 8650-1). Optional components keep their
 * presence: an explicitly sent DEFAULT protocol-version survives a decode/encode round trip.
 */
import { AcseError } from './errors.ts';
import { berRead } from './ber.ts';
import { type AuthenticationValue, type FieldSpec, fieldsDecode, fieldsEncode } from './fields.ts';
import {
  APPLICATION_CONTEXT_NAMES,
  type AcseServiceProviderDiagnostic,
  type AcseServiceUserDiagnostic,
  type AssociationResult,
  MECHANISM_NAMES,
  type ReleaseRequestReason,
  type ReleaseResponseReason,
} from './names.ts';

export type { AuthenticationValue } from './fields.ts';

export interface Aarq {
  type: 'AARQ';
  /** BIT STRING as '0'/'1' characters; "1" = version1 (the default when absent). */
  protocolVersion?: string;
  /** Dotted OID, e.g. APPLICATION_CONTEXT.lnNoCiphering. */
  applicationContextName: string;
  calledApTitle?: Uint8Array;
  calledAeQualifier?: Uint8Array;
  calledApInvocationId?: number;
  calledAeInvocationId?: number;
  /** The client system title in ciphered contexts. */
  callingApTitle?: Uint8Array;
  /** HLS 7: may carry the client's signing certificate. */
  callingAeQualifier?: Uint8Array;
  callingApInvocationId?: number;
  /** Carries the user identifier when the server has a user list. */
  callingAeInvocationId?: number;
  /** ACSE-requirements BIT STRING; bit 0 = authentication functional unit ("1"). */
  senderAcseRequirements?: string;
  mechanismName?: string;
  callingAuthenticationValue?: AuthenticationValue;
  implementationInformation?: Uint8Array;
  /** The xDLMS InitiateRequest (plain or ciphered), kept as raw octets. */
  userInformation?: Uint8Array;
}

export type ResultSourceDiagnostic =
  | { source: 'acse-service-user'; diagnostic: AcseServiceUserDiagnostic }
  | { source: 'acse-service-provider'; diagnostic: AcseServiceProviderDiagnostic };

export interface Aare {
  type: 'AARE';
  protocolVersion?: string;
  applicationContextName: string;
  result: AssociationResult;
  resultSourceDiagnostic: ResultSourceDiagnostic;
  /** The server system title. */
  respondingApTitle?: Uint8Array;
  /** HLS 7: the server's signing certificate. */
  respondingAeQualifier?: Uint8Array;
  respondingApInvocationId?: number;
  respondingAeInvocationId?: number;
  responderAcseRequirements?: string;
  mechanismName?: string;
  /** HLS: the server challenge StoC. */
  respondingAuthenticationValue?: AuthenticationValue;
  implementationInformation?: Uint8Array;
  /** The xDLMS InitiateResponse / ConfirmedServiceError (plain or ciphered), raw octets. */
  userInformation?: Uint8Array;
}

export interface Rlrq {
  type: 'RLRQ';
  reason?: ReleaseRequestReason;
  userInformation?: Uint8Array;
}

export interface Rlre {
  type: 'RLRE';
  reason?: ReleaseResponseReason;
  userInformation?: Uint8Array;
}

export type AcseApdu = Aarq | Aare | Rlrq | Rlre;
export type AcseApduType = AcseApdu['type'];

export const AARQ_FIELDS: FieldSpec[] = [
  { n: 0, name: 'protocol-version', key: 'protocolVersion', kind: 'bits' },
  { n: 1, name: 'application-context-name', key: 'applicationContextName', kind: 'oid-explicit', mandatory: true },
  { n: 2, name: 'called-AP-title', key: 'calledApTitle', kind: 'octets-explicit' },
  { n: 3, name: 'called-AE-qualifier', key: 'calledAeQualifier', kind: 'octets-explicit' },
  { n: 4, name: 'called-AP-invocation-identifier', key: 'calledApInvocationId', kind: 'int-explicit' },
  { n: 5, name: 'called-AE-invocation-identifier', key: 'calledAeInvocationId', kind: 'int-explicit' },
  { n: 6, name: 'calling-AP-title', key: 'callingApTitle', kind: 'octets-explicit' },
  { n: 7, name: 'calling-AE-qualifier', key: 'callingAeQualifier', kind: 'octets-explicit' },
  { n: 8, name: 'calling-AP-invocation-identifier', key: 'callingApInvocationId', kind: 'int-explicit' },
  { n: 9, name: 'calling-AE-invocation-identifier', key: 'callingAeInvocationId', kind: 'int-explicit' },
  { n: 10, name: 'sender-acse-requirements', key: 'senderAcseRequirements', kind: 'bits' },
  { n: 11, name: 'mechanism-name', key: 'mechanismName', kind: 'oid' },
  { n: 12, name: 'calling-authentication-value', key: 'callingAuthenticationValue', kind: 'auth' },
  { n: 29, name: 'implementation-information', key: 'implementationInformation', kind: 'graphic' },
  { n: 30, name: 'user-information', key: 'userInformation', kind: 'user-info' },
];

export const AARE_FIELDS: FieldSpec[] = [
  { n: 0, name: 'protocol-version', key: 'protocolVersion', kind: 'bits' },
  { n: 1, name: 'application-context-name', key: 'applicationContextName', kind: 'oid-explicit', mandatory: true },
  { n: 2, name: 'result', key: 'result', kind: 'result', mandatory: true },
  { n: 3, name: 'result-source-diagnostic', key: 'resultSourceDiagnostic', kind: 'diagnostic', mandatory: true },
  { n: 4, name: 'responding-AP-title', key: 'respondingApTitle', kind: 'octets-explicit' },
  { n: 5, name: 'responding-AE-qualifier', key: 'respondingAeQualifier', kind: 'octets-explicit' },
  { n: 6, name: 'responding-AP-invocation-identifier', key: 'respondingApInvocationId', kind: 'int-explicit' },
  { n: 7, name: 'responding-AE-invocation-identifier', key: 'respondingAeInvocationId', kind: 'int-explicit' },
  { n: 8, name: 'responder-acse-requirements', key: 'responderAcseRequirements', kind: 'bits' },
  { n: 9, name: 'mechanism-name', key: 'mechanismName', kind: 'oid' },
  { n: 10, name: 'responding-authentication-value', key: 'respondingAuthenticationValue', kind: 'auth' },
  { n: 29, name: 'implementation-information', key: 'implementationInformation', kind: 'graphic' },
  { n: 30, name: 'user-information', key: 'userInformation', kind: 'user-info' },
];

export const RLRQ_FIELDS: FieldSpec[] = [
  { n: 0, name: 'reason', key: 'reason', kind: 'reason-rq' },
  { n: 30, name: 'user-information', key: 'userInformation', kind: 'user-info' },
];

export const RLRE_FIELDS: FieldSpec[] = [
  { n: 0, name: 'reason', key: 'reason', kind: 'reason-re' },
  { n: 30, name: 'user-information', key: 'userInformation', kind: 'user-info' },
];

const APDU_TAGS: Record<AcseApduType, number> = { AARQ: 0x60, AARE: 0x61, RLRQ: 0x62, RLRE: 0x63 };
const FIELDS: Record<AcseApduType, FieldSpec[]> = { AARQ: AARQ_FIELDS, AARE: AARE_FIELDS, RLRQ: RLRQ_FIELDS, RLRE: RLRE_FIELDS };
const BY_TAG = new Map<number, AcseApduType>(Object.entries(APDU_TAGS).map(([k, v]) => [v, k as AcseApduType]));

export function acseFields(type: AcseApduType): FieldSpec[] {
  return FIELDS[type];
}

/** The ACSE APDU type whose tag opens `b`, if any. */
export function acseApduType(b: Uint8Array): AcseApduType | undefined {
  return b.length > 0 ? BY_TAG.get(b[0]!) : undefined;
}

/** Decode one ACSE APDU occupying all of `b`; `expect` restricts the accepted APDU type. */
export function acseDecode(b: Uint8Array, expect?: AcseApduType): AcseApdu {
  if (b.length === 0) throw new AcseError('truncated', 0, 'empty input');
  const type = BY_TAG.get(b[0]!);
  if (!type || (expect && type !== expect)) {
    throw new AcseError('unexpected-tag', 0, `tag 0x${b[0]!.toString(16).padStart(2, '0')} is not ${expect ?? 'an AARQ/AARE/RLRQ/RLRE'} tag`);
  }
  const t = berRead(b, 0, b.length, 'input');
  if (t.end !== b.length) throw new AcseError('trailing-bytes', t.end, `${b.length - t.end} octets after the ${type}`);
  return { type, ...fieldsDecode(b, t, FIELDS[type], type) } as AcseApdu;
}

export function acseEncode(apdu: AcseApdu): Uint8Array {
  const tag = APDU_TAGS[apdu.type];
  if (tag === undefined) throw new AcseError('bad-value', 0, `unknown ACSE APDU type ${String((apdu as { type: unknown }).type)}`);
  return fieldsEncode(tag, FIELDS[apdu.type], apdu as unknown as Record<string, unknown>, apdu.type);
}

export const aarqDecode = (b: Uint8Array): Aarq => acseDecode(b, 'AARQ') as Aarq;
export const aareDecode = (b: Uint8Array): Aare => acseDecode(b, 'AARE') as Aare;
export const rlrqDecode = (b: Uint8Array): Rlrq => acseDecode(b, 'RLRQ') as Rlrq;
export const rlreDecode = (b: Uint8Array): Rlre => acseDecode(b, 'RLRE') as Rlre;
export const aarqEncode = (v: Omit<Aarq, 'type'>): Uint8Array => acseEncode({ ...v, type: 'AARQ' });
export const aareEncode = (v: Omit<Aare, 'type'>): Uint8Array => acseEncode({ ...v, type: 'AARE' });
export const rlrqEncode = (v: Omit<Rlrq, 'type'>): Uint8Array => acseEncode({ ...v, type: 'RLRQ' });
export const rlreEncode = (v: Omit<Rlre, 'type'>): Uint8Array => acseEncode({ ...v, type: 'RLRE' });

/** True when the ACSE-requirements bit string has the authentication functional unit (bit 0) set. */
export function acseRequirementsAuthentication(bits: string | undefined): boolean {
  return bits !== undefined && bits[0] === '1';
}

export interface AcseWarning {
  code: string;
  message: string;
}

/**
 * Deviations that still decode (COSEM usage rules on top of the ASN.1): the codec accepts them, the decoder
 * reports them, `--strict` turns them into errors.
 */
export function acseWarnings(a: AcseApdu): AcseWarning[] {
  const w: AcseWarning[] = [];
  const add = (code: string, message: string): void => void w.push({ code, message });
  if (a.type === 'AARQ' || a.type === 'AARE') {
    if (a.protocolVersion !== undefined && a.protocolVersion !== '1') {
      add('unusual-protocol-version', `protocol-version "${a.protocolVersion}" is not version1`);
    }
    if (APPLICATION_CONTEXT_NAMES[a.applicationContextName] === undefined) {
      add('unknown-application-context', `application-context-name ${a.applicationContextName} is not a COSEM context`);
    }
    if (a.mechanismName !== undefined && MECHANISM_NAMES[a.mechanismName] === undefined) {
      add('unknown-mechanism', `mechanism-name ${a.mechanismName} is not a COSEM authentication mechanism`);
    }
  }
  if (a.type === 'AARQ') {
    const auth = acseRequirementsAuthentication(a.senderAcseRequirements);
    if (a.mechanismName !== undefined && !auth) add('mechanism-without-authentication', 'mechanism-name present but the authentication functional unit is not selected');
    if (auth && a.mechanismName === undefined) add('authentication-without-mechanism', 'authentication functional unit selected without a mechanism-name');
    if (a.callingAuthenticationValue !== undefined && !auth) add('authentication-value-without-authentication', 'calling-authentication-value present but the authentication functional unit is not selected');
    if (a.userInformation === undefined) add('missing-user-information', 'AARQ without user-information (the xDLMS InitiateRequest)');
  }
  if (a.type === 'AARE') {
    if (a.userInformation === undefined) {
      add('missing-user-information', a.result === 'accepted'
        ? 'accepted AARE without user-information (the xDLMS InitiateResponse)'
        : `${a.result} AARE without user-information (no xDLMS InitiateResponse or ConfirmedServiceError)`);
    }
    const d = a.resultSourceDiagnostic.diagnostic;
    if (a.result === 'accepted' && d !== 'null' && d !== 'authentication-required') {
      add('inconsistent-diagnostic', `accepted AARE with diagnostic ${d}`);
    }
    if (a.result !== 'accepted' && d === 'null') add('inconsistent-diagnostic', `${a.result} AARE with diagnostic null`);
  }
  return w;
}
