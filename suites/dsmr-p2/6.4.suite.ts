/** DSMR-P2 §6.4 — variable data blocks of a gas meter: E-ID, versions, time stamp, volume, configuration. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import {
  all, awayFromHour, dataRecords, ensureIdentity, hourOf, iso, keyable, mustAck, readRecords, recordWithHead, selection, startAddress, syncClock, versionsIn, wired, h2,
} from './lib/ctx.ts';
import { CONFIG, EID_LVAR, REC, VERSION_PROPERTIES } from './lib/tables.ts';

const K = kase<P2GasContext>;
const readable = all(wired, keyable);
const gas = (d: Parameters<typeof wired>[0]) => (d.feature('p2.medium', 3) === 3 ? true : 'not a gas meter (p2.medium ≠ 3)');

section({
  id: 'dsmr-p2/6.4.1',
  title: 'Equipment identifier',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4.1/1',
      ref: 'DSMR-P2 §6.4.1, App. B1.3',
      requirement: 'The equipment identifier is 0D 78 11 + 17 ASCII characters sent last character first, ending in the 10-digit serial number.',
      mutants: ['p2.eid.not-reversed'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const rec = recordWithHead(await readRecords(t, startAddress(t)), REC.equipmentId);
        t.expectEqual('LVAR of the equipment identifier', rec?.lvar ?? 'absent', EID_LVAR);
        // The codec reads the text last character first, as EN 13757-3 sends strings.
        const text = typeof rec?.value === 'string' ? rec.value : '';
        t.expectTrue('equipment identifier read last character first', /^[\x20-\x7e]{7}[0-9]{10}$/.test(text), '17 printable characters ending in 10 digits', text);
        const declared = t.dut.feature('p2.equipment-id');
        if (typeof declared === 'string') t.expectEqual('equipment identifier', text, declared);
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.4.2',
  title: 'Firmware and hardware versions',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4.2/1',
      ref: 'DSMR-P2 §6.4.2',
      requirement: 'The version records (FD 0C–0F) are not in the default readout list but can be selected.',
      mutants: ['p2.ver.in-default-list'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        mustAck(t, await t.master.sndNke(a), 'SND_NKE');
        t.expectEqual('version records in the default list', versionsIn(await readRecords(t, a)), []);
        mustAck(t, await t.master.sendControl(a, selection(0x0c, 0x0d, 0x0e, 0x0f)), 'selection of FD 0C–0F');
        t.expectEqual('version records after selecting them', versionsIn(await readRecords(t, a)), [0x0c, 0x0d, 0x0e, 0x0f]);
      },
    }),
    K({
      id: 'dsmr-p2/6.4.2/2',
      ref: 'DSMR-P2 §6.4.2 (mandatory properties table)',
      requirement: 'Each version answer is name=value properties, each ended by CR LF, with the mandatory ones: 0C dsmr; 0D met, com; 0E met; 0F com, apl, cfg.',
      mutants: ['p2.ver.missing-property'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await ensureIdentity(t, a);
        mustAck(t, await t.master.sendControl(a, selection(0x0c, 0x0d, 0x0e, 0x0f)), 'selection of FD 0C–0F');
        const recs = dataRecords(await readRecords(t, a));
        for (const [vife, names] of Object.entries(VERSION_PROPERTIES)) {
          const r = recs.find((x) => x.vif === 0xfd && x.vife[0] === Number(vife));
          const text = typeof r?.value === 'string' ? r.value : '';
          const label = `FD ${h2(Number(vife))}`;
          t.expectTrue(`${label}: properties ended by CR LF`, text.endsWith('\r\n') && text.split('\r\n').slice(0, -1).every((p) => /^[a-z]+=.*$/.test(p)), 'name=value<CR><LF>…', text);
          const have = text.split('\r\n').map((p) => p.split('=')[0]);
          t.expectEqual(`${label}: mandatory properties missing`, names.filter((n) => !have.includes(n)), []);
        }
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.4.3',
  title: 'Time stamp',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4.3/1',
      ref: 'DSMR-P2 §6.4.3, §6.2.1 footnote 4',
      requirement: 'The time stamp is 46 6D + 6 bytes of type I holding UTC (DST fields 0): the last whole hour of the device clock.',
      mutants: ['p2.ts.type-f'],
      applies: all(readable, (d) => (d.feature('p2.clock', true) ? true : 'the device has no clock')),
      appliesWhen: 'wired device with a clock whose records the tester can read',
      async run(t) {
        const a = startAddress(t);
        await awayFromHour(t);
        await syncClock(t, a, new Date(t.clock.now()));
        const rec = recordWithHead(await readRecords(t, a), REC.timeStamp);
        t.expectEqual('time stamp record 46 6D with 6 data bytes', rec?.data.length ?? 'absent', 6);
        const f = rec!.date?.fields ?? {};
        t.expectEqual('DST flag and deviation', [f['dstActive'], f['dstDeviation']], [false, 0]);
        t.expectEqual('time stamp (UTC)', rec!.date?.iso ? iso(Date.parse(rec!.date.iso)) : 'invalid', iso(hourOf(t.clock.now())));
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.4.4',
  title: 'Gas meter data blocks',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4.4/1',
      ref: 'DSMR-P2 §6.4.4',
      requirement: 'The converted volume is 4C 13 (G4–G6, 1 l) or 4C 14 (G10–G25, 10 l) with an 8-digit BCD value.',
      mutants: ['p2.gas.wrong-scale'],
      applies: all(readable, gas, (d) => (['G4-G6', 'G10-G25'].includes(String(d.feature('p2.meter-size'))) ? true : 'the profile declares no meter size (p2.meter-size: G4-G6 or G10-G25)')),
      appliesWhen: 'wired gas meter whose profile declares p2.meter-size',
      async run(t) {
        const head = t.dut.feature('p2.meter-size') === 'G4-G6' ? REC.volumeG4 : REC.volumeG10;
        const rec = recordWithHead(await readRecords(t, startAddress(t)), head);
        t.expectTrue(`volume record ${head.map(h2).join(' ')}`, !!rec && rec.data.length === 4 && !rec.invalid, 'present, 4 valid BCD bytes', rec ? rec.raw : 'absent');
      },
    }),
  ],
});

section({
  id: 'dsmr-p2/6.4.8',
  title: 'Meter configuration data',
  family: p2GasFamily,
  cases: [
    K({
      id: 'dsmr-p2/6.4.8/1',
      ref: 'DSMR-P2 §6.4.8, §9.2',
      requirement: 'The configuration mask 01 FD 67 says no valve (bits 1, 3, 4 = 0) and matches the declared clock (bit 0) and converted volume (bit 2).',
      mutants: ['p2.cfg.valve-bit-set'],
      applies: readable,
      appliesWhen: 'wired device whose records the tester can read',
      async run(t) {
        const rec = recordWithHead(await readRecords(t, startAddress(t)), REC.configuration);
        if (!rec || rec.data.length !== 1) return t.fail('configuration record 01 FD 67', 'present with one byte', rec ? rec.raw : 'absent');
        const m = rec.data[0]!;
        t.expectEqual('valve bits (1, 3, 4)', m & (CONFIG.VALVE | CONFIG.VALVE_RELEASE | CONFIG.VALVE_OPEN_DIRECT), 0);
        const clock = t.dut.feature('p2.clock');
        if (typeof clock === 'boolean') t.expectEqual('clock bit (0)', (m & CONFIG.CLOCK) !== 0, clock);
        const conv = t.dut.feature('p2.converted-volume');
        if (typeof conv === 'boolean' && gas(t.dut) === true) t.expectEqual('converted-volume bit (2)', (m & CONFIG.CONVERTED) !== 0, conv);
      },
    }),
  ],
});
