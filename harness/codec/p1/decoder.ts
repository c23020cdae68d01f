/**
 * `meterproof decode p1`: one JSON document per telegram (schema: decode-schema.json). Always decodes
 * leniently so every value that can be read is shown; deviations go to `errors` with a severity
 * (opts.strict makes every deviation an error).
 */
import type { DecodedDocument, DecodeError, DecodeOptions, LayerDecoder } from '../decoder.ts';
import schema from './decode-schema.json' with { type: 'json' };
import { P1Error, p1Severity, type P1Severity } from './errors.ts';

/** An entry of `errors`: the shared DecodeError plus whether it is an error or a warning. */
export type P1DecodeError = DecodeError & { line: number; column: number; severity: P1Severity };
import { p1Frame } from './framer.ts';
import { p1Parse } from './parse.ts';

function p1Decode(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const severity = (code: string): P1Severity => (opts.strict ? 'error' : p1Severity(code));
  try {
    const t = p1Parse(input, { mode: 'lenient' });
    return {
      header: t.header.raw,
      crc: { expected: t.crc.computed, actual: t.crc.stated, valid: t.crc.valid },
      objects: t.objects.map((o) => ({
        obis: o.obis,
        values: o.values.map((v) => ({ raw: v.raw, value: v.value, unit: v.unit })),
        line: o.line,
      })),
      errors: t.deviations.map((d): P1DecodeError => ({ code: d.code, line: d.line, column: d.column, offset: d.offset, message: d.message, severity: severity(d.code) })),
    };
  } catch (e) {
    if (!(e instanceof P1Error)) throw e;
    return {
      header: null,
      crc: { expected: null, actual: null, valid: null },
      objects: [],
      errors: [{ code: e.code, line: e.line ?? 1, column: e.column ?? 1, offset: e.offset, message: e.message, severity: 'error' } satisfies P1DecodeError as P1DecodeError],
    };
  }
}

/**
 * `--lines`: one input per telegram (each ends with its `!XXXX` line). Whitespace between telegrams is
 * dropped; other garbage stays in front of the telegram it precedes (reported as garbage-before-header)
 * or, at the end, becomes an input of its own (reported as no-telegram).
 */
function p1DecodeSplit(stream: string): string[] {
  const { pieces, rest } = p1Frame(stream, true);
  const out: string[] = [];
  let junk = '';
  for (const p of pieces) {
    if (p.kind === 'garbage') { if (p.text.trim() !== '') junk += p.text; continue; }
    out.push(junk + p.text);
    junk = '';
  }
  if (rest || junk.trim() !== '') out.push(junk + rest);
  return out;
}

export const decoder: LayerDecoder = {
  layer: 'p1',
  summary: 'DSMR P1 telegram (header, objects, CRC-16/ARC check, format deviations)',
  input: 'text',
  decode: p1Decode,
  schema,
  split: p1DecodeSplit,
};
