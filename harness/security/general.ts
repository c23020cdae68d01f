/**
 * general-ciphering [221] and general-signing [223] (GB §9.2.7.2.4.8, §9.2.7.2.5, §9.5 ASN.1; KSMW
 * §3.3.1.1/§3.3.1.2 — transaction-id, originator and recipient system titles used; date-time optional;
 * other-information not used; key-info identified-key and wrapped-key supported, agreed-key not):
 *
 *   General-Ciphering ::= SEQUENCE { transaction-id, originator-system-title, recipient-system-title,
 *     date-time, other-information OCTET STRING, key-info Key-Info OPTIONAL, ciphered-content OCTET STRING }
 *   Key-Info ::= CHOICE { identified-key [0] { key-id ENUMERATED }, wrapped-key [1] { kek-id ENUMERATED,
 *     key-ciphered-data OCTET STRING }, agreed-key [2] { key-parameters OCTET STRING, key-ciphered-data OCTET STRING } }
 *   General-Signing ::= SEQUENCE { transaction-id … other-information, content OCTET STRING, signature OCTET STRING }
 *
 * A-XDR: OPTIONAL is a 0x00/0x01 presence byte, CHOICE a one-byte index, ENUMERATED one byte. The five
 * header fields enter the GCM AAD as length ‖ value (GB Table 38 footnote) and, with `content`, the
 * signed data of general-signing (all fields after the tag up to the signature) [GB Figure 85].
 */
import { concatBytes } from '../codec/bytes.ts';
import { ecdsaSign, ecdsaVerify, type EccSuiteId } from './ecc.ts';
import { fail } from './errors.ts';
import { axdrOctetStringDecode, axdrOctetStringEncode } from './length.ts';

export const TAG_GENERAL_CIPHERING = 0xdd;
export const TAG_GENERAL_SIGNING = 0xdf;

export interface GeneralHeader {
  transactionId: Uint8Array;
  originatorSystemTitle: Uint8Array;
  recipientSystemTitle: Uint8Array;
  dateTime: Uint8Array;
  otherInformation: Uint8Array;
}

export type KeyInfo =
  /** key-id: 0 global-unicast-encryption-key, 1 global-broadcast-encryption-key */
  | { choice: 'identified-key'; keyId: number }
  /** kek-id: 0 master-key */
  | { choice: 'wrapped-key'; kekId: number; keyCipheredData: Uint8Array }
  /** key-parameters 0x01 C(1e,1s), 0x02 C(0e,2s) */
  | { choice: 'agreed-key'; keyParameters: Uint8Array; keyCipheredData: Uint8Array };

export interface GeneralCiphering extends GeneralHeader {
  keyInfo?: KeyInfo;
  cipheredContent: Uint8Array;
}

export interface GeneralSigning extends GeneralHeader {
  content: Uint8Array;
  signature: Uint8Array;
}

const HEADER_FIELDS = ['transactionId', 'originatorSystemTitle', 'recipientSystemTitle', 'dateTime', 'otherInformation'] as const;
const HEADER_NAMES = ['transaction-id', 'originator-system-title', 'recipient-system-title', 'date-time', 'other-information'] as const;

/** The encoded header fields (length ‖ value each) — the AAD addition of general-ciphering. */
export function generalHeaderEncode(h: GeneralHeader): Uint8Array {
  return concatBytes(...HEADER_FIELDS.map((f) => axdrOctetStringEncode(h[f])));
}

function headerDecode(b: Uint8Array, offset: number): { header: GeneralHeader; next: number } {
  const v: Uint8Array[] = [];
  let o = offset;
  for (const name of HEADER_NAMES) {
    const r = axdrOctetStringDecode(b, o, name);
    v.push(r.value);
    o = r.next;
  }
  return { header: { transactionId: v[0]!, originatorSystemTitle: v[1]!, recipientSystemTitle: v[2]!, dateTime: v[3]!, otherInformation: v[4]! }, next: o };
}

function enumByte(n: number, what: string): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 255) fail('bad-key-info', 0, `${what} ${n} is not an ENUMERATED byte`);
  return new Uint8Array([n]);
}

export function keyInfoEncode(k: KeyInfo | undefined): Uint8Array {
  if (!k) return new Uint8Array([0]);
  switch (k.choice) {
    case 'identified-key': return concatBytes(new Uint8Array([1, 0]), enumByte(k.keyId, 'key-id'));
    case 'wrapped-key': return concatBytes(new Uint8Array([1, 1]), enumByte(k.kekId, 'kek-id'), axdrOctetStringEncode(k.keyCipheredData));
    case 'agreed-key': return concatBytes(new Uint8Array([1, 2]), axdrOctetStringEncode(k.keyParameters), axdrOctetStringEncode(k.keyCipheredData));
  }
}

