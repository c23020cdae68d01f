/**
 * The wireless gas meter's radio side (DSMR-P2 §2.2, §3.2.5, §4.4, §8.4.2): a T2 device that transmits on
 * its own schedule and listens only briefly after each of its transmissions.
 *
 * - Installation mode: SND_IR every minute for 60 minutes, then every hour, until a CNF_IR naming this
 *   device arrives in the window after one of them; then customer mode (schedule.ts).
 * - Customer mode: one SND_NR per hour of the device clock, randomised inside the first 10 minutes
 *   (schedule.ts), carrying the new hourly value, with S = 1 and the incremented access number.
 * - Receive window: `rxWindowMs` after the end of each transmission (t_RO). One E-meter frame per window
 *   (control.ts decides what it is). A valid REQ_UD2 or SND_UD in a window starts (or continues) a
 *   Frequent Access Cycle: the device transmits every N s (`facDelayS`, 2–5, §4.4), each transmission
 *   followed by a window; the transmission carries the answer to the frame received in the window before
 *   it (RSP_UD for REQ_UD2, ACK for an accepted SND_UD). Our reading where DSMR-P2 is silent: a slot
 *   without a new answer repeats the previous FAC frame (ACC_NR, EN 13757-4's keep-alive, is not allowed
 *   by §3.2.2); refused commands get no answer and do not start a FAC (digest A11); the FAC ends after 6
 *   device transmissions (the last opens no window) or at SND_NKE, and its end restores the default
 *   readout list (§6.3.2). A SND_NR falling due during a FAC goes out when the FAC ends.
 * - Frames (frames.ts): format A with CRC blocks, short header, method 15 while keyed, shared meter core.
 *
 * Serves any Transport: `packet` framing on the in-memory link and UDP (one chunk per frame), `hex-line`
 * framing on serial and TCP (`meterproof sim gas-wireless --tcp <port>`), unless the `framing` option
 * says otherwise. What it transmits goes to every attached link, like a radio.
 */
import { randomInt } from 'node:crypto';
import type { TimerHandle } from '../../clock/clock.ts';
import { framingFor, radioEncode, radioReceiver, type RadioReceiver, type WmbusFraming } from '../../roles/wmbus-radio.ts';
import type { Transport } from '../../transport/transport.ts';
import type { SimCreateOptions, SimDevice } from '../types.ts';
import { gasBench } from './bench.ts';
import { deviceNow, meterCreate, powerDown, powerUp, truthOf } from './meter.ts';
import { wlReceive } from './wireless/control.ts';
import { ackFrame, accNrFrame, dataFrame } from './wireless/frames.ts';
import { gasWirelessOptions } from './wireless/options.ts';
import { installGapMs, nextSnrAt } from './wireless/schedule.ts';
import type { GasWirelessBench, WirelessState } from './wireless/types.ts';

interface Port {
  t: Transport;
  framing: WmbusFraming;
  rx: RadioReceiver;
}

type Pending = { kind: 'ack'; acc: number } | { kind: 'rsp' };

interface Fac {
  /** Device transmissions in this FAC so far. */
  count: number;
  pending: Pending | null;
  last: Uint8Array | null;
  openedBy: 'req' | 'cmd';
  /** Frames received and acted upon since the FAC started. */
  received: number;
}

type TimerName = 'snr' | 'ir' | 'fac';

/** Longest FAC: 6 device transmissions (DSMR-P2 §4.4); the fault's "unbounded" still stops somewhere. */
const FAC_MAX = 6;
const FAC_RUNAWAY = 30;

