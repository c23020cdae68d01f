/**
 * Helpers of the dsmr-p2 gas-meter suite for a **wireless** (T2) meter: applicability, binding (answer a
 * SND_IR with CNF_IR, DSMR-P2 §8.4.2), waiting for the hourly SND_NR whose receive window opens the
 * Frequent Access Cycle (§4.4), classifying the device's answers, keying (§6.5.1 over the air) and the
 * A11 verdict rule for refused commands (judged by their effect; an ACK of a refused command warns, and
 * fails only with a strict profile) — the same rule the wired helpers apply to E5h.
 *
 * Inside a FAC the device transmits every N s (2–5 s); a slot without a new answer may repeat the previous
 * frame, so "no new answer" = nothing within the FAC wait, or a frame that is not an ACK copying the
 * command's access number (DSMR-P2 §4.4.3). Keys never appear in any message written here.
 */
import { bytesToHex } from '../../../harness/codec/bytes.ts';
import type { MbusApp } from '../../../harness/codec/mbus/index.ts';
import type { P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C, WL_CI, type WlFrame, type WlOut } from '../../../harness/roles/wmbus-other.ts';
import type { Dut } from '../../../harness/runner/dut.ts';
import type { BaseContext, CaseDef } from '../../../harness/runner/types.ts';
import { keyable, selection, versionsIn } from './ctx.ts';
import { APP_B } from './tables.ts';

export type W = P2WirelessContext & BaseContext;
export type WlCase = CaseDef<P2WirelessContext>;
type Applies = (d: Dut) => true | string;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
/** Virtual-time budget of a wireless case: binding and a few hourly windows ("long" against a real meter). */
export const WL_BUDGET = 8 * HOUR;
/** Longest wait for the next hourly SND_NR: an hour plus the 10-minute window plus margin (DSMR-P2 §3.2.5). */
export const SND_NR_WAIT = 75 * MINUTE;
/** Longest wait for a SND_IR or SND_NR when the case starts: installation requests come hourly after the first hour. */
const FIRST_FRAME_WAIT = 2 * HOUR;

export const wireless: Applies = (d) => (d.has('p2.wireless') ? true : 'the profile does not declare a wireless (T2) M-Bus device (p2.wireless)');
/** Installation mode can be reached: the profile starts there, or the simulator's push-button. */
export const installable: Applies = (d) =>
  d.has('p2.factory-state') || d.isSim ? true : 'needs the meter in installation mode (p2.factory-state) or the simulator\'s push-button';

/** The tester can read the meter's records: no user key at the start, or one it holds. */
export const recordsReadable: Applies = (d) =>
  !d.feature('p2.user-key', false) || keyable(d) === true ? true : 'a keyed meter whose user key the tester does not hold';

/** A short text for a device frame in verdicts. */
export function said(f: WlFrame | null): string {
  if (!f) return 'nothing';
  const hex = bytesToHex(f.raw, ' ');
  return `${kindOf(f)} ${hex.length > 90 ? `${hex.slice(0, 90)}…` : hex}`;
}

const NAMES: Record<number, string> = { 0x44: 'SND_NR', 0x46: 'SND_IR', 0x08: 'RSP_UD', 0x00: 'ACK', 0x47: 'ACC_NR', 0x48: 'ACC_DMD' };
export const kindOf = (f: WlFrame): string => NAMES[f.c] ?? `C=${(f.c & 0xff).toString(16).toUpperCase().padStart(2, '0')}h`;

/** The access number in a device frame's short header (byte after CI), or null. */
export const accOf = (f: WlFrame): number | null => f.app?.header?.accessNumber ?? null;

/** The ACK that answers `out` (C 00h, CI 8Ah, the command's access number copied, DSMR-P2 §4.4.3). */
export const isAckTo = (f: WlFrame | null, out: WlOut): boolean =>
  !!f && f.linkOk && f.c === WL_C.ACK && f.ci === WL_CI.ACK && accOf(f) === out.acc;

