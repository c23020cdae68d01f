/**
 * Byte-stream framer for a wired M-Bus line: finds E5, short and long frames in a noisy serial stream
 * and resynchronises after garbage. Pure: `mbusSplit(buffer)` returns the complete frames, the garbage
 * runs it skipped and the tail that may still become a frame (feed it back with the next chunk).
 * A candidate is only accepted when its start, L bytes, stop byte and checksum all agree (EN 60870-5-1
 * FT1.2 integrity rules, DSMR-P2 §3.1); on any mismatch the framer advances one byte and looks again.
 */
import { mbusFrameDecode, MBUS_ACK, MBUS_LONG_START, MBUS_SHORT_START } from './link.ts';
import type { MbusFrameDecoded } from './link.ts';
import { MbusError } from './errors.ts';
import { concatBytes } from '../bytes.ts';

export interface MbusSplitFrame extends MbusFrameDecoded {
  offset: number;
  bytes: Uint8Array;
}

export interface MbusGarbage {
  offset: number;
  bytes: Uint8Array;
}

export interface MbusSplitResult {
  frames: MbusSplitFrame[];
  garbage: MbusGarbage[];
  /** Tail that is a possible frame start still waiting for bytes (empty when `final`). */
  rest: Uint8Array;
}

export interface MbusSplitOptions {
  /** No more bytes will come: an incomplete candidate is garbage and scanning continues past it. */
  final?: boolean;
}

/** Length a candidate at i needs, or 0 if bytes[i] cannot start a frame, or -1 if more bytes are needed to tell. */
function candidateLength(buf: Uint8Array, i: number): number {
  const b = buf[i];
  if (b === MBUS_ACK) return 1;
  if (b === MBUS_SHORT_START) return 5;
  if (b !== MBUS_LONG_START) return 0;
  if (buf.length - i < 4) return -1;
  const l = buf[i + 1]!;
  if (buf[i + 2] !== l || buf[i + 3] !== MBUS_LONG_START || l < 3) return 0;
  return l + 6;
}

export function mbusSplit(buffer: Uint8Array, opts: MbusSplitOptions = {}): MbusSplitResult {
  const frames: MbusSplitFrame[] = [];
  const garbage: MbusGarbage[] = [];
  let junkStart = -1;
  const flushJunk = (end: number): void => {
    if (junkStart >= 0) garbage.push({ offset: junkStart, bytes: buffer.slice(junkStart, end) });
    junkStart = -1;
  };
  let i = 0;
  while (i < buffer.length) {
    const need = candidateLength(buffer, i);
    if (need !== 0 && (need === -1 || buffer.length - i < need)) {
      if (!opts.final) {
        flushJunk(i);
        return { frames, garbage, rest: buffer.slice(i) };
      }
    } else if (need > 0) {
      try {
        const d = mbusFrameDecode(buffer.subarray(i, i + need), {});
        flushJunk(i);
        frames.push({ ...d, offset: i, bytes: buffer.slice(i, i + need) });
        i += need;
        continue;
      } catch (e) {
        if (!(e instanceof MbusError)) throw e;
      }
    }
    if (junkStart < 0) junkStart = i;
    i++;
  }
  flushJunk(buffer.length);
  return { frames, garbage, rest: new Uint8Array(0) };
}

/** Push-style helper over `mbusSplit`: keeps the pending tail between chunks. Pure: returns the new state. */
export interface MbusFramerState {
  pending: Uint8Array;
  /** Stream offset of pending[0]. */
  base: number;
}

export const mbusFramerInit = (): MbusFramerState => ({ pending: new Uint8Array(0), base: 0 });

export function mbusFramerPush(state: MbusFramerState, chunk: Uint8Array, final = false): { state: MbusFramerState; result: MbusSplitResult } {
  const buf = state.pending.length ? concatBytes(state.pending, chunk) : chunk;
  const r = mbusSplit(buf, { final });
  const shift = <T extends { offset: number }>(x: T): T => ({ ...x, offset: x.offset + state.base });
  const consumed = buf.length - r.rest.length;
  return {
    state: { pending: r.rest, base: state.base + consumed },
    result: { frames: r.frames.map(shift), garbage: r.garbage.map(shift), rest: r.rest },
  };
}
