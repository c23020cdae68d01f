/**
 * Types of the simulated DSMR 4.2.2 gas meter (wired now; the wireless variant will reuse the meter core
 * and these types). `GasBench` is the only view a suite has of the simulator besides the wire.
 */

/** Options from a profile's `transport.options` (see options.ts for defaults and validation). */
export interface GasSimOptions {
  /** 17-character equipment identifier (DSMR-P2 §6.4.1): 5-char meter code, 2-char year, 10-digit serial. */
  equipmentId: string;
  /** EN 13757-3 manufacturer letters (DSMR-P2 §3.2.3). */
  manufacturer: string;
  /** DSMR compliance level byte: 42h for 4.2 (DSMR-P2 §4.2.3). */
  version: number;
  /** EN 13757-3 device type (03h gas). */
  medium: number;
  /** G4–G6 reports litres (VIF 13h), G10–G25 tens of litres (VIF 14h) (DSMR-P2 §6.4.4). */
  meterSize: 'G4-G6' | 'G10-G25';
  /** Primary address at start: 0 = as delivered (DSMR-P2 §8.3.1). */
  address: number;
  /** A user key is installed at start (the bench knows it, as the back office would). */
  keyed: boolean;
  /** Key material: fresh random keys per device, or the DSMR-P2 App. B example keys (for external tools). */
  keys: 'random' | 'example';
  /** Device frame counter at start (last one used). */
  frameCounter: number;
  /** Register at start, litres. */
  volumeLitres: number;
  /** Gas flow, litres per hour (the register advances with the clock). */
  flowLitresPerHour: number;
  /** Delay between the end of a request and the start of the answer, ms (EN 13757-2: at least 11 bit times). */
  responseDelayMs: number;
}

/** What the device really holds (the lab's ground truth; never sent anywhere by the simulator). */
export interface GasTruth {
  address: number;
  powered: boolean;
  /** Device clock, ms since the epoch (UTC). */
  deviceTime: number;
  /** Status byte of the `01 FD 17` record. */
  status: number;
  volumeLitres: number;
  /** Last frame counter the device used or validated. */
  frameCounter: number;
  /** Access number the next RSP_UD carries. */
  accessNumber: number;
  userKeySet: boolean;
  /** FD VIFEs (0Ch–0Fh) added to the readout list. */
  selected: number[];
  /** Baud rate the device listens at (only the `p2.phy.honour-baud-switch` fault changes it). */
  baud: number;
}

export interface GasIdentity {
  equipmentId: string;
  /** Identification number as printed (8 digits). */
  id: string;
  manufacturer: string;
  version: number;
  medium: number;
}

/**
 * The bench of the gas simulator. Keys are what the back office knows (DSMR-P2 §6.5: the default key is
 * registered with the device; a user key installed before the case started is known too). They are bench
 * knowledge for building frames: a case must never put them in a note, warning or verdict.
 */
export interface GasBench {
  readonly identity: GasIdentity;
  keys(): { defaultKey: Uint8Array; userKey: Uint8Array | null };
  setVolume(litres: number): void;
  setFlow(litresPerHour: number): void;
  /** Raise status bits as the metrology would (04h power low, 08h permanent, 10h temporary, 40h fraud). */
  raiseStatus(bits: number): void;
  /** Let hours pass on the clock (virtual clock: instantly). */
  advanceHours(hours: number): Promise<void>;
  /** Bus power off for `offMs`, then on: volatile state is lost, configuration and counters are kept (DSMR-P2 §7.2). */
  powerCycle(offMs?: number): Promise<void>;
  truth(): GasTruth;
}