export const isRsp = (f: WlFrame | null): f is WlFrame => !!f && f.linkOk && f.c === WL_C.RSP_UD;

const bound = new WeakMap<object, boolean>();

/**
 * A bound meter's SND_NR whose receive window is open now. An unbound meter (SND_IR) is answered with
 * CNF_IR first (DSMR-P2 §8.4.2.1: the E-meter confirms a registered device's SND_IR).
 */
export async function window(t: W): Promise<WlFrame> {
  const r = t.radio;
  if (!bound.get(r)) {
    const f = await r.until((x) => x.linkOk && (x.c === WL_C.SND_IR || x.c === WL_C.SND_NR), FIRST_FRAME_WAIT);
    if (!f) t.inconclusive('no SND_IR or SND_NR from the meter within 2 h');
    if (f.c === WL_C.SND_NR) {
      bound.set(r, true);
      return f;
    }
    await r.send(r.cnfIr(f).bytes);
    bound.set(r, true);
  }
  const nr = await r.until((x) => x.linkOk && x.c === WL_C.SND_NR, SND_NR_WAIT);
  if (!nr) t.inconclusive('no SND_NR within 75 minutes (is the meter bound?)');
  return nr;
}

/** Mark the session's meter as bound without waiting (the case bound it itself). */
export const markBound = (t: W): void => { bound.set(t.radio, true); };

/** Open a FAC with a (void) REQ_UD2 in the window after a SND_NR (DSMR-P2 §4.4.3 remark); the RSP_UD. */
export async function openFac(t: W): Promise<WlFrame> {
  await window(t);
  const rsp = await t.radio.transact(t.radio.reqUd2());
  if (!isRsp(rsp)) t.inconclusive(`REQ_UD2 after SND_NR was not answered with RSP_UD (${said(rsp)})`);
  return rsp;
}

/** A frame that must be a RSP_UD (C 08h, DSMR-P2 §4.4.5). */
export function expectRsp(t: W, f: WlFrame | null, what: string): WlFrame {
  if (!isRsp(f)) t.fail(`answer to ${what}`, 'RSP_UD (C 08h)', said(f));
  return f;
}

/** REQ_UD2 inside a FAC: the RSP_UD, or a failure. */
export async function readWl(t: W, what = 'REQ_UD2'): Promise<WlFrame> {
  const f = await t.radio.transact(t.radio.reqUd2());
  if (!f) t.inconclusive(`no answer to ${what} inside the FAC`);
  if (!isRsp(f)) t.fail(`answer to ${what}`, 'RSP_UD (C 08h)', said(f));
  return f;
}

/** A RSP_UD / SND_NR whose records the tester can read, or inconclusive. */
export function readable(t: W, f: WlFrame, what: string): WlFrame {
  if (!f.readable || !f.app) t.inconclusive(`${what}: the records cannot be decrypted with the user key the tester holds`);
  return f;
}

/** A command the case needs accepted as a precondition. */
export function mustAckWl(t: W, f: WlFrame | null, out: WlOut, what: string): WlFrame {
  if (!isAckTo(f, out)) t.inconclusive(`${what} was not acknowledged (${said(f)})`);
  return f!;
}

/** A command the rule says must be acknowledged with an ACK copying its access number. */
export function expectAckWl(t: W, f: WlFrame | null, out: WlOut, what: string): WlFrame {
  if (!isAckTo(f, out)) t.fail(`answer to ${what}`, `ACK (C 00h, CI 8Ah, ACC ${out.acc})`, said(f));
  return f!;
}

/**
 * A refused command (DSMR-P2 §4.1, §5.2; digest A11): no new answer is right. An ACK of it is tolerated
 * with a warning unless the profile is strict; the caller still checks that the command had no effect.
 */
export function expectRefusedWl(t: W, f: WlFrame | null, out: WlOut, what: string): void {
  if (!isAckTo(f, out) || f!.repeat) return;
  if (t.dut.profile.strict) t.fail(`answer to ${what} (strict: a refused command stays unanswered)`, 'no ACK', said(f));
  t.warn(`${what} was refused but acknowledged (DSMR-P2 does not say whether a refused SND_UD is acknowledged)`);
}

