/**
 * The P1 port of the simulated meter: every 10 s (DSMR-RN-4.2.2 §2 item 33, DSMR-M 4.5.28), on the meter
 * clock's 10-second boundaries, it sends a telegram while the data-request line is asserted [ext DSMR P1].
 *
 * Request line: on an in-memory link (the harness's own) the line starts released and only the reader's
 * `setControl({ request: true })` starts the telegrams; over TCP or serial (`meterproof sim` serving
 * another tool) there is no line to watch, so the request counts as asserted from the start. Releasing it
 * lets a telegram in progress finish but starts no new one. Bytes go out in chunks paced at the UART's
 * character time, so a telegram takes as long as on a real 115200 7E1 line (~9 ms per 100 characters).
 */
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import type { LineSettings, Transport } from '../../transport/transport.ts';
import type { SimDevice } from '../types.ts';
import { p1Bench } from './bench.ts';
import type { RenderMemory } from './lines.ts';
import { meterCreate, meterIntegrate, meterNow, type MeterState } from './meter.ts';
import { p1Options } from './options.ts';
import { telegramText } from './telegram.ts';
import type { P1Bench } from './types.ts';

const CHUNK = 128;

/** UART settings of the simulated port: DSMR 4 uses 115200 baud 7E1 [ext, digest §1.2]; the serial faults change them. */
export function p1Line(faults: ReadonlySet<string>): LineSettings {
  const eightN1 = faults.has('p1.serial.8n1');
  return { baud: faults.has('p1.serial.baud-9600') ? 9600 : 115200, dataBits: eightN1 ? 8 : 7, parity: eightN1 ? 'none' : 'even', stopBits: 1 };
}

/** Internal handle the bench uses to steer the port (power cut, clock set). */
export interface PortHandle {
  m: MeterState;
  mem: RenderMemory;
  clock: Clock;
  faults: ReadonlySet<string>;
  powerOff(): void;
  powerOn(): void;
  reschedule(): void;
}

export function p1Device(opts: { clock: Clock; faults: ReadonlySet<string>; options: Record<string, unknown> }): SimDevice<P1Bench> {
  const { clock, faults } = opts;
  const has = (n: string) => faults.has(n);
  const options = p1Options(opts.options);
  const m = meterCreate(options, clock.now());
  const mem: RenderMemory = { p1Text: '' };
  const period = has('p1.interval.1s') ? 1000 : 10_000;
  const line = p1Line(faults);
  const charMs = ((1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits) * 1000) / line.baud;
  let link: Transport | undefined;
  let request = false;
  let everRequested = false;
  let stopped = false;
  let stalled = false;
  let tick: TimerHandle | null = null;
  let sending: TimerHandle | null = null;
  let inFlight = false;
  let seed = options.seed >>> 0 || 1;

  const wants = (): boolean => {
    if (stopped || !link || !m.powered || stalled || has('p1.link.silent')) return false;
    if (has('p1.req.ignored')) return true;
    return request || (has('p1.req.latched') && everRequested);
  };

  function schedule(): void {
    if (!wants()) {
      tick?.cancel();
      tick = null;
      return;
    }
    if (tick) return;
    const now = meterNow(m, clock.now());
    tick = clock.setTimer(period - (((now % period) + period) % period), onTick);
  }

  function onTick(): void {
    tick = null;
    if (!wants()) return;
    if (!inFlight) emit();
    schedule();
  }

  function garbage(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      let b = seed >>> 24;
      if (b === 0x2f || b === 0x21) b ^= 0x40; // never `/` or `!`: no accidental telegram
      out[i] = b;
    }
    return out;
  }

  function emit(): void {
    meterIntegrate(m, clock.now());
    let bytes: Uint8Array;
    if (has('p1.link.garbage')) bytes = garbage(600);
    else {
      const text = telegramText({ m, clockNow: clock.now(), faults, mem });
      bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    }
    if (has('p1.link.stall-mid-telegram')) {
      bytes = bytes.subarray(0, bytes.length >> 1);
      stalled = true;
    }
    transmit(bytes);
  }

  function transmit(bytes: Uint8Array): void {
    let pos = 0;
    inFlight = true;
    const step = (): void => {
      sending = null;
      const l = link;
      if (!l || stopped || !m.powered) { inFlight = false; return; }
      const chunk = bytes.slice(pos, pos + CHUNK);
      pos += chunk.length;
      void l.write(chunk).catch(() => {});
      if (pos < bytes.length) sending = clock.setTimer(Math.ceil(chunk.length * charMs), step);
      else inFlight = false;
    };
    step();
  }

  const port: PortHandle = {
    m,
    mem,
    clock,
    faults,
    powerOff() {
      meterIntegrate(m, clock.now());
      m.powered = false;
      sending?.cancel(); // the port dies with the meter: a telegram in progress is cut off
      sending = null;
      inFlight = false;
      schedule();
    },
    powerOn() {
      meterIntegrate(m, clock.now());
      m.powered = true;
      schedule();
    },
    reschedule() {
      tick?.cancel();
      tick = null;
      schedule();
    },
  };

  return {
    control: p1Bench(port),
    attach(l: Transport) {
      link = l;
      request = l.kind !== 'memory';
      l.on('control', (lines) => {
        if (link !== l || lines.request === undefined) return;
        request = !!lines.request;
        if (request) everRequested = true;
        schedule();
      });
      l.on('close', () => {
        if (link === l) link = undefined;
        schedule();
      });
      schedule();
    },
    async stop() {
      stopped = true;
      tick?.cancel();
      sending?.cancel();
      tick = sending = null;
    },
  };
}
