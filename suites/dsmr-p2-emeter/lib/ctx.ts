/**
 * Helpers of the dsmr-p2-emeter suite: applicability (P3 access), preconditions (a conforming gas meter on
 * the bus, bound and keyed the way a central system does it), the E-meter's frames as the gas-meter side
 * sees them, an independent decryption of E-meter commands (node:crypto, DSMR-P2 §5.2 IV built here from
 * the Short ID), and the "should" verdict: a warning by default, a failure with a strict profile.
 *
 * Keys never appear in any message written here.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { MbusIdentity } from '../../../harness/codec/mbus/index.ts';
import { isShort, isSndUd, type MeterPlan, type Received, type SlaveMeter, type SlaveMeterInit } from '../../../harness/roles/mbus-slave.ts';
import type { EmeterBench, P2EmeterContext } from '../../../harness/roles/p2-emeter-family.ts';
import type { Dut } from '../../../harness/runner/dut.ts';
import type { BaseContext } from '../../../harness/runner/types.ts';
import { APP_B, CI } from './tables.ts';

export type T = P2EmeterContext & BaseContext;
type Applies = (d: Dut) => true | string;

export const NEEDS_P3 =
  'needs P3 access to the E-meter — a DLMS client on its M-Bus client setup objects 0-x:24.1.0.255 (bind a device, transfer keys, capture, synchronise) and values 0-x:24.2.1.255 — which only the simulator bench offers so far';

export const p3: Applies = (d) => (d.isSim ? true : NEEDS_P3);
/** Cases that only listen to the polling: the bench registers a device, or a physical E-meter already polls `addresses.primary`. */
export const polled: Applies = (d) =>
  d.isSim || d.profile.addresses?.['primary'] !== undefined
    ? true
    : 'needs P3 access (simulator bench) or, for a physical E-meter, addresses.primary: the address of a device it already polls (the tester only listens)';
export const wired: Applies = (d) => (d.has('p2.wired') ? true : 'the profile does not declare a wired M-Bus E-meter (p2.wired)');
export const all = (...fns: Applies[]): Applies => (d) => {
  for (const f of fns) {
    const r = f(d);
    if (r !== true) return r;
  }
  return true;
};
export const wiredP3 = all(wired, p3);
export const wiredPolled = all(wired, polled);

/** Channel and primary address the suite binds its meter to. */
export const CH = 1;
export const ADDR = 1;

export function bench(t: T): EmeterBench {
  if (!t.bench) t.notApplicable(NEEDS_P3);
  return t.bench;
}

/** A recommendation (DSMR "should"): warning by default, failure with a strict profile. */
export function should(t: T, ok: boolean, what: string, expected: unknown, actual: unknown): void {
  if (ok) return;
  if (t.dut.profile.strict) t.fail(`${what} (strict: the recommendation is required)`, expected, actual);
  t.warn(`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)} (a recommendation of DSMR-P2)`);
}

/** Wrap a user key as the CS does (§6.5.1, App. B1.1): AES-128-ECB with the device default key. */
export function wrapKey(key: Uint8Array, defaultKey: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-ecb', defaultKey, null).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(key), c.final()]));
}

/** A conforming gas meter on the bus (App. B identity and keys unless given). */
export const meter = (t: T, init: Partial<SlaveMeterInit> = {}): SlaveMeter => t.slave.addMeter({ address: ADDR, defaultKey: APP_B.defaultKey, ...init });

export const isReq = (a: number) => (r: Received) => isShort(r, 0x5b, a);

/**
 * The address the E-meter polls: with the bench, a silent-free conforming meter registered on channel 1;
 * on a physical E-meter, the profile's `addresses.primary` (nothing answers there: the case only listens).
 */
export function polledAddress(t: T): number {
  if (!t.bench) return Number(t.dut.profile.addresses!['primary']);
  const m = meter(t);
  t.bench.registerDevice(CH, m.address);
  return m.address;
}

