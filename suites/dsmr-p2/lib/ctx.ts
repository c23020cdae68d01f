/**
 * Helpers of the dsmr-p2 gas-meter suite: applicability, preconditions (read the device, make sure a user
 * key is in place, synchronise its clock), and the verdict rules shared by many cases — in particular the
 * reading of digest A11: a refused command is judged by its effect; an E5h acknowledgement of it is a
 * warning, and a failure only with a strict profile (`dut.profile.strict`).
 *
 * Keys never appear in any message written here.
 */
import { bytesToHex, concatBytes } from '../../../harness/codec/bytes.ts';
import type { MbusDataRecord } from '../../../harness/codec/mbus/index.ts';
import type { MbusReply, RspUd } from '../../../harness/roles/mbus-master.ts';
import type { P2GasContext } from '../../../harness/roles/p2-family.ts';
import type { Dut } from '../../../harness/runner/dut.ts';
import type { BaseContext, CaseDef } from '../../../harness/runner/types.ts';
import { APP_B, REC } from './tables.ts';

export type T = P2GasContext & BaseContext;
export type P2Case = CaseDef<P2GasContext>;
type Applies = (d: Dut) => true | string;

export const wired: Applies = (d) => (d.has('p2.wired') ? true : 'the profile does not declare a wired M-Bus device (p2.wired)');
/** A user key can be put in place: the simulator's bench, or the profile's default or user key. */
export const keyable: Applies = (d) =>
  d.isSim || d.profile.keys?.['default'] || d.profile.keys?.['user'] ? true : 'needs keys.default or keys.user in the profile (env:/file: reference)';
/** New keys can be installed: the default key is known. */
export const rekeyable: Applies = (d) => (d.isSim || d.profile.keys?.['default'] ? true : 'needs the device default key (keys.default) to install user keys');
export const factory: Applies = (d) => (d.has('p2.factory-state') ? true : 'the DUT is not declared as delivered (p2.factory-state: address 0, no user key)');
export const bench: Applies = (d) => (d.isSim ? true : 'needs a bench stimulus (bus power, metrology events) only the simulator offers');
export const unkeyedStart: Applies = (d) => (d.feature('p2.user-key', false) ? 'the DUT starts with a user key' : true);

export function all(...fns: Applies[]): Applies {
  return (d) => {
    for (const f of fns) {
      const r = f(d);
      if (r !== true) return r;
    }
    return true;
  };
}

export const startAddress = (t: T): number => Number(t.dut.profile.addresses?.['primary'] ?? 0);

/** A short text for a reply in verdicts. */
export function said(r: MbusReply): string {
  if (r.kind === 'silent') return 'silence';
  if (r.kind === 'ack') return 'E5';
  const hex = bytesToHex(r.raw, ' ');
  return `${r.kind === 'frame' ? 'frame' : 'bytes'} ${hex.length > 90 ? `${hex.slice(0, 90)}…` : hex}`;
}

/** A command the case needs accepted as a precondition: no E5 means the point under test was not reached. */
export function mustAck(t: T, r: MbusReply, what: string): void {
  if (r.kind !== 'ack') t.inconclusive(`${what} was not acknowledged (${said(r)})`);
}

/** A command the rule says must be acknowledged with exactly E5h (Table 5). */
export function expectAck(t: T, r: MbusReply, what: string): void {
  if (r.kind !== 'ack') t.fail(`answer to ${what}`, 'E5', said(r));
}

/** A frame the device must ignore completely: no answer at all. */
export function expectSilent(t: T, r: MbusReply, what: string): void {
  if (r.kind !== 'silent') t.fail(`answer to ${what}`, 'silence', said(r));
}

/**
 * A refused command (digest A11): silence is right; E5h is tolerated with a warning unless the profile is
 * strict; anything else is wrong. The caller still checks that the command had no effect.
 */
export function expectRefused(t: T, r: MbusReply, what: string): void {
  if (r.kind === 'silent') return;
  if (r.kind === 'ack') {
    if (t.dut.profile.strict) t.fail(`answer to ${what} (strict: a refused command stays unanswered)`, 'silence', 'E5');
    t.warn(`${what} was refused but acknowledged with E5h (DSMR-P2 does not say whether a refused SND_UD is acknowledged)`);
    return;
  }
  t.fail(`answer to ${what}`, 'silence (or E5)', said(r));
}

/** Read the device; silence is inconclusive, an answer that is not one RSP_UD frame fails. */
export async function read(t: T, a: number): Promise<RspUd> {
  const { reply, rsp } = await t.master.reqUd2(a);
  if (reply.kind === 'silent') t.inconclusive(`no answer to REQ_UD2 at address ${a}`);
  if (!rsp) t.fail(`answer to REQ_UD2 at address ${a}`, 'one RSP_UD long frame', said(reply));
  return rsp;
}

