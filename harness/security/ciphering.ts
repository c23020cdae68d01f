/**
 * Ciphered xDLMS APDU envelopes (GB §9.2.7.2.4, §9.5 ASN.1): service-specific glo-/ded- ciphering
 * (tag, length, SC ‖ IC ‖ ciphertext ‖ tag), general-glo-ciphering [219] / general-ded-ciphering [220]
 * (system-title, ciphered-content), general-ciphering [221] (general.ts) — and the two functions the APDU
 * decoder imports: `decipherApdu` and `cipheredEnvelopeDecode`. `cipherApdu` builds them for the client
 * role and the simulators.
 *
 * Rules enforced when deciphering (GB Table 36/37): compression only in the general APDUs (and V.44 is not
 * implemented here); the key-set bit must be 0 for dedicated and general-ciphering APDUs; "no protection"
 * (SC with neither A nor E) only in general-ciphering.
 */
import { bytesToHex, concatBytes } from '../codec/bytes.ts';
import { fail } from './errors.ts';
import { generalCipheringDecode, generalCipheringEncode, generalHeaderEncode, TAG_GENERAL_CIPHERING, TAG_GENERAL_SIGNING, generalSigningDecode, type KeyInfo } from './general.ts';
import { protect, unprotect, type RequiredProtection } from './gcm.ts';
import { aesKeyUnwrap } from './keywrap.ts';
import { axdrOctetStringDecode, axdrOctetStringEncode } from './length.ts';
import { protectionKind, securityControlDecode, securityControlJson, type SecurityControlJson } from './security-control.ts';
import { SYSTEM_TITLE_LENGTH, TAG_LENGTH, type SuiteId } from './suites.ts';

export type CipheredKind = 'glo' | 'ded' | 'general-glo' | 'general-ded' | 'general';

/** Service-specific ciphered APDU tags (GB §9.5 xDLMS-APDU) with their ASN.1 names. */
export const SERVICE_CIPHERED_TAGS: Readonly<Record<number, { name: string; kind: 'glo' | 'ded' }>> = {
  0x21: { name: 'glo-initiate-request', kind: 'glo' }, 0x25: { name: 'glo-read-request', kind: 'glo' },
  0x26: { name: 'glo-write-request', kind: 'glo' }, 0x28: { name: 'glo-initiate-response', kind: 'glo' },
  0x2c: { name: 'glo-read-response', kind: 'glo' }, 0x2d: { name: 'glo-write-response', kind: 'glo' },
  0x2e: { name: 'glo-confirmed-service-error', kind: 'glo' }, 0x36: { name: 'glo-unconfirmed-write-request', kind: 'glo' },
  0x38: { name: 'glo-information-report-request', kind: 'glo' },
  0x41: { name: 'ded-initiate-request', kind: 'ded' }, 0x45: { name: 'ded-read-request', kind: 'ded' },
  0x46: { name: 'ded-write-request', kind: 'ded' }, 0x48: { name: 'ded-initiate-response', kind: 'ded' },
  0x4c: { name: 'ded-read-response', kind: 'ded' }, 0x4d: { name: 'ded-write-response', kind: 'ded' },
  0x4e: { name: 'ded-confirmed-service-error', kind: 'ded' }, 0x56: { name: 'ded-unconfirmed-write-request', kind: 'ded' },
  0x58: { name: 'ded-information-report-request', kind: 'ded' },
  0xc8: { name: 'glo-get-request', kind: 'glo' }, 0xc9: { name: 'glo-set-request', kind: 'glo' },
  0xca: { name: 'glo-event-notification-request', kind: 'glo' }, 0xcb: { name: 'glo-action-request', kind: 'glo' },
  0xcc: { name: 'glo-get-response', kind: 'glo' }, 0xcd: { name: 'glo-set-response', kind: 'glo' },
  0xcf: { name: 'glo-action-response', kind: 'glo' },
  0xd0: { name: 'ded-get-request', kind: 'ded' }, 0xd1: { name: 'ded-set-request', kind: 'ded' },
  0xd2: { name: 'ded-event-notification-request', kind: 'ded' }, 0xd3: { name: 'ded-action-request', kind: 'ded' },
  0xd4: { name: 'ded-get-response', kind: 'ded' }, 0xd5: { name: 'ded-set-response', kind: 'ded' },
  0xd7: { name: 'ded-action-response', kind: 'ded' },
};

