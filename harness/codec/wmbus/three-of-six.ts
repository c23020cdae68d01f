/**
 * T-mode channel coding of EN 13757-4: "3 out of 6". Every data nibble becomes a 6-chip symbol with exactly
 * three ones (EN 13757-4 Table 10, reproduced by the public TI, rtl_433 and culfw implementations); a byte
 * is sent high nibble first, so n bytes give 12·n chips, most significant chip first. When n is odd the last
 * octet is completed with the postamble chips 0101. Only 16 of the 20 three-ones symbols are used; any other
 * 6-chip value is a coding error. DSMR wireless uses T2 (DSMR-P2 §2.2), meter → E-meter in this coding, always
 * with frame format A.
 */
import { WmbusError } from './errors.ts';
import { type WmbusFrame, wmbusFrameDecode, wmbusFrameEncode, wmbusFrameLength, wmbusPayloadLength } from './frame.ts';

const ENCODE = [0x16, 0x0d, 0x0e, 0x0b, 0x1c, 0x19, 0x1a, 0x13, 0x2c, 0x25, 0x26, 0x23, 0x34, 0x31, 0x32, 0x29] as const;
const DECODE = /* @__PURE__ */ (() => {
  const t = new Int8Array(64).fill(-1);
  ENCODE.forEach((sym, nibble) => { t[sym] = nibble; });
  return t;
})();

/** Chips → bytes needed for `n` data bytes. */
export const threeOfSixLength = (n: number): number => Math.ceil((n * 12) / 8);

export function threeOfSixEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(threeOfSixLength(data.length));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < data.length; i++) {
    acc = ((acc << 12) | (ENCODE[data[i]! >>> 4]! << 6) | ENCODE[data[i]! & 0x0f]!) >>> 0;
    bits += 12;
    while (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits === 4) out[o] = ((acc << 4) | 0b0101) & 0xff; // postamble chips fill the last octet
  return out;
}

/**
 * Decode `count` bytes (default: as many whole 12-chip pairs as the input holds; trailing chips are
 * postamble). Throws `invalid-3of6-symbol` at the byte offset where the bad symbol starts.
 */
export function threeOfSixDecode(chips: Uint8Array, count?: number): Uint8Array {
  const max = Math.floor((chips.length * 8) / 12);
  const n = count ?? max;
  if (!Number.isInteger(n) || n < 0) throw new WmbusError('bad-field', 0, `byte count must be a non-negative integer, got ${n}`);
  if (n > max) throw new WmbusError('truncated', chips.length, `${n} bytes need ${threeOfSixLength(n)} chip octets, got ${chips.length}`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const hi = symbolAt(chips, 2 * i);
    const lo = symbolAt(chips, 2 * i + 1);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function symbolAt(chips: Uint8Array, k: number): number {
  const bit = 6 * k;
  const byte = bit >>> 3;
  const word = (chips[byte]! << 8) | (chips[byte + 1] ?? 0);
  const sym = (word >>> (10 - (bit & 7))) & 0x3f;
  const v = DECODE[sym]!;
  if (v < 0) {
    throw new WmbusError('invalid-3of6-symbol', byte,
      `symbol ${k} (chips ${bit}..${bit + 5}) is ${sym.toString(2).padStart(6, '0')}, not a 3-out-of-6 code word`);
  }
  return v;
}

/** A format A frame as T-mode chips (what follows the sync word). */
export function wmbusTModeEncode(frame: WmbusFrame): Uint8Array {
  if (frame.format !== 'A') throw new WmbusError('format-b-in-t-mode', 0, 'T-mode frames use frame format A');
  return threeOfSixEncode(wmbusFrameEncode(frame));
}

/**
 * T-mode chips → frame: the receiver decodes L first to know how long the frame is, then the rest; chips
 * after the frame are postamble. Link-layer error offsets are mapped back to chip octets.
 */
export function wmbusTModeDecode(chips: Uint8Array): WmbusFrame {
  const l = threeOfSixDecode(chips, Math.min(1, Math.floor((chips.length * 8) / 12)))[0];
  if (l === undefined) throw new WmbusError('too-short', chips.length, 'no L-field: fewer than 12 chips');
  const n = wmbusPayloadLength('A', l);
  if (n === null) throw new WmbusError('l-field-invalid', 0, `L-field ${l} is below 9`);
  const bytes = threeOfSixDecode(chips, wmbusFrameLength('A', n));
  try {
    return wmbusFrameDecode(bytes, { format: 'A' });
  } catch (e) {
    if (!(e instanceof WmbusError)) throw e;
    const mapped = new WmbusError(e.code, Math.floor((e.offset * 12) / 8), `${e.message.replace(/^wmbus: /, '').replace(/ \([^)]*\)$/, '')} (decoded byte ${e.offset})`);
    if (e.block !== undefined) mapped.block = e.block;
    throw mapped;
  }
}
