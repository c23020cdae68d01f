/**
 * An M-Bus device on one channel of the simulated E-meter, modelled lazily (no timers): the device
 * captures its register at every full hour of its own clock (E-meter time + skew), the E-meter holds the
 * last captured value and its device capture time (attributes 2 and 5 of 0-n:24.2.1.255,
 * DSMR-RN-4.0.4 §5 item 24), and a silenced device leaves the last value in place (DSMR-M 4.5.28,
 * "last known status").
 */
import type { MbusChannel, MbusDeviceSpec } from './types.ts';

const HOUR = 3_600_000;

export interface MbusState {
  channel: MbusChannel;
  spec: MbusDeviceSpec;
  silencedAt: number | null;
  /** Last value the E-meter holds at meter time `now`, with its device capture time (epoch ms). */
  lastCapture(now: number): { time: number; value: number };
}

export function mbusChannel(d: { channel: MbusChannel } & MbusDeviceSpec, attachedAt: number, preinstalled: boolean): MbusState {
  const { channel, ...spec } = d;
  const skew = (spec.skewS ?? 0) * 1000;
  const rate = spec.ratePerHour ?? 0.25;
  const start = spec.start ?? 0;
  const scale = 10 ** (spec.decimals ?? 3);
  // A device installed before the simulation started has been counting for a day already.
  const reference = attachedAt + skew - (preinstalled ? 24 * HOUR : 0);
  const state: MbusState = {
    channel,
    spec,
    silencedAt: null,
    lastCapture(now) {
      const t = state.silencedAt === null ? now : Math.min(now, state.silencedAt);
      const time = Math.floor((t + skew) / HOUR) * HOUR;
      const raw = start + (rate * Math.max(0, time - reference)) / HOUR;
      return { time, value: Math.round(raw * scale) / scale };
    },
  };
  return state;
}