export const TAG_GENERAL_GLO_CIPHERING = 0xdb;
export const TAG_GENERAL_DED_CIPHERING = 0xdc;

/** Plain xDLMS tag → glo-ciphered tag (initiate/read/write range +0x20, get/set/action range +0x08). */
export function gloTagFor(plainTag: number): number | undefined {
  const t = plainTag <= 0x18 ? plainTag + 0x20 : plainTag + 0x08;
  return SERVICE_CIPHERED_TAGS[t]?.kind === 'glo' ? t : undefined;
}

/** Plain xDLMS tag → ded-ciphered tag (+0x40 / +0x10). */
export function dedTagFor(plainTag: number): number | undefined {
  const t = plainTag <= 0x18 ? plainTag + 0x40 : plainTag + 0x10;
  return SERVICE_CIPHERED_TAGS[t]?.kind === 'ded' ? t : undefined;
}

export function cipheredKind(tag: number): CipheredKind | undefined {
  if (SERVICE_CIPHERED_TAGS[tag]) return SERVICE_CIPHERED_TAGS[tag].kind;
  if (tag === TAG_GENERAL_GLO_CIPHERING) return 'general-glo';
  if (tag === TAG_GENERAL_DED_CIPHERING) return 'general-ded';
  if (tag === TAG_GENERAL_CIPHERING) return 'general';
  return undefined;
}

export function cipheredApduName(tag: number): string | undefined {
  return SERVICE_CIPHERED_TAGS[tag]?.name ?? ({ 0xdb: 'general-glo-ciphering', 0xdc: 'general-ded-ciphering', 0xdd: 'general-ciphering', 0xdf: 'general-signing' } as Record<number, string>)[tag];
}

interface Envelope {
  kind: CipheredKind;
  /** SC ‖ IC ‖ … ‖ tag and its offset in the APDU. */
  content: Uint8Array;
  contentOffset: number;
  /** general-glo/ded: the system-title field (may be empty); general: originator-system-title. */
  systemTitle?: Uint8Array;
  general?: ReturnType<typeof generalCipheringDecode>;
}

function envelopeSplit(apdu: Uint8Array): Envelope {
  if (apdu.length === 0) fail('truncated', 0, 'empty APDU');
  const tag = apdu[0]!;
  const kind = cipheredKind(tag);
  if (tag === TAG_GENERAL_SIGNING) fail('not-ciphered', 0, 'general-signing carries a signature, not ciphering (use generalSigningVerify)');
  if (!kind) fail('unknown-tag', 0, `0x${tag.toString(16).padStart(2, '0')} is not a ciphered APDU tag`);
  if (kind === 'general') {
    const g = generalCipheringDecode(apdu);
    return { kind, content: g.cipheredContent, contentOffset: g.cipheredContentOffset, systemTitle: g.originatorSystemTitle, general: g };
  }
  let o = 1;
  let systemTitle: Uint8Array | undefined;
  if (kind === 'general-glo' || kind === 'general-ded') {
    const st = axdrOctetStringDecode(apdu, o, 'system-title');
    if (st.value.length !== 0 && st.value.length !== SYSTEM_TITLE_LENGTH) fail('bad-system-title-length', o, `system-title must be 8 bytes (or empty), got ${st.value.length}`);
    systemTitle = st.value;
    o = st.next;
  }
  const c = axdrOctetStringDecode(apdu, o, 'ciphered-content');
  if (c.next !== apdu.length) fail('trailing-bytes', c.next, `${apdu.length - c.next} bytes after the ciphered content`);
  return { kind, content: c.value, contentOffset: c.start, ...(systemTitle ? { systemTitle } : {}) };
}

function hex(b: Uint8Array): string {
  return bytesToHex(b);
}

/**
 * The envelope as a JSON-ready object with ASN.1-style field names. Never needs keys and never shows any;
 * throws SecurityError (with offset) when the envelope itself is malformed.
 */