/** The decoded payload of a readable frame, in the shape the shared record helpers (ctx.ts) take. */
export const appOf = (t: W, f: WlFrame, what: string): { app: MbusApp } => ({ app: readable(t, f, what).app! });

/** Version records the next RSP_UD of this FAC carries (effect check after refused commands). */
export async function versionsNow(t: W, what: string): Promise<number[]> {
  return versionsIn(appOf(t, await readWl(t), what));
}

/** The first frame the meter sent in this session, whatever it is (link-format cases judge it before binding). */
export async function firstFrame(t: W): Promise<WlFrame> {
  const f = t.radio.log[0] ?? (await t.radio.next(FIRST_FRAME_WAIT));
  if (!f) t.inconclusive('the meter sent nothing within 2 h');
  return f;
}

/**
 * Make sure the meter has a user key the tester holds (DSMR-P2 §6.5.1 over the air: CI 5Bh, CW 00 00),
 * then return a SND_NR (window open) that is readable method-15 data. With `check: false` the SND_NR is
 * returned whatever its form (cases about the encrypted frame's own form look at the bytes themselves).
 */
export async function keyedWindow(t: W, check = true): Promise<WlFrame> {
  const r = t.radio;
  if (!r.keys.user) {
    if (!r.keys.default) t.notApplicable('no user key and no default key known');
    await window(t);
    const out = r.setKey(APP_B.userKey);
    mustAckWl(t, await r.transact(out), out, 'set new key (precondition)');
    r.adoptKey(APP_B.userKey);
    await r.send(r.sndNke().bytes);
  }
  const nr = await window(t);
  if (check && (nr.mode !== 15 || !nr.readable)) t.inconclusive(`with a user key set, the SND_NR is not readable method-15 data (method ${nr.mode})`);
  return nr;
}

/** As keyedWindow, then a void REQ_UD2: the FAC's first RSP_UD (readable, method 15) — its counter is the last validated one. */
export async function keyedFac(t: W): Promise<WlFrame> {
  await keyedWindow(t);
  const rsp = await t.radio.transact(t.radio.reqUd2());
  if (!isRsp(rsp)) t.inconclusive(`REQ_UD2 after SND_NR was not answered with RSP_UD (${said(rsp)})`);
  if (rsp.mode !== 15 || !rsp.readable || rsp.frameCounter === undefined) t.inconclusive('the RSP_UD is not readable method-15 data with a frame counter');
  return rsp;
}

/**
 * One frame of each kind the meter sends: the first one of the session (judged before binding, since a
 * frame the E-meter cannot read would stop the binding), SND_NR, RSP_UD, ACK.
 */
export async function sampleFrames(t: W, check: (f: WlFrame) => void): Promise<WlFrame[]> {
  check(await firstFrame(t));
  const nr = await window(t);
  const rsp = await readWl(t, 'REQ_UD2 after SND_NR');
  const out = t.radio.control(selection(0x0c));
  const ack = expectAckWl(t, await t.radio.transact(out), out, 'readout-list selection');
  const ir = t.radio.log.find((f) => f.c === WL_C.SND_IR);
  const frames = [...(ir ? [ir] : []), nr, rsp, ack];
  frames.forEach(check);
  return frames;
}

/** Every frame until (and including) the next SND_NR, or until `ms` passed. */
export async function framesUntilSndNr(t: W, ms = SND_NR_WAIT): Promise<WlFrame[]> {
  const out: WlFrame[] = [];
  const end = t.clock.now() + ms;
  for (;;) {
    const f = await t.radio.next(Math.max(0, end - t.clock.now()));
    if (!f) return out;
    out.push(f);
    if (f.c === WL_C.SND_NR) return out;
  }
}

/** CW value of a device frame's short header (low byte first on the wire, DSMR-P2 §4.2.6), or null. */
export function cwOf(f: WlFrame): number | null {
  const h = f.app?.header;
  return h ? h.configWord : null;
}
