/** DSMR-P2 §4.2 — common control elements: data headers, Short ID, version, access number, status, configuration word. */
import { bytesToHex, concatBytes } from '../../harness/codec/bytes.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, awayFromHour, bench, ensureIdentity, ensureKeyed, expectRefused, iso, keyable, mustAck, read, readRecords, recordWithHead,
  selection, startAddress, stampOf, statusOf, versionsIn, wired, h2,
} from './lib/ctx.ts';
import { LONG_HEADER_LEN, METHOD, REC, SHORT_HEADER_LEN, STATUS, versionByte } from './lib/tables.ts';

const K = kase<P2GasContext>;
const isBcd = (b: Uint8Array) => b.every((x) => (x >> 4) <= 9 && (x & 15) <= 9);
const isLetters = (code: number) => code < 0x8000 && [code >> 10, code >> 5, code].every((v) => (v & 31) >= 1 && (v & 31) <= 26);

section({
  id: 'dsmr-p2/4.2.1',
  title: 'Data headers',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.1/1',
      ref: 'DSMR-P2 §4.2.1 (5Ah short header, 6Ch long header; digest A16)',
      requirement: 'The header length follows the CI: a CI 5Ah command with a long header and a CI 6Ch clock set with a short header are rejected.',
      mutants: ['p2.hdr.length-ignores-ci'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        const before = await readRecords(t, a);
        const id = t.master.identity!;
        // CI 5Ah body (short header replaced by the long one, same configuration word).
        const short = t.master.controlData(selection(0x0c));
        const longHdr = t.master.clockData(new Date(t.clock.now())).subarray(0, LONG_HEADER_LEN - 2);
        const as5a = concatBytes(longHdr, short.subarray(2, SHORT_HEADER_LEN), short.subarray(SHORT_HEADER_LEN));
        expectRefused(t, await t.master.sndUd(a, 0x5a, as5a), `CI 5Ah with a long header (${id.id})`);
        // CI 6Ch body with a short header: ACC ST CW then the time block for +3 h.
        const clk = t.master.clockData(new Date(t.clock.now() + 3 * 3_600_000));
        const as6c = concatBytes(clk.subarray(8, LONG_HEADER_LEN), clk.subarray(LONG_HEADER_LEN));
        expectRefused(t, await t.master.sndUd(a, 0x6c, as6c), 'CI 6Ch with a short header');
        const after = await readRecords(t, a);
        t.expectEqual('version records after CI 5Ah with a long header', versionsIn(after), []);
        t.expectEqual('hourly time stamp after CI 6Ch with a short header', iso(stampOf(after)), iso(stampOf(before)));
      },
    }),
    K({
      id: 'dsmr-p2/4.2.1/2',
      ref: 'DSMR-P2 §4.2.1, §4.2.2, §4.3.2 table',
      requirement: 'The RSP_UD long header starts with the Short ID in the order ID (4 BCD bytes), MAN, VER, DEV.',
      mutants: ['p2.hdr.man-before-id'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const rsp = await read(t, startAddress(t));
        const f = rsp.reply.frame.frame;
        const d = f.format === 'long' ? f.data : new Uint8Array(0);
        if (d.length < LONG_HEADER_LEN) t.fail('long header', `${LONG_HEADER_LEN} bytes`, bytesToHex(d));
        t.expectTrue('header bytes 1–4: identification number in BCD', isBcd(d.subarray(0, 4)), 'BCD digits', bytesToHex(d.subarray(0, 4), ' '));
        const man = d[4]! | (d[5]! << 8);
        t.expectTrue('header bytes 5–6: manufacturer letters', isLetters(man), 'three letters A–Z', bytesToHex(d.subarray(4, 6), ' '));
        const dev = t.dut.feature('p2.medium');
        if (typeof dev === 'number') t.expectEqual('header byte 8: device type', d[7], dev);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.2',
  title: 'Short ID',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.2/1',
      ref: 'DSMR-P2 §4.2.2, §6.4.1',
      requirement: 'The identification number is the BCD of the last 8 digits of the 10-digit serial number that ends the equipment identifier.',
      mutants: ['p2.id.not-from-eid'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const rsp = await readRecords(t, startAddress(t));
        const eid = recordWithHead(rsp, REC.equipmentId);
        const text = eid && typeof eid.value === 'string' ? eid.value : null;
        if (!text || text.length !== 17) return t.fail('equipment identifier record 0D 78', '17 characters', text ?? 'absent');
        t.expectEqual('identification number', rsp.header?.id, text.slice(-8));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.3',
  title: 'Version: DSMR compliance level',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.3/1',
      ref: 'DSMR-P2 §4.2.3 (example: 4.2 → 42h)',
      requirement: 'The version byte carries the DSMR level, major version in the high nibble and minor in the low one.',
      mutants: ['p2.hdr.version-wrong'],
      applies: all(wired, (d) => (typeof d.feature('p2.version') === 'string' ? true : 'the profile declares no DSMR level (p2.version, e.g. "4.2")')),
      appliesWhen: 'wired device whose profile declares p2.version',
      async run(t) {
        const level = String(t.dut.feature('p2.version'));
        const expected = versionByte(level);
        if (expected === null) t.inconclusive(`p2.version "${level}" is not major.minor`);
        const rsp = await read(t, startAddress(t));
        t.expectEqual(`version byte for DSMR ${level}`, rsp.header?.version, expected);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.4',
  title: 'Access number',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.4/1',
      ref: 'DSMR-P2 §4.2.4 [EN 13757-3 §5.9]',
      requirement: 'The access number goes up by one (modulo 256) with every RSP_UD.',
      mutants: ['p2.acc.frozen-wired'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        const seen: number[] = [];
        for (let i = 0; i < 20; i++) seen.push((await read(t, a)).header?.accessNumber ?? -1);
        for (let i = 1; i < seen.length; i++) t.expectEqual(`access number of RSP_UD ${i + 1} (after ${seen[i - 1]})`, seen[i], (seen[i - 1]! + 1) & 0xff);
        t.note(`access numbers ${seen[0]} … ${seen[seen.length - 1]}`);
      },
    }),
    K({
      id: 'dsmr-p2/4.2.4/2',
      ref: 'DSMR-P2 §4.2.4',
      requirement: 'The access number starts from a random value, not a constant: four power-ups do not all start at the same number.',
      mutants: ['p2.acc.init-zero'],
      applies: all(wired, bench),
      appliesWhen: 'simulated wired device (bus power switched by the bench)',
      async run(t) {
        const a = startAddress(t);
        const starts: number[] = [];
        for (let i = 0; i < 4; i++) {
          if (i) await t.bench!.powerCycle();
          starts.push((await read(t, a)).header?.accessNumber ?? -1);
        }
        t.note(`first access numbers after power-up: ${starts.join(', ')}`);
        t.expectTrue('first access number after four power-ups', new Set(starts).size > 1, 'not the same value each time', starts);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.5',
  title: 'Status byte of the header',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.5/1',
      ref: 'DSMR-P2 §4.2.5, §6.3.3, App. A',
      requirement: 'The header status byte is always 00h; the status travels only in the 01 FD 17 record.',
      mutants: ['p2.hdr.status-nonzero'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        mustAck(t, await t.master.setTime(a, new Date(t.clock.now() + 2 * 3_600_000)), 'clock synchronisation +2 h (raises status bit 5)');
        t.bench?.raiseStatus(STATUS.TEMPORARY);
        const rsp = await readRecords(t, a);
        const status = statusOf(t, rsp);
        t.expectTrue('status record shows the raised bit', (status & STATUS.CLOCK_SYNC) !== 0, 'bit 5 set', status);
        t.expectEqual('header status byte', rsp.header?.status, 0);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.6',
  title: 'Configuration word',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.6/1',
      ref: 'DSMR-P2 §4.2.6',
      requirement: 'In a wired RSP_UD every configuration-word bit other than the method (MMMM) and block count (NNNN) is 0, encrypted or not.',
      mutants: ['p2.cw.wired-extra-bits'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const a = startAddress(t);
        const check = (cw: number | undefined, what: string) =>
          t.expectEqual(`${what}: bits outside MMMM/NNNN`, h2(((cw ?? 0xffff) & 0xf00f) >> 8) + h2((cw ?? 0xffff) & 0x0f), '0000');
        const first = await read(t, a);
        check(first.header?.configWord, first.mode ? 'encrypted RSP_UD' : 'plain RSP_UD');
        if (first.mode || keyable(t.dut) !== true || !t.master.keys.default) return;
        check((await ensureKeyed(t, a, false)).header?.configWord, 'encrypted RSP_UD');
      },
    }),
    K({
      id: 'dsmr-p2/4.2.6/2',
      ref: 'DSMR-P2 §4.2.6, §5.1, App. B1.3 (CW 30 0F)',
      requirement: 'The configuration word is sent low byte first: the first byte holds the block count in its high nibble, the second the method 15 in its low nibble.',
      mutants: ['p2.cw.byte-swap'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const rsp = await ensureKeyed(t, a, false);
        const f = rsp.reply.frame.frame;
        const d = f.format === 'long' ? f.data : new Uint8Array(0);
        const [cw0, cw1] = [d[10] ?? 0, d[11] ?? 0];
        t.expectEqual('second configuration-word byte, low nibble (method)', cw1 & 0x0f, METHOD.AES);
        t.expectEqual('first configuration-word byte, low nibble', cw0 & 0x0f, 0);
        t.expectEqual('encrypted bytes between the header and the frame-counter record', d.length - LONG_HEADER_LEN - 7, (cw0 >> 4) * 16);
      },
    }),
  ],
});