export function cipheredEnvelopeDecode(apdu: Uint8Array): Record<string, unknown> {
  if (apdu.length > 0 && apdu[0] === TAG_GENERAL_SIGNING) {
    const s = generalSigningDecode(apdu);
    return {
      apdu: 'general-signing', tag: TAG_GENERAL_SIGNING,
      'transaction-id': hex(s.transactionId), 'originator-system-title': hex(s.originatorSystemTitle),
      'recipient-system-title': hex(s.recipientSystemTitle), 'date-time': hex(s.dateTime), 'other-information': hex(s.otherInformation),
      content: { length: s.content.length, hex: hex(s.content) }, signature: hex(s.signature),
    };
  }
  const e = envelopeSplit(apdu);
  if (e.content.length < 5) fail('truncated', e.contentOffset + e.content.length, `security header needs 5 bytes, ciphered content has ${e.content.length}`);
  const sc = e.content[0]!;
  const scJson: SecurityControlJson = securityControlJson(sc);
  const ic = ((e.content[1]! << 24) >>> 0) + (e.content[2]! << 16) + (e.content[3]! << 8) + e.content[4]!;
  const hasTag = scJson.authentication;
  if (hasTag && e.content.length < 5 + TAG_LENGTH) fail('truncated', e.contentOffset + e.content.length, 'authenticated content is shorter than header + 12-byte tag');
  const data = e.content.subarray(5, hasTag ? e.content.length - TAG_LENGTH : e.content.length);
  const out: Record<string, unknown> = { apdu: cipheredApduName(apdu[0]!), tag: apdu[0]! };
  if (e.kind === 'general-glo' || e.kind === 'general-ded') out['system-title'] = hex(e.systemTitle!);
  if (e.general) {
    const g = e.general;
    Object.assign(out, {
      'transaction-id': hex(g.transactionId), 'originator-system-title': hex(g.originatorSystemTitle),
      'recipient-system-title': hex(g.recipientSystemTitle), 'date-time': hex(g.dateTime), 'other-information': hex(g.otherInformation),
    });
    if (g.keyInfo) out['key-info'] = keyInfoJson(g.keyInfo);
  }
  out['security-control'] = scJson;
  out['invocation-counter'] = ic;
  out.protection = protectionKind(sc);
  out['ciphered-content'] = { length: data.length, hex: hex(data) };
  if (hasTag) out['authentication-tag'] = hex(e.content.subarray(e.content.length - TAG_LENGTH));
  return out;
}

function keyInfoJson(k: KeyInfo): Record<string, unknown> {
  switch (k.choice) {
    case 'identified-key': return { choice: k.choice, 'key-id': k.keyId === 0 ? 'global-unicast-encryption-key' : k.keyId === 1 ? 'global-broadcast-encryption-key' : k.keyId };
    case 'wrapped-key': return { choice: k.choice, 'kek-id': k.kekId === 0 ? 'master-key' : k.kekId, 'key-ciphered-data': hex(k.keyCipheredData) };
    case 'agreed-key': return { choice: k.choice, 'key-parameters': hex(k.keyParameters), 'key-ciphered-data': hex(k.keyCipheredData) };
  }
}

export interface DecipherKeys {
  /** EK: the global (unicast or broadcast, as SC says) or dedicated key; for general-ciphering with
   * agreed-key, the key the caller derived (kdf.ts); ignored for wrapped-key, which uses `kek`. */
  key: Uint8Array;
  authKey?: Uint8Array;
  /** The peer's system title: needed for service-specific APDUs and empty general system-title fields. */
  systemTitle?: Uint8Array;
  /** Master key, for general-ciphering wrapped-key. */
  kek?: Uint8Array;
  /** Minimum protection the policy requires (see gcm.ts `unprotect`). */
  required?: RequiredProtection;
  /** The negotiated suite; an APDU naming another suite is `suite-mismatch`. */
  expectedSuite?: SuiteId;
}

export interface Deciphered {
  plain: Uint8Array;
  securityControl: number;
  invocationCounter: number;
  /** The system title that formed the IV. */
  systemTitle?: Uint8Array;
}

