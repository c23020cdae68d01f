/**
 * The commands the simulated E-meter sends, built with the M-Bus master role (mbus-master.ts:
 * `controlData`, `clockData`, `sndUd`, `exchange`) and bent by the fault switches where a rule says how a
 * command must look: short frames `10 C A CS 16` (§3.1), CI 5Ah with the short header (§4.3.3), CI 6Ch
 * with the long header carrying the target's Short ID (§4.3.4) and the §6.2.1 clock block (UTC, TC 00h),
 * CI 51h without header for set-key (§4.3.5, §6.5.1: the CS-wrapped key, bytes reversed, as `07 FD 19` +
 * `47 FD 19`), configuration word with only MMMM/NNNN (§4.2.6, low byte first), method 15 with the IV of
 * the device and last validated counter + 1 (§5.2), 2F 2F + records + ≥ 2 trailing 2Fh (§5.1), the clear
 * counter record after the blocks and none in plain frames (§5.2).
 */
import { concatBytes } from '../../codec/bytes.ts';
import { mbusChecksum, mbusFrameEncode, mbusIdEncode, mbusManufacturerEncode, mbusShortFrame, type MbusIdentity } from '../../codec/mbus/index.ts';
import type { MbusMaster, MbusReply, SecureOptions } from '../../roles/mbus-master.ts';
import { dsmrPlaintext, frameCounterRecord, keyExchangeRecords, mbusFillerPad } from '../../security/mbus/index.ts';
import type { Channel } from './types.ts';

/** Readout-list change of the installation (§8.1, §6.4.2): the four version records. */
export const VERSION_SELECTION = Uint8Array.of(0x08, 0xfd, 0x0c, 0x08, 0xfd, 0x0d, 0x08, 0xfd, 0x0e, 0x08, 0xfd, 0x0f);
/** Clear the non-permanent status bits (DSMR-P2 §6.2.3). */
export const CLEAR_STATUS = Uint8Array.of(0x01, 0xfd, 0x97, 0x06, 0x73);
/** DSMR 4.0 valve release (removed in 4.2.2; only the `p2.bc.send-valve-command` fault sends it). */
const VALVE_RELEASE = Uint8Array.of(0x01, 0xfd, 0x1f, 0x02);
/** The E-meter's own identity (only the `p2.enc.iv-from-emeter-address` fault puts it in an IV). */
const EMETER_IDENTITY: MbusIdentity = { id: '87654321', manufacturer: 'ELS', version: 0x42, medium: 0x02 };
/** CET offset the `p2.clk.local-time` fault applies (DSMR-P2 §6.2.1 wants UTC). */
const CET_MS = 3_600_000;

export interface CommandEnv {
  m: MbusMaster;
  has(fault: string): boolean;
  /** E-meter clock, UTC ms. */
  now(): number;
}

/** `10 C A CS 16` (DSMR-P2 §4.3.1, §4.3.2). */
export function shortFrame(env: CommandEnv, c: number, a: number): Uint8Array {
  const f = mbusShortFrame(c, a);
  if (env.has('p2.link.short-cs-wrong')) f[3] = (f[3]! + 1) & 0xff;
  return f;
}

/** Send a SND_UD; the fault's L leaves out a trailing frame-counter record (the codec refuses to build that frame). */
export function sendLong(env: CommandEnv, a: number, ci: number, data: Uint8Array, encrypted: boolean): Promise<MbusReply> {
  if (!(env.has('p2.link.l-excludes-fc-record') && encrypted)) return env.m.sndUd(a, ci, data);
  const l = 3 + data.length - 7;
  const out = new Uint8Array(data.length + 9);
  out.set([0x68, l, l, 0x68, 0x53, a, ci]);
  out.set(data, 7);
  out[data.length + 7] = mbusChecksum(out, 4, data.length + 7);
  out[data.length + 8] = 0x16;
  return env.m.exchange(out);
}

/** Protection of a command for this channel: method 15 with the user key (unless faulty), FC and IV per §5.2. */
function secureFor(env: CommandEnv, ch: Channel, records: Uint8Array): SecureOptions & { encrypted: boolean } {
  if (!ch.userKey || env.has('p2.enc.plain-when-keyed')) return { mode: 0, encrypted: false };
  const o: SecureOptions & { encrypted: boolean } = { mode: 15, key: ch.userKey, encrypted: true };
  const next = (ch.lastFc ?? 0) + 1;
  if (env.has('p2.master.fc-plus-two')) o.fc = next + 1;
  if (env.has('p2.enc.iv-from-emeter-address')) o.identity = EMETER_IDENTITY;
  if (env.has('p2.enc.no-trailing-filler')) {
    const plain = new Uint8Array(Math.ceil((records.length + 2) / 16) * 16);
    plain.set([0x2f, 0x2f], 0);
    plain.set(records, 2);
    o.plaintext = plain;
  }
  if (env.has('p2.fc.record-encrypted')) o.plaintext = dsmrPlaintext(concatBytes(records, frameCounterRecord(o.fc ?? next)));
  return o;
}

