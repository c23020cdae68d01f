/** BER primitives against X.690 rules and hand calculations; encoder input checks; COSEM names; warnings. */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import {
  APPLICATION_CONTEXT,
  AcseError,
  MECHANISM,
  type Aare,
  aareEncode,
  aarqDecode,
  aarqEncode,
  acseDecode,
  acseEncode,
  acseWarnings,
  berOidDecode,
  berOidEncode,
  rlrqEncode,
} from '../../../harness/codec/acse/index.ts';
import { berBitsEncode, berBitsFromString, berIntDecode, berIntEncode, berLength, berRead } from '../../../harness/codec/acse/ber.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AcseError ? e.code : `not an AcseError: ${String(e)}`;
  }
  return undefined;
}

describe('BER primitives', () => {
  it('writes lengths in the shortest form (X.690 §8.1.3, §10.1)', () => {
    expect(berLength(0)).toEqual([0x00]);
    expect(berLength(127)).toEqual([0x7f]);
    expect(berLength(128)).toEqual([0x81, 0x80]);
    expect(berLength(255)).toEqual([0x81, 0xff]);
    expect(berLength(256)).toEqual([0x82, 0x01, 0x00]);
    expect(berLength(65536)).toEqual([0x83, 0x01, 0x00, 0x00]);
  });

  it('encodes OBJECT IDENTIFIERs (hand-computed: 2·40+16 = 0x60, 756 = 5·128+116 → 85 74)', () => {
    expect(bytesToHex(berOidEncode('2.16.756.5.8.1.1'))).toBe('60857405080101');
    expect(bytesToHex(berOidEncode('2.16.756.5.8.2.7'))).toBe('60857405080207');
    expect(bytesToHex(berOidEncode('2.100.3'))).toBe('813403'); // X.690 §8.19 example {joint-iso-itu-t 100 3}
    expect(bytesToHex(berOidEncode('1.2.840.113549'))).toBe('2A864886F70D'); // the RSA arc, widely published
    expect(berOidDecode(hexToBytes('2A864886F70D'), 0, 6)).toBe('1.2.840.113549');
    expect(berOidDecode(hexToBytes('00'), 0, 1)).toBe('0.0');
    expect(berOidDecode(hexToBytes('4F'), 0, 1)).toBe('1.39');
  });

  it('rejects OIDs that cannot be encoded', () => {
    for (const s of ['', '1', '3.1', '1.40', '1.2.', '01.2', '1.2.a', '2.' + 2 ** 53]) expect(codeOf(() => berOidEncode(s)), s).toBe('bad-value');
  });

  it('encodes INTEGERs in their shortest two\'s complement form (X.690 §8.3)', () => {
    const cases: Array<[number, string]> = [[0, '00'], [1, '01'], [127, '7F'], [128, '0080'], [256, '0100'], [-1, 'FF'], [-128, '80'], [-129, 'FF7F'], [-32768, '8000'], [2 ** 40, '010000000000'], [-(2 ** 47 - 1), '800000000001']];
    for (const [v, h] of cases) {
      expect(bytesToHex(berIntEncode(v))).toBe(h);
      expect(berIntDecode(hexToBytes(h), 0, h.length / 2)).toBe(v);
    }
    expect(codeOf(() => berIntEncode(2 ** 47))).toBe('bad-value');
    expect(codeOf(() => berIntEncode(1.5))).toBe('bad-value');
    expect(codeOf(() => berIntDecode(hexToBytes('0001'), 0, 2))).toBe('bad-integer');
    expect(codeOf(() => berIntDecode(hexToBytes('FF80'), 0, 2))).toBe('bad-integer');
  });

  it('encodes named-bit BIT STRINGs with the unused-bits octet (X.690 §8.6)', () => {
    const enc = (s: string): string => bytesToHex(berBitsEncode(berBitsFromString(s)));
    expect(enc('1')).toBe('0780');
    expect(enc('')).toBe('00');
    expect(enc('100001')).toBe('0284');
    expect(enc('10000000')).toBe('0080');
    expect(enc('101000001')).toBe('07A080');
    expect(codeOf(() => berBitsFromString('102'))).toBe('bad-value');
  });

  it('accepts the long form only from 128 on, without leading zero octets', () => {
    const tlv = (lenHex: string, n: number): Uint8Array => hexToBytes('04' + lenHex + '00'.repeat(n));
    expect(codeOf(() => berRead(tlv('817F', 127), 0, 130))).toBe('overlong-length');
    expect(berRead(tlv('8180', 128), 0, 131)).toMatchObject({ contentStart: 3, end: 131 });
    expect(codeOf(() => berRead(tlv('820080', 128), 0, 132))).toBe('overlong-length');
    expect(codeOf(() => berRead(tlv('8200FF', 255), 0, 259))).toBe('overlong-length');
    expect(berRead(tlv('820100', 256), 0, 260)).toMatchObject({ contentStart: 4, end: 260 });
    expect(codeOf(() => berRead(tlv('80', 0), 0, 2))).toBe('indefinite-length');
  });

  it('reads high tag numbers only to reject them, and bounds every length', () => {
    expect(berRead(hexToBytes('9F1F0100'), 0, 4)).toMatchObject({ tag: -1, number: 31, end: 4 });
    expect(codeOf(() => berRead(hexToBytes('9F8001'), 0, 3))).toBe('bad-tag');
    expect(codeOf(() => berRead(hexToBytes('9FFFFFFF7F00'), 0, 6))).toBe('bad-tag');
    expect(codeOf(() => berRead(hexToBytes('0483FFFFFF'), 0, 5, 'input'))).toBe('truncated');
    expect(codeOf(() => berRead(hexToBytes('0483FFFFFF'), 0, 5))).toBe('bad-length');
  });
});

