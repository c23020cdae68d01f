/**
 * The two ends of the libmbus interop test, both on loopback in this process:
 *
 * - the wired gas simulator served over TCP (`tcpServe`), each connection wrapped with the harness's
 *   trace recorder so the test sees the exact bytes on the simulator's side of the wire;
 * - node-mbus (libmbus 0.9 compiled into a Node addon) as the M-Bus master. libmbus blocks in a libuv
 *   worker thread with its own socket timeouts (real time: `SO_RCVTIMEO` set at connect), so every call
 *   here is raced against a wall-clock bound and can never hang the test.
 *
 * libmbus TCP costs (mbus-protocol-aux.c): every frame it receives is followed by a "purge" read that
 * only ends with a timeout T, a missing answer is retried (REQ_UD2: 3 retries, secondary select: 1), and
 * `getData` with `pingFirst` first sends SND_NKE to 253 twice and to the address once, each purged. So a
 * read costs 4 T with pingFirst, 1 T without, an empty primary address 4 T, an empty secondary probe 2 T.
 */
import { createRequire } from 'node:module';
import type { Clock } from '../../../harness/clock/clock.ts';
import { realClock } from '../../../harness/clock/real.ts';
import { bytesToHex, concatBytes } from '../../../harness/codec/bytes.ts';
import { mbusSplit } from '../../../harness/codec/mbus/index.ts';
import { gasWiredSim, type GasBench } from '../../../harness/sim/gas/index.ts';
import type { SimDevice } from '../../../harness/sim/types.ts';
import { tcpServe, type TcpServerHandle } from '../../../harness/transport/tcp.ts';
import { traceRecorder, traced } from '../../../harness/transport/trace.ts';

// ---------------------------------------------------------------------------------------------------
// node-mbus

/** SlaveInformation of libmbus's XML as node-mbus parses it (xml2js with parseNumbers: numeric-looking text becomes a number). */
export interface LibmbusSlave {
  Id: number | string;
  Manufacturer: string;
  Version: number;
  ProductName: string | number;
  Medium: string;
  AccessNumber: number;
  /** `%.2X` of the status byte, then parseNumbers: "00" → 0, "10" → 10 (decimal!), "1A" stays a string. */
  Status: number | string;
  /** `%.2X%.2X` of the configuration word (high byte first), then parseNumbers ("0000" → 0, "0F30" stays). */
  Signature: number | string;
}

export interface LibmbusRecord {
  id: number;
  frame?: number;
  Function: string;
  StorageNumber?: number;
  Tariff?: number;
  Device?: number;
  Unit?: string;
  Value: number | string;
  Timestamp?: string;
}

export interface LibmbusData {
  SlaveInformation: LibmbusSlave;
  DataRecord?: LibmbusRecord[];
}

type Cb<T> = (err: Error | null, value?: T) => void;

interface NodeMbusMaster {
  connect(cb: (err: Error | null) => void): boolean;
  close(cb?: (err: Error | null) => void, waitTillClosed?: boolean): boolean | undefined;
  getData(address: number | string, options: { pingFirst: boolean }, cb: Cb<LibmbusData>): void;
  scanSecondary(cb: Cb<string[]>): void;
  setPrimaryId(oldAddress: number | string, newAddress: number, cb: (err: Error | null) => void): void;
}

const require = createRequire(import.meta.url);
const NodeMbus = require('node-mbus') as new (opts: Record<string, unknown>) => NodeMbusMaster;

/** A node-mbus call with a wall-clock bound (libmbus ignores our clock). */
function bounded<T>(what: string, ms: number, run: (cb: Cb<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`libmbus ${what}: no answer within ${ms} ms`)), ms);
    run((err, value) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as T);
    });
  });
}