/** Verify and remove the protection of a ciphered APDU. Errors carry offsets into `apdu`. */
export function decipherApdu(apdu: Uint8Array, keys: DecipherKeys): Deciphered {
  const e = envelopeSplit(apdu);
  if (e.content.length < 1) fail('truncated', e.contentOffset, 'ciphered content is empty');
  const sc = securityControlDecode(e.content[0]!);
  const scOffset = e.contentOffset;
  if (sc.compression && (e.kind === 'glo' || e.kind === 'ded')) fail('compression-not-allowed', scOffset, 'compression is not available with service-specific ciphering');
  if (sc.broadcast && (e.kind === 'ded' || e.kind === 'general-ded' || e.kind === 'general')) fail('key-set-not-allowed', scOffset, 'the key-set bit must be 0 for dedicated and general-ciphering APDUs');
  const systemTitle = e.systemTitle && e.systemTitle.length > 0 ? e.systemTitle : keys.systemTitle;
  if (!systemTitle) fail('missing-system-title', 0, 'the originator system title is not in the APDU and none was given');
  let key = keys.key;
  let aadFields: Uint8Array | undefined;
  if (e.general) {
    aadFields = e.general.aadFields;
    const ki = e.general.keyInfo;
    if (ki?.choice === 'identified-key' && ki.keyId > 1) fail('bad-key-info', 0, `identified-key key-id ${ki.keyId} is not a global encryption key`);
    if (ki?.choice === 'wrapped-key') {
      if (ki.kekId !== 0) fail('bad-key-info', 0, `wrapped-key kek-id ${ki.kekId} is not the master key`);
      if (!keys.kek) fail('missing-kek', 0, 'general-ciphering carries a wrapped key but no KEK was given');
      key = aesKeyUnwrap(keys.kek, ki.keyCipheredData);
    }
  }
  const r = unprotect({
    systemTitle, key, ...(keys.authKey ? { authKey: keys.authKey } : {}), ...(aadFields ? { aadFields, allowNoProtection: true } : {}),
    ...(keys.required ? { required: keys.required } : {}), ...(keys.expectedSuite !== undefined ? { expectedSuite: keys.expectedSuite } : {}),
  }, e.content, e.contentOffset);
  return { ...r, systemTitle };
}

export interface CipherApduParams {
  /** Ciphered APDU tag: a service-specific glo/ded tag, 0xDB, 0xDC or 0xDD. */
  tag: number;
  securityControl: number;
  invocationCounter: number;
  /** Originator system title (IV fixed field). */
  systemTitle: Uint8Array;
  key: Uint8Array;
  authKey?: Uint8Array;
  /** general-glo/ded: put the system title in the APDU (default) or leave the field empty. */
  includeSystemTitle?: boolean;
  /** general-ciphering fields (originator-system-title = systemTitle). */
  general?: { transactionId: Uint8Array; recipientSystemTitle: Uint8Array; dateTime?: Uint8Array; otherInformation?: Uint8Array; keyInfo?: KeyInfo };
}

/**
 * Wraps an already protected content (SC ‖ IC ‖ … ‖ tag) in a service-specific or general-glo/ded envelope;
 * `systemTitle` is the general-glo/ded system-title field (absent for service-specific APDUs).
 */
export function cipheredEnvelopeEncode(tag: number, content: Uint8Array, systemTitle?: Uint8Array): Uint8Array {
  const kind = cipheredKind(tag);
  if (!kind || kind === 'general') fail('unknown-tag', 0, `0x${tag.toString(16)} is not a service-specific or general-glo/ded ciphered tag`);
  if (kind === 'general-glo' || kind === 'general-ded') return concatBytes(new Uint8Array([tag]), axdrOctetStringEncode(systemTitle ?? new Uint8Array(0)), axdrOctetStringEncode(content));
  return concatBytes(new Uint8Array([tag]), axdrOctetStringEncode(content));
}

/** Protect `plain` and wrap it in the envelope `tag` names (client role, simulators, fuzzer). */
export function cipherApdu(p: CipherApduParams, plain: Uint8Array): Uint8Array {
  const kind = cipheredKind(p.tag);
  if (!kind) fail('unknown-tag', 0, `0x${p.tag.toString(16)} is not a ciphered APDU tag`);
  const keys = { securityControl: p.securityControl, invocationCounter: p.invocationCounter, systemTitle: p.systemTitle, key: p.key, ...(p.authKey ? { authKey: p.authKey } : {}) };
  if (kind === 'general') {
    if (!p.general) fail('missing-system-title', 0, 'general-ciphering needs transaction-id and recipient-system-title');
    const header = {
      transactionId: p.general.transactionId, originatorSystemTitle: p.systemTitle, recipientSystemTitle: p.general.recipientSystemTitle,
      dateTime: p.general.dateTime ?? new Uint8Array(0), otherInformation: p.general.otherInformation ?? new Uint8Array(0),
    };
    const content = protect({ ...keys, aadFields: generalHeaderEncode(header), allowNoProtection: true }, plain);
    return generalCipheringEncode({ ...header, ...(p.general.keyInfo ? { keyInfo: p.general.keyInfo } : {}), cipheredContent: content });
  }
  const content = protect(keys, plain);
  return cipheredEnvelopeEncode(p.tag, content, p.includeSystemTitle === false ? new Uint8Array(0) : p.systemTitle);
}