describe('APDU encoding', () => {
  it('builds the Green Book public AARQ from values', () => {
    const b = aarqEncode({ applicationContextName: APPLICATION_CONTEXT.lnNoCiphering, userInformation: hexToBytes('01000000065F1F0400007E1F04B0') });
    expect(bytesToHex(b)).toBe('601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0');
  });

  it('uses the COSEM OIDs for contexts and mechanisms (Green Book numbering)', () => {
    expect(Object.values(APPLICATION_CONTEXT)).toEqual(['2.16.756.5.8.1.1', '2.16.756.5.8.1.2', '2.16.756.5.8.1.3', '2.16.756.5.8.1.4']);
    expect(Object.values(MECHANISM)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `2.16.756.5.8.2.${i}`));
  });

  it('encodes a 70 000-octet user-information with a 3-octet length and decodes it back', () => {
    const ui = new Uint8Array(70000).fill(0xab);
    const b = rlrqEncode({ reason: 'normal', userInformation: ui });
    expect(bytesToHex(b.subarray(0, 4))).toBe('62830111');
    const back = acseDecode(b);
    expect(back).toEqual({ type: 'RLRQ', reason: 'normal', userInformation: ui });
  });

  it('refuses values outside the ASN.1 definitions', () => {
    const base = { applicationContextName: APPLICATION_CONTEXT.lnNoCiphering };
    expect(codeOf(() => aarqEncode({ ...base, senderAcseRequirements: '12' }))).toBe('bad-value');
    expect(codeOf(() => aarqEncode({ ...base, callingApTitle: 'x' as unknown as Uint8Array }))).toBe('bad-value');
    expect(codeOf(() => aarqEncode({ ...base, callingAeInvocationId: 2 ** 50 }))).toBe('bad-value');
    expect(codeOf(() => aarqEncode({ ...base, callingAuthenticationValue: { choice: 'x' } as never }))).toBe('bad-value');
    expect(codeOf(() => aarqEncode({ applicationContextName: 'lnNoCiphering' }))).toBe('bad-value');
    expect(codeOf(() => aarqEncode({} as never))).toBe('missing-field');
    const aare = { ...base, result: 'accepted', resultSourceDiagnostic: { source: 'acse-service-user', diagnostic: 'null' } } as Omit<Aare, 'type'>;
    expect(codeOf(() => aareEncode({ ...aare, result: 'maybe' as never }))).toBe('bad-value');
    expect(codeOf(() => aareEncode({ ...aare, resultSourceDiagnostic: { source: 'acse-service-provider', diagnostic: 'authentication-failure' } as never }))).toBe('bad-value');
    expect(codeOf(() => aareEncode({ ...aare, resultSourceDiagnostic: { source: 'other' } as never }))).toBe('bad-value');
    expect(codeOf(() => rlrqEncode({ reason: 'not-finished' as never }))).toBe('bad-value');
    expect(codeOf(() => acseEncode({ type: 'XYZ' } as never))).toBe('bad-value');
  });

  it('rejects an AARE where an AARQ is expected', () => {
    expect(codeOf(() => aarqDecode(hexToBytes('6303800100')))).toBe('unexpected-tag');
  });
});

describe('warnings (COSEM usage, not ASN.1)', () => {
  const aare = (result: Aare['result'], diagnostic: string): Aare => ({
    type: 'AARE',
    applicationContextName: APPLICATION_CONTEXT.lnNoCiphering,
    result,
    resultSourceDiagnostic: { source: 'acse-service-user', diagnostic } as Aare['resultSourceDiagnostic'],
    userInformation: hexToBytes('0E010601'),
  });
  it('flags diagnostics that contradict the result', () => {
    expect(acseWarnings(aare('accepted', 'authentication-failure')).map((w) => w.code)).toEqual(['inconsistent-diagnostic']);
    expect(acseWarnings(aare('rejected-permanent', 'null')).map((w) => w.code)).toEqual(['inconsistent-diagnostic']);
    expect(acseWarnings(aare('accepted', 'authentication-required'))).toEqual([]);
  });
  it('flags authentication fields without the authentication functional unit, and the reverse', () => {
    const w = (o: object): string[] =>
      acseWarnings({ type: 'AARQ', applicationContextName: APPLICATION_CONTEXT.lnNoCiphering, userInformation: new Uint8Array(1), ...o }).map((x) => x.code);
    expect(w({ senderAcseRequirements: '1' })).toEqual(['authentication-without-mechanism']);
    expect(w({ callingAuthenticationValue: { choice: 'charstring', value: new Uint8Array(1) } })).toEqual(['authentication-value-without-authentication']);
    expect(w({ senderAcseRequirements: '1', mechanismName: '2.16.756.5.8.2.9' })).toEqual(['unknown-mechanism']);
  });
});
