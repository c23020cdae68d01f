/**
 * HDLC control field (IEC 62056-46 control field, ISO/IEC 13239 modulo-8 basic format). Bit 0 is the first bit on
 * the line. I frames: N(R) in bits 7..5, P/F bit 4, N(S) bits 3..1, bit 0 = 0. Supervisory frames: N(R), P/F,
 * type in bits 3..2, bits 1..0 = 01. Unnumbered frames: bits 1..0 = 11, P/F bit 4, the rest names the command.
 * IEC 62056-46 uses I, RR, RNR (supervisory) and SNRM, DISC, UA, DM, FRMR, UI (unnumbered); every other value
 * decodes as `unknown` carrying the raw octet so that a fuzzer can send it and a tester can see it.
 */
import { HdlcError } from './errors.ts';

export type HdlcUnnumberedType = 'SNRM' | 'DISC' | 'UA' | 'DM' | 'FRMR' | 'UI';

export type HdlcControl =
  | { type: 'I'; ns: number; nr: number; pf: boolean }
  | { type: 'RR' | 'RNR'; nr: number; pf: boolean }
  | { type: HdlcUnnumberedType; pf: boolean }
  | { type: 'unknown'; value: number };

/** Unnumbered command/response codes with the P/F bit cleared. */
const U_CODES: Record<HdlcUnnumberedType, number> = { SNRM: 0x83, DISC: 0x43, UA: 0x63, DM: 0x0f, FRMR: 0x87, UI: 0x03 };
const U_BY_CODE = new Map<number, HdlcUnnumberedType>(
  Object.entries(U_CODES).map(([k, v]) => [v, k as HdlcUnnumberedType]),
);

function seq(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 7) throw new HdlcError('bad-value', 0, `${what} ${v} is outside 0..7`);
  return v;
}

export function hdlcControlEncode(c: HdlcControl): number {
  switch (c.type) {
    case 'I':
      return (seq(c.nr, 'N(R)') << 5) | (c.pf ? 0x10 : 0) | (seq(c.ns, 'N(S)') << 1);
    case 'RR':
      return (seq(c.nr, 'N(R)') << 5) | (c.pf ? 0x10 : 0) | 0x01;
    case 'RNR':
      return (seq(c.nr, 'N(R)') << 5) | (c.pf ? 0x10 : 0) | 0x05;
    case 'unknown':
      if (!Number.isInteger(c.value) || c.value < 0 || c.value > 0xff) {
        throw new HdlcError('bad-value', 0, `control octet ${c.value} is not a byte`);
      }
      return c.value;
    default: {
      const code = U_CODES[c.type];
      if (code === undefined) throw new HdlcError('bad-value', 0, `unknown HDLC frame type ${String((c as { type: unknown }).type)}`);
      return code | (c.pf ? 0x10 : 0);
    }
  }
}

export function hdlcControlDecode(v: number): HdlcControl {
  const pf = (v & 0x10) !== 0;
  if ((v & 0x01) === 0) return { type: 'I', ns: (v >>> 1) & 7, nr: v >>> 5, pf };
  if ((v & 0x03) === 0x01) {
    const s = v & 0x0f;
    if (s === 0x01) return { type: 'RR', nr: v >>> 5, pf };
    if (s === 0x05) return { type: 'RNR', nr: v >>> 5, pf };
    return { type: 'unknown', value: v }; // REJ / SREJ are not part of IEC 62056-46
  }
  const u = U_BY_CODE.get(v & 0xef);
  return u ? { type: u, pf } : { type: 'unknown', value: v };
}