function keyInfoDecode(b: Uint8Array, offset: number): { keyInfo?: KeyInfo; next: number } {
  if (offset >= b.length) fail('truncated', offset, 'key-info presence byte missing');
  const flag = b[offset]!;
  if (flag === 0) return { next: offset + 1 };
  if (flag !== 1) fail('bad-optional-flag', offset, `key-info presence byte must be 0 or 1, got ${flag}`);
  if (offset + 1 >= b.length) fail('truncated', offset + 1, 'key-info choice missing');
  const choice = b[offset + 1]!;
  const o = offset + 2;
  if (choice === 0) {
    if (o >= b.length) fail('truncated', o, 'key-id missing');
    return { keyInfo: { choice: 'identified-key', keyId: b[o]! }, next: o + 1 };
  }
  if (choice === 1) {
    if (o >= b.length) fail('truncated', o, 'kek-id missing');
    const d = axdrOctetStringDecode(b, o + 1, 'key-ciphered-data');
    return { keyInfo: { choice: 'wrapped-key', kekId: b[o]!, keyCipheredData: d.value }, next: d.next };
  }
  if (choice === 2) {
    const p = axdrOctetStringDecode(b, o, 'key-parameters');
    const d = axdrOctetStringDecode(b, p.next, 'key-ciphered-data');
    return { keyInfo: { choice: 'agreed-key', keyParameters: p.value, keyCipheredData: d.value }, next: d.next };
  }
  return fail('bad-key-info', offset + 1, `key-info choice ${choice} is not identified-key (0), wrapped-key (1) or agreed-key (2)`);
}

export function generalCipheringEncode(g: GeneralCiphering): Uint8Array {
  return concatBytes(new Uint8Array([TAG_GENERAL_CIPHERING]), generalHeaderEncode(g), keyInfoEncode(g.keyInfo), axdrOctetStringEncode(g.cipheredContent));
}

export interface GeneralCipheringDecoded extends GeneralCiphering {
  /** The received header bytes (length ‖ value of the five fields): exactly what the sender put in the AAD. */
  aadFields: Uint8Array;
  /** Offset of ciphered-content inside the APDU. */
  cipheredContentOffset: number;
}

export function generalCipheringDecode(apdu: Uint8Array): GeneralCipheringDecoded {
  if (apdu.length === 0) fail('truncated', 0, 'empty APDU');
  if (apdu[0] !== TAG_GENERAL_CIPHERING) fail('unknown-tag', 0, `general-ciphering tag is 0xDD, got 0x${apdu[0]!.toString(16)}`);
  const { header, next } = headerDecode(apdu, 1);
  const k = keyInfoDecode(apdu, next);
  const c = axdrOctetStringDecode(apdu, k.next, 'ciphered-content');
  if (c.next !== apdu.length) fail('trailing-bytes', c.next, `${apdu.length - c.next} bytes after ciphered-content`);
  return { ...header, ...(k.keyInfo ? { keyInfo: k.keyInfo } : {}), cipheredContent: c.value, aadFields: apdu.subarray(1, next), cipheredContentOffset: c.start };
}

export function generalSigningEncode(g: GeneralSigning): Uint8Array {
  return concatBytes(new Uint8Array([TAG_GENERAL_SIGNING]), generalHeaderEncode(g), axdrOctetStringEncode(g.content), axdrOctetStringEncode(g.signature));
}

export interface GeneralSigningDecoded extends GeneralSigning {
  /** The bytes the signature covers: every field after the tag up to and including content. */
  signedData: Uint8Array;
  contentOffset: number;
  signatureOffset: number;
}

export function generalSigningDecode(apdu: Uint8Array): GeneralSigningDecoded {
  if (apdu.length === 0) fail('truncated', 0, 'empty APDU');
  if (apdu[0] !== TAG_GENERAL_SIGNING) fail('unknown-tag', 0, `general-signing tag is 0xDF, got 0x${apdu[0]!.toString(16)}`);
  const { header, next } = headerDecode(apdu, 1);
  const c = axdrOctetStringDecode(apdu, next, 'content');
  const s = axdrOctetStringDecode(apdu, c.next, 'signature');
  if (s.next !== apdu.length) fail('trailing-bytes', s.next, `${apdu.length - s.next} bytes after signature`);
  return { ...header, content: c.value, signature: s.value, signedData: apdu.subarray(1, c.next), contentOffset: c.start, signatureOffset: s.start };
}

/** Builds a signed general-signing APDU (the signature is r ‖ s with the suite's curve and hash). */
export function generalSigningSign(suite: EccSuiteId, privateKey: Uint8Array, h: GeneralHeader, content: Uint8Array): Uint8Array {
  const signed = concatBytes(generalHeaderEncode(h), axdrOctetStringEncode(content));
  return generalSigningEncode({ ...h, content, signature: ecdsaSign(suite, privateKey, signed) });
}

/** Decodes and verifies a general-signing APDU; a signature that does not verify is `bad-signature`. */
export function generalSigningVerify(suite: EccSuiteId, publicKey: Uint8Array, apdu: Uint8Array): GeneralSigningDecoded {
  const d = generalSigningDecode(apdu);
  let ok = false;
  try {
    ok = ecdsaVerify(suite, publicKey, d.signedData, d.signature);
  } catch (e) {
    if ((e as { code?: string }).code === 'bad-signature-length') fail('bad-signature-length', d.signatureOffset, `signature has ${d.signature.length} bytes, not the r‖s length of suite ${suite}`);
    throw e;
  }
  if (!ok) fail('bad-signature', d.signatureOffset, 'general-signing signature does not verify with the originator key');
  return d;
}
