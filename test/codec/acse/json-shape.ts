/** The JSON shape of vectors/acse.json `expected.apdu`: the codec value with octets as upper-case hex. */
import { bytesToHex } from '../../../harness/codec/bytes.ts';

export function toVectorJson(v: unknown): unknown {
  if (v instanceof Uint8Array) return bytesToHex(v);
  if (Array.isArray(v)) return v.map(toVectorJson);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toVectorJson(x)]));
  }
  return v;
}
