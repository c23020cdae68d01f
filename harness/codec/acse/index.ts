/**
 * # acse — COSEM association control APDUs (BER)
 *
 * AARQ, AARE, RLRQ and RLRE as IEC 62056-5-3 (DLMS UA Green Book, "ACSE APDUs") uses them, encoded with BER
 * after ISO/IEC 8650-1 / ITU-T X.690.
 *
 * ```ts
 * const aarq = aarqDecode(hexToBytes('601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0'));
 * aarq.applicationContextName === APPLICATION_CONTEXT.lnNoCiphering;
 * aarqEncode({ applicationContextName: APPLICATION_CONTEXT.lnCiphering, callingApTitle: st, ... });
 * ```
 *
 * - Values are plain objects (`Aarq`, `Aare`, `Rlrq`, `Rlre`, discriminated by `type`); OIDs are dotted strings
 *   with names in `APPLICATION_CONTEXT` / `MECHANISM`; enumerations (result, diagnostics, release reasons) are
 *   their ASN.1 names; BIT STRINGs with named bits are '0'/'1' strings ("1" = version1 / authentication).
 * - user-information stays raw octets (the xDLMS Initiate APDU, plain or ciphered); the decoder shows it
 *   through the apdu codec.
 * - Decoding is strict: definite, minimal lengths; ascending, known component tags; exact inner types; no
 *   trailing octets. Every problem is an `AcseError` with a stable `code` and the byte `offset`.
 * - Encoding is canonical (shortest lengths, shortest INTEGERs), so `acseEncode(acseDecode(b))` gives back `b`
 *   for canonical input.
 * - `acseWarnings` lists COSEM usage deviations that still decode (for instance a rejected AARE without
 *   user-information, which real meters send).
 */
export { AcseError } from './errors.ts';
export {
  type Aarq,
  type Aare,
  type Rlrq,
  type Rlre,
  type AcseApdu,
  type AcseApduType,
  type AcseWarning,
  type AuthenticationValue,
  type ResultSourceDiagnostic,
  acseDecode,
  acseEncode,
  acseApduType,
  acseWarnings,
  acseRequirementsAuthentication,
  aarqDecode,
  aarqEncode,
  aareDecode,
  aareEncode,
  rlrqDecode,
  rlrqEncode,
  rlreDecode,
  rlreEncode,
} from './apdus.ts';
export {
  APPLICATION_CONTEXT,
  APPLICATION_CONTEXT_NAMES,
  MECHANISM,
  MECHANISM_NAMES,
  ASSOCIATION_RESULTS,
  ACSE_SERVICE_USER_DIAGNOSTICS,
  ACSE_SERVICE_PROVIDER_DIAGNOSTICS,
  RELEASE_REQUEST_REASONS,
  RELEASE_RESPONSE_REASONS,
  type AssociationResult,
  type AcseServiceUserDiagnostic,
  type AcseServiceProviderDiagnostic,
  type ReleaseRequestReason,
  type ReleaseResponseReason,
  mechanismIsHls,
} from './names.ts';
export { berOidDecode, berOidEncode } from './ber.ts';
