/**
 * Frames the wireless gas meter sends (DSMR-P2 §4.4, Table 6): SND_NR (C 44h) meter data, SND_IR (46h)
 * installation request, RSP_UD (08h) on-demand data — all CI 7Ah with the short header — and the ACK
 * (00h, CI 8Ah, no data). Format A with a CRC per block (§3.2, Table 4), link address = MAN, ID, VER, DEV
 * of the device (§3.2.4; the same as its application address), configuration word with B = 1, A = 0
 * (limited access, §3.2.5) and S = 1 on SND_NR only (§4.2.6), method 15 with the clear frame-counter
 * record while a user key is set (§5). The link-layer fault switches are applied here.
 */
import { concatBytes } from '../../../codec/bytes.ts';
import { mbusIdEncode, mbusManufacturerEncode } from '../../../codec/mbus/index.ts';
import { wmbusCrcLayout, wmbusFrameEncode } from '../../../codec/wmbus/index.ts';
import type { GasMeter } from '../meter.ts';
import { longHeader, meterDataBody, readoutRecords } from '../readout.ts';

export type DeviceFrameKind = 'SND_NR' | 'SND_IR' | 'RSP_UD' | 'ACK';

const C_OF: Record<DeviceFrameKind, number> = { SND_NR: 0x44, SND_IR: 0x46, RSP_UD: 0x08, ACK: 0x00 };
const HOUR = 3_600_000;

/** ACC_NR: the EN 13757-4 "access no reply" frame DSMR-P2 §3.2.2 does not allow (only the fault sends it). */
export const C_ACC_NR = 0x47;

/** CW bits (DSMR-P2 §4.2.6): B (15) bidirectional, A (14) accessibility, S (13) synchronous. */
const CW_B = 0x8000;
const CW_A = 0x4000;
const CW_S = 0x2000;

function configWord(m: GasMeter, kind: DeviceFrameKind | 'ACC_NR', base: number): number {
  let cw = base | CW_B;
  const sync = kind === 'SND_NR' ? !m.has('p2.cw.sync-bit-clear') : m.has('p2.cw.sync-bit-on-async');
  if (sync) cw |= CW_S;
  if (m.has('p2.cw.unlimited-access')) cw |= CW_A;
  if (m.has('p2.cw.hop-bits-set')) cw |= 0x0001;
  return cw;
}

function cwBytes(m: GasMeter, cw: number): number[] {
  return m.has('p2.cw.byte-swap') ? [cw >> 8, cw & 0xff] : [cw & 0xff, cw >> 8];
}

/** Short header ACC ST CW (DSMR-P2 §4.2.1; ST is always 00h, §4.2.5). */
function shortHeader(m: GasMeter, acc: number, cw: number): Uint8Array {
  return Uint8Array.from([acc, m.has('p2.hdr.status-nonzero') ? m.status : 0, ...cwBytes(m, cw)]);
}

/** M-field and A-field of the device (DSMR-P2 §3.2.3, §3.2.4). */
function linkAddress(m: GasMeter, kind: DeviceFrameKind | 'ACC_NR'): { m: number; a: Uint8Array } {
  const id = m.identity;
  const man = mbusManufacturerEncode(id.manufacturer);
  const wireMan = m.has('p2.id.man-byte-swap') ? ((man & 0xff) << 8) | (man >> 8) : man;
  const ver = m.has('p2.hdr.version-wrong') ? 0x40 : id.version;
  if (kind === 'ACK' && m.has('p2.wl.lla-varies')) {
    // Digest A24: "Short ID of the sender" read literally — ID then MAN in the 6-byte A-field.
    return { m: wireMan, a: Uint8Array.from([...mbusIdEncode(id.id), man & 0xff, man >> 8]) };
  }
  return { m: wireMan, a: Uint8Array.from([...mbusIdEncode(id.id), ver, id.medium]) };
}

/** Format A encoding with the link faults: CRC byte order, L counting the CRCs. */
function encode(m: GasMeter, c: number, addr: { m: number; a: Uint8Array }, payload: Uint8Array): Uint8Array {
  const out = wmbusFrameEncode({ format: 'A', c, m: addr.m, a: addr.a, payload });
  if (m.has('p2.wl.crc-wrong')) {
    for (const s of wmbusCrcLayout('A', payload.length)) {
      const hi = out[s.crcOffset]!;
      out[s.crcOffset] = out[s.crcOffset + 1]!;
      out[s.crcOffset + 1] = hi;
    }
  }
  if (m.has('p2.wl.l-counts-crc')) out[0] = (out.length - 1) & 0xff;
  return out;
}

/** The readout records of the current hour, or (fault) of the hour before. */
function records(m: GasMeter, kind: DeviceFrameKind): Uint8Array {
  if (kind !== 'SND_NR' || !m.has('p2.sched.stale-value')) return readoutRecords(m);
  m.offsetMs -= HOUR;
  try {
    return readoutRecords(m);
  } finally {
    m.offsetMs += HOUR;
  }
}

/**
 * A meter-data frame (SND_NR, SND_IR, RSP_UD) with access number `acc`. Encrypts while the user key is set
 * (`plain` forces method 0: the SND_IR fault), which advances the frame counter.
 */
export function dataFrame(m: GasMeter, kind: 'SND_NR' | 'SND_IR' | 'RSP_UD', acc: number): Uint8Array {
  const keyedBefore = m.methodKeyed;
  if (kind === 'SND_IR' && m.has('p2.inst.sndir-plain-when-keyed')) m.methodKeyed = false;
  let data: ReturnType<typeof meterDataBody>;
  try {
    data = meterDataBody(m, records(m, kind));
  } finally {
    m.methodKeyed = keyedBefore;
  }
  const cw = configWord(m, kind, data.cw);
  const wiredForm = (kind === 'SND_NR' && m.has('p2.snr.long-header')) || (kind === 'RSP_UD' && m.has('p2.rsp.wl-long-header'));
  const savedAcc = m.acc;
  // The wired long header (ID MAN VER DEV ACC ST CW) is the fault's form; it reads ACC from the meter.
  m.acc = acc;
  const head = wiredForm ? Uint8Array.of(0x72, ...longHeader(m, cw)) : Uint8Array.of(0x7a, ...shortHeader(m, acc, cw));
  m.acc = savedAcc;
  return encode(m, C_OF[kind], linkAddress(m, kind), concatBytes(head, data.body));
}

/** ACK (DSMR-P2 §4.4.3): C 00h, CI 8Ah, ACC copied from the SND_UD, ST 00h, CW without data (B set). */
export function ackFrame(m: GasMeter, copiedAcc: number, ownAcc: number): Uint8Array {
  const acc = m.has('p2.ack.acc-not-copied') ? ownAcc : copiedAcc;
  const ci = m.has('p2.ctl.ack-wrong-ci') ? 0x7a : 0x8a;
  return encode(m, C_OF.ACK, linkAddress(m, 'ACK'), Uint8Array.of(ci, ...shortHeader(m, acc, configWord(m, 'ACK', 0))));
}

/** ACC_NR (fault only): C 47h, CI 8Ah, no data. */
export function accNrFrame(m: GasMeter, acc: number): Uint8Array {
  return encode(m, C_ACC_NR, linkAddress(m, 'ACC_NR'), Uint8Array.of(0x8a, ...shortHeader(m, acc, configWord(m, 'ACC_NR', 0))));
}
