/**
 * DSMR-P2 §4.1, §4.2 on the radio — Table 6 transactions and rejection of everything else, data headers,
 * Short ID, version, access number, status byte and configuration word of the wireless meter.
 */
import { bytesToHex } from '../../../harness/codec/bytes.ts';
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import { WL_C, WL_CI, type WlFrame, type WlOut } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, bench, recordWithHead, selection, statusOf } from '../lib/ctx.ts';
import { REC, STATUS, versionByte } from '../lib/tables.ts';
import {
  WL_BUDGET, accOf, appOf, cwOf, expectRefusedWl, firstFrame, kindOf, openFac, recordsReadable, said, sampleFrames, versionsNow, window, wireless,
  type W,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const cwText = (cw: number | null) => (cw === null ? 'no header' : `CW ${cw.toString(16).toUpperCase().padStart(4, '0')}h`);

/** An answer that must be the frame Table 6 names. */
function expectFrame(t: W, f: WlFrame | null, c: number, ci: number, what: string, acc?: number): void {
  const ok = !!f && f.linkOk && f.c === c && f.ci === ci && (acc === undefined || accOf(f) === acc);
  const hex2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');
  if (!ok) t.fail(`answer to ${what}`, `C ${hex2(c)}h, CI ${hex2(ci)}h${acc === undefined ? '' : `, ACC ${acc}`}`, said(f));
}

section({
  id: 'dsmr-p2/4.1-wl',
  title: 'Allowed control elements on the radio (Table 6)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.1-wl/2',
      ref: 'DSMR-P2 §4.1 (C/CI combinations not in Table 6 are rejected); digest A11',
      requirement: 'A SND_UD under a CI Table 6 does not list for the radio (the wired 5Ah short-header and 51h forms, 72h) is not processed: the readout list stays as it was.',
      mutants: ['p2.ctl.accept-unlisted-ci'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const r = t.radio;
        const tries: [string, WlOut][] = [
          ['CI 5Ah with a short header (the wired control form)', r.control(selection(0x0c), { ci: 0x5a, shortHeader: true })],
          ['CI 51h without header (the wired unencrypted form)', { bytes: r.frame(WL_C.SND_UD, 0x51, selection(0x0c)), acc: 0 }],
          ['CI 72h', r.control(selection(0x0c), { ci: 0x72 })],
        ];
        for (const [what, out] of tries) expectRefusedWl(t, await r.transact(out), out, `selection under ${what}`);
        t.expectEqual('version records after the unlisted CIs', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
    K({
      id: 'dsmr-p2/4.1-wl/3',
      ref: 'DSMR-P2 §4.1 Table 6',
      requirement: 'Each radio request gets the answer Table 6 names: REQ_UD2 → RSP_UD (08h/7Ah); SND_UD CI 5Bh or 6Ch → ACK (00h/8Ah); SND_NKE → nothing.',
      mutants: ['p2.ctl.ack-wrong-ci'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const r = t.radio;
        await window(t);
        expectFrame(t, await r.transact(r.reqUd2()), WL_C.RSP_UD, WL_CI.DATA, 'REQ_UD2 (CI 80h)');
        const sel = r.control(selection(0x0c));
        expectFrame(t, await r.transact(sel), WL_C.ACK, WL_CI.ACK, 'SND_UD CI 5Bh', sel.acc);
        const clk = r.clockSync(new Date(t.clock.now()));
        expectFrame(t, await r.transact(clk), WL_C.ACK, WL_CI.ACK, 'SND_UD CI 6Ch', clk.acc);
        const after = await r.transact(r.sndNke());
        if (after && after.c !== WL_C.SND_NR) t.fail('answer to SND_NKE (CI 80h)', 'nothing', said(after));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.1-wl',
  title: 'Data headers on the radio',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.1-wl/1',
      ref: 'DSMR-P2 §4.2.1',
      requirement: 'The header length follows the CI: a SND_UD CI 5Bh with a short header instead of the long one is rejected.',
      mutants: ['p2.hdr.length-ignores-ci'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await openFac(t);
        const out = t.radio.control(selection(0x0c), { shortHeader: true });
        expectRefusedWl(t, await t.radio.transact(out), out, 'CI 5Bh with a 4-byte short header');
        t.expectEqual('version records after it', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.2-wl',
  title: 'Short ID of a wireless meter',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.2-wl/1',
      ref: 'DSMR-P2 §4.2.2, §6.4.1',
      requirement: 'The identification number in the link address is the BCD of the last 8 digits of the 10-digit serial inside the equipment identifier.',
      mutants: ['p2.id.not-from-eid'],
      applies: all(wireless, recordsReadable),
      appliesWhen: 'wireless device whose records the tester can read',
      budgetMs: WL_BUDGET,
      async run(t) {
        const f = await window(t);
        const eid = recordWithHead(appOf(t, f, 'SND_NR'), REC.equipmentId);
        if (!eid || typeof eid.value !== 'string' || eid.value.length !== 17) return t.fail('equipment identifier record 0D 78', '17 characters', eid?.value ?? 'absent');
        t.expectEqual(`identification number for E-ID serial ${eid.value.slice(-10)}`, f.lla?.id, eid.value.slice(-8));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.3-wl',
  title: 'Version of a wireless meter',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.3-wl/1',
      ref: 'DSMR-P2 §4.2.3, §3.2.4',
      requirement: 'The VER byte of the link address of every frame is the declared DSMR level (major in the high nibble; 42h for 4.2).',
      mutants: ['p2.hdr.version-wrong'],
      applies: all(wireless, (d) => (typeof d.feature('p2.version') === 'string' ? true : 'the profile declares no DSMR level (p2.version, e.g. "4.2")')),
      appliesWhen: 'wireless device whose profile declares p2.version',
      budgetMs: WL_BUDGET,
      async run(t) {
        const want = versionByte(String(t.dut.feature('p2.version')));
        if (want === null) return t.inconclusive(`p2.version "${String(t.dut.feature('p2.version'))}" is not major.minor`);
        await sampleFrames(t, (f) => t.expectEqual(`VER of the ${kindOf(f)}`, bytesToHex(f.raw.subarray(8, 9)), bytesToHex(Uint8Array.of(want))));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.4-wl',
  title: 'Access number of a wireless meter',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.4-wl/2',
      ref: 'DSMR-P2 §4.2.4',
      requirement: 'The access number starts from a random value: the first SND_NR after four power-ups do not all carry the same number.',
      mutants: ['p2.acc.init-zero'],
      applies: all(wireless, bench),
      appliesWhen: 'simulated wireless device (battery change by the bench)',
      budgetMs: WL_BUDGET,
      async run(t) {
        const starts: number[] = [];
        for (let i = 0; i < 4; i++) {
          if (i) await t.bench!.powerCycle();
          starts.push(accOf(await window(t)) ?? -1);
        }
        t.note(`first access numbers after power-up: ${starts.join(', ')}`);
        t.expectTrue('first access number after four power-ups', new Set(starts).size > 1, 'not the same value each time', starts);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.5-wl',
  title: 'Status byte of the header (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.5-wl/1',
      ref: 'DSMR-P2 §4.2.5, §6.3.3',
      requirement: 'The header status byte ST is 00h even while the status record 01 FD 17 shows an error bit.',
      mutants: ['p2.hdr.status-nonzero'],
      applies: all(wireless, bench, recordsReadable),
      appliesWhen: 'simulated wireless device (status event raised by the bench)',
      budgetMs: WL_BUDGET,
      async run(t) {
        await window(t);
        t.bench!.raiseStatus(STATUS.TEMPORARY);
        const f = await window(t);
        const st = statusOf(t, appOf(t, f, 'SND_NR'));
        if (!(st & STATUS.TEMPORARY)) t.inconclusive('the status record does not show the raised temporary-error bit');
        t.expectEqual('header status byte ST of the SND_NR', f.app?.header?.status, 0);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/4.2.6-wl',
  title: 'Configuration word of a wireless meter',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/4.2.6-wl/2',
      ref: 'DSMR-P2 §4.2.6, §5.1, App. B1.3; digest A8',
      requirement: 'The configuration word is sent low byte first: read that way, B is set and NNNN × 16 encrypted bytes plus the clear frame-counter record fill the frame (none when plain).',
      mutants: ['p2.cw.byte-swap'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await sampleFrames(t, (f) => {
          const cw = cwOf(f);
          if (cw === null) return t.fail(`${kindOf(f)} header`, 'a short header', said(f));
          t.expectTrue(`B bit of the ${kindOf(f)} (CW read low byte first)`, (cw & 0x8000) !== 0, 'set', cwText(cw));
          const mode = (cw >> 8) & 0x0f;
          const blocks = (cw >> 4) & 0x0f;
          const rest = f.inspect.frame!.payload.length - 5;
          const expected = mode === 0 ? 0 : blocks * 16 + 7;
          if (mode === 0) t.expectEqual(`${kindOf(f)}: encrypted blocks declared by a method-0 CW`, blocks, 0);
          else t.expectEqual(`${kindOf(f)}: bytes after the header for ${blocks} blocks + FC record`, rest, expected);
        });
      },
    }),
    K({
      id: 'dsmr-p2/4.2.6-wl/3',
      ref: 'DSMR-P2 §4.2.6',
      requirement: 'In every frame of the meter the configuration word bits 12 (reserved), 3–2 (content) and 1–0 (hop counter) are 0.',
      mutants: ['p2.cw.hop-bits-set'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        await sampleFrames(t, (f) => {
          const cw = cwOf(f);
          t.expectTrue(`reserved, content and hop bits of the ${kindOf(f)}`, cw !== null && (cw & 0x100f) === 0, '0', cwText(cw));
        });
      },
    }),
    K({
      id: 'dsmr-p2/4.2.6-wl/4',
      ref: 'DSMR-P2 §4.2.6 last sentences (strict); digest A7',
      requirement: 'Strict: asynchronous frames (SND_IR, RSP_UD, ACK) have S = 0 (the §4.4 tables print A0h, so by default S = 1 there is only a warning).',
      mutants: ['p2.cw.sync-bit-on-async'],
      applies: wireless,
      appliesWhen: 'wireless M-Bus device',
      budgetMs: WL_BUDGET,
      async run(t) {
        const first = await firstFrame(t);
        const frames = await sampleFrames(t, () => {});
        for (const f of [first, ...frames].filter((x) => x.c !== WL_C.SND_NR)) {
          const cw = cwOf(f);
          if (cw === null || !(cw & 0x2000)) continue;
          if (t.dut.profile.strict) t.fail(`S bit of the ${kindOf(f)} (strict)`, '0 on asynchronous frames', cwText(cw));
          t.warn(`the ${kindOf(f)} has S = 1 (DSMR-P2 §4.2.6 asks for 0 on asynchronous frames; its §4.4 tables print A0h)`);
          return;
        }
      },
    }),
  ],
});
