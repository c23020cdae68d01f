/** `meterproof decode mbus <hex|file|->`: one wired M-Bus telegram → one JSON document (decode-schema.json). */
import type { LayerDecoder, DecodedDocument, DecodeOptions } from '../decoder.ts';
import { MbusError, issueFromError } from './errors.ts';
import { mbusTelegramDecode, mbusTelegramToJson } from './telegram.ts';
import { mbusCryptoReady } from './crypto.ts';
import schema from './decode-schema.json' with { type: 'json' };

// The decoder is loaded asynchronously by the CLI; make decryption available before the first decode.
await mbusCryptoReady();

export function mbusDecodeDocument(input: Uint8Array, opts: DecodeOptions = {}): DecodedDocument {
  try {
    const t = mbusTelegramDecode(input, { allowBadChecksum: true, ...(opts.key ? { key: opts.key } : {}), ...(opts.strict ? { strict: true } : {}) });
    const doc = mbusTelegramToJson(t) as DecodedDocument & { warnings: DecodedDocument['errors'] };
    if (opts.strict && doc.warnings.length) { doc.errors.push(...doc.warnings); doc.warnings = []; }
    return doc;
  } catch (e) {
    if (!(e instanceof MbusError)) throw e;
    return { link: null, ci: null, header: null, records: [], errors: [issueFromError(e)], warnings: [], dsmr: [] };
  }
}

export const decoder: LayerDecoder = {
  layer: 'mbus',
  summary: 'wired M-Bus telegram (EN 13757-2 frame, EN 13757-3 records, DSMR-P2 checks); --key decrypts mode 15/5',
  input: 'binary',
  decode: mbusDecodeDocument,
  schema,
};
