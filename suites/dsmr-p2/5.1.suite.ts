/** DSMR-P2 §5 and §5.1 — encryption layer: method by key state, check bytes, block count, filler. */
import { concatBytes } from '../../harness/codec/bytes.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, ensureKeyed, expectAck, expectRefused, keyable, mustAck, read, readRecords, rekeyable, selection, startAddress, versionsIn, wired,
} from './lib/ctx.ts';
import { APP_B, METHOD, SECOND_USER_KEY, ZERO_KEY } from './lib/tables.ts';

const K = kase<P2GasContext>;

section({
  id: 'dsmr-p2/5',
  title: 'Encryption layer',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/5/1',
      ref: 'DSMR-P2 §5, §1.2, §5.1',
      requirement: 'With a user key set, every RSP_UD (default readout list or selected records) is encrypted with method 15.',
      mutants: ['p2.enc.plain-when-keyed'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const first = await ensureKeyed(t, a, false);
        t.expectEqual('encryption method of the RSP_UD (default list)', first.mode, METHOD.AES);
        mustAck(t, await t.master.sendControl(a, selection(0x0c, 0x0d)), 'version selection');
        t.expectEqual('encryption method of the RSP_UD (versions selected)', (await read(t, a)).mode, METHOD.AES);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/5.1',
  title: 'Configuration word structure and filler bytes',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/5.1/1',
      ref: 'DSMR-P2 §5.1 (methods 0 and 15 only); digest A5, A46',
      requirement: 'A command encrypted with any other method than 15 — here EN 13757-3 method 5 — is rejected.',
      mutants: ['p2.enc.accept-mode5'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { mode: 5 }), 'selection encrypted with method 5');
        t.expectEqual('version records after the method-5 command', versionsIn(await readRecords(t, a)), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.1/2',
      ref: 'DSMR-P2 §5.1, §5.2 item 3',
      requirement: 'A command that does not decrypt to the 2F 2F check bytes (wrong key, corrupted first block) is rejected and its frame counter is not taken over.',
      mutants: ['p2.enc.skip-2f2f-check'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const n = (await ensureKeyed(t, a)).frameCounter!;
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { key: SECOND_USER_KEY, fc: n + 50 }), 'selection encrypted with a wrong key');
        const spoilt = t.master.controlData(selection(0x0d), { fc: n + 60 });
        spoilt[4]! ^= 0x01; // first ciphertext byte: the whole first block decrypts to garbage
        expectRefused(t, await t.master.sndUd(a, 0x5a, spoilt), 'selection with a corrupted first cipher block');
        const rsp = await readRecords(t, a);
        t.expectEqual('version records after the undecryptable commands', versionsIn(rsp), []);
        t.expectEqual('frame counter of the next RSP_UD (device counter not taken from rejected frames)', rsp.frameCounter, n + 1);
      },
    }),
    K({
      id: 'dsmr-p2/5.1/3',
      ref: 'DSMR-P2 §5.1 (NNNN = number of encrypted 16-byte blocks)',
      requirement: 'A command whose configuration word declares a block count that does not match the encrypted bytes (too many, or none) is rejected.',
      mutants: ['p2.enc.trust-nnnn'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { blocks: 2 }), 'one encrypted block declared as two');
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { blocks: 0 }), 'method 15 with zero declared blocks');
        t.expectEqual('version records after the inconsistent commands', versionsIn(await readRecords(t, a)), []);
      },
    }),
    K({
      id: 'dsmr-p2/5.1/4',
      ref: 'DSMR-P2 §5.1, App. B1.3',
      requirement: 'The device fills its encrypted part with 2Fh to a whole number of blocks, with at least two trailing fillers.',
      mutants: ['p2.enc.no-trailing-filler'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        const check = (rsp: Awaited<ReturnType<typeof read>>, what: string) => {
          const enc = rsp.app.encrypted;
          if (!enc?.decrypted) return t.inconclusive(`${what}: the RSP_UD could not be decrypted`);
          t.expectEqual(`${what}: encrypted length modulo 16`, enc.ciphertext.length % 16, 0);
          t.expectTrue(`${what}: trailing 2Fh fillers`, (enc.trailingFillers ?? 0) >= 2, 'at least 2', enc.trailingFillers ?? 0);
        };
        check(await ensureKeyed(t, a), 'default list');
        for (const sel of [[0x0c], [0x0c, 0x0d, 0x0e, 0x0f]]) {
          mustAck(t, await t.master.sendControl(a, selection(...sel)), 'version selection');
          check(await read(t, a), `with ${sel.length} version record(s)`);
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.1/5',
      ref: 'DSMR-P2 §5.1 (strict reading); digest A19',
      requirement: 'Strict: a command whose encrypted part has no trailing 2Fh fillers is rejected (by default an acceptance is only a warning).',
      mutants: ['p2.enc.skip-trailing-check'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        // 2F 2F + three selections + a no-op clear-status record = exactly one block, no trailing filler.
        const plaintext = concatBytes(Uint8Array.of(0x2f, 0x2f), selection(0x0c, 0x0d, 0x0e), Uint8Array.of(0x01, 0xfd, 0x97, 0x06, 0x00));
        const r = await t.master.sendControl(a, new Uint8Array(0), { plaintext });
        const versions = versionsIn(await readRecords(t, a));
        if (t.dut.profile.strict) {
          expectRefused(t, r, 'command without trailing fillers');
          t.expectEqual('version records after the command without trailing fillers (strict)', versions, []);
        } else if (versions.length) {
          t.warn('a command without trailing 2Fh fillers was accepted (DSMR-P2 §5.1 asks for at least two; digest A19)');
        }
      },
    }),
    K({
      id: 'dsmr-p2/5.1/6',
      ref: 'DSMR-P2 §5.1 (last paragraph), §4.3.2',
      requirement: 'The method follows the key state: 0 while the user key is zero, 15 as soon as a user key is set, 0 again after the key is set to zero.',
      mutants: ['p2.enc.method-ignores-key'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const a = startAddress(t);
        const steps: [string, Uint8Array, number][] = t.master.keys.user
          ? [['zero key', ZERO_KEY, METHOD.NONE], ['user key', APP_B.userKey, METHOD.AES]]
          : [['user key', APP_B.userKey, METHOD.AES], ['zero key', ZERO_KEY, METHOD.NONE]];
        for (const [what, key, method] of steps) {
          expectAck(t, await t.master.installKey(a, key), `set new key (${what})`);
          t.expectEqual(`encryption method after setting the ${what}`, (await read(t, a)).mode, method);
        }
      },
    }),
  ],
});
