/**
 * `meterproof decode axdr`: one COSEM Data value (A-XDR) → `{ layer, length, data, errors }`, where
 * `data` is the `axdrToJson` tree (or null when decoding failed). Never throws: decoding problems become
 * `errors` entries with code and offset; non-canonical constructs accepted by the lenient decode are
 * reported as entries with `severity: "warning"` (with `--strict` they are errors). JSON Schema:
 * decode-schema.json beside this file.
 */
import { isCodecError } from '../errors.ts';
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { axdrDecodeAt } from './decode.ts';
import { axdrToJson } from './json.ts';
import schema from './decode-schema.json' with { type: 'json' };

export type DecodeWarning = DecodeError & { severity: 'warning' };

/** A problem entry from any thrown value; only CodecErrors carry their own code and offset. */
export function errorEntry(e: unknown): DecodeError {
  if (isCodecError(e)) return { code: e.code, offset: e.offset, message: e.message };
  return { code: 'internal-error', message: `unexpected failure: ${e instanceof Error ? e.message : String(e)}` };
}

export function warningEntry(code: string, offset: number, message: string): DecodeWarning {
  return { code, offset, message, severity: 'warning' };
}

export function decodeAxdrDocument(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const errors: DecodeError[] = [];
  let data: unknown = null;
  try {
    const { value, end } = axdrDecodeAt(input, 0, {
      strict: opts.strict ?? false,
      onNonCanonical: (code, offset) => errors.push(warningEntry(code, offset, `axdr: accepted a non-canonical encoding (${code} at offset ${offset})`)),
    });
    data = axdrToJson(value);
    if (end !== input.length) {
      errors.push({ code: 'trailing-bytes', offset: end, message: `axdr: ${input.length - end} byte(s) after the Data value (trailing-bytes at offset ${end})` });
    }
  } catch (e) {
    errors.push(errorEntry(e));
  }
  return { layer: 'axdr', length: input.length, data, errors };
}

export const decoder: LayerDecoder = {
  layer: 'axdr',
  summary: 'COSEM Data (A-XDR, IEC 62056-6-2): typed { type, value } tree with OBIS and date-time hints',
  input: 'binary',
  decode: decodeAxdrDocument,
  schema,
};
