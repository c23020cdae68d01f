/**
 * Benchmarks of the DLMS link-level codecs: HDLC frames (short and 2 KiB), the HDLC framer over a long noisy
 * stream, wrapper reassembly of a chunked TCP stream, and AARQ/AARE BER encode/decode. Prints numbers only.
 */
import { type BenchRow, measure, printRows } from '../lib.ts';
import { hexToBytes } from '../../harness/codec/bytes.ts';
import {
  type HdlcFrame,
  hdlcClientAddress,
  hdlcFrameDecode,
  hdlcFrameEncode,
  hdlcFramer,
  hdlcMaxInfoLength,
  hdlcServerAddress,
} from '../../harness/codec/hdlc/index.ts';
import { wrapperEncode, wrapperReassembler } from '../../harness/codec/wrapper/index.ts';
import { aareDecode, aareEncode, aarqDecode, aarqEncode } from '../../harness/codec/acse/index.ts';

export default function bench(): BenchRow[] {
  const rows: BenchRow[] = [];

  const snrm: HdlcFrame = { segmented: false, destination: hdlcServerAddress(1, 17), source: hdlcClientAddress(16), control: { type: 'SNRM', pf: true }, info: new Uint8Array(0) };
  const aarqInfo = hexToBytes('E6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF');
  const shortI: HdlcFrame = { ...snrm, control: { type: 'I', ns: 0, nr: 0, pf: true }, info: aarqInfo };
  const big: HdlcFrame = { ...shortI, info: Uint8Array.from({ length: hdlcMaxInfoLength(2, 1) }, (_, i) => (i * 31) & 0xff) };
  const shortBytes = hdlcFrameEncode(shortI);
  const bigBytes = hdlcFrameEncode(big);
  rows.push(measure('hdlc', 'encode SNRM (no information)', 10, () => hdlcFrameEncode(snrm)));
  rows.push(measure('hdlc', `encode I frame ${shortBytes.length} B`, shortBytes.length, () => hdlcFrameEncode(shortI)));
  rows.push(measure('hdlc', `decode I frame ${shortBytes.length} B`, shortBytes.length, () => hdlcFrameDecode(shortBytes)));
  rows.push(measure('hdlc', `encode I frame ${bigBytes.length} B`, bigBytes.length, () => hdlcFrameEncode(big)));
  rows.push(measure('hdlc', `decode I frame ${bigBytes.length} B`, bigBytes.length, () => hdlcFrameDecode(bigBytes)));

  // A 1 MiB-ish stream: frames of mixed sizes with noise between them, fed in 256-octet reads.
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; total < 1 << 20; i++) {
    const f = hdlcFrameEncode(i % 7 === 0 ? big : shortI);
    const noise = Uint8Array.from({ length: i % 5 }, (_, k) => (k * 97 + i) & 0xff);
    parts.push(noise, f);
    total += noise.length + f.length;
  }
  const stream = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    stream.set(p, o);
    o += p.length;
  }
  rows.push(
    measure('hdlc', 'framer 1 MiB stream, 256 B reads', stream.length, () => {
      const fr = hdlcFramer();
      let n = 0;
      for (let i = 0; i < stream.length; i += 256) n += fr.push(stream.subarray(i, i + 256)).frames.length;
      return n + fr.end().frames.length;
    }, 1000),
  );

  const pdu = wrapperEncode({ srcWPort: 1, dstWPort: 16, apdu: Uint8Array.from({ length: 500 }, (_, i) => i & 0xff) });
  const tcp = new Uint8Array(pdu.length * 2000);
  for (let i = 0; i < 2000; i++) tcp.set(pdu, i * pdu.length);
  rows.push(
    measure('wrapper', 'reassemble 1 MB stream, 1460 B reads', tcp.length, () => {
      const r = wrapperReassembler();
      let n = 0;
      for (let i = 0; i < tcp.length; i += 1460) n += r.push(tcp.subarray(i, i + 1460)).length;
      r.end();
      return n;
    }, 1000),
  );

  const aarqBytes = hexToBytes('6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A80083132333435363738BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855');
  const aareBytes = hexToBytes('6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007');
  const aarq = aarqDecode(aarqBytes);
  const aare = aareDecode(aareBytes);
  rows.push(measure('acse', `AARQ decode ${aarqBytes.length} B`, aarqBytes.length, () => aarqDecode(aarqBytes)));
  rows.push(measure('acse', `AARQ encode ${aarqBytes.length} B`, aarqBytes.length, () => aarqEncode(aarq)));
  rows.push(measure('acse', `AARE decode ${aareBytes.length} B`, aareBytes.length, () => aareDecode(aareBytes)));
  rows.push(measure('acse', `AARE encode ${aareBytes.length} B`, aareBytes.length, () => aareEncode(aare)));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) printRows('DLMS link codecs (hdlc, wrapper, acse)', bench());