export interface LibmbusMaster {
  /** libmbus response timeout T, ms. */
  readonly timeoutMs: number;
  getData(address: number | string, pingFirst: boolean, boundMs?: number): Promise<LibmbusData>;
  setPrimaryId(oldAddress: number | string, newAddress: number, boundMs?: number): Promise<void>;
  scanSecondary(boundMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Connect node-mbus as a TCP master to 127.0.0.1:`port` with response timeout `timeoutMs`. */
export async function libmbusConnect(port: number, timeoutMs: number): Promise<LibmbusMaster> {
  const m = new NodeMbus({ host: '127.0.0.1', port, timeout: timeoutMs, autoConnect: false });
  await bounded<void>('connect', 2000, (cb) => m.connect((err) => cb(err)));
  const defaultBound = 40 * timeoutMs + 2000;
  return {
    timeoutMs,
    getData: (address, pingFirst, boundMs = defaultBound) =>
      bounded('getData', boundMs, (cb) => m.getData(address, { pingFirst }, cb)),
    setPrimaryId: (oldAddress, newAddress, boundMs = defaultBound) =>
      bounded<void>('setPrimaryId', boundMs, (cb) => m.setPrimaryId(oldAddress, newAddress, (err) => cb(err))),
    scanSecondary: (boundMs = defaultBound) => bounded('scanSecondary', boundMs, (cb) => m.scanSecondary(cb)),
    // node-mbus waits (polling every 500 ms) while a libmbus worker still runs; close the server first
    // so a stray worker sees the connection reset and returns at once.
    close: () => bounded<void>('close', 5000, (cb) => { m.close((err) => cb(err), false); }).catch(() => {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Simulator over TCP with a server-side trace

/**
 * Real time started at a fixed instant: timers are wall-clock (libmbus's timeouts are), but the device
 * clock — and so the hourly value inside an encrypted readout — is the same on every run.
 */
export function realClockFrom(startIso: string): Clock {
  const real = realClock();
  const offset = Date.parse(startIso) - Date.now();
  return { ...real, now: () => Date.now() + offset };
}

export interface WireFrame {
  /** 'master' = received by the simulator, 'meter' = sent by it. */
  from: 'master' | 'meter';
  bytes: Uint8Array;
  hex: string;
  /** ms since the server started (wall clock). */
  t: number;
}

export interface SimServer {
  port: number;
  device: SimDevice<GasBench>;
  /** Every frame on every connection so far, in order (master frames re-framed from the TCP stream). */
  frames(): WireFrame[];
  /** Frames since the mark, for one exchange at a time. */
  mark(): () => WireFrame[];
  close(): Promise<void>;
}

export async function serveGasSim(opts: { options: Record<string, unknown>; faults?: string[]; clock?: Clock }): Promise<SimServer> {
  const clock = opts.clock ?? realClock();
  const device = gasWiredSim.create({ clock, faults: new Set(opts.faults ?? []), options: opts.options });
  const rec = traceRecorder({ now: () => Date.now() });
  let server: TcpServerHandle;
  try {
    server = await tcpServe(clock, 0, (t) => device.attach(traced(t, rec)));
  } catch (e) {
    await device.stop();
    throw e;
  }
  const frames = (): WireFrame[] => {
    const out: WireFrame[] = [];
    let run: { dir: 'rx' | 'tx'; parts: Uint8Array[]; t: number } | null = null;
    const flush = () => {
      if (!run) return;
      const from = run.dir === 'rx' ? 'master' : 'meter';
      const split = mbusSplit(concatBytes(...run.parts), { final: true });
      // Anything the M-Bus framer cannot place is kept whole, in stream order, so a test sees it.
      const pieces = [...split.frames, ...split.garbage].sort((a, b) => a.offset - b.offset);
      for (const p of pieces) out.push({ from, bytes: p.bytes, hex: bytesToHex(p.bytes), t: run.t });
      run = null;
    };
    for (const e of rec.entries()) {
      if (e.dir === 'note') continue;
      if (!run || run.dir !== e.dir) {
        flush();
        run = { dir: e.dir, parts: [], t: e.t };
      }
      run.parts.push(e.bytes);
    }
    flush();
    return out;
  };
  return {
    port: server.port,
    device,
    frames,
    mark() {
      const n = frames().length;
      return () => frames().slice(n);
    },
    async close() {
      await server.close();
      await device.stop();
    },
  };
}
