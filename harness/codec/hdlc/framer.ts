/**
 * Finding frames in a byte stream (serial line, TCP socket carrying HDLC, a capture file). A candidate starts at
 * a 0x7E flag; it is a frame when the format type is 0xA, the length sub-field lands on a closing flag, and
 * HCS and FCS match. A rejected candidate costs one octet: the scan resumes right after its opening flag, so a
 * real frame hidden behind noise, a false flag or a corrupted frame is always found. Back-to-back frames may
 * share one flag (the closing flag of one opens the next, as ISO/IEC 13239 allows), and runs of flags are idle fill.
 *
 * The HCS is checked as soon as the header is in, so a false flag that announces a long frame is dropped
 * without waiting for the announced length; a buffered incomplete candidate is never longer than 2049 octets.
 */
import { HdlcError } from './errors.ts';
import { hdlcAddressRead } from './address.ts';
import { hdlcCheckOk } from './crc.ts';
import { HDLC_FLAG, HDLC_FORMAT_TYPE, HDLC_MIN_FRAME_LENGTH, type HdlcFrame, hdlcFrameDecode } from './frame.ts';

export interface HdlcFoundFrame {
  /** Offset of the opening flag (relative to the buffer given to `hdlcSplit`, or to the stream for the framer). */
  offset: number;
  /** The frame's octets, flags included. */
  bytes: Uint8Array;
  frame: HdlcFrame;
}

/** A run of octets that belong to no frame; `code` is why the first candidate in the run was rejected. */
export interface HdlcGarbage {
  offset: number;
  length: number;
  code: string;
  message: string;
}

export interface HdlcSplitResult {
  frames: HdlcFoundFrame[];
  garbage: HdlcGarbage[];
  /** Unconsumed tail (a frame still arriving); empty when `final`. */
  rest: Uint8Array;
  /** Offset of `rest` in the input. */
  restOffset: number;
}

export interface HdlcSplitOptions {
  /** End of stream: incomplete candidates are garbage instead of `rest`. */
  final?: boolean;
  /** Leading octets already reported as part of a frame (a shared closing flag kept in `rest`). */
  consumed?: number;
}

type Candidate =
  | { kind: 'frame'; end: number }
  | { kind: 'more' }
  | { kind: 'reject'; code: string; message: string };

/** Judge the candidate whose opening flag is at `pos`. */
function candidateAt(b: Uint8Array, pos: number): Candidate {
  const n = b.length;
  if (pos + 3 > n) return { kind: 'more' };
  if (b[pos + 1]! >>> 4 !== HDLC_FORMAT_TYPE) {
    return { kind: 'reject', code: 'bad-format', message: `flag not followed by a type-3 frame format field` };
  }
  const len = ((b[pos + 1]! & 7) << 8) | b[pos + 2]!;
  if (len < HDLC_MIN_FRAME_LENGTH) return { kind: 'reject', code: 'bad-length', message: `frame length ${len} below the minimum` };
  const fcsAt = pos + len - 1; // FCS starts 2 octets before the closing flag at pos + len + 1
  const limit = Math.min(n, fcsAt);
  try {
    const dst = hdlcAddressRead(b, pos + 3, limit, limit < fcsAt);
    if (!dst) return { kind: 'more' };
    const src = hdlcAddressRead(b, dst.next, limit, limit < fcsAt);
    if (!src) return { kind: 'more' };
    const headerEnd = src.next + 1; // after the control octet
    if (headerEnd > fcsAt) return { kind: 'reject', code: 'bad-length', message: 'frame length leaves no room for the control field' };
    if (headerEnd < fcsAt) {
      if (fcsAt - headerEnd < 3) return { kind: 'reject', code: 'bad-length', message: 'HCS without an information field' };
      if (headerEnd + 2 > n) return { kind: 'more' };
      if (!hdlcCheckOk(b, pos + 1, headerEnd)) return { kind: 'reject', code: 'bad-hcs', message: 'header check sequence mismatch' };
    }
  } catch (e) {
    if (e instanceof HdlcError) return { kind: 'reject', code: e.code, message: e.message };
    throw e;
  }
  const close = pos + len + 1;
  if (close >= n) return { kind: 'more' };
  if (b[close] !== HDLC_FLAG) return { kind: 'reject', code: 'missing-flag', message: 'no closing flag where the frame length ends' };
  if (!hdlcCheckOk(b, pos + 1, fcsAt)) return { kind: 'reject', code: 'bad-fcs', message: 'frame check sequence mismatch' };
  return { kind: 'frame', end: close };
}

/**
 * Split a buffer into frames, garbage runs and an unconsumed tail. Pure: call it again with `rest` plus the
 * next bytes (or use `hdlcFramer`). A garbage run starts at the first rejected octet (the opening flag of a
 * damaged frame) and never includes a neighbouring frame's flags; runs of idle flags are not garbage.
 */
