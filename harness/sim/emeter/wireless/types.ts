/**
 * Types of the wireless side of the simulated E-meter (DSMR-P2 §8.4.2). `WirelessEmeterBench` is what a lab
 * does over P3: write a device's Short ID into an M-Bus client setup object (IC 72, `0-x:24.1.0.255`
 * attributes 6–9; §8.4.2.1 registration), read it back, read the captured value `0-x:24.2.1.255`.
 */
import type { MbusIdentity } from '../../../codec/mbus/index.ts';
import type { MbusValue } from '../types.ts';

export interface WirelessChannel {
  channel: number;
  /** The registered Short ID (ID, MAN, VER, DEV). */
  identity: MbusIdentity;
  /** A CNF_IR went to the device (§8.4.2.2 step 6: the device is bound). */
  installed: boolean;
  accessNumber: number | null;
  values: MbusValue[];
}

export interface WirelessEmeterEvent {
  t: number;
  channel: number;
  what: 'device-installed' | 'reading-accepted' | 'reading-rejected' | 'frame-dropped';
  detail?: string;
}

export interface WirelessEmeterBench {
  readonly medium: 'wireless';
  /** P3: write the Short ID of a wireless device into channel 1–4 (DSMR-P2 §8.4.2.1). */
  registerDevice(channel: number, identity: MbusIdentity): void;
  /** IC 72 slave_deinstall: forget the channel. */
  deinstallDevice(channel: number): void;
  readClientSetup(channel: number): { identity: MbusIdentity; installed: boolean; accessNumber: number | null } | null;
  /** Main value of the last accepted SND_NR, or null. */
  readMbusValue(channel: number): MbusValue | null;
  /** IC 72 synchronize_clock: sent in the window after the device's next SND_NR (§4.4.4). */
  synchronizeClock(channel: number): void;
  events(): WirelessEmeterEvent[];
  /** E-meter clock (UTC ms). */
  now(): number;
}
