/**
 * C-field of wireless M-Bus (EN 13757-4 link layer, function codes of EN 60870-5-2) and the DSMR-P2
 * Table 6 control layer (allowed C/CI pairs).
 *
 * Bit 6 (PRM) says who initiates. In primary frames bit 4 (FCV) tells whether bit 5 (FCB) is used; DSMR
 * ignores FCB (DSMR-P2 §3.2.2), so 73h is SND_UD and 7Bh is REQ_UD2. In secondary (answer) frames bits 5
 * and 4 are ACD/DFC and do not change the frame type.
 */
export const C_FIELD = {
  SND_NKE: 0x40,
  SND_UD2: 0x43,
  SND_NR: 0x44,
  SND_IR: 0x46,
  ACC_NR: 0x47,
  ACC_DMD: 0x48,
  SND_UD: 0x53,
  REQ_UD1: 0x5a,
  REQ_UD2: 0x5b,
  ACK: 0x00,
  NACK: 0x01,
  CNF_IR: 0x06,
  RSP_UD: 0x08,
} as const;

export type CFieldName = keyof typeof C_FIELD;

const BY_CODE = new Map<number, CFieldName>(Object.entries(C_FIELD).map(([k, v]) => [v, k as CFieldName]));

/** The frame-type code with FCB (primary, FCV set) or ACD/DFC (secondary) masked off; null if not a valid form. */
export function cFieldBase(c: number): number | null {
  if (c & 0x80) return null; // bit 7 is reserved (0) in both directions
  if (c & 0x40) {
    if (c & 0x10) return c & ~0x20; // FCV set: FCB may be either value
    return c & 0x20 ? null : c; // FCV clear: FCB must be 0
  }
  return c & ~0x30;
}

export function cFieldName(c: number): CFieldName | null {
  const base = cFieldBase(c);
  return base === null ? null : (BY_CODE.get(base) ?? null);
}

/**
 * DSMR-P2 Table 6 (§4.1): the only C/CI combinations a DSMR wireless device or E-meter may use; every other
 * combination is to be rejected. Keys are the base C codes (FCB ignored, §3.2.2).
 */
export const DSMR_WIRELESS_C_CI: ReadonlyMap<number, readonly number[]> = new Map([
  [C_FIELD.SND_NKE, [0x80]],
  [C_FIELD.SND_NR, [0x7a]],
  [C_FIELD.REQ_UD2, [0x80]],
  [C_FIELD.RSP_UD, [0x7a]],
  [C_FIELD.SND_UD, [0x5b, 0x6c]],
  [C_FIELD.ACK, [0x8a]],
  [C_FIELD.SND_IR, [0x7a]],
  [C_FIELD.CNF_IR, [0x80]],
]);

/** True when (C, CI) is a pair of DSMR-P2 Table 6. Secondary frames must use the plain code (ACD/DFC 0). */
export function dsmrWirelessAllowed(c: number, ci: number | null): boolean {
  const base = cFieldBase(c);
  if (base === null) return false;
  if (!(c & 0x40) && base !== c) return false;
  const cis = DSMR_WIRELESS_C_CI.get(base);
  return cis !== undefined && ci !== null && cis.includes(ci);
}
