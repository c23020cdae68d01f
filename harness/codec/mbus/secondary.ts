/**
 * Secondary addressing (EN 13757-2 §5.7 / EN 13757-3 CI 52h) and multi-telegram readout.
 *
 * Selection: SND_UD to address 253 (FDh) with CI 52h and 8 bytes ID (4 BCD, LSB first; each nibble may be
 * the wildcard Fh), MAN (2 bytes; FFFFh = any), VER (FFh = any), MED (FFh = any). A matching slave answers
 * E5h and is then reachable at 253 until deselected (SND_NKE to 253, or another selection). DSMR-P2 §3.1.3
 * forbids secondary addressing on P2, so a DSMR device must ignore all of this; the codec exists so the
 * suite can send it and so a decoder can name it.
 *
 * Multi-telegram readout: the master toggles FCB on every REQ_UD2 that got an answer (the first after
 * SND_NKE has FCB = 1); a lost answer is asked for again with the same FCB. A telegram whose user data
 * ends with DIF 1Fh announces more records in the next telegram. DSMR-P2 §3.1.2 says the FCB is ignored
 * (no repeat logic in the slave), so the helpers here are for generic M-Bus masters and for testing that.
 */
import { MbusError } from './errors.ts';
import { mbusIdEncode, mbusIdDecode, mbusManufacturerDecode, mbusManufacturerEncode } from './header.ts';
import { mbusReqUd2, mbusSndUd } from './link.ts';

export const MBUS_ADDRESS_NETWORK_LAYER = 253;

export interface MbusSelection {
  /** 8 characters: digits, or F for a wildcard nibble. */
  id: string;
  /** Three letters, or null for the wildcard FFFFh. */
  manufacturer: string | null;
  /** Raw manufacturer field (kept so that non-letter codes survive a round trip). */
  manufacturerCode: number;
  /** null = wildcard FFh. */
  version: number | null;
  medium: number | null;
}

export function mbusSelectionEncode(sel: Omit<MbusSelection, 'manufacturerCode'> & { manufacturerCode?: number }): Uint8Array {
  if (!/^[0-9F]{8}$/i.test(sel.id)) throw new MbusError('bad-id', 0, `selection ID must be 8 digits or F wildcards, got ${JSON.stringify(sel.id)}`);
  const man = sel.manufacturerCode ?? (sel.manufacturer === null ? 0xffff : mbusManufacturerEncode(sel.manufacturer));
  for (const [k, v] of [['version', sel.version], ['medium', sel.medium]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 0xfe)) throw new MbusError('bad-field', 0, `${k} must be 0…254 or null (wildcard)`);
  }
  return Uint8Array.from([...mbusIdEncode(sel.id.toUpperCase()), man & 0xff, man >> 8, sel.version ?? 0xff, sel.medium ?? 0xff]);
}

export function mbusSelectionDecode(b: Uint8Array, off = 0): MbusSelection {
  if (b.length - off < 8) throw new MbusError('truncated', b.length, `a selection needs 8 bytes, ${b.length - off} left`);
  const code = b[off + 4]! | (b[off + 5]! << 8);
  return {
    id: mbusIdDecode(b, off),
    manufacturer: code === 0xffff ? null : mbusManufacturerDecode(code),
    manufacturerCode: code,
    version: b[off + 6] === 0xff ? null : b[off + 6]!,
    medium: b[off + 7] === 0xff ? null : b[off + 7]!,
  };
}

/** Does a device with this identity answer the selection? (nibble-wise ID wildcards) */
export function mbusSelectionMatches(sel: MbusSelection, dev: { id: string; manufacturer: string; version: number; medium: number }): boolean {
  for (let i = 0; i < 8; i++) {
    const s = sel.id[i]!.toUpperCase();
    if (s !== 'F' && s !== dev.id[i]) return false;
  }
  return (sel.manufacturer === null || sel.manufacturer === dev.manufacturer) && (sel.version === null || sel.version === dev.version) &&
    (sel.medium === null || sel.medium === dev.medium);
}

/** The complete selection telegram: SND_UD, A = 253, CI 52h. */
export function mbusSelectFrame(sel: Omit<MbusSelection, 'manufacturerCode'>, fcb = false): Uint8Array {
  return mbusSndUd(MBUS_ADDRESS_NETWORK_LAYER, 0x52, mbusSelectionEncode(sel), fcb);
}

// ---------------------------------------------------------------------------------------------------

export interface MbusReadoutState {
  address: number;
  /** FCB of the next REQ_UD2. */
  fcb: boolean;
  telegrams: number;
  retries: number;
  done: boolean;
  /** Why the readout stopped: 'complete', 'max-telegrams', 'no-answer'. */
  reason?: 'complete' | 'max-telegrams' | 'no-answer';
}

export interface MbusReadoutLimits {
  maxTelegrams?: number;
  maxRetries?: number;
}

/** Start a readout after SND_NKE: the first REQ_UD2 carries FCB = 1. */
export function mbusReadoutStart(address: number): { state: MbusReadoutState; request: Uint8Array } {
  const state: MbusReadoutState = { address, fcb: true, telegrams: 0, retries: 0, done: false };
  return { state, request: mbusReqUd2(address, true) };
}

/**
 * Advance after an answer (`{ moreRecordsFollow }` of the decoded RSP_UD) or a timeout (`null`).
 * Returns the next request, or null when the readout is finished. Bounded by the limits.
 */
export function mbusReadoutNext(state: MbusReadoutState, answer: { moreRecordsFollow: boolean } | null, limits: MbusReadoutLimits = {}): { state: MbusReadoutState; request: Uint8Array | null } {
  const maxTelegrams = limits.maxTelegrams ?? 16, maxRetries = limits.maxRetries ?? 2;
  if (state.done) return { state, request: null };
  if (answer === null) {
    if (state.retries >= maxRetries) return { state: { ...state, done: true, reason: 'no-answer' }, request: null };
    const s = { ...state, retries: state.retries + 1 };
    return { state: s, request: mbusReqUd2(s.address, s.fcb) };
  }
  const telegrams = state.telegrams + 1;
  if (!answer.moreRecordsFollow) return { state: { ...state, telegrams, retries: 0, done: true, reason: 'complete' }, request: null };
  if (telegrams >= maxTelegrams) return { state: { ...state, telegrams, retries: 0, done: true, reason: 'max-telegrams' }, request: null };
  const s = { ...state, telegrams, retries: 0, fcb: !state.fcb };
  return { state: s, request: mbusReqUd2(s.address, s.fcb) };
}
