/**
 * The wired M-Bus slave (EN 13757-2 as DSMR-P2 §3.1 and Table 5 restrict it): 2400 Bd 8E1, primary
 * address 0–250 (0 = unconfigured, answers everything sent to 0; above 250 ignored; no secondary
 * addressing), FCB ignored, SND_NKE → E5h (and default readout list), REQ_UD2 → RSP_UD, SND_UD 51h/5Ah/6Ch
 * → E5h when accepted and silence when refused (DSMR-P2 §5.2 recovery relies on the device not reacting;
 * digest A11), REQ_UD1 → E5h, REQ_SKE → RSP_SKE. Frames with a bad checksum, length or stop byte are
 * dropped; a pause inside a frame discards what came before it (EN 60870-5-1 FT1.2).
 *
 * Serves any Transport: the harness's in-memory link, a serial port (one end of a pty pair or a real
 * level converter) or TCP connections (`meterproof sim gas-wired --tcp`), several in turn.
 */
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import { mbusFramerInit, mbusFramerPush, type MbusFramerState, mbusFrameDecode, mbusFrameEncode, type MbusFrame, MbusError } from '../../codec/mbus/index.ts';
import type { LineSettings, Transport } from '../../transport/transport.ts';
import type { SimDevice } from '../types.ts';
import { gasBench } from './bench.ts';
import { handleSndUd } from './commands.ts';
import { meterCreate, type GasMeter } from './meter.ts';
import { gasOptions } from './options.ts';
import { rspUdFrame } from './readout.ts';
import type { GasBench } from './types.ts';

const E5 = Uint8Array.of(0xe5);
/** A gap longer than this inside a frame restarts reception (33 bit times at 2400 Bd ≈ 14 ms, rounded up). */
const INTER_CHAR_RESET_MS = 50;

/** DSMR-P2 §3.1.4 Table 3: 2400 Bd, 8 data bits, even parity, 1 stop bit, fixed. */
export function gasWiredLine(faults: ReadonlySet<string>): LineSettings {
  return { baud: 2400, dataBits: 8, parity: faults.has('p2.phy.odd-parity') ? 'odd' : 'even', stopBits: 1 };
}

interface Port {
  t: Transport;
  framer: MbusFramerState;
  lastRx: number;
}

export interface GasDeviceHandle {
  m: GasMeter;
  clock: Clock;
  /** Send a frame on every attached link (unsolicited-transmission fault). */
  broadcast(bytes: Uint8Array): void;
}

