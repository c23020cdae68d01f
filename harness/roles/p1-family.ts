/**
 * The dsmr-p1 family: how a case reaches a P1 port. `open` opens the link the profile describes (the
 * in-memory link to a fresh simulator, a serial port, or a TCP bridge) with the DSMR 4 default line
 * 115200 7E1 [ext, digest §1.2] unless the profile says otherwise, and hands the case a P1 reader that has
 * asserted the data-request line, plus the simulator's bench when the DUT is a simulator. `frames` turns a
 * trace into telegrams for reports, decoded by the codec's `meterproof decode p1` decoder.
 */
import { p1Frame } from '../codec/p1/index.ts';
import { decoder } from '../codec/p1/decoder.ts';
import { openLink } from '../runner/link.ts';
import type { DecodedFrame, Family } from '../runner/types.ts';
import type { P1Bench } from '../sim/p1/types.ts';
import type { TraceEntry } from '../transport/trace.ts';
import type { LineSettings } from '../transport/transport.ts';
import { p1Reader, type P1Reader } from './p1-reader.ts';

export type { P1Bench } from '../sim/p1/types.ts';

export const P1_DEFAULT_LINE: LineSettings = { baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 };

export interface P1Context {
  p1: P1Reader;
  /** The simulator's lab bench; absent for a physical meter (those stimuli need a P3 client). */
  bench?: P1Bench;
}

const MAX_FRAME_TEXT = 16 * 1024;

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

export function p1Frames(entries: TraceEntry[]): DecodedFrame[] {
  const rx = entries.filter((e) => e.dir === 'rx');
  let stream = '';
  const marks: { off: number; t: number }[] = [];
  for (const e of rx) {
    marks.push({ off: stream.length, t: e.t });
    stream += latin1(e.bytes);
  }
  const timeAt = (off: number) => {
    let t = marks[0]?.t ?? 0;
    for (const m of marks) {
      if (m.off > off) break;
      t = m.t;
    }
    return t;
  };
  const { pieces, rest } = p1Frame(stream, true);
  const all = rest ? [...pieces, { kind: 'garbage' as const, text: rest }] : pieces;
  const out: DecodedFrame[] = [];
  let off = 0;
  for (const p of all) {
    const t = timeAt(off);
    off += p.text.length;
    const text = p.text.length > MAX_FRAME_TEXT ? `${p.text.slice(0, MAX_FRAME_TEXT)}…` : p.text;
    if (p.kind === 'garbage') {
      out.push({ t, dir: 'rx', layer: 'p1-garbage', text });
      continue;
    }
    const bytes = new Uint8Array(p.text.length);
    for (let i = 0; i < p.text.length; i++) bytes[i] = p.text.charCodeAt(i) & 0xff;
    out.push({ t, dir: 'rx', layer: 'p1', text, decoded: decoder.decode(bytes, {}) });
  }
  return out;
}

export const p1Family: Family<P1Context> = {
  name: 'dsmr-p1',
  title: 'DSMR P1 port (consumer interface)',
  async open(dut, env) {
    const link = await openLink(dut.profile, env.clock, env.trace, { line: P1_DEFAULT_LINE });
    const p1 = p1Reader(link.transport, env.clock);
    try {
      await p1.setRequest(true);
    } catch (e) {
      await link.close();
      throw e;
    }
    const bench = link.sim?.control as P1Bench | undefined;
    return {
      ctx: bench ? { p1, bench } : { p1 },
      close: async () => {
        p1.close();
        await link.close();
      },
    };
  },
  frames: p1Frames,
};
