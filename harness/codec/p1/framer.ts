/**
 * Telegram framing on a serial stream: reading may start mid-telegram, meters may or may not send CR LF
 * after the `!XXXX` line (DSMR-RN-4.0.4 §3 item 2 vs real meters, digest §5 A2), and a telegram cut
 * short by a reset is followed by the next `/`. A telegram runs from `/` through the `!` line:
 * `!` + 4 hex digits, then its line ending when one follows (CR LF, LF or CR); a `!` with fewer digits
 * (DSMR 2.2/3.0 send none) runs to its line ending. A `/` at the start of a line before any `!` line
 * means the previous telegram was cut short: its bytes become garbage.
 */

/** Longest pending telegram the framer holds before treating it as garbage (a full DSMR 5 telegram is < 8 KiB). */
export const P1_MAX_TELEGRAM = 64 * 1024;
/** Garbage pieces a framer remembers (the oldest are dropped). */
export const P1_MAX_GARBAGE_PIECES = 1000;

export interface P1Piece { kind: 'telegram' | 'garbage'; text: string }

function lineStartSlash(buf: string, from: number, to: number): number {
  let i = from;
  for (;;) {
    i = buf.indexOf('/', i);
    if (i < 0 || i >= to) return -1;
    const c = buf.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
    i++;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Cut `buf` into telegrams and garbage, in order. `final`: the stream ends here (a `!` line without its
 * line ending is complete). `resume`: how far a previous call already scanned the pending telegram.
 */
export function p1Frame(buf: string, final: boolean, resume = 0, maxTelegram = P1_MAX_TELEGRAM): { pieces: P1Piece[]; rest: string; resume: number } {
  const pieces: P1Piece[] = [];
  let pos = 0;
  for (;;) {
    const s = buf.indexOf('/', pos);
    if (s < 0) {
      if (pos < buf.length) pieces.push({ kind: 'garbage', text: buf.slice(pos) });
      return { pieces, rest: '', resume: 0 };
    }
    if (s > pos) pieces.push({ kind: 'garbage', text: buf.slice(pos, s) });
    const from = Math.max(s + 1, s === 0 ? resume - 1 : 0);
    resume = 0;
    // The `!` that starts a line.
    let bang = from;
    for (;;) {
      bang = buf.indexOf('!', bang);
      if (bang < 0) break;
      const c = buf.charCodeAt(bang - 1);
      if (c === 10 || c === 13) break;
      bang++;
    }
    const cut = lineStartSlash(buf, from, bang < 0 ? buf.length : bang);
    if (cut >= 0) {
      pieces.push({ kind: 'garbage', text: buf.slice(s, cut) });
      pos = cut;
      continue;
    }
    let end = -1;
    if (bang >= 0) {
      let j = bang + 1;
      while (j < bang + 5 && j < buf.length && isHex(buf.charCodeAt(j))) j++;
      const four = j === bang + 5;
      if (four && j < buf.length && buf.charCodeAt(j) !== 13 && buf.charCodeAt(j) !== 10) end = j;
      else {
        let k = j;
        while (k < buf.length && buf.charCodeAt(k) !== 13 && buf.charCodeAt(k) !== 10) k++;
        if (k === buf.length) end = final ? k : -1;
        else if (buf.charCodeAt(k) === 10) end = k + 1;
        else if (k + 1 < buf.length) end = buf.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
        else end = final ? k + 1 : -1;
      }
    }
    if (end < 0) {
      if (buf.length - s > maxTelegram) {
        // Never hold an unbounded telegram: skip to the next `/` (or drop everything).
        const next = buf.indexOf('/', s + 1);
        pieces.push({ kind: 'garbage', text: buf.slice(s, next < 0 ? buf.length : next) });
        if (next < 0) return { pieces, rest: '', resume: 0 };
        pos = next;
        continue;
      }
      // Resume at the `!` already found (its line ending is still missing), else where the scan stopped.
      return { pieces, rest: buf.slice(s), resume: (bang >= 0 ? bang : buf.length) - s };
    }
    pieces.push({ kind: 'telegram', text: buf.slice(s, end) });
    pos = end;
  }
}

/**
 * Split a complete stream (a capture file) into telegrams. `rest` is a final telegram without its `!`
 * line; `garbage` what lay outside telegrams. For a live stream use createP1Framer.
 */
export function p1Split(stream: string): { telegrams: string[]; rest: string; garbage: string[] } {
  const { pieces, rest } = p1Frame(stream, true);
  return {
    telegrams: pieces.filter((p) => p.kind === 'telegram').map((p) => p.text),
    rest,
    garbage: pieces.filter((p) => p.kind === 'garbage').map((p) => p.text),
  };
}

export interface P1Framer {
  /** Add received text; returns the telegrams completed by it. */
  push(chunk: string): string[];
  /** End of stream: returns a telegram whose `!` line lacked only its line ending; the rest becomes garbage. */
  flush(): string[];
  /** Everything skipped so far (bytes before the first `/`, between telegrams, cut-short telegrams). */
  garbage(): string[];
  /** Bytes held for the telegram in progress. */
  pending(): string;
}

/**
 * Incremental framer. A meter that sends no CR LF after `!XXXX` has its telegram delivered when the next
 * byte (normally the next `/`) arrives, or on flush(): until then the framer cannot know whether a
 * line ending is still coming.
 */
export function createP1Framer(opts: { maxTelegram?: number } = {}): P1Framer {
  let buf = '';
  let resume = 0;
  const skipped: string[] = [];
  // Garbage that ended a push continues in the next one: keep it as one piece.
  let open = false;
  const keep = (pieces: P1Piece[]): string[] => {
    const out: string[] = [];
    for (const p of pieces) {
      if (p.kind === 'telegram') { out.push(p.text); open = false; continue; }
      if (open && skipped.length > 0) skipped[skipped.length - 1] += p.text;
      else skipped.push(p.text);
      open = true;
      if (skipped.length > P1_MAX_GARBAGE_PIECES) skipped.shift();
    }
    return out;
  };
  return {
    push(chunk) {
      const r = p1Frame(buf + chunk, false, resume, opts.maxTelegram);
      buf = r.rest;
      resume = r.resume;
      const out = keep(r.pieces);
      if (buf) open = false;
      return out;
    },
    flush() {
      const r = p1Frame(buf, true, resume, opts.maxTelegram);
      buf = '';
      resume = 0;
      const out = keep(r.pieces);
      if (r.rest) keep([{ kind: 'garbage', text: r.rest }]);
      return out;
    },
    garbage: () => skipped.slice(),
    pending: () => buf,
  };
}
