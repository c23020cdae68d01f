/**
 * The dsmr-p2-gas family for a **wireless** (T2) gas meter: how a case reaches it and what it gets. Same
 * family name as the wired gas meter (one protocol, two media); the wired cases report not-applicable on
 * a wireless profile (`p2.wired: false`) and the wireless cases on a wired one (`p2.wireless`).
 *
 * `open` opens the link the profile describes — the in-memory radio of the simulator, or a serial port /
 * TCP connection to a receiver that prints (and a transmitter that accepts) hex lines — and hands the case
 * the wireless E-meter role (`radio`) plus the simulator's bench when the DUT is a simulator.
 *
 * Framing (wmbus-radio.ts): a simulator profile's `transport.options.framing`, any other profile's feature
 * `p2.wmbus-framing`; by default `packet` on the in-memory link and UDP, `hex-line` on TCP and serial. Serial
 * line settings: the profile's, else 115200 8N1 (what USB receivers commonly use). Profile
 * `addresses.id` (8 digits) keeps other meters' frames out when a real receiver hears several.
 *
 * Keys: from the bench for a simulator; from `keys.default` / `keys.user` references otherwise. Keys never
 * reach a report: `frames` decodes without them.
 */
import { P2_KEY_RECORD_FIELDS, p2Keys } from './p2-keys.ts';
import { bytesToHex, concatBytes } from '../codec/bytes.ts';
import { wmbusDecode } from '../codec/wmbus/decoder.ts';
import type { Dut } from '../runner/dut.ts';
import { openLink } from '../runner/link.ts';
import type { DecodedFrame, Family } from '../runner/types.ts';
import type { GasWirelessBench } from '../sim/gas/wireless/types.ts';
import type { TraceEntry } from '../transport/trace.ts';
import type { LineSettings } from '../transport/transport.ts';
import { wmbusOther, type WmbusOther } from './wmbus-other.ts';
import { framingFor, hexLineParse, isWmbusFraming, type WmbusFraming } from './wmbus-radio.ts';

export type { GasWirelessBench } from '../sim/gas/wireless/types.ts';

/** Serial default for a receiver stick speaking hex lines. */
export const WMBUS_RECEIVER_LINE: LineSettings = { baud: 115200, dataBits: 8, parity: 'none', stopBits: 1 };

export interface P2WirelessContext {
  radio: WmbusOther;
  /** The simulator's lab bench; absent for a physical meter. */
  bench?: GasWirelessBench;
}


/** Framing of a profile's link (see the file comment). */
export function wirelessFraming(dut: Dut): WmbusFraming {
  const t = dut.profile.transport;
  const v = t.kind === 'sim' ? t.options?.['framing'] : dut.feature('p2.wmbus-framing');
  if (v === undefined || v === 'auto') return framingFor(t.kind === 'sim' ? 'memory' : t.kind);
  if (!isWmbusFraming(v)) throw new Error(`wireless M-Bus framing "${String(v)}": expected "packet" or "hex-line"`);
  return v;
}

const isHexText = (b: Uint8Array): boolean => b.every((x) => x === 0x0a || x === 0x0d || x === 0x20 || x === 0x3a || x === 0x2d || x === 0x23 || x === 0x78 ||
  (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66));

function decoded(t: number, dir: 'tx' | 'rx', bytes: Uint8Array): DecodedFrame {
  let doc: unknown;
  try {
    doc = wmbusDecode(bytes, { strict: true });
  } catch (e) {
    doc = { errors: [{ code: 'undecodable', message: e instanceof Error ? e.message : String(e) }] };
  }
  return { t, dir, layer: 'wmbus', hex: bytesToHex(bytes), decoded: doc };
}

/** One direction of a trace as frames: chunks (packet framing) or text lines (hex-line framing). */
function framesOf(entries: TraceEntry[], dir: 'tx' | 'rx'): DecodedFrame[] {
  const list = entries.filter((e) => e.dir === dir && e.bytes.length);
  if (!list.every((e) => isHexText(e.bytes))) return list.map((e) => decoded(e.t, dir, e.bytes));
  const out: DecodedFrame[] = [];
  let line = '';
  let t0 = 0;
  for (const e of list) {
    for (const ch of new TextDecoder().decode(e.bytes)) {
      if (line === '') t0 = e.t;
      if (ch !== '\n') { line += ch; continue; }
      const b = hexLineParse(line);
      if (b?.length) out.push(decoded(t0, dir, b));
      line = '';
    }
  }
  return out;
}

export function wirelessFrames(entries: TraceEntry[]): DecodedFrame[] {
  return [...framesOf(entries, 'tx'), ...framesOf(entries, 'rx')].sort((a, b) => a.t - b.t || (a.dir === 'rx' ? -1 : 1));
}

export const p2GasWirelessFamily: Family<P2WirelessContext> = {
  name: 'dsmr-p2-gas',
  title: 'DSMR P2 gas meter (wireless M-Bus T2)',
  async open(dut, env) {
    const framing = wirelessFraming(dut);
    const link = await openLink(dut.profile, env.clock, env.trace, { line: WMBUS_RECEIVER_LINE });
    const bench = link.sim?.control as GasWirelessBench | undefined;
    const keys = p2Keys(dut, bench);
    const id = dut.profile.addresses?.['id'];
    const radio = wmbusOther(link.transport, env.clock, {
      framing,
      keys,
      ...(typeof id === 'string' && /^\d{8}$/.test(id) ? { deviceId: id } : {}),
      ...(dut.profile.timeouts?.responseMs ? { facWaitMs: dut.profile.timeouts.responseMs } : {}),
    });
    return { ctx: bench ? { radio, bench } : { radio }, close: () => link.close() };
  },
  frames: wirelessFrames,
  secretFields: P2_KEY_RECORD_FIELDS,
};

/** Concatenate frames as hex lines (tests and tools feeding recorded frames). */
export const hexLines = (frames: Uint8Array[]): Uint8Array => concatBytes(...frames.map((f) => new TextEncoder().encode(`${bytesToHex(f)}\n`)));
