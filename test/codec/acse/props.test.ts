/** Property tests of the ACSE codec (DESIGN.md § Fuzzing), all with fcOpts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesEqual, hexToBytes } from '../../../harness/codec/bytes.ts';
import { isCodecError } from '../../../harness/codec/errors.ts';
import {
  ACSE_SERVICE_PROVIDER_DIAGNOSTICS,
  ACSE_SERVICE_USER_DIAGNOSTICS,
  APPLICATION_CONTEXT,
  ASSOCIATION_RESULTS,
  type AcseApdu,
  type AuthenticationValue,
  MECHANISM,
  RELEASE_REQUEST_REASONS,
  RELEASE_RESPONSE_REASONS,
  acseDecode,
  acseEncode,
} from '../../../harness/codec/acse/index.ts';
import { mutate, mutationArb } from '../hdlc/mutate.ts';

const oidArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...Object.values(APPLICATION_CONTEXT), ...Object.values(MECHANISM)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 39 }),
      fc.integer({ min: 0, max: 100000 }),
      fc.array(fc.oneof(fc.nat({ max: 200 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constant(2 ** 40)), { maxLength: 6 }),
    )
    .map(([a, b, big, rest]) => [a, a === 2 ? b + big : b, ...rest].join('.')),
);
const bitsArb = fc.array(fc.constantFrom('0', '1'), { maxLength: 20 }).map((a) => a.join(''));
const octetsArb = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 120, maxLength: 300 }) },
);
const intArb = fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 47n) + 1n, max: 2n ** 47n - 1n }).map(Number));
const authArb: fc.Arbitrary<AuthenticationValue> = fc.oneof(
  octetsArb.map((value) => ({ choice: 'charstring' as const, value })),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 7 })).map(([value, unusedBits]) => {
    value[value.length - 1]! &= (0xff << unusedBits) & 0xff; // unused bits travel as zero
    return { choice: 'bitstring' as const, value, unusedBits };
  }),
  fc.constant({ choice: 'bitstring' as const, value: new Uint8Array(0), unusedBits: 0 }),
  octetsArb.map((content) => ({ choice: 'external' as const, content })),
  octetsArb.map((content) => ({ choice: 'other' as const, content })),
);
const common = {
  protocolVersion: bitsArb,
  applicationContextName: oidArb,
  mechanismName: oidArb,
  implementationInformation: octetsArb,
  userInformation: octetsArb,
};
const aarqArb = fc.record(
  {
    type: fc.constant('AARQ' as const),
    ...common,
    calledApTitle: octetsArb, calledAeQualifier: octetsArb, calledApInvocationId: intArb, calledAeInvocationId: intArb,
    callingApTitle: octetsArb, callingAeQualifier: octetsArb, callingApInvocationId: intArb, callingAeInvocationId: intArb,
    senderAcseRequirements: bitsArb,
    callingAuthenticationValue: authArb,
  },
  { requiredKeys: ['type', 'applicationContextName'] },
);
const aareArb = fc.record(
  {
    type: fc.constant('AARE' as const),
    ...common,
    result: fc.constantFrom(...ASSOCIATION_RESULTS),
    resultSourceDiagnostic: fc.oneof(
      fc.constantFrom(...ACSE_SERVICE_USER_DIAGNOSTICS).map((diagnostic) => ({ source: 'acse-service-user' as const, diagnostic })),
      fc.constantFrom(...ACSE_SERVICE_PROVIDER_DIAGNOSTICS).map((diagnostic) => ({ source: 'acse-service-provider' as const, diagnostic })),
    ),
    respondingApTitle: octetsArb, respondingAeQualifier: octetsArb, respondingApInvocationId: intArb, respondingAeInvocationId: intArb,
    responderAcseRequirements: bitsArb,
    respondingAuthenticationValue: authArb,
  },
  { requiredKeys: ['type', 'applicationContextName', 'result', 'resultSourceDiagnostic'] },
);
const rlrqArb = fc.record(
  { type: fc.constant('RLRQ' as const), reason: fc.constantFrom(...(Object.keys(RELEASE_REQUEST_REASONS) as Array<keyof typeof RELEASE_REQUEST_REASONS>)), userInformation: octetsArb },
  { requiredKeys: ['type'] },
);
const rlreArb = fc.record(
  { type: fc.constant('RLRE' as const), reason: fc.constantFrom(...(Object.keys(RELEASE_RESPONSE_REASONS) as Array<keyof typeof RELEASE_RESPONSE_REASONS>)), userInformation: octetsArb },
  { requiredKeys: ['type'] },
);
export const acseApduArb: fc.Arbitrary<AcseApdu> = fc.oneof(aarqArb, aareArb, rlrqArb, rlreArb) as fc.Arbitrary<AcseApdu>;

const rows = vectorRows(loadVectors('acse'));
const canonical = rows.filter(([, t]) => t.result === 'valid').map(([, t]) => hexToBytes(t.hex!));
const decodable = rows.filter(([, t]) => t.result !== 'invalid').map(([, t]) => hexToBytes(t.hex!));

describe('acse properties', () => {
  it('decode(encode(x)) = x for generated AARQ, AARE, RLRQ and RLRE', () => {
    fc.assert(
      fc.property(acseApduArb, (x) => {
        expect(acseDecode(acseEncode(x))).toEqual(x);
      }),
      fcOpts,
    );
  });

  it('encode(decode(b)) = b for every canonical golden vector', () => {
    for (const b of canonical) expect(bytesEqual(acseEncode(acseDecode(b)), b)).toBe(true);
  });

  it('a mutated golden APDU is an AcseError with an in-range offset, or a value that re-encodes', () => {
    fc.assert(
      fc.property(fc.nat({ max: decodable.length - 1 }), mutationArb, (i, ms) => {
        const m = mutate(decodable[i]!, ms);
        let v: AcseApdu;
        try {
          v = acseDecode(m);
        } catch (e) {
          expect(isCodecError(e) && e.layer === 'acse' && e.offset >= 0 && e.offset <= m.length).toBe(true);
          return;
        }
        expect(acseDecode(acseEncode(v))).toEqual(v);
      }),
      fcOpts,
    );
  });

  it('arbitrary octets behind an ACSE tag give a value or an AcseError, never another exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x60, 0x61, 0x62, 0x63), fc.uint8Array({ maxLength: 120 }), (tag, rest) => {
        const b = Uint8Array.from([tag, ...rest]);
        try {
          acseDecode(b);
        } catch (e) {
          expect(isCodecError(e) && e.layer === 'acse').toBe(true);
        }
      }),
      fcOpts,
    );
  });
});
