/**
 * Reassembling wrapper PDUs from a TCP byte stream (IEC 62056-47 over TCP: the wrapper length field is the
 * only delimiter). A pure state machine: `wrapperStreamPush(state, chunk)` returns the next state and every PDU
 * the chunk completed, whatever the read chunking. The header is judged as soon as its octets arrive; a wrong
 * version or a length above the configured maximum is reported as a typed error at its stream offset, and the
 * stream stays failed (a TCP stream cannot be re-synchronised in general: the wrapper has no check sequence).
 *
 * `resync: true` is for lenient listening (captures, fuzzing a DUT): a bad header costs one octet and the
 * scan continues at the next plausible header (0x00 0x01 … length ≤ maximum); skipped octets are reported as
 * garbage. Only a stream whose noise cannot imitate a header is guaranteed to come back in step.
 */
import { WrapperError } from './errors.ts';
import { WRAPPER_HEADER_LENGTH, WRAPPER_MAX_LENGTH, type WrapperDecodeOptions, type WrapperPdu } from './pdu.ts';

export interface WrapperStreamOptions extends WrapperDecodeOptions {
  resync?: boolean;
}

export interface WrapperStreamPdu extends WrapperPdu {
  version: number;
  /** Stream offset of the PDU's first header octet. */
  offset: number;
}

export interface WrapperGarbage {
  offset: number;
  length: number;
  code: string;
}

export interface WrapperStreamState {
  /** Octets of the PDU in progress (never more than 8 + maximum length). */
  buffer: Uint8Array;
  /** Stream offset of `buffer[0]`. */
  offset: number;
  /** Garbage run still open (resync mode). */
  run?: WrapperGarbage;
  /** Set once a bad header failed the stream (strict mode); every later push reports `stream-failed`. */
  failed?: { code: string; offset: number; message: string };
}

export function wrapperStreamInit(): WrapperStreamState {
  return { buffer: new Uint8Array(0), offset: 0 };
}

/** Judge the (possibly partial) header at `b[p..]`: undefined = plausible so far, else the error. */
function headerProblem(b: Uint8Array, p: number, max: number): { code: string; at: number; message: string } | undefined {
  const n = b.length - p;
  if (n >= 1 && b[p] !== 0x00) return { code: 'bad-version', at: p, message: `wrapper version high octet 0x${b[p]!.toString(16)} is not 0x00` };
  if (n >= 2 && b[p + 1] !== 0x01) return { code: 'bad-version', at: p, message: `wrapper version 0x00${b[p + 1]!.toString(16).padStart(2, '0')} is not 0x0001` };
  if (n >= 8) {
    const len = (b[p + 6]! << 8) | b[p + 7]!;
    if (len > max) return { code: 'too-long', at: p + 6, message: `wrapper length ${len} exceeds the maximum ${max}` };
  }
  return undefined;
}

export interface WrapperStreamStep {
  state: WrapperStreamState;
  /** PDUs completed by this chunk (those before a bad header included). */
  pdus: WrapperStreamPdu[];
  /** Octets skipped (resync mode). */
  garbage: WrapperGarbage[];
  /** Set when the stream failed (strict mode); the returned state is failed from then on. */
  error?: WrapperError;
}

const failedError = (f: NonNullable<WrapperStreamState['failed']>): WrapperError =>
  new WrapperError('stream-failed', f.offset, `stream already failed: ${f.message}`);

