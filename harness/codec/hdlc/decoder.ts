/**
 * `meterproof decode hdlc`: the input is a byte stream (one frame, or a capture with many, noise allowed).
 * Every frame found is listed; damaged frames (bad HCS/FCS) are listed too, marked `valid: false`, next to
 * their error; octets outside frames are reported as errors with their offsets. Never throws.
 */
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { isCodecError } from '../errors.ts';
import { HDLC_FLAG, hdlcFrameDecodeLayout } from './frame.ts';
import { hdlcSplit } from './framer.ts';
import { type HdlcWarning, hdlcFrameJson, hdlcReassemble } from './json.ts';
import schema from './decode-schema.json' with { type: 'json' };

/** Strictly decode the frame a garbage run starts with, when its length lands on a flag: the precise error. */
function damagedFrame(input: Uint8Array, at: number): { bytes: Uint8Array; error: DecodeError } | undefined {
  if (input[at] !== HDLC_FLAG || at + 3 > input.length) return undefined;
  const len = ((input[at + 1]! & 7) << 8) | input[at + 2]!;
  const bytes = input.subarray(at, at + len + 2);
  if (bytes.length !== len + 2 || bytes[len + 1] !== HDLC_FLAG) return undefined;
  try {
    hdlcFrameDecodeLayout(bytes);
    return undefined;
  } catch (e) {
    if (!isCodecError(e) || (e.code !== 'bad-hcs' && e.code !== 'bad-fcs')) return undefined;
    return { bytes, error: { code: e.code, offset: at + e.offset, message: e.message } };
  }
}

function decode(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const errors: DecodeError[] = [];
  const warnings: HdlcWarning[] = [];
  const split = hdlcSplit(input, { final: true });
  type Entry = { offset: number; bytes: Uint8Array; valid: boolean };
  const entries: Entry[] = split.frames.map((f) => ({ offset: f.offset, bytes: f.bytes, valid: true }));
  for (const g of split.garbage) {
    const d = damagedFrame(input, g.offset);
    if (d) {
      errors.push(d.error);
      entries.push({ offset: g.offset, bytes: d.bytes, valid: false });
    } else {
      errors.push({ code: g.code, offset: g.offset, message: `${g.length} octet(s) outside any valid frame: ${g.message}` });
    }
  }
  entries.sort((a, b) => a.offset - b.offset);
  const decoded = entries.map((e, index) => ({ ...e, index, ...hdlcFrameDecodeLayout(e.bytes, { skipChecks: !e.valid }) }));
  const apdus = hdlcReassemble(
    decoded.filter((d) => d.valid).map((d) => ({ frame: d.frame, index: d.index, offset: d.offset })),
    warnings,
  );
  const inReassembly = new Set(apdus.flatMap((a) => a.frames));
  const frames = decoded.map((d) => ({
    valid: d.valid,
    ...hdlcFrameJson(d.frame, d.layout, d.bytes, d.offset, warnings, d.valid && !d.frame.segmented && !inReassembly.has(d.index)),
  }));
  if (input.length === 0) errors.push({ code: 'truncated', offset: 0, message: 'empty input' });
  if (opts.strict) errors.push(...warnings.splice(0));
  return { errors, warnings, frames, apdus };
}

export const decoder: LayerDecoder = {
  layer: 'hdlc',
  summary: 'HDLC frames of IEC 62056-46 (frame format type 3) found in a byte stream, with LLC and carried APDU',
  input: 'binary',
  decode,
  schema,
};
