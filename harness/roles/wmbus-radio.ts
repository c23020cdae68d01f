/**
 * How wireless M-Bus frames travel over a byte Transport. A radio hands over whole frames (the bytes
 * after the preamble/sync word up to the last CRC, EN 13757-4 format A: DSMR-P2 §3.2, Table 4); a
 * byte stream has to delimit them. Two framings:
 *
 * - `packet`: one frame per chunk. The harness's in-memory link delivers each write as one chunk (a radio
 *   packet), and so does UDP (one datagram per frame). Not for TCP or serial, which merge and split chunks.
 * - `hex-line`: one frame per text line, hex digits (upper or lower case; spaces, ':' and '-' between
 *   bytes allowed; an optional `0x` prefix), ended by LF (CR ignored). Empty lines and lines starting
 *   with `#` or `;` are skipped. This is what many receivers print and what `meterproof decode wmbus
 *   --lines` reads, so a real receiver's output can be fed to the harness over serial or TCP, and a
 *   simulator can be served the same way (`meterproof sim gas-wireless --tcp <port> --option framing=hex-line`).
 *
 * Pure functions plus a small incremental line splitter; bounded (a line longer than MAX_LINE characters
 * is dropped as junk, so a stream without newlines never grows a buffer without limit).
 */
import { bytesToHex } from '../codec/bytes.ts';

export type WmbusFraming = 'packet' | 'hex-line';

/** Longest accepted text line: a 290-byte frame with a separator after every byte is 870 characters. */
export const MAX_LINE = 2048;

export function isWmbusFraming(v: unknown): v is WmbusFraming {
  return v === 'packet' || v === 'hex-line';
}

/** The framing a transport kind calls for: chunks keep their boundaries in memory and over UDP, not over TCP, serial or stdio. */
export function framingFor(kind: 'memory' | 'tcp' | 'udp' | 'serial' | 'stdio'): WmbusFraming {
  return kind === 'tcp' || kind === 'serial' || kind === 'stdio' ? 'hex-line' : 'packet';
}

/** Bytes to put on the transport for one frame. */
export function radioEncode(framing: WmbusFraming, frame: Uint8Array): Uint8Array {
  if (framing === 'packet') return frame.slice();
  return new TextEncoder().encode(`${bytesToHex(frame)}\n`);
}

/** One hex line → bytes; null when the line is not hex (odd digit count, other characters). Comments/empty → empty array. */
export function hexLineParse(line: string): Uint8Array | null {
  let s = line.trim();
  if (s === '' || s.startsWith('#') || s.startsWith(';')) return new Uint8Array(0);
  if (/^0x/i.test(s)) s = s.slice(2);
  s = s.replace(/[\s:-]/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export interface RadioReceived {
  frames: Uint8Array[];
  /** Text lines that were not hex (or too long), for the trace. */
  junk: string[];
}

export interface RadioReceiver {
  readonly framing: WmbusFraming;
  push(chunk: Uint8Array): RadioReceived;
}

/** Incremental splitter: feed chunks as they arrive, get complete frames. */
export function radioReceiver(framing: WmbusFraming): RadioReceiver {
  if (framing === 'packet') {
    return { framing, push: (chunk) => ({ frames: chunk.length ? [chunk.slice()] : [], junk: [] }) };
  }
  const dec = new TextDecoder('latin1');
  let buf = '';
  let overflow = false;
  return {
    framing,
    push(chunk) {
      const out: RadioReceived = { frames: [], junk: [] };
      buf += dec.decode(chunk, { stream: true });
      for (;;) {
        const nl = buf.indexOf('\n');
        if (nl < 0) break;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (overflow) {
          overflow = false; // the tail of an over-long line
          continue;
        }
        const bytes = hexLineParse(line);
        if (bytes === null) out.junk.push(line.length > 80 ? `${line.slice(0, 80)}…` : line);
        else if (bytes.length) out.frames.push(bytes);
      }
      if (buf.length > MAX_LINE) {
        out.junk.push(`${buf.slice(0, 80)}… (line longer than ${MAX_LINE} characters dropped)`);
        buf = '';
        overflow = true;
      }
      return out;
    },
  };
}
