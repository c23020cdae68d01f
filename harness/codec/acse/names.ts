/**
 * Named values of the COSEM ACSE (IEC 62056-5-3 / Green Book, COSEM application context and authentication
 * mechanism names; ISO/IEC 8650-1 ACSE result and diagnostic values).
 * Application contexts are {joint-iso-ccitt(2) country(16) country-name(756) identified-organization(5)
 * DLMS-UA(8) application-context(1) context_id(n)}; mechanisms are {… DLMS-UA(8) authentication-mechanism-name(2)
 * mechanism_id(n)}.
 */

export const APPLICATION_CONTEXT = {
  lnNoCiphering: '2.16.756.5.8.1.1',
  snNoCiphering: '2.16.756.5.8.1.2',
  lnCiphering: '2.16.756.5.8.1.3',
  snCiphering: '2.16.756.5.8.1.4',
} as const;

export const APPLICATION_CONTEXT_NAMES: Record<string, string> = {
  '2.16.756.5.8.1.1': 'logical-name-referencing-no-ciphering',
  '2.16.756.5.8.1.2': 'short-name-referencing-no-ciphering',
  '2.16.756.5.8.1.3': 'logical-name-referencing-with-ciphering',
  '2.16.756.5.8.1.4': 'short-name-referencing-with-ciphering',
};

export const MECHANISM = {
  lowest: '2.16.756.5.8.2.0',
  low: '2.16.756.5.8.2.1',
  high: '2.16.756.5.8.2.2',
  highMd5: '2.16.756.5.8.2.3',
  highSha1: '2.16.756.5.8.2.4',
  highGmac: '2.16.756.5.8.2.5',
  highSha256: '2.16.756.5.8.2.6',
  highEcdsa: '2.16.756.5.8.2.7',
} as const;

export const MECHANISM_NAMES: Record<string, string> = {
  '2.16.756.5.8.2.0': 'lowest-level-security',
  '2.16.756.5.8.2.1': 'low-level-security',
  '2.16.756.5.8.2.2': 'high-level-security',
  '2.16.756.5.8.2.3': 'high-level-security-md5',
  '2.16.756.5.8.2.4': 'high-level-security-sha1',
  '2.16.756.5.8.2.5': 'high-level-security-gmac',
  '2.16.756.5.8.2.6': 'high-level-security-sha256',
  '2.16.756.5.8.2.7': 'high-level-security-ecdsa',
};

/** Mechanisms whose authentication value is a challenge (HLS, ids 2..7), not a password: safe to show. */
export function mechanismIsHls(oid: string | undefined): boolean {
  return oid !== undefined && /^2\.16\.756\.5\.8\.2\.[2-7]$/.test(oid);
}

/** Associate-result (ISO/IEC 8650-1). */
export const ASSOCIATION_RESULTS = ['accepted', 'rejected-permanent', 'rejected-transient'] as const;
export type AssociationResult = (typeof ASSOCIATION_RESULTS)[number];

/** acse-service-user diagnostics (ISO/IEC 8650-1; values 11..14 are the authentication additions used by COSEM). */
export const ACSE_SERVICE_USER_DIAGNOSTICS = [
  'null',
  'no-reason-given',
  'application-context-name-not-supported',
  'calling-AP-title-not-recognized',
  'calling-AP-invocation-identifier-not-recognized',
  'calling-AE-qualifier-not-recognized',
  'calling-AE-invocation-identifier-not-recognized',
  'called-AP-title-not-recognized',
  'called-AP-invocation-identifier-not-recognized',
  'called-AE-qualifier-not-recognized',
  'called-AE-invocation-identifier-not-recognized',
  'authentication-mechanism-name-not-recognised',
  'authentication-mechanism-name-required',
  'authentication-failure',
  'authentication-required',
] as const;
export type AcseServiceUserDiagnostic = (typeof ACSE_SERVICE_USER_DIAGNOSTICS)[number];

/** acse-service-provider diagnostics (ISO/IEC 8650-1). */
export const ACSE_SERVICE_PROVIDER_DIAGNOSTICS = ['null', 'no-reason-given', 'no-common-acse-version'] as const;
export type AcseServiceProviderDiagnostic = (typeof ACSE_SERVICE_PROVIDER_DIAGNOSTICS)[number];

/** Release-request-reason / Release-response-reason (ISO/IEC 8650-1): numbered values, not consecutive. */
export const RELEASE_REQUEST_REASONS = { normal: 0, urgent: 1, 'user-defined': 30 } as const;
export type ReleaseRequestReason = keyof typeof RELEASE_REQUEST_REASONS;
export const RELEASE_RESPONSE_REASONS = { normal: 0, 'not-finished': 1, 'user-defined': 30 } as const;
export type ReleaseResponseReason = keyof typeof RELEASE_RESPONSE_REASONS;

/** Tags of the xDLMS APDUs that travel in user-information (IEC 62056-5-3 xDLMS-APDU choice numbers). */
export const USER_INFORMATION_APDUS: Record<number, string> = {
  0x01: 'InitiateRequest',
  0x08: 'InitiateResponse',
  0x0e: 'ConfirmedServiceError',
  0x21: 'glo-InitiateRequest',
  0x28: 'glo-InitiateResponse',
};