/** Header faults on the bytes after CI; `at` = offset of ACC in them (0 short header, 8 long header). */
function bendHeader(env: CommandEnv, data: Uint8Array, at: number): Uint8Array {
  const d = data.slice();
  if (env.has('p2.hdr.status-nonzero')) d[at + 1] = 0x10;
  if (env.has('p2.cw.wired-extra-bits')) d[at + 3]! |= 0x80;
  if (env.has('p2.cw.byte-swap')) [d[at + 2], d[at + 3]] = [d[at + 3]!, d[at + 2]!];
  return d;
}

const withoutFcRecord = (d: Uint8Array, o: { encrypted: boolean }, env: CommandEnv) =>
  o.encrypted && env.has('p2.fc.record-encrypted') ? d.subarray(0, d.length - 7) : d;

/** ID(4) MAN(2) VER DEV of the long header (DSMR-P2 §4.2.1, §4.2.2). */
function shortIdBytes(id: MbusIdentity): Uint8Array {
  const man = mbusManufacturerEncode(id.manufacturer);
  return Uint8Array.from([...mbusIdEncode(id.id), man & 0xff, man >> 8, id.version, id.medium]);
}

/** SND_UD CI 5Ah with records (readout list, clear status), encrypted when the channel is keyed. */
export function sendControl(env: CommandEnv, ch: Channel, records: Uint8Array): Promise<MbusReply> {
  const o = secureFor(env, ch, records);
  let data = bendHeader(env, env.m.controlData(records, o), 0);
  data = withoutFcRecord(data, o, env);
  if (env.has('p2.ctl.5a-long-header') && ch.identity) data = concatBytes(shortIdBytes(ch.identity), data);
  return sendLong(env, ch.address, 0x5a, data, o.encrypted && !env.has('p2.fc.record-encrypted'));
}

/** SND_UD CI 6Ch: long header with the device's Short ID and the §6.2.1 block for the E-meter's UTC time. */
export function sendClock(env: CommandEnv, ch: Channel): Promise<MbusReply> {
  const o = secureFor(env, ch, new Uint8Array(0));
  delete o.plaintext; // the clock block brings its own check bytes and fillers
  const local = env.has('p2.clk.local-time');
  const time = new Date(env.now() + (local ? CET_MS : 0));
  const opts: SecureOptions & { dst?: { active: boolean; deviation: number } } = { ...o, ...(local ? { dst: { active: true, deviation: 1 } } : {}) };
  const block = (tc: number) => {
    const b = env.m.clockData(time, { ...opts, mode: 0, identity: ch.identity! }).subarray(12);
    const out = b.slice();
    out[2] = tc;
    return out;
  };
  if (env.has('p2.clk.tc-nonzero')) opts.plaintext = block(0x01);
  if (env.has('p2.fc.record-encrypted') && o.encrypted) {
    // One more block: the clock block, then the counter record, filled (the record sits inside the cipher).
    opts.plaintext = mbusFillerPad(concatBytes(opts.plaintext ?? block(0x00), frameCounterRecord(opts.fc ?? (ch.lastFc ?? 0) + 1)));
  }
  let data = env.m.clockData(time, { ...opts, identity: opts.identity ?? ch.identity! });
  data = withoutFcRecord(data, o, env);
  if (opts.identity) data.set(shortIdBytes(ch.identity!), 0); // the IV fault keeps the header's target Short ID right
  if (env.has('p2.hdr.man-before-id')) data = concatBytes(data.subarray(4, 6), data.subarray(0, 4), data.subarray(6));
  data = bendHeader(env, data, 8);
  if (env.has('p2.clk.short-header')) data = data.subarray(8);
  return sendLong(env, ch.address, 0x6c, data, o.encrypted && !env.has('p2.fc.record-encrypted'));
}

/** SND_UD CI 51h set new key: the wrapped key as the CS sent it, `07 FD 19` low half, `47 FD 19` high half (§6.5.1). */
export function sendKey(env: CommandEnv, ch: Channel, wrapped: Uint8Array): Promise<MbusReply> {
  let recs = keyExchangeRecords(wrapped);
  if (env.has('p2.master.key-halves-swapped')) recs = concatBytes(recs.subarray(0, 3), recs.subarray(14, 22), recs.subarray(11, 14), recs.subarray(3, 11));
  let data = recs;
  if (env.has('p2.ctl.51-with-header')) data = concatBytes(Uint8Array.of(0x01, 0x00, 0x00, 0x00), data);
  if (env.has('p2.fc.in-plain-frame')) data = concatBytes(data, frameCounterRecord((ch.lastFc ?? 0) + 1));
  return env.m.sndUd(ch.address, 0x51, data);
}

/** Application reset (CI 50h, not in Table 5; only the `p2.master.unlisted-ci` fault sends it). */
export const sendAppReset = (env: CommandEnv, a: number): Promise<MbusReply> => env.m.exchange(mbusFrameEncode({ format: 'control', c: 0x53, a, ci: 0x50 }));

export const valveRelease = (): Uint8Array => VALVE_RELEASE.slice();
