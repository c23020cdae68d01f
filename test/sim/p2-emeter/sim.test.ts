/**
 * The E-meter simulator's own behaviour: golden frames (DSMR-P2 App. B1.1; the research digest's derived
 * CI 6Ch / CI 5Ah vectors §5.5 and corrected B1.3 §5.1, computed there with python `cryptography` and
 * node:crypto), the P3 view of App. B1.3 (values printed in the spec), its schedule (hourly polls,
 * installation scan and address assignment), links in turn, TCP, option checking.
 */
import { describe, expect, it } from 'vitest';
import { realClock, VirtualClock } from '../../../harness/clock/index.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { mbusSlave, type MbusSlave, type SlaveMeterInit } from '../../../harness/roles/mbus-slave.ts';
import { EMETER_FAULTS, emeterSim, type EmeterBench } from '../../../harness/sim/emeter/index.ts';
import { emeterOptions } from '../../../harness/sim/emeter/options.ts';
import { gasWiredSim } from '../../../harness/sim/gas/index.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import { tcpClient, tcpServe } from '../../../harness/transport/index.ts';

const DK = hexToBytes('00112233445566778899AABBCCDDEEFF');
const UK = hexToBytes('000102030405060708090A0B0C0D0E0F');
const B11 = '6819196853015107FD1903E0EED1F68E9B8F47FD195E1372754AB79F278E16';
const HOUR = 3_600_000;

async function rig(start = Date.UTC(2026, 0, 15, 10), faults: string[] = [], options: Record<string, unknown> = {}) {
  const clock = new VirtualClock({ start });
  const [tester, dutEnd] = memoryPair(clock);
  await tester.open();
  await dutEnd.open();
  const slave = mbusSlave(tester, clock);
  const dev = emeterSim.create({ clock, faults: new Set(faults), options });
  dev.attach(dutEnd);
  return { clock, slave, bench: dev.control, dev };
}

async function bound(r: { clock: VirtualClock; slave: MbusSlave; bench: EmeterBench }, init: Partial<SlaveMeterInit> = {}) {
  const m = r.slave.addMeter({ address: 1, defaultKey: DK, ...init });
  r.bench.registerDevice(1, 1);
  await r.clock.sleep(2000);
  return m;
}

const longFrames = (s: MbusSlave, ci: number) => s.received.filter((x) => x.frame.format === 'long' && x.frame.ci === ci);