/** Wait until the E-meter sent anything (a frame or undecodable bytes): ≤ 10 s with the bench, ≤ 65 min otherwise (hourly polling). */
export async function waitTraffic(t: T): Promise<void> {
  const limit = t.clock.now() + (t.bench ? 10_000 : 65 * 60_000);
  while (!t.slave.received.length && !t.slave.garbage.length && t.clock.now() < limit) await t.clock.sleep(1000);
  await t.clock.sleep(5000);
  if (!t.slave.received.length && !t.slave.garbage.length) t.inconclusive('the E-meter sent nothing on the bus');
}

/** Bind a meter to a channel as a CS does (write primary_address, §8.3.1.1) and wait for the binding read. */
export async function bindMeter(t: T, init: Partial<SlaveMeterInit> = {}, channel = CH): Promise<SlaveMeter> {
  const m = meter(t, init);
  const from = t.slave.received.length;
  bench(t).registerDevice(channel, m.address);
  if (!(await t.slave.waitFor(isReq(m.address), 10_000, from))) t.inconclusive(`the E-meter never read the device registered at address ${m.address}`);
  await t.clock.sleep(2000);
  if (!bench(t).readClientSetup(channel)?.identificationNumber) t.inconclusive('the E-meter did not bind the device (no Short ID in its M-Bus client setup)');
  return m;
}

/** Key the channel as the CS does (§6.5.1): set_encryption_key, then transfer_key; wait for the §8.1 tasks after it. */
export async function keyMeter(t: T, m: SlaveMeter, channel = CH): Promise<void> {
  const b = bench(t);
  b.setEncryptionKey(channel, APP_B.userKey);
  b.transferKey(channel, wrapKey(APP_B.userKey, m.defaultKey));
  await t.clock.sleep(30_000);
  if (!m.userKey) t.inconclusive('the meter did not receive a user key from the E-meter');
  const status = b.readClientSetup(channel)?.encryptionKeyStatus;
  if (status !== 3 && status !== 4) t.inconclusive(`after the key transfer the E-meter's encryption_key_status is ${status}, not 3 (set and transferred) or 4 (in use)`);
}

/** Bind the meter, transfer the App. B user key (§6.5.1) and return the CI 51h set-key telegram the E-meter sends. */
export async function setKeyTelegram(t: T): Promise<Received> {
  const m = await bindMeter(t);
  bench(t).setEncryptionKey(CH, APP_B.userKey);
  bench(t).transferKey(CH, APP_B.wrappedUserKey);
  const r = await t.slave.waitFor((x) => isSndUd(x, CI.UNENCRYPTED, m.address), 30_000);
  if (!r) t.inconclusive('the E-meter sent no set-key telegram (CI 51h) after transfer_key');
  return r;
}

/** Install an unconfigured device at address 0 (§8.3.1), wait for its address, then key it. */
export async function installAndKey(t: T): Promise<SlaveMeter> {
  const m = meter(t, { address: 0 });
  bench(t).installDevice();
  await t.clock.sleep(90_000);
  if (m.address === 0) t.inconclusive('the E-meter did not give the unconfigured device an address');
  await keyMeter(t, m);
  return m;
}

/** IC 72 capture: the E-meter reads the meter now (answered per `plan`); waits for the read and what follows it. */
export async function capture(t: T, m: SlaveMeter, plan?: MeterPlan, channel = CH): Promise<void> {
  if (plan) m.plans.push(plan);
  const from = t.slave.received.length;
  bench(t).capture(channel);
  if (!(await t.slave.waitFor(isReq(m.address), 10_000, from))) t.inconclusive('the E-meter did not read the device after a P3 capture');
  await t.clock.sleep(5000);
}

export const volume = (t: T, channel = CH): number | null => bench(t).readMbusValues(channel).find((v) => v.quantity === 'volume')?.raw ?? null;

