/**
 * DSMR-P2 §5 and §5.1 on the radio — encryption layer of the wireless meter: method by key state, the
 * 2F 2F check, the block count, the filler. The rules and the checks are the wired ones (5.1.suite.ts);
 * here the commands travel inside a Frequent Access Cycle, and "refused" means no ACK copying the
 * command's access number (lib/wl.ts).
 */
import { concatBytes } from '../../../harness/codec/bytes.ts';
import { p2GasWirelessFamily, type P2WirelessContext } from '../../../harness/roles/wmbus-family.ts';
import type { WlFrame } from '../../../harness/roles/wmbus-other.ts';
import { kase, section } from '../../../harness/runner/dsl.ts';
import { all, keyable, rekeyable, selection, versionsIn } from '../lib/ctx.ts';
import { APP_B, METHOD, SECOND_USER_KEY, ZERO_KEY } from '../lib/tables.ts';
import {
  WL_BUDGET, appOf, expectAckWl, expectRefusedWl, keyedFac, keyedWindow, mustAckWl, readWl, versionsNow, window, wireless, type W,
} from '../lib/wl.ts';

const K = kase<P2WirelessContext>;
const wlKeyable = all(wireless, keyable);

section({
  id: 'dsmr-p2/5-wl',
  title: 'Encryption layer (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/5-wl/1',
      ref: 'DSMR-P2 §5, §1.2, §5.1',
      requirement: 'With a user key set, every SND_NR and RSP_UD (default readout list or selected records) is encrypted with method 15.',
      mutants: ['p2.enc.plain-when-keyed'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const nr = await keyedWindow(t, false);
        t.expectEqual('encryption method of the SND_NR', nr.mode, METHOD.AES);
        t.expectEqual('encryption method of the RSP_UD (default list)', (await readWl(t)).mode, METHOD.AES);
        const out = t.radio.control(selection(0x0c, 0x0d));
        mustAckWl(t, await t.radio.transact(out), out, 'version selection');
        t.expectEqual('encryption method of the RSP_UD (versions selected)', (await readWl(t)).mode, METHOD.AES);
      },
    }),
  ],
});

/** Check the filler of a decrypted frame (DSMR-P2 §5.1): whole blocks, at least two trailing 2Fh. */
function checkFiller(t: W, f: WlFrame, what: string): void {
  const enc = f.app?.encrypted;
  if (!enc?.decrypted) return t.inconclusive(`${what}: the frame could not be decrypted`);
  t.expectEqual(`${what}: encrypted length modulo 16`, enc.ciphertext.length % 16, 0);
  t.expectTrue(`${what}: trailing 2Fh fillers`, (enc.trailingFillers ?? 0) >= 2, 'at least 2', enc.trailingFillers ?? 0);
}

