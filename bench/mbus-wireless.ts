/**
 * Wireless M-Bus throughput: link-layer decode of a plain frame, the full `decode wmbus` path, the T-mode
 * chip layer, DSMR mode 15 and mode 5 decryption. Inputs are the golden frames of vectors/wmbus.json.
 * Run: `npx tsx bench/mbus-wireless.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hexToBytes } from '../harness/codec/bytes.ts';
import { threeOfSixEncode, wmbusFrameDecode, wmbusFrameEncode, wmbusTModeDecode } from '../harness/codec/wmbus/index.ts';
import { decoder } from '../harness/codec/wmbus/decoder.ts';
import { mode15Open, mode5Open } from '../harness/security/mbus/index.ts';
import { type BenchRow, measure, printRows } from './lib.ts';

interface T { comment: string; hex: string }
const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../vectors/wmbus.json', import.meta.url)), 'utf8')) as { groups: { tests: T[] }[] };
const frame = (prefix: string) => hexToBytes(vectors.groups.flatMap((g) => g.tests).find((t) => t.comment.startsWith(prefix))!.hex);

export default function bench(): BenchRow[] {
  const plain = frame('format A, 246 payload bytes'); // largest plain format A frame
  const small = frame('SND_IR plain');
  const snr = frame('SND_NR meter data'); // DSMR mode 15, 3 blocks
  const oms = frame('OMS Vol.2 Annex N.2.1'); // mode 5, 2 blocks
  const tmode = threeOfSixEncode(snr);
  const snrPayload = wmbusFrameDecode(snr).payload;
  const omsPayload = wmbusFrameDecode(oms).payload;
  const userKey = hexToBytes('000102030405060708090A0B0C0D0E0F');
  const omsKey = hexToBytes('0102030405060708090A0B0C0D0E0F11');
  const net = { manufacturer: 'NET', id: '23456789', version: 0x42, medium: 3 };
  const els = { manufacturer: 'ELS', id: '12345678', version: 0x33, medium: 3 };
  const f = wmbusFrameDecode(plain);
  return [
    measure('wmbus', 'frame decode (plain, 290 B)', plain.length, () => wmbusFrameDecode(plain)),
    measure('wmbus', 'frame decode (plain, SND_IR 19 B)', small.length, () => wmbusFrameDecode(small)),
    measure('wmbus', 'frame encode (plain, 290 B)', plain.length, () => wmbusFrameEncode(f)),
    measure('wmbus', 'decode wmbus → JSON (SND_NR)', snr.length, () => decoder.decode(snr, {}), 300, 'app layer as loaded'),
    measure('wmbus', 'T-mode 3-of-6 + frame decode', tmode.length, () => wmbusTModeDecode(tmode)),
    measure('mbus-crypto', 'mode 15 open (DSMR SND_NR, 3 blocks)', snr.length, () => mode15Open({ key: userKey, link: net, blocks: 3, body: snrPayload.subarray(5) })),
    measure('mbus-crypto', 'mode 5 open (OMS N.2.1, 2 blocks)', oms.length, () => mode5Open({ key: omsKey, link: els, accessNumber: 0x2a, blocks: 2, body: omsPayload.subarray(5) })),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printRows('wireless M-Bus', bench());
