/** DSMR-P2 §6.5 — key management: set new key, what a keyed device accepts unencrypted, default key, zero key. */
import { bytesEqual, concatBytes } from '../../harness/codec/bytes.ts';
import { mbusAppDecode, mbusSndUd } from '../../harness/codec/mbus/index.ts';
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { keyExchangeEncrypt, keyExchangeRecords, mbusDecrypt } from '../../harness/security/mbus/index.ts';
import {
  all, awayFromHour, ensureKeyed, expectAck, expectRefused, expectSilent, factory, iso, keyable, mustAck, read, readRecords, rekeyable, said,
  selection, startAddress, stampOf, statusOf, versionsIn, wired, type T,
} from './lib/ctx.ts';
import { APP_B, METHOD, REC, SECOND_USER_KEY, STATUS, ZERO_KEY } from './lib/tables.ts';

const K = kase<P2GasContext>;
const HOUR = 3_600_000;

/** After a key change the device's data must decrypt with the new key (2F 2F), method 15. */
async function expectDataUnder(t: T, a: number, what: string): Promise<void> {
  const rsp = await read(t, a);
  t.expectTrue(`RSP_UD after ${what}`, rsp.mode === METHOD.AES && rsp.readable, 'method 15, decrypting with the new user key', rsp.mode === METHOD.AES ? 'does not decrypt (no 2F 2F)' : `method ${rsp.mode}`);
}

/** A key the device does not have yet. */
const freshKey = (t: T): Uint8Array => (t.master.keys.user && bytesEqual(t.master.keys.user, APP_B.userKey) ? SECOND_USER_KEY : APP_B.userKey);

