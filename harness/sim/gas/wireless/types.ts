/**
 * Types of the wireless (T2) gas-meter simulator. The meter core (identity, keys, frame counter, register,
 * clock, readout list) is the wired simulator's (../types.ts, ../meter.ts); these add the radio side.
 */
import type { GasBench, GasSimOptions, GasTruth } from '../types.ts';

/** DSMR-P2 §8.2 device states the simulator models (storage mode is left to the factory). */
export type WirelessState = 'installation' | 'customer';

export interface GasWirelessOptions extends GasSimOptions {
  /** State at start: `installation` (the installer pressed the button: SND_IR every minute) or `customer` (bound: hourly SND_NR). */
  state: WirelessState;
  /** How frames cross the Transport (harness/roles/wmbus-radio.ts); `auto`: hex lines on TCP and serial, packets otherwise. */
  framing: 'auto' | 'packet' | 'hex-line';
  /** FAC transmission delay N in seconds (DSMR-P2 §4.4: 2, 3, 4 or 5). */
  facDelayS: number;
  /** How long the receiver stays open after each transmission, ms (t_RO of EN 13757-4 T2; longer on a real clock, see options.ts). */
  rxWindowMs: number;
  /** Centre of the hourly SND_NR after the whole hour, s (DSMR-P2 §3.2.5: inside the first 10 minutes). */
  snrOffsetS: number;
  /** Delay from entering installation mode to the first SND_IR, ms. */
  firstInstallDelayMs: number;
}

export interface GasWirelessTruth extends GasTruth {
  state: WirelessState;
  /** A Frequent Access Cycle is running; transmissions in it so far. */
  fac: boolean;
  facTransmissions: number;
  /** Installation requests sent in the current installation phase. */
  installRequests: number;
}

/** The bench of the wireless gas simulator (the wired bench plus the installer's push-button). */
export interface GasWirelessBench extends Omit<GasBench, 'truth'> {
  /** The push-button: back to installation mode, SND_IR every minute again (DSMR-P2 §8.4.2.2 step 4). */
  pressButton(): void;
  truth(): GasWirelessTruth;
}
