/**
 * `meterproof decode acse`: one AARQ/AARE/RLRQ/RLRE per input, ASN.1 component names, the xDLMS APDU in
 * user-information decoded through the apdu codec when available (hex otherwise). Never throws: decoding
 * problems go to `errors` (with offsets) together with a best-effort BER tree; COSEM usage deviations go to
 * `warnings` (to `errors` with `strict`).
 */
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { acseDecode, acseWarnings } from './apdus.ts';
import { acseToJson, berTree, errorJson } from './json.ts';
import schema from './decode-schema.json' with { type: 'json' };

function decode(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const errors: DecodeError[] = [];
  try {
    const apdu = acseDecode(input);
    const warnings = acseWarnings(apdu);
    if (opts.strict) errors.push(...warnings);
    return { errors, warnings: opts.strict ? [] : warnings, length: input.length, ...acseToJson(apdu) };
  } catch (e) {
    errors.push(errorJson(e));
    return { errors, warnings: [], length: input.length, apdu: null, tlv: berTree(input) };
  }
}

export const decoder: LayerDecoder = {
  layer: 'acse',
  summary: 'ACSE APDUs (AARQ, AARE, RLRQ, RLRE; BER) with the xDLMS APDU carried in user-information',
  input: 'binary',
  decode,
  schema,
};