export function gasWiredDevice(opts: { clock: Clock; faults: ReadonlySet<string>; options: Record<string, unknown> }): SimDevice<GasBench> {
  const { clock, faults } = opts;
  const has = (f: string) => faults.has(f);
  const m = meterCreate(gasOptions(opts.options), clock, faults);
  const ports = new Set<Port>();
  const timers = new Set<TimerHandle>();
  let stopped = false;

  const later = (ms: number, fn: () => void): void => {
    const h = clock.setTimer(ms, () => { timers.delete(h); if (!stopped) fn(); });
    timers.add(h);
  };
  // The answer starts after the response delay (EN 13757-2: ≥ 11 bit times); lost if power fails meanwhile.
  const reply = (p: Port, bytes: Uint8Array): void => {
    later(m.o.responseDelayMs, () => {
      if (m.powered && p.t.isOpen) void p.t.write(bytes).catch(() => {});
    });
  };
  const handle: GasDeviceHandle = {
    m,
    clock,
    broadcast: (bytes) => { for (const p of ports) if (p.t.isOpen && m.powered) void p.t.write(bytes).catch(() => {}); },
  };
  if (has('p2.link.unsolicited-tx')) m.onStatusRaised = () => later(1000, () => handle.broadcast(rspUdFrame(m)));

  /** Which frames this device takes as its own (DSMR-P2 §3.1.3, §8.3.1); 'quiet' = act but never answer. */
  function addressed(a: number): 'yes' | 'quiet' | 'no' {
    if (m.address === 0 && a === 0 && has('p2.addr0.no-answer')) return 'no';
    if (a === m.address) return 'yes';
    if (a <= 250) {
      if (has('p2.scan.answer-any-address')) return 'yes';
      if (a === 0 && has('p2.addr.answer-zero-after-set')) return 'yes';
      return 'no';
    }
    if (a === 253 && has('p2.link.secondary-select') && m.secondarySelected) return 'yes';
    if (has('p2.link.answer-broadcast')) return a === 254 ? 'yes' : a === 255 ? 'quiet' : 'no';
    return 'no';
  }

  /** C decoding: the exact Table 5 values, or (fault) the function code alone. */
  function service(c: number): number {
    if (!has('p2.ctl.accept-unknown-c') || (c & 0x40) === 0) return c;
    return ({ 0x0: 0x40, 0x3: 0x53, 0x9: 0x49, 0xa: 0x5a, 0xb: 0x5b } as Record<number, number>)[c & 0x0f] ?? c;
  }

  function onFrame(p: Port, f: MbusFrame): void {
    if (f.format === 'single') return;
    const who = f.a === 253 && f.format !== 'short' && has('p2.link.secondary-select') ? 'yes' : addressed(f.a);
    if (who === 'no') return;
    const answer = (bytes: Uint8Array) => { if (who === 'yes') reply(p, bytes); };
    const c = service(f.c);
    const fcb = (f.c & 0x20) !== 0;
    if (f.format === 'short') {
      if (c === 0x40) {
        if (!has('p2.rol.nke-no-reset')) m.selected.clear();
        m.lastFcb = null;
        m.secondarySelected = false;
        if (!has('p2.nke.no-e5')) answer(E5);
      } else if (c === 0x5b || c === 0x7b) {
        // DSMR-P2 §3.1.2: the FCB is ignored; the fault implements the EN 60870-5-2 repeat instead.
        if (has('p2.link.fcb-repeat') && m.lastFcb === fcb && m.lastRsp) return answer(m.lastRsp);
        const rsp = rspUdFrame(m);
        m.lastFcb = fcb;
        m.lastRsp = rsp;
        answer(rsp);
      } else if (c === 0x5a || c === 0x7a) {
        if (!has('p2.ctl.req-ud1-silent')) answer(E5); // Table 5: not used by DSMR, answered with E5h
      } else if (c === 0x49 || c === 0x59) {
        answer(mbusFrameEncode({ format: 'short', c: 0x0b, a: m.address })); // RSP_SKE, Table 5
      }
      return;
    }
    if (c !== 0x53 && c !== 0x73) return;
    const accepted = handleSndUd(m, f.ci, f.format === 'long' ? f.data : new Uint8Array(0));
    if (accepted) answer(has('p2.ctl.wired-wrong-response') ? mbusFrameEncode({ format: 'short', c: 0x00, a: m.address }) : E5);
    else if (has('p2.ctl.ack-on-rejected')) answer(E5);
  }

  function onChunk(p: Port, chunk: Uint8Array): void {
    if (stopped || !m.powered) return;
    // At another baud rate (only after the baud-switch fault) every character arrives garbled.
    if (m.baud !== 2400) return;
    const now = clock.now();
    if (now - p.lastRx > INTER_CHAR_RESET_MS) p.framer = mbusFramerInit();
    p.lastRx = now;
    const { state, result } = mbusFramerPush(p.framer, chunk);
    p.framer = state;
    const frames = result.frames.map((fr) => fr.frame);
    if (has('p2.link.accept-bad-cs')) {
      for (const g of result.garbage) {
        try {
          frames.push(mbusFrameDecode(g.bytes, { allowBadChecksum: true, allowTrailing: true }).frame);
        } catch (e) {
          if (!(e instanceof MbusError)) throw e;
        }
      }
    }
    for (const f of frames) {
      try {
        onFrame(p, f);
      } catch {
        // Whatever a frame holds, the device never takes its host down (fuzzing): the frame is dropped.
      }
    }
  }

  return {
    attach(t: Transport) {
      const p: Port = { t, framer: mbusFramerInit(), lastRx: clock.now() };
      ports.add(p);
      t.on('data', (chunk: Uint8Array) => onChunk(p, chunk));
      t.on('close', () => ports.delete(p));
    },
    control: gasBench(handle),
    async stop() {
      stopped = true;
      for (const h of timers) h.cancel();
      timers.clear();
      ports.clear();
    },
  };
}
