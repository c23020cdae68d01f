/**
 * The simulated E-meter's wireless M-Bus side (DSMR-P2 §2.2, §3.2, §4.4, §8.4.2): the "other device" of
 * EN 13757-4 mode T2 that binds wireless gas meters and takes over their hourly data.
 *
 * - Binding (§8.4.2.1–§8.4.2.3): a device is registered when P3 writes its Short ID into a channel. Every
 *   SND_IR (C 46h, CI 7Ah) whose link address — MAN, ID, VER, DEV, i.e. the Short ID with MAN and ID swapped
 *   (§4.2.2) — names a registered device is answered with a CNF_IR inside the device's receive window; a
 *   SND_IR of any other device gets nothing (§8.4.2.1 item 1).
 * - CNF_IR (§4.4.7): C 06h, M/A all zero (the device ignores them, §3.2.4), CI 80h, long header with the
 *   target's Short ID, the SND_IR's access number copied, ST 00h, CW 0000h (§3.2.5: the E-meter's CW has
 *   no bit set besides MMMM/NNNN).
 * - Data (§4.4.2, §8.4.2.2 step 8): a SND_NR (C 44h, CI 7Ah) of a bound device is taken over whatever the
 *   minute of the hour (the first one after binding comes at an arbitrary time). Only plain data are
 *   simulated (a device without user key, §6.5.2); an encrypted SND_NR is refused for want of a key.
 * - Clock synchronisation (§4.4.4, §6.2.1): asked over P3, sent as SND_UD CI 6Ch (long header, method 0
 *   for a device without user key: TC 00h, type I UTC time, three reserved bytes, 2Fh fillers) in the window
 *   after the device's next SND_NR; the device's ACK comes as the next transmission of the FAC, N s later
 *   with N ∈ 2…5 (§4.4), so the E-meter repeats the command only when 5 s passed without it (at most twice).
 * - Everything else from a device (ACC_NR 47h, ACC_DMD 48h, unlisted CIs, bad CRCs) is dropped (§3.2, §3.2.2, §4.1).
 *
 * Timing on the Clock: the answer goes out `RESPONSE_MS` after the device frame arrived (t_RO of T2 is
 * about 2–3 ms as the research digest gives it; not verified against EN 13757-4).
 */
import type { Clock, TimerHandle } from '../../../clock/clock.ts';
import { concatBytes } from '../../../codec/bytes.ts';
import { mbusAppDecode, mbusHeaderEncode, mbusManufacturerEncode, typeIEncode, type MbusDataRecord, type MbusIdentity } from '../../../codec/mbus/index.ts';
import { idDecode, manufacturerDecode, wmbusFrameEncode, wmbusFrameInspect } from '../../../codec/wmbus/index.ts';
import { radioEncode, radioReceiver, type WmbusFraming } from '../../../roles/wmbus-radio.ts';
import type { Transport } from '../../../transport/transport.ts';
import type { MbusValue } from '../types.ts';
import type { WirelessChannel, WirelessEmeterBench, WirelessEmeterEvent } from './types.ts';

/** Delay of the E-meter's answer after the device frame (inside t_RO ≈ 2–3 ms). */
export const RESPONSE_MS = 2;
const LATE_MS = 40;
const HOUR = 3_600_000;
/** §4.4: the device's next FAC transmission may come up to 5 s later; the fault repeats after 3 s. */
const FAC_WAIT_MS = 5_000;
const EARLY_MS = 3_000;
const C = { SND_NR: 0x44, SND_IR: 0x46, ACC_DMD: 0x48, CNF_IR: 0x06, REQ_UD2: 0x5b, SND_UD: 0x53 } as const;

export interface WirelessEmeter {
  attach(t: Transport): void;
  stop(): void;
  bench: WirelessEmeterBench;
}

type Pending = WirelessChannel & { clockDue?: boolean; pending?: { acc: number; timer: TimerHandle | null } | null };

const sameId = (a: MbusIdentity, b: MbusIdentity) =>
  a.id === b.id && a.manufacturer === b.manufacturer && a.version === b.version && a.medium === b.medium;

/** Main values of plain records (volume 13h/14h, DSMR-P2 §6.4.4) with the device time stamp as capture time (§5.2). */
function values(records: MbusDataRecord[]): MbusValue[] {
  const stamp = records.find((r) => r.vif === 0x6d && r.storage === 1 && r.date?.iso);
  const captureTime = stamp?.date?.iso ?? null;
  return records
    .filter((r) => typeof r.raw === 'number' && (r.dif & 0x0f) === 0x0c && r.function === 'instantaneous' && (r.vif === 0x13 || r.vif === 0x14))
    .map((r) => ({ quantity: 'volume' as const, raw: r.raw as number, scaler: r.vif === 0x13 ? -3 : -2, unit: 'm3' as const, captureTime }));
}

