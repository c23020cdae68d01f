/**
 * DSMR-P2 §3.2 — wireless link layer (EN 13757-4 format A): CRC blocks, L-field, C-field, manufacturer
 * code and link address, as the meter's frames show them and as it treats the E-meter's frames.
 */
import { bytesToHex } from '../../../harness/codec/bytes.ts';
import { wmbusCrcLayout, wmbusFrameLength } from '../../../harness/codec/wmbus/index.ts';
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, selection, versionsIn } from '../lib/ctx.ts';
import { manufacturerCode } from '../lib/tables.ts';
import {
  WL_BUDGET, appOf, expectAckWl, expectRefusedWl, expectRsp, firstFrame, framesUntilSndNr, kindOf, openFac, said, sampleFrames, versionsNow, window, wireless,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const hex = (b: Uint8Array) => bytesToHex(b, ' ');

/** Payload length n (CI onwards) of a format A frame of `total` bytes, or null (EN 13757-4 block layout). */
function payloadLengthOf(total: number): number | null {
  for (let n = 0; n <= 246; n++) if (wmbusFrameLength('A', n) === total) return n;
  return null;
}

section({
  id: 'dsmr-p2/3.2',
  title: 'Wireless frame format A and CRC blocks',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2/1',
      ref: 'DSMR-P2 §3.2, Table 4 [EN 13757-4 format A, CRC-16/EN-13757]',
      requirement: 'Every frame the meter sends is format A: a 10-byte first block and 16-byte blocks after it (the last shorter), each followed by a correct CRC sent high byte first.',
      mutants: ['p2.wl.crc-wrong'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await sampleFrames(t, (f) => {
          const bad = f.inspect.crc.filter((c) => c.valid !== true).map((c) => c.block);
          t.expectEqual(`${kindOf(f)}: blocks whose CRC does not verify`, bad, []);
          t.expectEqual(`${kindOf(f)}: frame length for L = ${f.raw[0]}`, f.raw.length, wmbusFrameLength('A', f.raw[0]! - 9));
        });
      },
    }),
    K({
      id: 'dsmr-p2/3.2/2',
      ref: 'DSMR-P2 §3.2, §5.2 item 2',
      requirement: 'An E-meter frame with a bad block CRC is dropped: no ACK and no effect.',
      mutants: ['p2.wl.accept-bad-crc'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const out = t.radio.control(selection(0x0c));
        const spoilt = out.bytes.slice();
        const block2 = wmbusCrcLayout('A', spoilt[0]! - 9)[1]!;
        spoilt[block2.crcOffset]! ^= 0xff;
        const f = await t.radio.transact(spoilt);
        if (f && f.c === WL_C.ACK && !f.repeat) t.fail('answer to a SND_UD with a bad CRC in block 2', 'no ACK', said(f));
        t.expectEqual('version records after the corrupted SND_UD', await versionsNow(t, 'RSP_UD after the corrupted SND_UD'), []);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.1',
  title: 'Length field (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.1/1',
      ref: 'DSMR-P2 §3.2.1 [EN 13757-4 format A]',
      requirement: 'L counts the bytes after L without the CRCs: L = 9 + the bytes from CI to the end.',
      mutants: ['p2.wl.l-counts-crc'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await sampleFrames(t, (f) => {
          const n = payloadLengthOf(f.raw.length);
          if (n === null) return t.fail(`${kindOf(f)}: frame size`, 'a format A size (12 + n + 2 per block)', f.raw.length);
          t.expectEqual(`${kindOf(f)}: L for ${n} bytes from CI on`, f.raw[0], 9 + n);
        });
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.2',
  title: 'Control field (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.2/1',
      ref: 'DSMR-P2 §3.2.2, Table 6',
      requirement: 'The meter only sends RSP_UD (08h), SND_NR (44h), ACK (00h) and SND_IR (46h) — never ACC_NR or ACC_DMD, also not in an idle FAC — and does not answer REQ_UD1.',
      mutants: ['p2.wl.emit-acc-nr', 'p2.wl.answer-req-ud1'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const seen = await framesUntilSndNr(t);
        const nr = seen[seen.length - 1];
        for (const f of t.radio.log) {
          t.expectTrue(`C-field of a ${kindOf(f)} frame`, [0x08, 0x44, 0x00, 0x46].includes(f.c), '08h, 44h, 00h or 46h', kindOf(f));
        }
        if (!nr || nr.c !== WL_C.SND_NR) t.inconclusive('the idle FAC was not followed by a SND_NR within 75 minutes');
        const f = await t.radio.transact(t.radio.reqUd1());
        if (f) t.fail('answer to REQ_UD1 (5Ah, not allowed)', 'nothing', said(f));
      },
    }),
    K({
      id: 'dsmr-p2/3.2.2/3',
      ref: 'DSMR-P2 §3.2.2 (the FCB is ignored)',
      requirement: 'The FCB is ignored on the radio too: SND_UD with C = 73h is acknowledged and executed, REQ_UD2 with C = 7Bh answered.',
      mutants: ['p2.wl.fcb-honoured'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const out = t.radio.control(selection(0x0d), { c: 0x73 });
        expectAckWl(t, await t.radio.transact(out), out, 'SND_UD with C = 73h');
        const f = expectRsp(t, await t.radio.transact(t.radio.reqUd2({ c: 0x7b })), 'REQ_UD2 with C = 7Bh');
        t.expectEqual('version records after the C = 73h selection', versionsIn(appOf(t, f, 'RSP_UD')), [0x0d]);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.3-wl',
  title: 'Manufacturer identification in the link address',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.3-wl/1',
      ref: 'DSMR-P2 §3.2.3 [EN 13757-3 manufacturer code]',
      requirement: 'The M-field carries the declared three letters packed 5 bits each (letter − 64, first letter highest), least significant byte first.',
      mutants: ['p2.id.man-byte-swap'],
      applies: all(wireless, (d) => (typeof d.feature('p2.manufacturer') === 'string' ? true : 'the profile declares no manufacturer (p2.manufacturer)')),
      appliesWhen: 'wireless device whose profile declares p2.manufacturer',
      budgetMs: WL_BUDGET,
      async run(t) {
        const letters = String(t.dut.feature('p2.manufacturer'));
        if (!/^[A-Z]{3}$/.test(letters)) t.inconclusive(`p2.manufacturer "${letters}" is not three capital letters`);
        const code = manufacturerCode(letters);
        const f = await firstFrame(t);
        t.expectEqual(`M-field of the first ${kindOf(f)} for "${letters}"`, hex(f.raw.subarray(2, 4)), hex(Uint8Array.of(code & 0xff, code >> 8)));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2.4',
  title: 'Address field (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2.4/1',
      ref: 'DSMR-P2 §3.2.4, footnote 1; digest A24',
      requirement: 'The meter\'s link address (M, then A = ID, VER, DEV) is the same 8 bytes in every frame it sends: SND_IR, SND_NR, RSP_UD and ACK.',
      mutants: ['p2.wl.lla-varies'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const first = hex((await firstFrame(t)).raw.subarray(2, 10));
        await sampleFrames(t, (f) => t.expectEqual(`link address of the ${kindOf(f)}`, hex(f.raw.subarray(2, 10)), first));
      },
    }),
    K({
      id: 'dsmr-p2/3.2.4/2',
      ref: 'DSMR-P2 §3.2.4, footnote 2',
      requirement: 'The meter ignores the E-meter\'s own M/A fields: frames carrying any E-meter address are served like frames carrying zeros.',
      mutants: ['p2.wl.check-emeter-lla'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const lla = { m: 0x2c2d, a: Uint8Array.of(0x78, 0x56, 0x34, 0x12, 0x42, 0x02) };
        await window(t);
        expectRsp(t, await t.radio.transact(t.radio.reqUd2(lla)), 'REQ_UD2 from an E-meter with a non-zero link address');
        const out = t.radio.control(selection(0x0e), lla);
        expectAckWl(t, await t.radio.transact(out), out, 'SND_UD from an E-meter with a non-zero link address');
        t.expectEqual('version records after that SND_UD', await versionsNow(t, 'RSP_UD'), [0x0e]);
      },
    }),
    K({
      id: 'dsmr-p2/3.2.4/3',
      ref: 'DSMR-P2 §3.2.4, §4.2.2, §4.4.1–§4.4.7',
      requirement: 'The meter acts only on E-meter frames whose long header names its own Short ID (ID, MAN, VER and DEV all equal).',
      mutants: ['p2.wl.ignore-target-id'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        const me = t.radio.identity!;
        const otherId = me.id.slice(0, 7) + String((Number(me.id[7]) + 1) % 10);
        const f0 = await t.radio.transact(t.radio.reqUd2({ target: { ...me, id: otherId } }));
        if (f0) t.fail(`answer to REQ_UD2 for ID ${otherId}`, 'nothing', said(f0));
        await openFac(t);
        const others = [
          ['MAN', { ...me, manufacturer: me.manufacturer === 'ABC' ? 'ABD' : 'ABC' }],
          ['VER', { ...me, version: (me.version + 1) & 0xff }],
          ['DEV', { ...me, medium: me.medium === 7 ? 6 : 7 }],
        ] as const;
        for (const [what, target] of others) {
          const out = t.radio.control(selection(0x0c), { target, identity: target });
          expectRefusedWl(t, await t.radio.transact(out), out, `SND_UD naming another ${what}`);
        }
        t.expectEqual('version records after SND_UD for other devices', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
  ],
});