describe('E-meter simulator', () => {
  it('sends the App. B1.1 set-key telegram for transfer_key and reads the device keyed afterwards', async () => {
    const r = await rig();
    const m = await bound(r);
    r.bench.setEncryptionKey(1, UK);
    r.bench.transferKey(1, hexToBytes('279FB74A7572135E8F9B8EF6D1EEE003'));
    await r.clock.sleep(30_000);
    expect(bytesToHex(longFrames(r.slave, 0x51)[0]!.raw)).toBe(B11);
    expect(bytesToHex(m.userKey!)).toBe(bytesToHex(UK));
    expect(r.bench.readClientSetup(1)).toMatchObject({ encryptionKeyStatus: 4, configuration: 15, identificationNumber: '23456789', manufacturerId: 'NET' });
    // §8.1: versions read through a readout-list change, then the default list restored.
    expect(r.bench.readDeviceConfiguration(1)).toMatch(/ver/);
    expect(m.selected.size).toBe(0);
  });

  it('takes the corrected App. B1.3 telegram over: 0,391 m³ at 2009-06-18 11:00:00 UTC, status 0', async () => {
    const r = await rig(Date.UTC(2009, 5, 18, 11, 20));
    r.bench.registerDevice(1, 1);
    r.bench.setEncryptionKey(1, UK);
    r.slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, accessNumber: 0xf6, volumeLitres: 391, stamp: Date.UTC(2009, 5, 18, 11) });
    await r.clock.sleep(2000);
    expect(r.bench.readMbusValue(1)).toEqual({ quantity: 'volume', raw: 391, scaler: -3, unit: 'm3', captureTime: '2009-06-18T11:00:00Z' });
    expect(r.bench.readClientSetup(1)).toMatchObject({ status: 0, accessNumber: 0xf6, version: 0x42, deviceType: 3 });
    expect(r.bench.readFrameCounterStatus(1)).toEqual({ lastValidated: 1 });
  });

  it('synchronises the clock with the digest\'s derived CI 6Ch telegram (2013-07-16 13:00:00 UTC, FC 6)', async () => {
    const r = await rig(Date.UTC(2013, 6, 16, 12, 30));
    r.slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, frameCounter: 4 });
    r.bench.registerDevice(1, 1);
    r.bench.setEncryptionKey(1, UK);
    await r.clock.sleep(2000);
    r.bench.setClock(Date.UTC(2013, 6, 16, 13));
    await r.clock.sleep(2000);
    const f = longFrames(r.slave, 0x6c)[0]!.raw;
    // Digest §5.5 (ACC 03): header bytes up to ACC, then ST, CW, ciphertext, counter record; ACC and CS follow our ACC.
    expect(bytesToHex(f.subarray(0, 15))).toBe('6826266853016C89674523B4384203');
    expect(bytesToHex(f.subarray(16, f.length - 2))).toBe('00100F733557CA5C9F44972EF7A3F848461E5204FD0806000000');
  });

  it('clears a non-permanent status bit with the digest\'s derived CI 5Ah telegram (FC 4)', async () => {
    const r = await rig();
    r.slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, frameCounter: 2, status: 0x20 });
    r.bench.registerDevice(1, 1);
    r.bench.setEncryptionKey(1, UK);
    await r.clock.sleep(5000);
    const f = longFrames(r.slave, 0x5a)[0]!.raw;
    expect(bytesToHex(f.subarray(0, 7))).toBe('681E1E6853015A');
    expect(bytesToHex(f.subarray(8, f.length - 2))).toBe('00100F1E2D5DA832C38A17D7C472A19AA1E7E104FD0804000000');
    expect(r.slave.meters[0]!.status).toBe(0);
  });

  it('polls each registered device once an hour, one minute past the hour', async () => {
    const r = await rig();
    await bound(r);
    const t0 = r.clock.now();
    await r.clock.sleep(3 * HOUR);
    const polls = r.slave.received.filter((x) => x.t > t0 && x.frame.format === 'short' && x.frame.c === 0x5b).map((x) => new Date(x.t).toISOString().slice(11, 19));
    expect(polls).toEqual(['10:01:00', '11:01:00', '12:01:00']);
  });

  it('slave_install: gives a device at address 0 the first free address and binds it in a free channel', async () => {
    const r = await rig();
    await bound(r);
    const m = r.slave.addMeter({ address: 0, defaultKey: DK, identity: { id: '12121212', manufacturer: 'NET', version: 0x42, medium: 3 } });
    r.bench.installDevice();
    await r.clock.sleep(70_000);
    expect(m.address).toBe(2);
    expect(r.bench.readClientSetup(2)).toMatchObject({ primaryAddress: 2, identificationNumber: '12121212' });
    const addrs = new Set(r.slave.received.filter((x) => x.frame.format === 'short' && x.frame.c === 0x40).map((x) => (x.frame as { a: number }).a));
    expect(addrs.size).toBe(250); // 0 and 3–250 probed, 2 checked free, 1 in use
  });

  it('serves links in turn and stops its timers', async () => {
    const clock = new VirtualClock();
    const dev = emeterSim.create({ clock, faults: new Set(), options: { register: '4' } });
    for (let i = 0; i < 2; i++) {
      const [tester, dutEnd] = memoryPair(clock);
      await tester.open();
      await dutEnd.open();
      const slave = mbusSlave(tester, clock);
      slave.addMeter({ address: 4, defaultKey: DK, volumeLitres: 100 + i });
      dev.attach(dutEnd);
      await clock.sleep(1000);
      expect(dev.control.readMbusValue(1)?.raw).toBe(100 + i);
      await tester.close();
    }
    await dev.stop();
    expect(clock.pending()).toBe(0);
  });

  it('polls over TCP as soon as a connection is attached (meterproof sim emeter --tcp)', async () => {
    const clock = realClock();
    const dev = emeterSim.create({ clock, faults: new Set(), options: { register: [3] } });
    const server = await tcpServe(clock, 0, (t) => dev.attach(t));
    const client = tcpClient(clock, { host: '127.0.0.1', port: server.port });
    const gas = gasWiredSim.create({ clock, faults: new Set(), options: { address: 3, volumeLitres: 4242, flowLitresPerHour: 0 } });
    try {
      await client.open();
      gas.attach(client);
      for (let i = 0; i < 100 && !dev.control.readMbusValue(1); i++) await new Promise((res) => setTimeout(res, 20));
      expect(dev.control.readMbusValue(1)).toMatchObject({ quantity: 'volume', raw: 4242 });
    } finally {
      await client.close();
      await server.close();
      await gas.stop();
      await dev.stop();
    }
  });

  it('checks its options and names every fault switch once', () => {
    expect(emeterOptions({ register: '1,2' }).register).toEqual([1, 2]);
    expect(() => emeterOptions({ register: [251] })).toThrow(/register/);
    expect(() => emeterOptions({ discoverOnPowerOn: 'yes' })).toThrow(/discoverOnPowerOn/);
    const names = EMETER_FAULTS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^p2\.[a-z0-9]+\.[a-z0-9-]+$/.test(n))).toBe(true);
  });
});
