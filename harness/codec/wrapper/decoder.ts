/**
 * `meterproof decode wrapper`: one UDP datagram or a TCP byte stream holding any number of wrapper PDUs. Each
 * PDU shows its header (wPorts named where reserved) and its APDU decoded through the acse/apdu decoders.
 * A bad header is reported at its offset and decoding continues at the next plausible header. Never throws.
 */
import type { DecodeError, DecodedDocument, DecodeOptions, LayerDecoder } from '../decoder.ts';
import { isCodecError } from '../errors.ts';
import { nestedApduJson } from '../acse/json.ts';
import { wrapperHeaderDecode, wrapperWPortNames } from './pdu.ts';
import { wrapperStreamEnd, wrapperStreamInit, wrapperStreamPush } from './stream.ts';
import schema from './decode-schema.json' with { type: 'json' };

const wport = (v: number): Record<string, unknown> => {
  const names = wrapperWPortNames(v);
  return { value: v, ...(Object.keys(names).length ? { names } : {}) };
};

function decode(input: Uint8Array, opts: DecodeOptions): DecodedDocument {
  const errors: DecodeError[] = [];
  const warnings: DecodeError[] = [];
  const r = wrapperStreamPush(wrapperStreamInit(), input, { resync: true });
  const garbage = [...r.garbage, ...wrapperStreamEnd(r.state, { resync: true }).garbage];
  const only = r.pdus.length === 1 ? r.pdus[0]! : undefined;
  const firstEnd = only ? only.offset + 8 + only.apdu.length : -1;
  if (only && only.offset === 0 && garbage.length === 1 && garbage[0]!.code !== 'truncated' && garbage[0]!.offset === firstEnd && firstEnd + garbage[0]!.length === input.length) {
    // One PDU followed by octets that are no PDU: read as a datagram longer than its length field says.
    errors.push({ code: 'length-mismatch', offset: firstEnd, message: `${garbage[0]!.length} octet(s) after the ${only.apdu.length}-octet APDU` });
    garbage.length = 0;
  }
  for (const g of garbage) {
    let e: DecodeError = { code: g.code, offset: g.offset, message: `${g.length} octet(s) skipped: not a wrapper PDU` };
    try {
      wrapperHeaderDecode(input, g.offset);
    } catch (x) {
      if (isCodecError(x) && x.code === g.code) e = { code: x.code, offset: x.offset, message: `${x.message}; ${g.length} octet(s) skipped` };
    }
    if (g.code === 'truncated') e = { code: 'truncated', offset: input.length, message: `input ends inside a wrapper PDU starting at offset ${g.offset}` };
    errors.push(e);
  }
  const pdus = r.pdus.map((p) => {
    if (p.apdu.length === 0) warnings.push({ code: 'empty-apdu', offset: p.offset + 6, message: 'wrapper PDU with a zero length' });
    return {
      offset: p.offset,
      version: p.version,
      'source-wport': wport(p.srcWPort),
      'destination-wport': wport(p.dstWPort),
      length: p.apdu.length,
      apdu: nestedApduJson(p.apdu),
    };
  });
  if (input.length === 0) errors.push({ code: 'truncated', offset: 0, message: 'empty input' });
  if (opts.strict) errors.push(...warnings.splice(0));
  return { errors, warnings, pdus };
}

export const decoder: LayerDecoder = {
  layer: 'wrapper',
  summary: 'DLMS/COSEM wrapper PDUs (IEC 62056-47, TCP/UDP) with the carried APDU',
  input: 'binary',
  decode,
  schema,
};
