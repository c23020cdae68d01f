/** DSMR-P2 §6.3 — readout list: default content, selection, reset by SND_NKE. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, dataRecords, ensureIdentity, expectAck, keyable, mustAck, readRecords, recordWithHead, selection, startAddress, versionsIn, wired,
} from './lib/ctx.ts';
import { EID_LVAR, REC } from './lib/tables.ts';

const K = kase<P2GasContext>;
const readable = all(wired, keyable);

section({
  id: 'dsmr-p2/6.3',
  title: 'Readout list',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3/1',
      ref: 'DSMR-P2 §6.3 (default list), §6.3.3, §6.4.1, §6.4.3, §6.4.4, §6.4.8',
      requirement: 'After SND_NKE a gas meter\'s RSP_UD carries the default list: status, equipment identifier, meter configuration, hourly time stamp and converted volume (storage 1), in any order.',
      mutants: ['p2.rol.missing-eid'],
      applies: all(readable, (d) => (d.feature('p2.medium', 3) === 3 ? true : 'not a gas meter (p2.medium ≠ 3)')),
      appliesWhen: 'wired gas meter whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        mustAck(t, await t.master.sndNke(a), 'SND_NKE');
        const rsp = await readRecords(t, a);
        const recs = dataRecords(rsp);
        const eid = recordWithHead(rsp, REC.equipmentId);
        const has = {
          'status 01 FD 17': !!recordWithHead(rsp, REC.status),
          'equipment identifier 0D 78 (LVAR 11h)': eid?.lvar === EID_LVAR,
          'meter configuration 01 FD 67': !!recordWithHead(rsp, REC.configuration),
          'hourly time stamp (VIF 6Dh, storage 1)': recs.some((r) => r.vif === 0x6d && r.storage === 1),
          'hourly converted volume (VIF 13h/14h, storage 1)': recs.some((r) => (r.vif === 0x13 || r.vif === 0x14) && r.storage === 1),
        };
        const missing = Object.entries(has).filter(([, ok]) => !ok).map(([k]) => k);
        t.expectEqual('records of the default readout list missing', missing, []);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.3.1',
  title: 'Changing the readout list',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3.1/1',
      ref: 'DSMR-P2 §6.3.1, §6.4.2',
      requirement: 'Selection records (data field 1000b) change the readout list: the next RSP_UD carries the selected hardware and metrology versions.',
      mutants: ['p2.rol.selection-ignored'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        expectAck(t, await t.master.sendControl(a, selection(0x0d, 0x0e)), 'selection of FD 0D and FD 0E');
        t.expectEqual('version records in the next RSP_UD', versionsIn(await readRecords(t, a)), [0x0d, 0x0e]);
      },
    }),
    K({
      id: 'dsmr-p2/6.3.1/2',
      ref: 'DSMR-P2 §6.3.1 (several selections in one telegram)',
      requirement: 'Every selection record of one telegram is honoured: FD 0C, 0D, 0E and 0F all appear.',
      mutants: ['p2.rol.first-selection-only'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        expectAck(t, await t.master.sendControl(a, selection(0x0c, 0x0d, 0x0e, 0x0f)), 'selection of FD 0C–0F in one telegram');
        t.expectEqual('version records in the next RSP_UD', versionsIn(await readRecords(t, a)), [0x0c, 0x0d, 0x0e, 0x0f]);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.3.2',
  title: 'Resetting the readout list',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.3.2/1',
      ref: 'DSMR-P2 §6.3.2, App. B1.2 step 3',
      requirement: 'SND_NKE restores the default readout list: selected records are gone from the next RSP_UD.',
      mutants: ['p2.rol.nke-no-reset'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        mustAck(t, await t.master.sendControl(a, selection(0x0d)), 'selection of FD 0D');
        if (!versionsIn(await readRecords(t, a)).includes(0x0d)) t.inconclusive('the selection did not take effect');
        expectAck(t, await t.master.sndNke(a), 'SND_NKE');
        t.expectEqual('version records after SND_NKE', versionsIn(await readRecords(t, a)), []);
      },
    }),
  ],
});
