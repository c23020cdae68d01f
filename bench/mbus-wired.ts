/**
 * Wired M-Bus decode throughput on a typical DSMR gas-meter RSP_UD (DSMR-P2 App. B1.3, 76 bytes):
 * plain, mode 15 encrypted with and without the key, the JSON document, and the stream framer.
 * Run through `npx tsx bench/mbus.ts`.
 */
import { type BenchRow, measure } from './lib.ts';
import { hexToBytes, concatBytes } from '../harness/codec/bytes.ts';
import { mbusTelegramDecode, mbusTelegramToJson, mbusSplit, mbusCryptoReady } from '../harness/codec/mbus/index.ts';

// Decryption goes through harness/security/mbus, loaded asynchronously by the codec.
const cryptoLoaded = await mbusCryptoReady();

const PLAIN = hexToBytes('684646680801728967452 3B4384203F60000002F2F01FD17000D78113938373635343332313031315858585858466D00000B3216004C139103000001FD67052F2F2F2F04FD08010000005316'.replace(/ /g, ''));
const ENCRYPTED = hexToBytes('68464668080172896745 23B4384203F600300F5D89BC448CD742A7054BC882A438429DD14E738FE52A8F769BEB2D097B4CAEC01F97DBF20E0407ABCD29B6D46E4ECA3D04FD08010000007A16'.replace(/ /g, ''));
const KEY = hexToBytes('000102030405060708090A0B0C0D0E0F');
const STREAM = concatBytes(...Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? concatBytes(Uint8Array.of(0x00, 0xff), PLAIN) : PLAIN)));

export default function bench(): BenchRow[] {
  const layer = 'mbus-wired';
  return [
    measure(layer, 'RSP_UD decode, plain', PLAIN.length, () => mbusTelegramDecode(PLAIN)),
    measure(layer, 'RSP_UD decode + JSON, plain', PLAIN.length, () => mbusTelegramToJson(mbusTelegramDecode(PLAIN))),
    measure(layer, 'RSP_UD decode, mode 15, no key', ENCRYPTED.length, () => mbusTelegramDecode(ENCRYPTED)),
    measure(layer, 'RSP_UD decode, mode 15 + decrypt', ENCRYPTED.length, () => mbusTelegramDecode(ENCRYPTED, { key: KEY }), 300,
      cryptoLoaded ? 'harness/security/mbus' : 'security layer missing: not decrypted'),
    measure(layer, 'framer: 100 frames + garbage', STREAM.length, () => mbusSplit(STREAM), 300, 'ops/s × 100 = frames/s'),
  ];
}