section({
  id: 'dsmr-p2/6.5',
  title: 'Key management procedures',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.5/1',
      ref: 'DSMR-P2 §6.5.1, App. B1.1 (checksum corrected, digest A3)',
      requirement: 'Set new key is 07 FD 19 + 8 bytes and 47 FD 19 + 8 bytes holding the default-key-wrapped user key in reverse byte order; the device unwraps it and encrypts with it.',
      mutants: ['p2.key.no-byte-reverse'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        // Tester self-check: our set-key encoder reproduces the App. B1.1 frame.
        const b11 = mbusSndUd(1, 0x51, keyExchangeRecords(keyExchangeEncrypt(APP_B.userKey, APP_B.defaultKey)));
        if (!bytesEqual(b11, APP_B.setKeyFrame)) t.inconclusive('the set-key encoder does not reproduce DSMR-P2 App. B1.1 (tester defect)');
        const a = startAddress(t);
        expectAck(t, await t.master.installKey(a, freshKey(t)), 'set new key');
        await expectDataUnder(t, a, 'set new key');
      },
    }),
    K({
      id: 'dsmr-p2/6.5/2',
      ref: 'DSMR-P2 §6.5.1 (second half carries the storage bit); digest A42 (strict)',
      requirement: 'Strict: the halves of the key are told apart by the storage bit, so the key is installed right when the 47h record comes first (otherwise a warning).',
      mutants: ['p2.key.halves-by-position'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const a = startAddress(t);
        const r = await t.master.installKey(a, freshKey(t), { swapHalves: true });
        const rsp = await read(t, a);
        const ok = r.kind === 'ack' && rsp.mode === METHOD.AES && rsp.readable;
        if (ok) return;
        const got = r.kind !== 'ack' ? `set-key answered with ${said(r)}` : 'data do not decrypt with the new key';
        if (t.dut.profile.strict) t.fail('key installed from swapped halves (strict)', 'E5 and data under the new key', got);
        t.warn(`set-key with the 47h record first: ${got} (DSMR-P2 does not say what a device does with swapped halves)`);
      },
    }),
    K({
      id: 'dsmr-p2/6.5/4',
      ref: 'DSMR-P2 §6.5 (set new key is accepted unencrypted)',
      requirement: 'With a user key already set, an unencrypted set-new-key is still accepted and the device switches to the new key.',
      mutants: ['p2.key.reject-plain-rekey'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        expectAck(t, await t.master.installKey(a, freshKey(t)), 'second set new key (unencrypted, device keyed)');
        await expectDataUnder(t, a, 'the second key change');
      },
    }),
    K({
      id: 'dsmr-p2/6.5/5',
      ref: 'DSMR-P2 §6.5 (every key change is wrapped with the default key)',
      requirement: 'Every new user key is unwrapped with the default key, also when a user key is in use: two successive changes both take effect.',
      mutants: ['p2.key.unwrap-with-user-key'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        for (const n of [1, 2]) {
          mustAck(t, await t.master.installKey(a, freshKey(t)), `key change ${n}`);
          await expectDataUnder(t, a, `key change ${n}`);
        }
      },
    }),
    K({
      id: 'dsmr-p2/6.5/6',
      ref: 'DSMR-P2 §6.5 (keyed: only set-new-key and REQ_UD2 unencrypted), §4.3.4, §6.2.2',
      requirement: 'With a user key set, unencrypted readout-list changes, status clears, clock sets and address changes are ignored.',
      mutants: ['p2.key.accept-plain-commands'],
      applies: all(wired, keyable),
      appliesWhen: 'wired device that can be keyed',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        await awayFromHour(t);
        mustAck(t, await t.master.setTime(a, new Date(t.clock.now() + 2 * HOUR)), 'encrypted clock set +2 h (raises bit 5)');
        const before = await readRecords(t, a);
        const to = a === 9 ? 10 : 9;
        expectRefused(t, await t.master.sendControl(a, selection(0x0c), { mode: 0 }), 'unencrypted readout-list change');
        expectRefused(t, await t.master.sendControl(a, Uint8Array.from(REC.clearStatus), { mode: 0 }), 'unencrypted clear status');
        expectRefused(t, await t.master.setTime(a, new Date(t.clock.now() + 5 * HOUR), { mode: 0 }), 'unencrypted clock set');
        expectRefused(t, await t.master.setAddress(a, to), 'unencrypted set address');
        expectSilent(t, (await t.master.reqUd2(to)).reply, `REQ_UD2 at ${to}`);
        const after = await readRecords(t, a);
        t.expectEqual('version records', versionsIn(after), []);
        t.expectEqual('clock-synchronisation bit', statusOf(t, after) & STATUS.CLOCK_SYNC, statusOf(t, before) & STATUS.CLOCK_SYNC);
        t.expectEqual('hourly time stamp', iso(stampOf(after)), iso(stampOf(before)));
      },
    }),
    K({
      id: 'dsmr-p2/6.5/8',
      ref: 'DSMR-P2 §6.5 (the default key only decrypts new user keys)',
      requirement: 'Meter data are never encrypted with the default key: the RSP_UD does not decrypt with it and does with the user key.',
      mutants: ['p2.key.default-key-for-data'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const rsp = await ensureKeyed(t, startAddress(t), false);
        const f = rsp.reply.frame.frame;
        const bytes = concatBytes(Uint8Array.of(rsp.ci), f.format === 'long' ? f.data : new Uint8Array(0));
        const underDefault = mbusAppDecode(bytes, { key: t.master.keys.default!, decrypt: mbusDecrypt }).encrypted?.decrypted === true;
        t.expectEqual('RSP_UD decrypts with the default key', underDefault, false);
        t.expectEqual('RSP_UD decrypts with the user key', rsp.readable, true);
      },
    }),
    K({
      id: 'dsmr-p2/6.5/9',
      ref: 'DSMR-P2 §6.2.2 (user key zero first, then readdress), §5.1',
      requirement: 'Setting the user key to zero returns the device to plain mode: method 0 data, and set-address accepted again.',
      mutants: ['p2.key.zero-key-stays-encrypted'],
      applies: all(wired, rekeyable),
      appliesWhen: 'wired device whose default key is known',
      async run(t) {
        const a = startAddress(t);
        await ensureKeyed(t, a);
        expectAck(t, await t.master.installKey(a, ZERO_KEY), 'set new key to zero');
        const rsp = await read(t, a);
        t.expectEqual('configuration word after the zero key', rsp.header?.configWord, 0);
        const to = a === 9 ? 10 : 9;
        expectAck(t, await t.master.setAddress(a, to), `set address ${a} → ${to} after the zero key`);
        await read(t, to);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.5.2',
  title: 'Key management requirements',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.5.2/1',
      ref: 'DSMR-P2 §6.5.2, §4.3.2',
      requirement: 'A wired device is delivered with a default key but no user key: at address 0 it answers with plain data.',
      mutants: ['p2.factory.user-key-set'],
      applies: all(wired, factory),
      appliesWhen: 'wired device as delivered',
      async run(t) {
        const rsp = await read(t, 0);
        t.expectEqual('encryption method of a delivered device', rsp.mode, METHOD.NONE);
        t.expectEqual('RSP_UD A field', rsp.a, 0);
      },
    }),
  ],
});