export function gasWirelessDevice(opts: SimCreateOptions): SimDevice<GasWirelessBench> {
  const { clock } = opts;
  const o = gasWirelessOptions(opts.options, clock.kind === 'real');
  const m = meterCreate(o, clock, opts.faults);
  const has = (f: string) => m.has(f);
  if (m.userKey && has('p2.factory.keyed-but-plain')) m.methodKeyed = false;
  const ports = new Set<Port>();
  const timers = new Map<TimerName, TimerHandle>();
  let stopped = false;
  const w = {
    state: o.state as WirelessState,
    installSent: 0,
    /** Access number of the asynchronous transmissions (SND_IR, FAC), EN 13757-4 Annex E as §4.4 reads it. */
    asyncAcc: randomInt(256),
    window: null as { from: number; until: number } | null,
    fac: null as Fac | null,
    lastSnrHour: null as number | null,
    /** Hour of a SND_NR that fell due during a FAC (sent when the FAC ends). */
    snrDue: null as number | null,
  };
  const facDelayMs = (has('p2.fac.delay-out-of-range') ? 1 : o.facDelayS) * 1000;

  const cancel = (name: TimerName): void => { timers.get(name)?.cancel(); timers.delete(name); };
  const timer = (name: TimerName, ms: number, fn: () => void): void => {
    cancel(name);
    const h = clock.setTimer(Math.max(0, ms), () => { if (timers.get(name) === h) timers.delete(name); if (!stopped && m.powered) fn(); });
    timers.set(name, h);
  };
  const nextAsyncAcc = (): number => { const v = w.asyncAcc; w.asyncAcc = (w.asyncAcc + 1) & 0xff; return v; };
  /** A frame that cannot be built (a fault's overlong content) is not sent; the device keeps running. */
  const built = (make: () => Uint8Array): Uint8Array | null => {
    try {
      return make();
    } catch {
      return null;
    }
  };

  function transmit(frame: Uint8Array, window: boolean): void {
    for (const p of ports) if (p.t.isOpen) void p.t.write(radioEncode(p.framing, frame)).catch(() => {});
    const now = clock.now();
    w.window = window ? { from: now, until: now + o.rxWindowMs } : null;
  }

  function scheduleSnr(): void {
    cancel('snr');
    if (w.state !== 'customer') return;
    const now = deviceNow(m);
    if (w.lastSnrHour !== null && now < w.lastSnrHour) w.lastSnrHour = null; // the clock was set back
    const { hour, at } = nextSnrAt(m, now, m.acc, o.snrOffsetS, w.lastSnrHour);
    timer('snr', at - now, () => sendSnr(hour));
  }

  function sendSnr(hour: number): void {
    if (w.fac) {
      w.snrDue = hour;
      return;
    }
    const frame = built(() => dataFrame(m, 'SND_NR', m.acc));
    w.lastSnrHour = hour;
    if (!has('p2.acc.frozen-snr')) m.acc = (m.acc + 1) & 0xff;
    if (frame) transmit(frame, !has('p2.fac.no-rx-window'));
    scheduleSnr();
  }

  function sendIr(): void {
    const frame = built(() => dataFrame(m, 'SND_IR', nextAsyncAcc()));
    if (frame) transmit(frame, true);
    const gap = installGapMs(m, w.installSent);
    w.installSent++;
    if (gap !== null) timer('ir', gap, sendIr);
  }

  function startInstallation(): void {
    endFac();
    w.state = 'installation';
    w.installSent = 0;
    cancel('snr');
    timer('ir', o.firstInstallDelayMs, sendIr);
  }

  function toCustomer(): void {
    w.state = 'customer';
    cancel('ir');
    scheduleSnr();
  }

  function endFac(): void {
    if (!w.fac) return;
    w.fac = null;
    cancel('fac');
    if (!has('p2.rol.persist-after-fac')) m.selected.clear(); // DSMR-P2 §6.3.2
    if (w.snrDue !== null) {
      const hour = w.snrDue;
      w.snrDue = null;
      sendSnr(hour);
    }
  }

  function facSlot(): void {
    const fac = w.fac;
    if (!fac) return;
    let frame: Uint8Array | null;
    const p = fac.pending;
    if (p?.kind === 'ack') frame = built(() => ackFrame(m, p.acc, w.asyncAcc));
    else if (p?.kind === 'rsp') frame = built(() => dataFrame(m, 'RSP_UD', nextAsyncAcc()));
    else if (has('p2.wl.emit-acc-nr')) frame = accNrFrame(m, nextAsyncAcc());
    else frame = fac.last;
    if (!frame) return endFac();
    fac.pending = null;
    fac.last = frame;
    fac.count++;
    const last = fac.count >= (has('p2.fac.unbounded') ? FAC_RUNAWAY : FAC_MAX);
    transmit(frame, !last);
    if (last) endFac();
    else timer('fac', facDelayMs, facSlot);
  }

  function ensureFac(openedBy: Fac['openedBy'], from: number): Fac {
    if (w.fac) return w.fac;
    w.fac = { count: 0, pending: null, last: null, openedBy, received: 0 };
    timer('fac', from + facDelayMs - clock.now(), facSlot);
    return w.fac;
  }

  function onFrame(raw: Uint8Array): void {
    if (stopped || !m.powered) return;
    const now = clock.now();
    const win = w.window;
    const open = has('p2.fac.always-listening') || (win !== null && now <= win.until);
    if (!open) return;
    const afterVoid = !!w.fac && w.fac.openedBy === 'req' && w.fac.received === 1;
    const a = wlReceive(m, raw, { afterVoidRequest: afterVoid });
    if (a.kind === 'drop') return;
    w.window = null; // one E-meter frame per window
    const from = win?.from ?? now;
    if (w.state === 'installation') {
      if (a.kind === 'cnf-ir' && !has('p2.inst.ignore-cnf-ir')) toCustomer();
      return;
    }
    switch (a.kind) {
      case 'nke':
        m.selected.clear(); // DSMR-P2 §6.3.2: SND_NKE restores the default readout list
        if (has('p2.nke.wl-responds')) {
          const fac = ensureFac('cmd', from);
          fac.pending = { kind: 'ack', acc: a.acc };
          fac.received++;
        } else if (!has('p2.fac.nke-ignored')) endFac();
        return;
      case 'req': {
        const fac = ensureFac('req', from);
        fac.pending = { kind: 'rsp' };
        fac.received++;
        return;
      }
      case 'ack': {
        const fac = ensureFac('cmd', from);
        fac.pending = { kind: 'ack', acc: a.acc };
        fac.received++;
        scheduleSnr(); // a clock synchronisation moves the schedule
        return;
      }
      case 'refused':
        if (w.fac) w.fac.received++;
        return;
      case 'cnf-ir':
        return;
    }
  }

  function resume(): void {
    if (w.state === 'installation') timer('ir', o.firstInstallDelayMs, sendIr);
    else scheduleSnr();
  }

  resume();
  const base = gasBench({ m, clock, broadcast: () => {} });
  const bench: GasWirelessBench = {
    ...base,
    pressButton: () => startInstallation(),
    async powerCycle(offMs = 5000) {
      for (const n of [...timers.keys()]) cancel(n);
      w.fac = null;
      w.window = null;
      powerDown(m);
      await clock.sleep(offMs);
      powerUp(m);
      if (!stopped) resume();
    },
    truth: () => ({ ...truthOf(m), state: w.state, fac: !!w.fac, facTransmissions: w.fac?.count ?? 0, installRequests: w.installSent }),
  };

  return {
    attach(t: Transport) {
      const framing = o.framing === 'auto' ? framingFor(t.kind) : o.framing;
      const p: Port = { t, framing, rx: radioReceiver(framing) };
      ports.add(p);
      t.on('data', (chunk: Uint8Array) => {
        for (const raw of p.rx.push(chunk).frames) {
          try {
            onFrame(raw);
          } catch {
            // Whatever a frame holds, the device never takes its host down (fuzzing): the frame is dropped.
          }
        }
      });
      t.on('close', () => ports.delete(p));
    },
    control: bench,
    async stop() {
      stopped = true;
      for (const n of [...timers.keys()]) cancel(n);
      ports.clear();
    },
  };
}
