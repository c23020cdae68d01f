/**
 * The simulated gas meter's state: identity, primary address, keys, the device-owned frame counter,
 * access number, status byte, device clock (the harness Clock plus a clock-sync offset), the register
 * (advancing with a flow), the readout-list selection. Pure bookkeeping: the link (wired.ts) and the
 * command handler (commands.ts) drive it; no timers here.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../clock/clock.ts';
import { hexToBytes } from '../../codec/bytes.ts';
import type { GasIdentity, GasSimOptions, GasTruth } from './types.ts';

const HOUR = 3_600_000;

/** DSMR-P2 App. B example keys, used only with the `keys: 'example'` option. */
const EXAMPLE_DEFAULT_KEY = '00112233445566778899AABBCCDDEEFF';
const EXAMPLE_USER_KEY = '000102030405060708090A0B0C0D0E0F';

interface VolumeSegment {
  /** Clock time the segment starts. */
  t: number;
  litres: number;
  flow: number;
}

export interface GasMeter {
  o: GasSimOptions;
  has(fault: string): boolean;
  clock: Clock;
  identity: GasIdentity;
  address: number;
  defaultKey: Uint8Array;
  /** null = no user key (zero key, DSMR-P2 §5.1). */
  userKey: Uint8Array | null;
  /** The user key the bench installed before the case (back-office knowledge). */
  benchUserKey: Uint8Array | null;
  /** Whether frames are sent encrypted; follows the key state (only `p2.enc.method-ignores-key` lets it lag). */
  methodKeyed: boolean;
  /** Frame counter last sent or validated (DSMR-P2 §5.2: one counter for both directions). */
  txFc: number;
  /** Counter received commands are checked against (equal to txFc unless `p2.fc.independent-counters`). */
  rxFc: number;
  acc: number;
  status: number;
  /** Device time − clock time, ms. */
  offsetMs: number;
  volume: VolumeSegment[];
  /** FD VIFEs 0Ch–0Fh added to the readout list (DSMR-P2 §6.3.1). */
  selected: Set<number>;
  baud: number;
  powered: boolean;
  secondarySelected: boolean;
  /** FCB of the previous REQ_UD2 and the answer to it (only the `p2.link.fcb-repeat` fault uses them). */
  lastFcb: boolean | null;
  lastRsp: Uint8Array | null;
  /** Called when status bits are raised (the unsolicited-transmission fault hooks in here). */
  onStatusRaised?: () => void;
}

/** Identification number: the last 8 digits of the 10-digit serial at the end of the E-ID (DSMR-P2 §4.2.2). */
export function identityOf(o: GasSimOptions, faults: ReadonlySet<string>): GasIdentity {
  const serial = o.equipmentId.slice(-10);
  const id = faults.has('p2.id.not-from-eid') ? serial.slice(0, 8) : serial.slice(-8);
  return { equipmentId: o.equipmentId, id, manufacturer: o.manufacturer, version: o.version, medium: o.medium };
}

export function meterCreate(o: GasSimOptions, clock: Clock, faults: ReadonlySet<string>): GasMeter {
  const example = o.keys === 'example';
  const defaultKey = example ? hexToBytes(EXAMPLE_DEFAULT_KEY) : new Uint8Array(randomBytes(16));
  const keyed = o.keyed || faults.has('p2.factory.user-key-set');
  const userKey = keyed ? (example ? hexToBytes(EXAMPLE_USER_KEY) : new Uint8Array(randomBytes(16))) : null;
  const m: GasMeter = {
    o,
    has: (f) => faults.has(f),
    clock,
    identity: identityOf(o, faults),
    address: o.address,
    defaultKey,
    userKey,
    // A factory key the back office does not hand to the tester (the fault) is not bench knowledge.
    benchUserKey: o.keyed ? userKey : null,
    methodKeyed: userKey !== null,
    txFc: o.frameCounter,
    rxFc: o.frameCounter,
    acc: 0,
    status: 0,
    offsetMs: 0,
    volume: [{ t: clock.now(), litres: o.volumeLitres, flow: o.flowLitresPerHour }],
    selected: new Set(),
    baud: 2400,
    powered: true,
    secondarySelected: false,
    lastFcb: null,
    lastRsp: null,
  };
  powerUp(m);
  return m;
}

/** Volatile state after (re)power: random access number (DSMR-P2 §4.2.4), default readout list, 2400 Bd. */
export function powerUp(m: GasMeter): void {
  m.acc = m.has('p2.acc.init-zero') ? 0 : randomInt(256);
  m.selected.clear();
  m.secondarySelected = false;
  m.lastFcb = null;
  m.lastRsp = null;
  m.baud = 2400;
  m.methodKeyed = m.userKey !== null;
  m.powered = true;
}

/** Power loss: configuration, keys and counters survive (DSMR-P2 §7.2) unless a fault says otherwise. */
export function powerDown(m: GasMeter): void {
  m.powered = false;
  if (m.has('p2.nv.lose-key')) m.userKey = null;
  if (m.has('p2.fc.reset-on-power')) m.txFc = m.rxFc = 0;
}

export const deviceNow = (m: GasMeter): number => m.clock.now() + m.offsetMs;

export function volumeAt(m: GasMeter, clockTime: number): number {
  let seg = m.volume[0]!;
  for (const s of m.volume) if (s.t <= clockTime) seg = s;
  const dt = Math.max(0, clockTime - seg.t);
  return Math.floor(seg.litres + (seg.flow * dt) / HOUR);
}

export function setVolume(m: GasMeter, litres: number, flow?: number): void {
  const now = m.clock.now();
  const current = volumeAt(m, now);
  const last = m.volume[m.volume.length - 1]!;
  m.volume.push({ t: now, litres: litres < 0 ? current : litres, flow: flow ?? last.flow });
  if (m.volume.length > 64) m.volume.shift();
}

/** The hourly value: the register at the last whole hour of the device clock, with that hour (DSMR-P2 §6.1). */
export function hourlyValue(m: GasMeter): { time: number; litres: number } {
  const hour = Math.floor(deviceNow(m) / HOUR) * HOUR;
  return { time: hour, litres: volumeAt(m, hour - m.offsetMs) };
}

/** Raise status bits; bit 7 is reserved (DSMR-P2 §6.2.3) and never set by the device itself. */
export function raiseStatus(m: GasMeter, bits: number): void {
  const before = m.status;
  m.status |= bits & 0x7f;
  if (m.status !== before) m.onStatusRaised?.();
}

/** Next frame counter for a frame the device sends: exactly one more (DSMR-P2 §5.2). */
export function nextTxFc(m: GasMeter): number {
  const step = m.has('p2.fc.increment-by-2') ? 2 : m.has('p2.fc.not-incremented') ? 0 : 1;
  m.txFc = (m.txFc + step) >>> 0;
  if (!m.has('p2.fc.independent-counters')) m.rxFc = m.txFc;
  return m.txFc;
}

/** A received frame counter passed validation: it becomes the shared counter (DSMR-P2 §5.2). */
export function storeRxFc(m: GasMeter, fc: number): void {
  m.rxFc = fc;
  if (!m.has('p2.fc.independent-counters')) m.txFc = fc;
}

export function truthOf(m: GasMeter): GasTruth {
  return {
    address: m.address,
    powered: m.powered,
    deviceTime: deviceNow(m),
    status: m.status,
    volumeLitres: volumeAt(m, m.clock.now()),
    frameCounter: m.txFc,
    accessNumber: m.acc,
    userKeySet: m.userKey !== null,
    selected: [...m.selected].sort((a, b) => a - b),
    baud: m.baud,
  };
}
