/**
 * Independent reference computations for the wmbus tests — written separately from harness/codec/wmbus so
 * the tests can catch errors in it: CRC by polynomial long division over a bit list, block layout from the
 * EN 13757-4 rules restated, 3-out-of-6 via bit strings.
 */

/** Remainder of (message · x^16) mod G(x), G = x^16+x^13+x^12+x^11+x^10+x^8+x^6+x^5+x^2+1, then complemented. */
export function crcByDivision(bytes: Uint8Array): number {
  const g = [16, 13, 12, 11, 10, 8, 6, 5, 2, 0];
  const bits: number[] = [];
  for (const b of bytes) for (let i = 7; i >= 0; i--) bits.push((b >> i) & 1);
  for (let i = 0; i < 16; i++) bits.push(0);
  for (let i = 0; i + 16 < bits.length; i++) {
    if (bits[i] === 1) for (const e of g) bits[i + 16 - e] ^= 1;
  }
  let r = 0;
  for (const bit of bits.slice(bits.length - 16)) r = (r << 1) | bit!;
  return r ^ 0xffff;
}

export interface RefSegment { block: number; from: number; to: number; dataFrom: number }

/**
 * Where the CRCs sit, restated: format A — 10-byte first block, then 16-byte blocks, L excludes CRCs;
 * format B — L includes CRCs, first CRC after at most 126 bytes (L..A + 116 payload), optional 3rd block.
 */
export function refLayout(format: 'A' | 'B', l: number): RefSegment[] {
  const out: RefSegment[] = [];
  if (format === 'A') {
    out.push({ block: 1, from: 0, to: 10, dataFrom: 10 });
    let left = l - 9;
    let at = 12;
    let block = 2;
    while (left > 0) {
      const take = left >= 16 ? 16 : left;
      out.push({ block, from: at, to: at + take, dataFrom: at });
      at += take + 2;
      left -= take;
      block++;
    }
  } else {
    const total = l + 1;
    if (total <= 128) out.push({ block: 2, from: 0, to: total - 2, dataFrom: 10 });
    else {
      out.push({ block: 2, from: 0, to: 126, dataFrom: 10 });
      out.push({ block: 3, from: 128, to: total - 2, dataFrom: 128 });
    }
  }
  return out;
}

const TABLE10 = ['010110', '001101', '001110', '001011', '011100', '011001', '011010', '010011',
  '101100', '100101', '100110', '100011', '110100', '110001', '110010', '101001'];

export function refThreeOfSix(data: Uint8Array): Uint8Array {
  let bits = '';
  for (const b of data) bits += TABLE10[b >> 4]! + TABLE10[b & 15]!;
  if (bits.length % 8) bits += '0101';
  const out = new Uint8Array(bits.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(bits.slice(8 * i, 8 * i + 8), 2);
  return out;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