/** One step of the reassembler. Never throws on input: a bad header is returned as `error`. */
export function wrapperStreamPush(state: WrapperStreamState, chunk: Uint8Array, opts: WrapperStreamOptions = {}): WrapperStreamStep {
  if (state.failed) return { state, pdus: [], garbage: [], error: failedError(state.failed) };
  const max = Math.min(opts.maxLength ?? WRAPPER_MAX_LENGTH, WRAPPER_MAX_LENGTH);
  const b = new Uint8Array(state.buffer.length + chunk.length);
  b.set(state.buffer, 0);
  b.set(chunk, state.buffer.length);
  const pdus: WrapperStreamPdu[] = [];
  const garbage: WrapperGarbage[] = [];
  let run = state.run ? { ...state.run } : undefined;
  let p = 0;
  while (p < b.length) {
    const bad = headerProblem(b, p, max);
    if (bad) {
      if (!opts.resync) {
        const error = new WrapperError(bad.code, state.offset + bad.at, bad.message);
        const failed = { code: error.code, offset: error.offset, message: bad.message };
        return { state: { buffer: b.slice(p), offset: state.offset + p, failed }, pdus, garbage, error };
      }
      if (run && run.offset + run.length === state.offset + p) run.length++;
      else {
        if (run) garbage.push(run);
        run = { offset: state.offset + p, length: 1, code: bad.code };
      }
      p++;
      continue;
    }
    if (b.length - p < WRAPPER_HEADER_LENGTH) break;
    const len = (b[p + 6]! << 8) | b[p + 7]!;
    if (run) {
      garbage.push(run);
      run = undefined;
    }
    if (b.length - p < WRAPPER_HEADER_LENGTH + len) break;
    pdus.push({
      version: 1,
      srcWPort: (b[p + 2]! << 8) | b[p + 3]!,
      dstWPort: (b[p + 4]! << 8) | b[p + 5]!,
      apdu: b.slice(p + WRAPPER_HEADER_LENGTH, p + WRAPPER_HEADER_LENGTH + len),
      offset: state.offset + p,
    });
    p += WRAPPER_HEADER_LENGTH + len;
  }
  const next: WrapperStreamState = { buffer: b.slice(p), offset: state.offset + p };
  if (run) next.run = run;
  return { state: next, pdus, garbage };
}

/**
 * End of stream: an unfinished PDU is a `truncated` error (garbage in resync mode). Returns the garbage still
 * open and the error, if any.
 */
export function wrapperStreamEnd(state: WrapperStreamState, opts: WrapperStreamOptions = {}): { garbage: WrapperGarbage[]; error?: WrapperError } {
  if (state.failed) return { garbage: [], error: failedError(state.failed) };
  const garbage: WrapperGarbage[] = state.run ? [{ ...state.run }] : [];
  if (state.buffer.length > 0) {
    if (!opts.resync) {
      const at = state.offset + state.buffer.length;
      return { garbage, error: new WrapperError('truncated', at, `stream ended inside a wrapper PDU (${state.buffer.length} octets buffered)`) };
    }
    const last = garbage[garbage.length - 1];
    if (last && last.offset + last.length === state.offset) last.length += state.buffer.length;
    else garbage.push({ offset: state.offset, length: state.buffer.length, code: 'truncated' });
  }
  return { garbage };
}

export interface WrapperReassembler {
  /**
   * Feed the next TCP read; returns the PDUs it completed. A bad header (strict mode) throws its WrapperError
   * at once when the chunk completed no PDU before it; otherwise those PDUs are returned first and the error is
   * thrown by the next `push` or `end` (no PDU is ever lost). `error()` tells at any time.
   */
  push(chunk: Uint8Array): WrapperStreamPdu[];
  /** End of stream; throws `truncated` when a PDU is unfinished (strict mode), or the pending stream error. */
  end(): void;
  /** The error that failed the stream, if any. */
  error(): WrapperError | undefined;
  /** Octets buffered for the PDU in progress (never more than 8 + the maximum length). */
  buffered(): number;
  /** Garbage skipped so far (resync mode only). */
  readonly garbage: WrapperGarbage[];
}

/** A stateful convenience around `wrapperStreamPush`. */
export function wrapperReassembler(opts: WrapperStreamOptions = {}): WrapperReassembler {
  let state = wrapperStreamInit();
  let failure: WrapperError | undefined;
  let pending: WrapperError | undefined;
  const garbage: WrapperGarbage[] = [];
  const raise = (): void => {
    const e = pending ?? (failure ? failedError({ code: failure.code, offset: failure.offset, message: failure.message }) : undefined);
    pending = undefined;
    if (e) throw e;
  };
  return {
    push(chunk) {
      raise();
      const r = wrapperStreamPush(state, chunk, opts);
      state = r.state;
      garbage.push(...r.garbage);
      if (r.error) {
        failure = r.error;
        if (r.pdus.length === 0) throw r.error;
        pending = r.error;
      }
      return r.pdus;
    },
    end() {
      raise();
      const r = wrapperStreamEnd(state, opts);
      garbage.push(...r.garbage);
      state = { ...wrapperStreamInit(), offset: state.offset + state.buffer.length };
      if (r.error) {
        failure = r.error;
        throw r.error;
      }
    },
    error() {
      return failure;
    },
    buffered() {
      return state.buffer.length;
    },
    garbage,
  };
}
