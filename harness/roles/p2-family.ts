/**
 * The dsmr-p2-gas family: how a case reaches a wired M-Bus gas meter. `open` opens the link the profile
 * describes (in-memory link to a fresh simulator, a serial port through an M-Bus level converter, or a TCP
 * bridge) at the DSMR-P2 line 2400 Bd 8E1 (Table 3) unless the profile says otherwise, and hands the case
 * an M-Bus master (the E-meter role) plus the simulator's bench when the DUT is a simulator.
 *
 * Keys: from the bench for a simulator; from the profile's `keys.default` / `keys.user` references
 * (`env:NAME`, `file:path`) for a physical meter. A reference that cannot be resolved leaves the key
 * unknown; cases that need it end not-applicable. Keys never reach a report.
 *
 * `frames` splits a trace into M-Bus frames per direction and decodes them with the codec (the same
 * document `meterproof decode mbus` prints), without keys: encrypted records stay encrypted in reports.
 */
import { P2_KEY_RECORD_FIELDS, p2Keys } from './p2-keys.ts';
import { bytesToHex, concatBytes } from '../codec/bytes.ts';
import { mbusSplit, mbusTelegramDecode, mbusTelegramToJson } from '../codec/mbus/index.ts';
import { openLink, readerLine } from '../runner/link.ts';
import type { DecodedFrame, Family } from '../runner/types.ts';
import type { GasBench } from '../sim/gas/types.ts';
import type { TraceEntry } from '../transport/trace.ts';
import type { LineSettings } from '../transport/transport.ts';
import { mbusMaster, type MbusMaster } from './mbus-master.ts';

export type { GasBench } from '../sim/gas/types.ts';

/** DSMR-P2 §3.1.4 Table 3: 2400 Bd, 8 data bits, even parity, 1 stop bit. */
export const P2_WIRED_LINE: LineSettings = { baud: 2400, dataBits: 8, parity: 'even', stopBits: 1 };

export interface P2GasContext {
  master: MbusMaster;
  /** The simulator's lab bench; absent for a physical meter. */
  bench?: GasBench;
}


/** Split one direction of a trace into frames, each with the clock time of the chunk it started in. */
function framesOf(entries: TraceEntry[], dir: 'tx' | 'rx'): DecodedFrame[] {
  const list = entries.filter((e) => e.dir === dir);
  const marks: { off: number; t: number }[] = [];
  let off = 0;
  for (const e of list) {
    marks.push({ off, t: e.t });
    off += e.bytes.length;
  }
  const stream = concatBytes(...list.map((e) => e.bytes));
  const timeAt = (o: number) => marks.filter((mk) => mk.off <= o).pop()?.t ?? 0;
  const { frames, garbage } = mbusSplit(stream, { final: true });
  const out: DecodedFrame[] = [];
  for (const f of frames) {
    let decoded: unknown;
    try {
      decoded = mbusTelegramToJson(mbusTelegramDecode(f.bytes));
    } catch (e) {
      decoded = { errors: [{ code: 'undecodable', message: e instanceof Error ? e.message : String(e) }] };
    }
    out.push({ t: timeAt(f.offset), dir, layer: 'mbus', hex: bytesToHex(f.bytes), decoded });
  }
  for (const g of garbage) out.push({ t: timeAt(g.offset), dir, layer: 'mbus-garbage', hex: bytesToHex(g.bytes) });
  return out;
}

export function p2Frames(entries: TraceEntry[]): DecodedFrame[] {
  return [...framesOf(entries, 'tx'), ...framesOf(entries, 'rx')].sort((a, b) => a.t - b.t || (a.dir === 'tx' ? -1 : 1));
}

export const p2GasFamily: Family<P2GasContext> = {
  name: 'dsmr-p2-gas',
  title: 'DSMR P2 gas meter (wired M-Bus slave)',
  async open(dut, env) {
    const link = await openLink(dut.profile, env.clock, env.trace, { line: P2_WIRED_LINE });
    const bench = link.sim?.control as GasBench | undefined;
    const keys = p2Keys(dut, bench);
    const master = mbusMaster(link.transport, env.clock, {
      line: readerLine(dut.profile, P2_WIRED_LINE),
      ...(dut.profile.timeouts?.responseMs ? { responseMs: dut.profile.timeouts.responseMs } : {}),
      keys,
    });
    return { ctx: bench ? { master, bench } : { master }, close: () => link.close() };
  },
  frames: p2Frames,
  secretFields: P2_KEY_RECORD_FIELDS,
};