interface SplitState {
  b: Uint8Array;
  garbage: HdlcGarbage[];
  runStart: number;
  runCode: string;
  runMessage: string;
  /** Octets before this index belong to a frame (its closing flag included). */
  consumed: number;
}

function flushRun(s: SplitState, end: number): void {
  if (s.runStart < 0) return;
  let onlyFlags = true;
  for (let i = s.runStart; i < end && onlyFlags; i++) onlyFlags = s.b[i] === HDLC_FLAG;
  if (!onlyFlags) s.garbage.push({ offset: s.runStart, length: end - s.runStart, code: s.runCode, message: s.runMessage });
  s.runStart = -1;
}

function skip(s: SplitState, at: number, code: string, message: string): void {
  if (at < s.consumed) return; // a frame's closing flag that opens nothing: neither frame nor garbage
  // A frame whose only defect is its HCS/FCS starts a run of its own, so it can be reported as a damaged frame.
  if (s.runStart >= 0 && (code === 'bad-hcs' || code === 'bad-fcs')) flushRun(s, at);
  if (s.runStart < 0) {
    s.runStart = at;
    s.runCode = code;
    s.runMessage = message;
  }
}

export function hdlcSplit(b: Uint8Array, opts: HdlcSplitOptions = {}): HdlcSplitResult {
  const frames: HdlcFoundFrame[] = [];
  const s: SplitState = { b, garbage: [], runStart: -1, runCode: '', runMessage: '', consumed: opts.consumed ?? 0 };
  let pos = 0;
  while (pos < b.length) {
    if (b[pos] !== HDLC_FLAG) {
      skip(s, pos, 'missing-flag', 'octets outside a frame (no opening flag)');
      const next = b.indexOf(HDLC_FLAG, pos + 1);
      pos = next < 0 ? b.length : next;
      continue;
    }
    if (pos + 1 < b.length && b[pos + 1] === HDLC_FLAG) {
      pos++; // idle fill between frames
      continue;
    }
    const c = candidateAt(b, pos);
    if (c.kind === 'frame') {
      flushRun(s, pos);
      const bytes = b.slice(pos, c.end + 1);
      frames.push({ offset: pos, bytes, frame: hdlcFrameDecode(bytes, { skipChecks: true }) }); // checks done above
      pos = c.end; // the closing flag may open the next frame
      s.consumed = c.end + 1;
      continue;
    }
    if (c.kind === 'more') {
      if (!opts.final) {
        flushRun(s, pos);
        return { frames, garbage: s.garbage, rest: b.slice(pos), restOffset: pos };
      }
      skip(s, pos, 'truncated', 'stream ended inside a frame');
      pos++;
      continue;
    }
    // A flag followed by anything but a type-3 format field is a flag (closing or idle), not a frame: what
    // follows it is the garbage.
    if (c.code !== 'bad-format') skip(s, pos, c.code, c.message);
    pos++;
  }
  flushRun(s, b.length);
  return { frames, garbage: s.garbage, rest: new Uint8Array(0), restOffset: b.length };
}

export interface HdlcFramer {
  /** Feed the next chunk; returns the frames (and garbage) completed by it, offsets relative to the stream. */
  push(chunk: Uint8Array): { frames: HdlcFoundFrame[]; garbage: HdlcGarbage[] };
  /** End of stream: whatever is still buffered is reported as garbage. */
  end(): { frames: HdlcFoundFrame[]; garbage: HdlcGarbage[] };
  /** Octets currently buffered (never more than one maximum-size frame). */
  buffered(): number;
}

/** A stream framer: a closure over `hdlcSplit` that keeps the unconsumed tail between chunks. */
export function hdlcFramer(): HdlcFramer {
  let buf: Uint8Array = new Uint8Array(0);
  let base = 0;
  let consumed = 0;
  const run = (final: boolean): { frames: HdlcFoundFrame[]; garbage: HdlcGarbage[] } => {
    const r = hdlcSplit(buf, { final, consumed });
    const shift = base;
    const last = r.frames[r.frames.length - 1];
    consumed = last && last.offset + last.bytes.length - 1 === r.restOffset ? 1 : Math.max(0, consumed - r.restOffset);
    base += r.restOffset;
    buf = r.rest;
    return {
      frames: r.frames.map((f) => ({ ...f, offset: f.offset + shift })),
      garbage: r.garbage.map((g) => ({ ...g, offset: g.offset + shift })),
    };
  };
  return {
    push(chunk) {
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf, 0);
      next.set(chunk, buf.length);
      buf = next;
      return run(false);
    },
    end() {
      return run(true);
    },
    buffered() {
      return buf.length;
    },
  };
}