section({
  id: 'dsmr-p2/5.1-wl',
  title: 'Configuration word structure and filler bytes (wireless)',
  family: p2GasWirelessFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.1-wl/1',
      ref: 'DSMR-P2 §5.1 (methods 0 and 15 only); digest A5, A46',
      requirement: 'A command encrypted with another method than 15 — here EN 13757-3 method 5 — is rejected.',
      mutants: ['p2.enc.accept-mode5'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        await keyedFac(t);
        const out = t.radio.control(selection(0x0c), { mode: 5 });
        expectRefusedWl(t, await t.radio.transact(out), out, 'selection encrypted with method 5');
        t.expectEqual('version records after the method-5 command', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.1-wl/2',
      ref: 'DSMR-P2 §5.1, §5.2 item 3',
      requirement: 'A command that does not decrypt to the 2F 2F check bytes (wrong key, corrupted first block) is rejected and its frame counter is not taken over.',
      mutants: ['p2.enc.skip-2f2f-check'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        const n = (await keyedFac(t)).frameCounter!;
        const wrong = t.radio.control(selection(0x0c), { key: SECOND_USER_KEY, fc: n + 50 });
        expectRefusedWl(t, await t.radio.transact(wrong), wrong, 'selection encrypted with a wrong key');
        // First ciphertext byte (after the 12-byte long header): the whole first block decrypts to garbage.
        const spoilt = t.radio.control(selection(0x0d), { fc: n + 60, mutate: (b) => { b[12]! ^= 0x01; } });
        expectRefusedWl(t, await t.radio.transact(spoilt), spoilt, 'selection with a corrupted first cipher block');
        const rsp = await readWl(t);
        t.expectEqual('version records after the undecryptable commands', versionsIn(appOf(t, rsp, 'RSP_UD')), []);
        t.expectEqual('frame counter of the next RSP_UD (device counter not taken from rejected frames)', rsp.frameCounter, n + 1);
      },
    }),
    K({
      id: 'dsmr-p2/5.1-wl/3',
      ref: 'DSMR-P2 §5.1 (NNNN = number of encrypted 16-byte blocks)',
      requirement: 'A command whose configuration word declares a block count that does not match the encrypted bytes (too many, or none) is rejected.',
      mutants: ['p2.enc.trust-nnnn'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        await keyedFac(t);
        for (const [blocks, what] of [[2, 'one encrypted block declared as two'], [0, 'method 15 with zero declared blocks']] as const) {
          const out = t.radio.control(selection(0x0c), { blocks });
          expectRefusedWl(t, await t.radio.transact(out), out, what);
        }
        t.expectEqual('version records after the inconsistent commands', await versionsNow(t, 'RSP_UD'), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.1-wl/4',
      ref: 'DSMR-P2 §5.1, App. B1.3',
      requirement: 'The meter fills its encrypted part with 2Fh to a whole number of blocks, with at least two trailing fillers (SND_NR and RSP_UD).',
      mutants: ['p2.enc.no-trailing-filler'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        checkFiller(t, await keyedWindow(t), 'SND_NR');
        checkFiller(t, await readWl(t), 'RSP_UD, default list');
        for (const sel of [[0x0c], [0x0c, 0x0d, 0x0e, 0x0f]]) {
          const out = t.radio.control(selection(...sel));
          mustAckWl(t, await t.radio.transact(out), out, 'version selection');
          checkFiller(t, await readWl(t), `RSP_UD with ${sel.length} version record(s)`);
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.1-wl/5',
      ref: 'DSMR-P2 §5.1 (strict reading); digest A19',
      requirement: 'Strict: a command whose encrypted part has no trailing 2Fh fillers is rejected (by default an acceptance is only a warning).',
      mutants: ['p2.enc.skip-trailing-check'],
      applies: wlKeyable,
      appliesWhen: 'wireless device that can be keyed',
      budgetMs: WL_BUDGET,
      async run(t) {
        await keyedFac(t);
        // 2F 2F + three selections + a no-op clear-status record = exactly one block, no trailing filler.
        const plaintext = concatBytes(Uint8Array.of(0x2f, 0x2f), selection(0x0c, 0x0d, 0x0e), Uint8Array.of(0x01, 0xfd, 0x97, 0x06, 0x00));
        const out = t.radio.control(new Uint8Array(0), { plaintext });
        const f = await t.radio.transact(out);
        const versions = await versionsNow(t, 'RSP_UD');
        if (t.dut.profile.strict) {
          expectRefusedWl(t, f, out, 'command without trailing fillers');
          t.expectEqual('version records after the command without trailing fillers (strict)', versions, []);
        } else if (versions.length) {
          t.warn('a command without trailing 2Fh fillers was accepted (DSMR-P2 §5.1 asks for at least two; digest A19)');
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.1-wl/6',
      ref: 'DSMR-P2 §5.1 (last paragraph), §4.4.2, §4.4.6',
      requirement: 'The method follows the key state: 0 while the user key is zero, 15 as soon as a user key is set, 0 again after the key is set to zero.',
      mutants: ['p2.enc.method-ignores-key'],
      applies: all(wireless, rekeyable),
      appliesWhen: 'wireless device whose default key is known',
      budgetMs: WL_BUDGET,
      async run(t) {
        const steps: [string, Uint8Array, number][] = t.radio.keys.user
          ? [['zero key', ZERO_KEY, METHOD.NONE], ['user key', APP_B.userKey, METHOD.AES]]
          : [['user key', APP_B.userKey, METHOD.AES], ['zero key', ZERO_KEY, METHOD.NONE]];
        await window(t);
        for (const [what, key, method] of steps) {
          const out = t.radio.setKey(key);
          expectAckWl(t, await t.radio.transact(out), out, `set new key (${what})`);
          t.radio.adoptKey(key);
          t.expectEqual(`encryption method after setting the ${what}`, (await readWl(t)).mode, method);
        }
      },
    }),
  ],
});
