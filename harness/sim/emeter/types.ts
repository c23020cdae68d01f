/**
 * Types of the simulated DSMR 4.2.2 E-meter (the M-Bus master side of P2). `EmeterBench` is the only view
 * a suite has of the simulator besides the wire: what a lab would do over P3 (DLMS) — the M-Bus client
 * setup objects `0-x:24.1.0.255` (IC 72: attributes 5–14, methods slave_install, capture,
 * synchronize_clock, set_encryption_key, transfer_key), the M-Bus value `0-x:24.2.1.255` (value and capture
 * time), the device configuration `0-x:24.2.2.255`, the clock — plus the cover switch a fixture would
 * operate (DSMR-P2 §8.1 installation-mode trigger).
 */
import type { MbusIdentity } from '../../codec/mbus/index.ts';

/** Options from a profile's `transport.options` (see options.ts for defaults and validation). */
export interface EmeterOptions {
  /** Installation mode (scan every minute for up to 1 h) when a link is attached (P3 flag discover_on_power_on). */
  discoverOnPowerOn: boolean;
  /** Primary addresses bound to channels 1… before the first link is attached (as a CS would write them, §8.3.1.1). */
  register: number[];
  /** Hourly poll at this offset after each whole hour (DSMR-P2 §4.3: polling on an hourly basis), ms. */
  pollOffsetMs: number;
  /** Daily clock synchronisation at this offset after midnight UTC (DSMR-P2 §6.2.1), ms. */
  syncOffsetMs: number;
}

/** IC 72 attribute 14 encryption_key_status (DSMR P3): 0 none, 1 set, 2 transferred, 3 set and transferred, 4 in use. */
export type KeyStatus = 0 | 1 | 2 | 3 | 4;

/** M-Bus client setup attributes 5–14 as P3 shows them. */
export interface MbusClientSetup {
  primaryAddress: number;
  identificationNumber: string | null;
  manufacturerId: string | null;
  version: number | null;
  deviceType: number | null;
  accessNumber: number | null;
  /** Attribute 11, from the `01 FD 17` record (DSMR-P2 App. A: not from the header ST). */
  status: number | null;
  /** Attribute 12: alarm bits raised from the status record (bit 7, the old valve alarm, is ignored, §9.1). */
  alarm: number;
  /** Attribute 13: encryption method of the last accepted data (0 or 15), 99 = not yet known. */
  configuration: number;
  encryptionKeyStatus: KeyStatus;
}

/** One captured value of `0-x:24.2.1.255` (value with scaler and unit, and its capture time, attr 5). */
export interface MbusValue {
  quantity: 'volume' | 'heat' | 'cold' | 'energy';
  /** Unscaled register value (BCD digits as an integer). */
  raw: number;
  scaler: number;
  unit: 'm3' | 'GJ' | 'Wh';
  /** The device's hourly time stamp (ISO-8601 UTC) kept with the reading (DSMR-P2 §5.2), or null. */
  captureTime: string | null;
}

export interface EmeterEvent {
  t: number;
  channel: number;
  what: 'device-detected' | 'device-installed' | 'key-transferred' | 'key-in-use' | 'reading-rejected' | 'communication-error';
  detail?: string;
}

export interface EmeterBench {
  /** Write primary_address of channel 1–4 (DSMR-P2 §8.3.1.1); the E-meter then reads the device to bind it. */
  registerDevice(channel: number, primaryAddress: number): void;
  /** IC 72 method 2 slave_deinstall: forget the channel. */
  deinstallDevice(channel: number): void;
  /** IC 72 method 1 slave_install (§8.3.1.2): one scan cycle over address 0 and the unused addresses 1–250. */
  installDevice(): void;
  /** Fixture: M-Bus cover removed / replaced (§8.1: installation mode while it is off, at most 1 h). */
  openCover(): void;
  closeCover(): void;
  /** IC 72 method 3 capture: read the device now. */
  capture(channel: number): void;
  /** IC 72 method 5 synchronize_clock. */
  synchronizeClock(channel: number): void;
  /** IC 72 method 7 set_encryption_key: the plain user key, for the E-meter's own use (§6.5.1). */
  setEncryptionKey(channel: number, key: Uint8Array): void;
  /** IC 72 method 8 transfer_key: the user key wrapped by the CS with the device default key, sent on over P2 (§6.5.1). */
  transferKey(channel: number, wrappedKey: Uint8Array): void;
  /** Write the E-meter clock (0-0:1.0.0.255); DSMR-P2 §6.2.1 wants the devices synchronised after it. */
  setClock(utcMs: number): void;
  readClientSetup(channel: number): MbusClientSetup | null;
  /** The main value of the last accepted reading (volume, heat or energy), or null before the first one. */
  readMbusValue(channel: number): MbusValue | null;
  /** Values captured from the last accepted reading (`0-x:24.2.1.255`), empty before the first one. */
  readMbusValues(channel: number): MbusValue[];
  /** `0-x:24.2.2.255` device configuration (versions read through a readout-list change, §6.4.2), or null. */
  readDeviceConfiguration(channel: number): string | null;
  /** Simulator diagnostic (no DSMR 4.2.2 P3 object): the last validated frame counter of the channel. */
  readFrameCounterStatus(channel: number): { lastValidated: number | null };
  /** M-Bus event log entries. */
  events(): EmeterEvent[];
  /** E-meter clock (UTC ms). */
  now(): number;
  advanceHours(hours: number): Promise<void>;
}

/** What the E-meter holds per M-Bus channel (1–4). */
export interface Channel {
  channel: number;
  address: number;
  identity: MbusIdentity | null;
  userKey: Uint8Array | null;
  keyStatus: KeyStatus;
  lastFc: number | null;
  accessNumber: number | null;
  status: number | null;
  alarm: number;
  configuration: number;
  values: MbusValue[];
  versions: string | null;
  /** Administrative tasks after the key transfer (clock, readout list) are done (§8.1). */
  adminDone: boolean;
}
