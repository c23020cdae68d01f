/** DSMR-P2 §8.4.2, §4.4.7, §4.2.2, §4.2.1 — wireless binding by SND_IR / CNF_IR, E-meter side. */
import { kase, section } from '../../../harness/runner/dsl.ts';
import { p2EmeterWirelessFamily, type P2EmeterWirelessContext } from '../../../harness/roles/p2-emeter-wireless-family.ts';
import { answersTo, crcOk, appliesWhen, bench, CH, GAS, hex, sndIrOfRegistered, STRANGER, wirelessP3, type T } from './lib.ts';

const K = kase<P2EmeterWirelessContext>;
/** GAS as a long header (ID LSB first, MAN 'NET' = 38B4h LSB first, VER, DEV): DSMR-P2 §4.2.1, §4.2.2, App. B. */
const GAS_SHORT_ID = '78563412B4384203';

section({
  id: 'dsmr-p2/8.4.2.1',
  title: 'Wireless binding: registered devices only (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/8.4.2.1/1',
      ref: 'DSMR-P2 §8.4.2.1 item 1, §8.4.2.2',
      requirement: 'Each installation request of a device whose Short ID is registered gets a CNF_IR, every time it is repeated; a device that is not registered gets none.',
      mutants: ['p2.cnf.to-unregistered', 'p2.master.lla-order'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const m = t.radio.addMeter(GAS);
        const other = t.radio.addMeter(STRANGER);
        bench(t).registerDevice(CH, GAS);
        for (let i = 0; i < 3; i++) {
          const a = await answersTo(t, () => other.sndIr(), 60_000);
          t.expectEqual(`E-meter frames after SND_IR ${i + 1} of an unregistered device`, a.map((r) => hex(r.raw)), []);
          const b = await answersTo(t, () => m.sndIr(), 60_000);
          t.expectEqual(`CNF_IR after SND_IR ${i + 1} of the registered device`, b.filter((r) => r.c === 0x06).length, 1);
        }
        t.expectEqual('channel bound to the registered meter', bench(t).readClientSetup(CH)?.installed, true);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.2',
  title: 'Short ID against the link address (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.2/2',
      ref: 'DSMR-P2 §4.2.2, §3.2.4',
      requirement: 'The E-meter recognises a registered Short ID (ID, MAN, VER, DEV) in the link address of a wireless frame, where MAN comes before ID.',
      mutants: ['p2.master.lla-order'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { got } = await sndIrOfRegistered(t);
        t.expectEqual('CNF_IR frames answering the registered meter', got.filter((r) => r.c === 0x06).length, 1);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.7',
  title: 'Installation request and confirmation (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.7/2',
      ref: 'DSMR-P2 §4.4.7, §4.2.1, §4.2.5',
      requirement: 'A CNF_IR is C 06h with CI 80h and a long header naming the device, carrying the access number of the SND_IR it confirms, status 00h and configuration word 0000h.',
      mutants: ['p2.cnf.acc-not-copied'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { got, cnf } = await sndIrOfRegistered(t, { acc: 0xa7 });
        if (!cnf?.inspect.frame) t.fail('CNF_IR after a SND_IR of a registered meter', 'a CNF_IR', got.map((r) => hex(r.raw)));
        t.expectEqual('CNF_IR CI, long header, ACC, ST, CW', hex(cnf.inspect.frame.payload), `80${GAS_SHORT_ID}A7000000`);
      },
    }),
    K({
      id: 'dsmr-p2/4.4.7/3',
      ref: 'DSMR-P2 §4.4, §4.4.7, §2.2 (EN 13757-4 T2 t_RO)',
      requirement: 'The CNF_IR starts while the device still listens after its SND_IR (a few milliseconds).',
      mutants: ['p2.cnf.late'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { cnf } = await sndIrOfRegistered(t);
        if (!cnf) t.inconclusive('no CNF_IR to a registered meter');
        // t_RO ≈ 2–3 ms after the device frame (digest §2.6, to verify against EN 13757-4).
        if (cnf.afterTxMs > 3) t.fail('CNF_IR start after the end of the SND_IR, ms', '≤ 3', cnf.afterTxMs);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.1-wl',
  title: 'Long header address order (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.1-wl/2',
      ref: 'DSMR-P2 §4.2.1, §4.2.2',
      requirement: 'The long header of the E-meter\'s wireless frames gives the target as ID, then MAN, VER and DEV.',
      mutants: ['p2.hdr.man-before-id'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { cnf } = await sndIrOfRegistered(t);
        if (!cnf?.inspect.frame) t.inconclusive('no CNF_IR to a registered meter');
        t.expectEqual('Short ID in the CNF_IR long header', hex(cnf.inspect.frame.payload.subarray(1, 9)), GAS_SHORT_ID);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/3.2',
  title: 'Frame format A and CRC (wireless E-meter)',
  family: p2EmeterWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/3.2/1',
      ref: 'DSMR-P2 §3.2, Table 4 (EN 13757-4 format A)',
      requirement: 'Every frame the E-meter transmits is format A: a 10-byte first block and 16-byte blocks after it, each followed by a valid CRC-16/EN-13757.',
      mutants: ['p2.wl.crc-wrong'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { got } = await sndIrOfRegistered(t);
        if (!got.length) t.inconclusive('the E-meter sent nothing to a registered meter');
        for (const r of got) t.expectEqual(`CRC blocks of E-meter frame ${hex(r.raw)}`, crcOk(r.raw), true);
      },
    }),
    K({
      id: 'dsmr-p2/3.2/2',
      ref: 'DSMR-P2 §3.2, Table 4, §5.2 item 2',
      requirement: 'An installation request whose block CRC is wrong is dropped: no CNF_IR, no binding.',
      mutants: ['p2.wl.accept-bad-crc'],
      applies: wirelessP3,
      appliesWhen,
      async run(t: T) {
        const { m, got: bad } = await sndIrOfRegistered(t, { badCrc: true });
        t.expectEqual('E-meter frames after a SND_IR with a bad CRC', bad.map((r) => hex(r.raw)), []);
        t.expectEqual('channel bound after the bad SND_IR', bench(t).readClientSetup(CH)?.installed, false);
        const good = await answersTo(t, () => m.sndIr());
        if (!good.some((r) => r.c === 0x06)) t.inconclusive('no CNF_IR to an intact SND_IR either');
      },
    }),
  ],
});