/** A conforming reading with a new volume must reach P3 first (the baseline of a rejection case). */
export async function baseline(t: T, m: SlaveMeter, litres: number): Promise<void> {
  m.volumeLitres = litres;
  await capture(t, m);
  if (volume(t) !== litres) t.inconclusive(`a conforming reading (${litres}) did not reach P3 (P3 shows ${volume(t)})`);
}

/** Offer a reading the E-meter must refuse and check P3 still shows the baseline value. */
export async function expectRefusedReading(t: T, m: SlaveMeter, before: number, offered: number, plan: MeterPlan, what: string): Promise<void> {
  m.volumeLitres = offered;
  await capture(t, m, plan);
  const now = volume(t);
  t.expectTrue(`P3 volume after ${what}`, now === before, `${before} (the refused reading's ${offered} never reaches P3)`, now);
}

/** Long frames the E-meter sent, optionally with this CI. */
export const sndUds = (t: T, ci?: number): Received[] => t.slave.received.filter((r) => isSndUd(r, ci));
export const dataOf = (r: Received): Uint8Array => (r.frame.format === 'long' ? r.frame.data : new Uint8Array(0));

/** IV bytes 0–7 of DSMR-P2 §5.2, computed here: MAN (EN 13757-3 letters, LSB first), ID (BCD, LSB first), VER, DEV. */
export function identityBytes(id: MbusIdentity): number[] {
  const man = [...id.manufacturer].reduce((a, ch) => a * 32 + (ch.charCodeAt(0) - 64), 0);
  const digits = id.id.padStart(8, '0');
  const bcd = [6, 4, 2, 0].map((i) => parseInt(digits.slice(i, i + 2), 16));
  return [man & 0xff, man >> 8, ...bcd, id.version, id.medium];
}

export interface OpenedCommand {
  cw: number;
  mode: number;
  blocks: number;
  fc?: number;
  /** Decrypted blocks (method 15 with the App. B user key), or the clear body. */
  plain: Uint8Array;
  /** Bytes after the NNNN blocks (method 15) — the clear frame-counter record. */
  after: Uint8Array;
}

/** Open an E-meter command whose header is `headerLen` bytes (4: CI 5Ah, 12: CI 6Ch): node:crypto AES-128-CBC, §5.2 IV. */
export function openCommand(r: Received, headerLen: number, id: MbusIdentity, key = APP_B.userKey): OpenedCommand {
  const d = dataOf(r);
  const cw = (d[headerLen - 2] ?? 0) | ((d[headerLen - 1] ?? 0) << 8);
  const mode = (cw >> 8) & 0x0f;
  const blocks = (cw >> 4) & 0x0f;
  const body = d.subarray(headerLen);
  if (mode !== 15 || body.length < blocks * 16 || blocks === 0) return { cw, mode, blocks, plain: body.slice(), after: new Uint8Array(0) };
  const after = body.subarray(blocks * 16);
  const fcOk = after.length >= 7 && after[0] === 0x04 && after[1] === 0xfd && after[2] === 0x08;
  const fc = fcOk ? (after[3]! | (after[4]! << 8) | (after[5]! << 16)) + after[6]! * 2 ** 24 : undefined;
  const le = fc === undefined ? [0, 0, 0, 0] : [fc & 0xff, (fc >>> 8) & 0xff, (fc >>> 16) & 0xff, fc >>> 24];
  const iv = Uint8Array.from([...identityBytes(id), ...le, ...le]);
  const dec = createDecipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  const plain = new Uint8Array(Buffer.concat([dec.update(body.subarray(0, blocks * 16)), dec.final()]));
  return { cw, mode, blocks, ...(fc !== undefined ? { fc } : {}), plain, after: after.slice() };
}

export const hex = (b: ArrayLike<number>): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
export const contains = (hay: Uint8Array, needle: readonly number[]): boolean => {
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((b, j) => hay[i + j] === b)) return true;
  return false;
};
