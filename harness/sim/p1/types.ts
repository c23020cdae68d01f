/**
 * Public types of the P1 port simulator: its options (what meter it is) and its bench (what a lab can do
 * to it and what it could read back over P3). The dsmr-p1 suite imports these types only — never the
 * simulator's code — so the expected values of a case stay independent of the simulator.
 */

export type P1Variant = '4.0.4' | '4.2.2';
export type Phase = 1 | 2 | 3;
export type MbusChannel = 1 | 2 | 3 | 4;

/** An M-Bus device (gas, water, …) attached to one channel of the E-meter. */
export interface MbusDeviceSpec {
  /** EN 13757-3 device type (medium): 3 gas, 4 heat, 7 water [ext]. */
  type: number;
  /** Equipment identifier as text (sent hex-encoded on P1). */
  equipmentId: string;
  /** Whether the device has a valve (only then a 4.0.4 meter writes `0-n:24.4.0`). */
  valve?: boolean;
  /** Unit of the value, written after `*` (default m3). */
  unit?: string;
  /** Decimals of the value: F8(3,3) or F8(2,2) (default 3). */
  decimals?: 2 | 3;
  /** Register value at attach time (default 0). */
  start?: number;
  /** Consumption per hour (default 0.25). */
  ratePerHour?: number;
  /** Device clock minus E-meter clock, seconds (default 0). */
  skewS?: number;
}

export interface P1SimOptions {
  variant: P1Variant;
  phases: 1 | 3;
  mbus: ({ channel: MbusChannel } & MbusDeviceSpec)[];
  /** E-meter equipment identifier (text; sent hex-encoded). */
  equipmentId: string;
  /** Header line without the leading `/` (flag, baud digit, identification). */
  header: string;
  /** A power failure at least this long (s) is a long one (DSMR P3 threshold object, default 180 s [ext]). */
  longFailureSeconds: number;
  /** Initial load per phase in W (positive import, negative export). */
  load: { l1: number; l2: number; l3: number };
  /** Seed of the pseudo-random garbage of `p1.link.garbage`. */
  seed: number;
}

/** Per-phase load in W: positive = import (+P), negative = export (−P). */
export interface LoadSetting {
  l1?: number;
  l2?: number;
  l3?: number;
}

export interface PowerFailureEntry {
  /** Meter time (epoch ms) at which the failure ended (DSMR-RN-4.0.4 §5 item 12). */
  end: number;
  /** Duration in whole seconds. */
  durationS: number;
}

export interface MbusReadout {
  channel: MbusChannel;
  type: number;
  equipmentId: string;
  valve: boolean;
  unit: string;
  /** Last value the E-meter holds (attribute 2 of 0-n:24.2.1.255). */
  value: number;
  /** Device capture time of that value, epoch ms (attribute 5 of 0-n:24.2.1.255). */
  captureTime: number;
}

export interface RegisterReadout {
  /** Energy registers in whole Wh: 1-0:1.8.1 / 1.8.2 / 2.8.1 / 2.8.2. */
  importT1Wh: number;
  importT2Wh: number;
  exportT1Wh: number;
  exportT2Wh: number;
}

export interface PowerReadout {
  /** Total +P / −P in W (1-0:1.7.0 / 1-0:2.7.0). */
  importW: number;
  exportW: number;
  /** Per phase (index 0 = L1): +P, −P in W and current in A (1 A resolution). */
  phases: { importW: number; exportW: number; currentA: number }[];
}

/**
 * The lab bench of the P1 simulator (SimDevice.control). Stimuli change the simulated world; read-outs
 * return the ground truth a lab would read over P3 at that moment.
 */
export interface P1Bench {
  readonly variant: P1Variant;
  readonly phases: 1 | 3;
  // --- stimuli
  setLoad(load: LoadSetting): void;
  /** Mains off for `seconds` (the meter and its P1 port are dead meanwhile); resolves when power is back. */
  powerCut(seconds: number): Promise<void>;
  /** Set the meter clock (a P3 time SET). */
  travel(to: Date): void;
  sag(phase: Phase): void;
  swell(phase: Phase): void;
  /** P3 SET of 0-0:96.13.0.255 (text message). */
  setText(text: string): void;
  /** P3 SET of 0-0:96.13.1.255 (message code). */
  setMessageCode(code: string): void;
  attachMbus(channel: MbusChannel, device: MbusDeviceSpec): void;
  /** The device on `channel` stops answering; the E-meter keeps its last value. */
  silenceMbus(channel: MbusChannel): void;
  // --- read-outs (P3 ground truth)
  /** Meter clock, epoch ms (0-0:1.0.0.255). */
  now(): number;
  registers(): RegisterReadout;
  /** 1 or 2 (0-0:96.14.0.255). */
  tariff(): 1 | 2;
  power(): PowerReadout;
  equipmentId(): string;
  /** 0-0:96.7.21.255 (short failures) and 0-0:96.7.9.255 (long failures). */
  powerFailures(): { any: number; long: number };
  /** Buffer of 1-0:99.97.0.255, oldest first. */
  powerFailureLog(): PowerFailureEntry[];
  /** Sag / swell counters per phase (index 0 = L1). */
  sagSwell(): { sags: number[]; swells: number[] };
  text(): string;
  messageCode(): string;
  mbus(channel: MbusChannel): MbusReadout | undefined;
  /** 4.0.4 only: limiter threshold_active (kW) and disconnect control_state; undefined on 4.2.2. */
  limiter(): { thresholdKw: number; switchPosition: number } | undefined;
}