/** Read and require readable records (plain, or decrypted with the user key the tester holds). */
export async function readRecords(t: T, a: number): Promise<RspUd> {
  const rsp = await read(t, a);
  if (!rsp.readable) t.inconclusive('the RSP_UD records cannot be decrypted with the user key the tester holds');
  return rsp;
}

export function dataRecords(rsp: Pick<RspUd, 'app'>): MbusDataRecord[] {
  return rsp.app.records.filter((r): r is MbusDataRecord => r.kind === 'data');
}

/** The record whose head (DIF, DIFEs, VIF, VIFEs) equals `head`. */
export function recordWithHead(rsp: Pick<RspUd, 'app'>, head: readonly number[]): MbusDataRecord | undefined {
  return dataRecords(rsp).find((r) => {
    const h = [r.dif, ...r.dife, r.vif, ...r.vife];
    return h.length >= head.length && head.every((b, i) => h[i] === b);
  });
}

export function statusOf(t: Pick<BaseContext, 'fail'>, rsp: Pick<RspUd, 'app'>): number {
  const r = recordWithHead(rsp, REC.status);
  if (!r || r.data.length !== 1) t.fail('status record 01 FD 17', 'present with one data byte', r ? bytesToHex(r.data) : 'absent');
  return r.data[0]!;
}

/** FD VIFEs 0Ch–0Fh of the version records present (DSMR-P2 §6.4.2). */
export function versionsIn(rsp: Pick<RspUd, 'app'>): number[] {
  return dataRecords(rsp).filter((r) => r.vif === 0xfd && r.vife.length >= 1 && r.vife[0]! >= 0x0c && r.vife[0]! <= 0x0f && (r.dif & 0x0f) === 0x0d).map((r) => r.vife[0]!).sort((x, y) => x - y);
}

/** Selection records `08 FD vv` for the given version VIFEs (DSMR-P2 §6.3.1, §6.4.2). */
export const selection = (...vifes: number[]): Uint8Array => concatBytes(...vifes.map((v) => Uint8Array.of(0x08, 0xfd, v)));

/**
 * Make sure the device has a user key the tester holds; installs the App. B user key when needed. With
 * `check` (default) the next RSP_UD must be readable method-15 data; cases about the encrypted frame's own
 * form pass `check: false` and look at the bytes themselves.
 */
export async function ensureKeyed(t: T, a: number, check = true): Promise<RspUd> {
  if (!t.master.keys.user) {
    if (!t.master.keys.default) t.notApplicable('no user key and no default key known');
    mustAck(t, await t.master.installKey(a, APP_B.userKey), 'set new key (precondition)');
  }
  const rsp = await read(t, a);
  if (check && (rsp.mode !== 15 || !rsp.readable)) t.inconclusive(`after keying, the RSP_UD is not readable method-15 data (method ${rsp.mode})`);
  return rsp;
}

/** Learn the device identity (and its frame counter) before building commands. */
export async function ensureIdentity(t: T, a: number): Promise<RspUd> {
  return read(t, a);
}

/** Wait until the tester clock is a safe distance from a whole hour (hourly values settle at hh:00). */
export async function awayFromHour(t: T): Promise<void> {
  const into = t.clock.now() % 3_600_000;
  if (into < 60_000) await t.clock.sleep(60_000 - into);
  else if (into > 3_540_000) await t.clock.sleep(3_660_000 - into);
}

/** Set the device clock to `time` (encrypted when a user key is known) and require E5. */
export async function syncClock(t: T, a: number, time: Date, what = 'clock synchronisation (precondition)'): Promise<void> {
  if (!t.master.identity) await ensureIdentity(t, a);
  mustAck(t, await t.master.setTime(a, time), what);
}

/** Clear the non-permanent status bits (DSMR-P2 §6.2.3) and require E5. */
export async function clearStatus(t: T, a: number): Promise<void> {
  if (!t.master.identity) await ensureIdentity(t, a);
  mustAck(t, await t.master.sendControl(a, Uint8Array.from(REC.clearStatus)), 'clear status (precondition)');
}

/** The hourly time stamp record (`46 6D`, DSMR-P2 §6.4.3) as a time, or null. */
export function stampOf(rsp: Pick<RspUd, 'app'>): number | null {
  const r = recordWithHead(rsp, REC.timeStamp);
  return r?.date?.iso ? Date.parse(r.date.iso) : null;
}

export const hourOf = (ms: number): number => Math.floor(ms / 3_600_000) * 3_600_000;
export const iso = (ms: number | null): string => (ms === null ? 'none' : new Date(ms).toISOString());

/** A byte as two upper-case hex digits (messages write `4Bh`, `C = 73h`). */
export const h2 = (v: number): string => (v & 0xff).toString(16).toUpperCase().padStart(2, '0');