export function wirelessEmeterCreate(clock: Clock, faults: ReadonlySet<string>, framing: WmbusFraming = 'packet'): WirelessEmeter {
  const has = (f: string) => faults.has(f);
  const channels: (Pending | null)[] = new Array(5).fill(null);
  const events: WirelessEmeterEvent[] = [];
  const timers = new Set<TimerHandle>();
  let link: Transport | null = null;
  let ownAcc = 0x11;
  let stopped = false;
  const event = (channel: number, what: WirelessEmeterEvent['what'], detail?: string) => {
    events.push({ t: clock.now(), channel, what, ...(detail ? { detail } : {}) });
    if (events.length > 500) events.shift();
  };

  /** An E-meter frame: zero M/A (§3.2.4), CI, long header naming the target (§4.2.1, §4.2.2). */
  function frame(c: number, ci: number, target: MbusIdentity, acc: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
    const cw = has('p2.cw.emeter-bidir-bit') ? 0x8000 : 0;
    if (ci === 0x6c && has('p2.clk.short-header')) {
      const short = mbusHeaderEncode({ form: 'short', accessNumber: acc, status: 0, configWord: cw });
      return wmbusFrameEncode({ format: 'A', c, m: 0, a: new Uint8Array(6), payload: concatBytes(Uint8Array.of(ci), short, body) });
    }
    let h = mbusHeaderEncode({
      form: 'long', id: target.id, manufacturer: target.manufacturer, manufacturerCode: mbusManufacturerEncode(target.manufacturer),
      version: target.version, medium: target.medium, accessNumber: acc, status: 0, configWord: cw,
    });
    if (has('p2.hdr.man-before-id')) h = concatBytes(h.subarray(4, 6), h.subarray(0, 4), h.subarray(6));
    const raw = wmbusFrameEncode({ format: 'A', c, m: 0, a: new Uint8Array(6), payload: concatBytes(Uint8Array.of(ci), h, body) });
    if (has('p2.wl.crc-wrong')) raw[11] = raw[11]! ^ 0xff;
    if (has('p2.wl.l-counts-crc')) raw[0] = raw[0]! + 2 * Math.ceil((raw[0]! - 9) / 16) + 2;
    return raw;
  }

  function send(raw: Uint8Array, delay = RESPONSE_MS): void {
    const h = clock.setTimer(delay, () => {
      timers.delete(h);
      if (!stopped && link?.isOpen) void link.write(radioEncode(framing, raw)).catch(() => undefined);
    });
    timers.add(h);
  }

  function receive(raw: Uint8Array): void {
    const ins = wmbusFrameInspect(raw, { format: 'A' });
    const f = ins.frame;
    // DSMR-P2 §3.2, §5.2 item 2: a frame whose length or any block CRC is wrong is not processed.
    if (!f || (ins.errors.length && !has('p2.wl.accept-bad-crc')) || !f.payload.length) {
      event(0, 'frame-dropped', ins.errors[0]?.message ?? 'no frame');
      return;
    }
    // §4.2.2: the link address is MAN, ID, VER, DEV; the fault reads the same bytes in Short-ID order.
    const lla: MbusIdentity = has('p2.master.lla-order')
      ? { id: idDecode(Uint8Array.of(f.m & 0xff, f.m >> 8, f.a[0]!, f.a[1]!)), manufacturer: manufacturerDecode(f.a[2]! | (f.a[3]! << 8)), version: f.a[4]!, medium: f.a[5]! }
      : { id: idDecode(f.a), manufacturer: manufacturerDecode(f.m), version: f.a[4]!, medium: f.a[5]! };
    const ch = channels.find((c): c is Pending => c !== null && sameId(c.identity, lla)) ?? null;
    const ci = f.payload[0]!;
    const acc = f.payload.length >= 5 ? f.payload[1]! : 0;
    if (f.c === C.SND_IR && ci === 0x7a) {
      // §8.4.2.1 item 1: registered devices get a CNF_IR for every SND_IR, others nothing.
      if (!ch && !has('p2.cnf.to-unregistered')) return;
      const target = ch?.identity ?? lla;
      send(frame(C.CNF_IR, 0x80, target, has('p2.cnf.acc-not-copied') ? ownAcc++ & 0xff : acc), has('p2.cnf.late') ? LATE_MS : RESPONSE_MS);
      if (ch && !ch.installed) {
        ch.installed = true;
        event(ch.channel, 'device-installed', lla.id);
      }
      return;
    }
    if (!ch?.installed) return;
    if (f.c === 0x00 && ci === 0x8a && ch.pending && acc === ch.pending.acc) {
      // §4.4.3: the ACK carries the access number of the command it confirms.
      ch.pending.timer?.cancel();
      ch.pending = null;
      return;
    }
    if (f.c === C.ACC_DMD) {
      // §3.2.2: ACC_DMD is not used in DSMR; the fault treats it as a demand and opens a FAC with REQ_UD2.
      if (has('p2.master.answer-acc-dmd')) send(frame(C.REQ_UD2, 0x80, ch.identity, ownAcc++ & 0xff));
      return;
    }
    if (f.c !== C.SND_NR) return;
    // §4.1, Table 6: meter data come under CI 7Ah only.
    if (ci !== 0x7a && !(ci === 0x72 && has('p2.master.accept-unlisted-ci'))) {
      event(ch.channel, 'reading-rejected', `CI ${ci.toString(16)}h is not 7Ah (DSMR-P2 Table 6)`);
      return;
    }
    const minute = Math.floor((clock.now() % HOUR) / 60_000);
    if (has('p2.master.reject-unaligned-first-snr') && minute >= 10) {
      event(ch.channel, 'reading-rejected', 'outside the hourly window');
      return;
    }
    const app = mbusAppDecode(f.payload);
    if ((app.config?.mode ?? 0) !== 0) {
      event(ch.channel, 'reading-rejected', 'encrypted data but no user key for the device');
      return;
    }
    if (app.errors.length) {
      event(ch.channel, 'reading-rejected', app.errors[0]!.message);
      return;
    }
    const v = values(app.records.filter((r): r is MbusDataRecord => r.kind === 'data'));
    ch.accessNumber = app.header?.accessNumber ?? null;
    if (v.length) ch.values = v;
    event(ch.channel, 'reading-accepted');
    if (ch.clockDue) {
      ch.clockDue = false;
      sendCommand(ch, clockBody());
    }
    // Table 6 lists no application reset: the fault sends one in the window after a reading.
    if (has('p2.master.unlisted-ci')) send(frame(C.SND_UD, 0x50, ch.identity, ownAcc++ & 0xff));
  }

  /** §6.2.1: TC 00h, the E-meter's time as type I in UTC, three reserved bytes, filled with 2Fh to one block. */
  const clockBody = () => Uint8Array.from([0x2f, 0x2f, 0x00, ...typeIEncode(new Date(clock.now())), 0x00, 0x00, 0x00, 0x2f, 0x2f, 0x2f, 0x2f]);

  /** A SND_UD in the device's window; repeated when no ACK came within the FAC wait, at most twice. */
  function sendCommand(ch: Pending, body: Uint8Array, tries = 0): void {
    const acc = ownAcc++ & 0xff;
    send(frame(C.SND_UD, 0x6c, ch.identity, acc, body));
    const timer = tries < 2 ? clock.setTimer(has('p2.master.retry-too-early') ? EARLY_MS : FAC_WAIT_MS, () => {
      timers.delete(timer!);
      if (!stopped && ch.pending?.acc === acc) sendCommand(ch, body, tries + 1);
    }) : null;
    if (timer) timers.add(timer);
    ch.pending = { acc, timer };
  }

  const checkChannel = (channel: number) => {
    if (!Number.isInteger(channel) || channel < 1 || channel > 4) throw new Error(`M-Bus channel ${channel}: expected 1..4`);
  };

  const bench: WirelessEmeterBench = {
    medium: 'wireless',
    registerDevice(channel, identity) {
      checkChannel(channel);
      channels[channel] = { channel, identity: { ...identity }, installed: false, accessNumber: null, values: [] };
    },
    deinstallDevice(channel) {
      checkChannel(channel);
      channels[channel] = null;
    },
    readClientSetup(channel) {
      const ch = channels[channel];
      return ch ? { identity: { ...ch.identity }, installed: ch.installed, accessNumber: ch.accessNumber } : null;
    },
    readMbusValue: (channel) => channels[channel]?.values[0] ?? null,
    synchronizeClock(channel) {
      checkChannel(channel);
      const ch = channels[channel];
      if (ch) ch.clockDue = true;
    },
    events: () => events.slice(),
    now: () => clock.now(),
  };

  return {
    bench,
    attach(t) {
      link = t;
      const rx = radioReceiver(framing);
      t.on('data', (chunk) => {
        if (stopped || link !== t) return;
        for (const raw of rx.push(chunk).frames) receive(raw);
      });
    },
    stop() {
      stopped = true;
      for (const h of timers) h.cancel();
      timers.clear();
    },
  };
}
