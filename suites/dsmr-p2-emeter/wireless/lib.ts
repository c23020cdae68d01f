/** Helpers of the wireless dsmr-p2-emeter cases: applicability, the tester's meter, registration over P3. */
import type { MbusIdentity } from '../../../harness/codec/mbus/index.ts';
import type { P2EmeterWirelessContext, WirelessEmeterBench } from '../../../harness/roles/p2-emeter-wireless-family.ts';
import type { WlReceived, WlSlaveMeter } from '../../../harness/roles/wmbus-slave.ts';
import type { Dut } from '../../../harness/runner/dut.ts';
import type { BaseContext } from '../../../harness/runner/types.ts';

export type T = P2EmeterWirelessContext & BaseContext;

export const NEEDS_P3 =
  'needs P3 access to the E-meter (register a Short ID in 0-x:24.1.0.255, read 0-x:24.2.1.255), which only the simulator bench offers so far';

/** Wireless E-meter with P3 (the simulator bench). */
export const wirelessP3 = (d: Dut): true | string =>
  !d.has('p2.wireless') ? 'the profile does not declare a wireless M-Bus E-meter (p2.wireless)' : d.isSim ? true : NEEDS_P3;
export const appliesWhen = 'wireless (T2) E-meter with P3 access (simulator bench)';

/** The tester's gas meter (DSMR-P2 App. B identity: ID 12345678, NET, 42h, gas). */
export const GAS: MbusIdentity = { id: '12345678', manufacturer: 'NET', version: 0x42, medium: 0x03 };
/** A second meter the E-meter was never told about. */
export const STRANGER: MbusIdentity = { id: '87654321', manufacturer: 'NET', version: 0x42, medium: 0x03 };
export const CH = 1;

export function bench(t: T): WirelessEmeterBench {
  if (!t.bench) t.notApplicable(NEEDS_P3);
  return t.bench;
}

/** Send and collect what the E-meter sends within `ms` afterwards. */
export async function answersTo(t: T, send: () => Promise<unknown>, ms = 1_000): Promise<WlReceived[]> {
  const t0 = t.clock.now();
  await send();
  await t.clock.sleep(ms);
  return t.radio.since(t0);
}

/** Register the tester's meter on channel 1 over P3 and send one SND_IR; what the E-meter sent back. */
export async function sndIrOfRegistered(t: T, opts?: Parameters<WlSlaveMeter['sndIr']>[0], id: MbusIdentity = GAS): Promise<{ m: WlSlaveMeter; got: WlReceived[]; cnf?: WlReceived }> {
  const m = t.radio.addMeter(id);
  bench(t).registerDevice(CH, id);
  const got = await answersTo(t, () => m.sndIr(opts));
  return { m, got, cnf: got.find((r) => r.c === 0x06) };
}

/** Register the tester's meter on channel 1 and bind it with one SND_IR; inconclusive if no CNF_IR comes. */
export async function bindMeter(t: T, id: MbusIdentity = GAS): Promise<WlSlaveMeter> {
  const { m, cnf } = await sndIrOfRegistered(t, undefined, id);
  if (!cnf) t.inconclusive('the E-meter did not confirm the installation request of a registered meter');
  return m;
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/**
 * Independent check of EN 13757-4 format A (DSMR-P2 §3.2, Table 4): L counts the bytes after L without
 * CRCs; block 1 is L..A (10 bytes), then blocks of up to 16 bytes; each block is followed by its
 * CRC-16 (poly 3D65h, init 0, final XOR FFFFh, MSB first), computed bit by bit here.
 */
export function crc16(b: Uint8Array): number {
  let crc = 0;
  for (const x of b) {
    crc ^= x << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x3d65) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc ^ 0xffff;
}

export function crcOk(raw: Uint8Array): boolean {
  const blocks: Uint8Array[] = [];
  let off = 0;
  let size = 10;
  while (off < raw.length) {
    const end = Math.min(off + size, raw.length - 2);
    if (end <= off) return false;
    const data = raw.subarray(off, end);
    if (end + 2 > raw.length) return false;
    if (crc16(data) !== ((raw[end]! << 8) | raw[end + 1]!)) return false;
    blocks.push(data);
    off = end + 2;
    size = 16;
  }
  return blocks.length > 0;
}

/** L a format A frame of this total length must carry: 9 + the data bytes after block 1 (CRCs not counted). */
export function expectedL(totalLength: number): number {
  const rest = totalLength - 12;
  return 9 + rest - 2 * Math.ceil(rest / 18);
}

/** A recommendation (DSMR "should"): warning by default, failure with a strict profile. */
export function should(t: T, ok: boolean, what: string, expected: unknown, actual: unknown): void {
  if (ok) return;
  if (t.dut.profile.strict) t.fail(`${what} (strict: the recommendation is required)`, expected, actual);
  t.warn(`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)} (a recommendation of DSMR-P2)`);
}
