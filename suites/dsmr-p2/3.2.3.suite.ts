/**
 * DSMR-P2 §3.2.3 — manufacturer identification. The section sits under the wireless link layer, but the
 * same MAN coding is the one of the wired long header (§4.2.2, EN 13757-3), so the wired gas meter is
 * checked here; the wireless suite adds its own link-address cases beside this file.
 */
import { bytesToHex } from '../../harness/codec/bytes.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { all, read, startAddress, wired } from './lib/ctx.ts';
import { manufacturerCode } from './lib/tables.ts';

section({
  id: 'dsmr-p2/3.2.3',
  title: 'Manufacturer identification (MAN)',
  family: p2GasFamily,
  cases: [
    kase<P2GasContext>({
      id: 'dsmr-p2/3.2.3/1',
      ref: 'DSMR-P2 §3.2.3, §4.2.2 [EN 13757-3 manufacturer code]',
      requirement: 'MAN carries the declared three letters packed 5 bits each (letter − 64, first letter highest), least significant byte first.',
      mutants: ['p2.id.man-byte-swap'],
      applies: all(wired, (d) => (typeof d.feature('p2.manufacturer') === 'string' ? true : 'the profile declares no manufacturer (p2.manufacturer)')),
      appliesWhen: 'wired device whose profile declares p2.manufacturer',
      async run(t) {
        const letters = String(t.dut.feature('p2.manufacturer'));
        if (!/^[A-Z]{3}$/.test(letters)) t.inconclusive(`p2.manufacturer "${letters}" is not three capital letters`);
        const code = manufacturerCode(letters);
        const rsp = await read(t, startAddress(t));
        const f = rsp.reply.frame.frame;
        const d = f.format === 'long' ? f.data : new Uint8Array(0);
        if (d.length < 6) t.fail('long header', '12 bytes', bytesToHex(d));
        t.expectEqual(`MAN bytes for "${letters}"`, bytesToHex(d.subarray(4, 6), ' '), bytesToHex(Uint8Array.of(code & 0xff, code >> 8), ' '));
      },
    }),
  ],
});
