/**
 * DSMR-P2 §4.4 — wireless messages and the Frequent Access Cycle: FAC length and spacing, SND_NKE,
 * SND_NR, ACK, the void request, on-demand RSP_UD, the unencrypted SND_UD and SND_IR.
 *
 * FAC spacing tolerance (ours): consecutive device transmissions of one FAC are N s apart with N one of
 * 2–5 s (DSMR-P2 §4.4); measured gaps must agree within 100 ms and lie in [1.9 s, 5.1 s].
 */
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C, WL_CI, type WlFrame } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, recordWithHead, rekeyable, selection } from '../lib/ctx.ts';
import { APP_B, METHOD, REC, SECOND_USER_KEY } from '../lib/tables.ts';
import {
  WL_BUDGET, accOf, appOf, cwOf, expectAckWl, expectRsp, framesUntilSndNr, installable, isRsp, kindOf, openFac, readWl, said, versionsNow, window, wireless,
  type W,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const hexCw = (cw: number | null) => (cw === null ? 'no header' : `${cw.toString(16).toUpperCase().padStart(4, '0')}h`);
const FC_RECORD = REC.frameCounter.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** Open a FAC with REQ_UD2, then stay silent: the SND_NR, the FAC's transmissions, and the frame after them. */
async function idleFac(t: W): Promise<{ nr: WlFrame; fac: WlFrame[]; after: WlFrame | undefined }> {
  const nr = await window(t);
  const first = await t.radio.transact(t.radio.reqUd2());
  if (!isRsp(first)) return t.inconclusive(`REQ_UD2 after SND_NR was not answered with RSP_UD (${said(first)})`);
  const rest = await framesUntilSndNr(t);
  const after = rest[rest.length - 1]?.c === WL_C.SND_NR ? rest.pop() : undefined;
  return { nr, fac: [first, ...rest], after };
}

/** The meter data frame checks shared by SND_NR and SND_IR (DSMR-P2 §4.4.2, §4.4.7): short header, method by key state. */
function checkDataFrame(t: W, f: WlFrame, c: number): void {
  const name = kindOf(f);
  t.expectEqual(`${name}: C-field`, f.c, c);
  t.expectEqual(`${name}: CI (short header)`, f.ci, WL_CI.DATA);
  const cw = cwOf(f);
  const mode = cw === null ? -1 : (cw >> 8) & 0x0f;
  const keyed = t.radio.keys.user !== null || t.dut.has('p2.user-key');
  t.expectEqual(`${name}: encryption method (${keyed ? 'user key set' : 'no user key'})`, mode, keyed ? METHOD.AES : METHOD.NONE);
  if (mode === METHOD.AES) {
    const p = f.inspect.frame!.payload;
    const after = p.subarray(5 + ((cw! >> 4) & 0x0f) * 16);
    t.expectEqual(`${name}: clear bytes after the encrypted blocks`, [...after.subarray(0, 3)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' '), FC_RECORD);
  }
}

section({
  id: 'dsmr-p2/4.4',
  title: 'Frequent Access Cycle',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4/1',
      ref: 'DSMR-P2 §4.4 (at most 6 transmissions per FAC, no time-out)',
      requirement: 'A FAC the E-meter leaves idle ends after at most 6 transmissions of the meter; then it is silent until its next hourly SND_NR.',
      mutants: ['p2.fac.unbounded'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const { fac, after } = await idleFac(t);
        t.note(`FAC transmissions: ${fac.map(kindOf).join(', ')}`);
        t.expectTrue('device transmissions in the idle FAC', fac.length <= 6, 'at most 6', fac.length);
        t.expectTrue('next frame after the FAC', after?.c === WL_C.SND_NR, 'the hourly SND_NR', after ? kindOf(after) : 'none within 75 minutes');
      },
    }),
    K({
      id: 'dsmr-p2/4.4/2',
      ref: 'DSMR-P2 §4.4 (FAC transmission delay N = 2, 3, 4 or 5 s) [EN 13757-4 §10.6.3.2]',
      requirement: 'The meter\'s transmissions in a FAC follow each other at a constant N seconds, N between 2 and 5.',
      mutants: ['p2.fac.delay-out-of-range'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const { nr, fac } = await idleFac(t);
        const times = [nr.t, ...fac.map((f) => f.t)];
        const gaps = times.slice(1).map((x, i) => x - times[i]!);
        t.note(`gaps: ${gaps.map((g) => (g / 1000).toFixed(3)).join(', ')} s`);
        for (const [i, g] of gaps.entries()) {
          t.expectTrue(`gap before FAC transmission ${i + 1}`, g >= 1900 && g <= 5100, '2 … 5 s (± 0.1 s)', `${(g / 1000).toFixed(3)} s`);
          t.expectTrue(`gap before FAC transmission ${i + 1} against the first`, Math.abs(g - gaps[0]!) <= 100, `${(gaps[0]! / 1000).toFixed(3)} s ± 0.1 s`, `${(g / 1000).toFixed(3)} s`);
        }
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.1',
  title: 'Normalisation message (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.1/1',
      ref: 'DSMR-P2 §4.4.1, Table 6, §6.3.2',
      requirement: 'SND_NKE inside a FAC gets no answer and ends the FAC: the next frame of the meter is its hourly SND_NR.',
      mutants: ['p2.nke.wl-responds', 'p2.fac.nke-ignored'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const f = await t.radio.transact(t.radio.sndNke());
        if (f) t.fail('answer to SND_NKE inside a FAC', 'nothing (and no further FAC transmission)', said(f));
        const next = await t.radio.next(75 * 60_000);
        t.expectTrue('next frame after SND_NKE', next?.c === WL_C.SND_NR, 'the hourly SND_NR', next ? kindOf(next) : 'none within 75 minutes');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.2',
  title: 'Meter data message (SND_NR)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.2/1',
      ref: 'DSMR-P2 §4.4.2, Table 6, §5.2',
      requirement: 'SND_NR is C 44h, CI 7Ah with the short header; with a user key method 15 and the clear frame-counter record after the blocks; without one, plain with configuration word A000h (wire 00 A0).',
      mutants: ['p2.snr.long-header'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const f = await window(t);
        checkDataFrame(t, f, WL_C.SND_NR);
        if (cwOf(f) !== null && ((cwOf(f)! >> 8) & 0x0f) === METHOD.NONE) t.expectEqual('configuration word of a plain SND_NR', hexCw(cwOf(f)), 'A000h');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.3',
  title: 'Control message and ACK',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.3/1',
      ref: 'DSMR-P2 §4.4.3; digest A8, A10',
      requirement: 'The ACK is C 00h, CI 8Ah with a short header carrying the SND_UD\'s access number, ST 00h and a configuration word with B set, no method and no blocks, and nothing after it.',
      mutants: ['p2.ack.acc-not-copied'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const rsp = await openFac(t);
        const acc = ((accOf(rsp) ?? 0) + 0x80) & 0xff; // far from anything the meter counts itself
        const out = t.radio.control(selection(0x0c), { acc });
        const f = await t.radio.transact(out);
        if (!f || f.c !== WL_C.ACK) return t.fail('answer to SND_UD', 'ACK (C 00h)', said(f));
        t.expectEqual('ACK CI', f.ci, WL_CI.ACK);
        t.expectEqual('ACK access number (copied from the SND_UD)', accOf(f), acc);
        t.expectEqual('ACK status byte', f.app?.header?.status, 0);
        const cw = cwOf(f) ?? -1;
        t.expectTrue('ACK configuration word', (cw & 0x8000) !== 0 && (cw & 0x0ff0) === 0, 'B set, method 0, no blocks', hexCw(cw));
        t.expectEqual('bytes after the ACK header', f.inspect.frame!.payload.length, 5);
      },
    }),
    K({
      id: 'dsmr-p2/4.4.3/2',
      ref: 'DSMR-P2 §4.4.3 remark (void request)',
      requirement: 'A void REQ_UD2 at the start of a FAC is answered, and the SND_UD that follows it is still accepted and executed.',
      mutants: ['p2.fac.reject-after-void-req'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const out = t.radio.control(selection(0x0d));
        expectAckWl(t, await t.radio.transact(out), out, 'SND_UD after the void REQ_UD2');
        t.expectEqual('version records after it', await versionsNow(t, 'RSP_UD'), [0x0d]);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.5',
  title: 'On-demand data message',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.5/1',
      ref: 'DSMR-P2 §4.4.5, Table 6, §6.3',
      requirement: 'REQ_UD2 (CI 80h, long header, CW 00 00) is answered with RSP_UD C 08h, CI 7Ah and the short header, carrying the readout list.',
      mutants: ['p2.rsp.wl-long-header'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        const f = expectRsp(t, await t.radio.transact(t.radio.reqUd2()), 'REQ_UD2');
        t.expectEqual('RSP_UD CI (short header)', f.ci, WL_CI.DATA);
        if (!f.readable) return t.note('records not readable with the tester\'s key: only the frame form was checked');
        const app = appOf(t, f, 'RSP_UD');
        for (const [name, head] of [['status', REC.status], ['equipment identifier', REC.equipmentId], ['configuration', REC.configuration], ['time stamp', REC.timeStamp]] as const) {
          t.expectTrue(`${name} record in the RSP_UD`, !!recordWithHead(app, head), 'present', 'absent');
        }
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.6',
  title: 'Unencrypted message (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.6/1',
      ref: 'DSMR-P2 §4.4.6, Table 6, §6.5.1',
      requirement: 'The unencrypted command is SND_UD CI 5Bh with CW 00 00 (set new key); it is acknowledged like any SND_UD and the new key is in use afterwards.',
      mutants: ['p2.ctl.wl-plain-5b-rejected'],
      applies: all(wireless, rekeyable),
      appliesWhen: 'wireless device whose default key is known',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        const key = t.radio.keys.user ? SECOND_USER_KEY : APP_B.userKey;
        const out = t.radio.setKey(key);
        expectAckWl(t, await t.radio.transact(out), out, 'unencrypted SND_UD CI 5Bh (set new key)');
        t.radio.adoptKey(key);
        const f = await readWl(t);
        t.expectTrue('RSP_UD after the key change', f.mode === METHOD.AES && f.readable, 'method 15, decrypts with the new key', `method ${f.mode}, ${f.readable ? 'readable' : 'not readable'}`);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.4.7',
  title: 'Installation message (SND_IR)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.4.7/1',
      ref: 'DSMR-P2 §4.4.7, §6.5.2; digest A7',
      requirement: 'SND_IR is C 46h, CI 7Ah with the short header and the meter\'s link address; plain without a user key, method 15 (with the clear frame-counter record) with one.',
      mutants: ['p2.inst.sndir-plain-when-keyed'],
      applies: all(wireless, installable),
      appliesWhen: 'wireless device in installation mode (or the simulator\'s push-button)',
      budgetMs: WL_BUDGET,
      async run(t) {
        if (!t.dut.has('p2.factory-state')) t.bench!.pressButton();
        const f = await t.radio.until((x) => x.linkOk && x.c === WL_C.SND_IR, 2 * 3_600_000);
        if (!f) return t.inconclusive('no SND_IR within 2 h');
        checkDataFrame(t, f, WL_C.SND_IR);
        const cw = cwOf(f) ?? 0;
        t.expectTrue('SND_IR limited-access bits', (cw & 0xc000) === 0x8000, 'B = 1, A = 0', hexCw(cw));
      },
    }),
  ],
});
