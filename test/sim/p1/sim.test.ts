/**
 * The P1 simulator's model and port behaviour, checked against the spec values and independent
 * computations (CRC by an MSB-first register, energy = power × time, EU summer-time dates by hand).
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { p1Reader } from '../../../harness/roles/p1-reader.ts';
import { p1Sim, type P1Bench } from '../../../harness/sim/p1/index.ts';
import { isSummerTime, tstOf } from '../../../harness/sim/p1/localtime.ts';
import { validateProfile } from '../../../harness/runner/profile.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import type { Transport } from '../../../harness/transport/transport.ts';

const START = Date.UTC(2026, 0, 15, 10, 0, 0); // the VirtualClock default: Thursday 11:00 CET

function arc(s: string): string {
  const rev = (v: number, n: number) => { let r = 0; for (let i = 0; i < n; i++) r |= ((v >> i) & 1) << (n - 1 - i); return r; };
  let crc = 0;
  for (let i = 0; i < s.length; i++) {
    crc ^= rev(s.charCodeAt(i), 8) << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return rev(crc, 16).toString(16).toUpperCase().padStart(4, '0');
}

async function session(profile = 0, faults: string[] = [], opts: { kind?: 'tcp'; options?: Record<string, unknown> } = {}) {
  const clock = new VirtualClock();
  const [mine, theirs] = memoryPair(clock);
  const p = p1Sim.profiles[profile]!;
  const options = { ...(p.transport.kind === 'sim' ? p.transport.options : {}), ...opts.options };
  const dev = p1Sim.create({ clock, faults: new Set(faults), options });
  await mine.open();
  await theirs.open();
  const link: Transport = opts.kind ? new Proxy(theirs, { get: (t, k) => (k === 'kind' ? opts.kind : Reflect.get(t, k, t)) }) : theirs;
  dev.attach(link);
  const reader = p1Reader(mine, clock);
  return { clock, reader, bench: dev.control as P1Bench, dev };
}

describe('P1 simulator port', () => {
  it('stays silent on an in-memory link until the request line is asserted, then sends on 10 s boundaries', async () => {
    const { clock, reader } = await session();
    expect((await reader.quietFor(30_000)).length).toBe(0);
    await reader.setRequest(true);
    const [a, b] = await reader.capture(2, { timeoutMs: 11_000 });
    expect(a!.startedAt % 10_000).toBe(0);
    expect(b!.startedAt - a!.startedAt).toBe(10_000); // DSMR-RN-4.2.2 §2 item 33
    await reader.setRequest(false);
    await clock.sleep(1000);
    expect((await reader.quietFor(30_000)).length).toBe(0);
  });

  it('serves without a request line over a non-memory link (TCP bridge)', async () => {
    const { reader } = await session(0, [], { kind: 'tcp' });
    const r = await reader.next(11_000);
    expect(r.text.startsWith('/')).toBe(true);
  });

  for (const [i, name] of p1Sim.profiles.map((p, k) => [k, p.name] as const)) {
    it(`${name}: CRC-16/ARC over / … ! (independent computation), CR LF everywhere, upper-case hex`, async () => {
      const { reader } = await session(i);
      await reader.setRequest(true);
      for (const r of await reader.capture(3, { timeoutMs: 11_000 })) {
        const bang = r.text.indexOf('!');
        expect(r.text.slice(bang + 1, bang + 5)).toBe(arc(r.text.slice(0, bang + 1)));
        expect(r.text.endsWith('\r\n')).toBe(true);
        expect(r.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(r.text.split('\r\n')[1]).toBe('');
        expect(r.telegram.deviations).toEqual([]);
      }
    });
  }

  it('line(): 115200 7E1, changed only by the serial faults', () => {
    expect(p1Sim.line!({}, new Set())).toEqual({ baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(p1Sim.line!({}, new Set(['p1.serial.baud-9600']))?.baud).toBe(9600);
    expect(p1Sim.line!({}, new Set(['p1.serial.8n1']))).toMatchObject({ dataBits: 8, parity: 'none' });
  });

  it('rejects bad options with the field named', () => {
    const clock = new VirtualClock();
    expect(() => p1Sim.create({ clock, faults: new Set(), options: { variant: '5.0' } })).toThrow(/variant/);
    expect(() => p1Sim.create({ clock, faults: new Set(), options: { mbus: [{ channel: 5, equipmentId: 'x' }] } })).toThrow(/mbus\[0\]\.channel/);
  });

  it('ships built-in profiles that validate against the profile schema', () => {
    expect(p1Sim.profiles.map((p) => p.name)).toEqual(['p1-dsmr422', 'p1-dsmr404']);
    for (const p of p1Sim.profiles) expect(validateProfile(JSON.parse(JSON.stringify(p)), p.name)).toEqual(p);
  });

  it('has uniquely named fault switches, each with a rule', () => {
    const names = p1Sim.faults.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of p1Sim.faults) {
      expect(f.name).toMatch(/^p1\.[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(f.rule.length).toBeGreaterThan(10);
    }
  });
});

describe('P1 simulator model (bench ground truth)', () => {
  it('integrates energy: 1 kW for one hour adds 1000 Wh to the active tariff register', async () => {
    const { clock, bench } = await session(0);
    expect(bench.tariff()).toBe(2); // Thursday 11:00 local: normal tariff
    bench.setLoad({ l1: 1000, l2: 0, l3: 0 });
    const before = bench.registers();
    await clock.sleep(3_600_000);
    const after = bench.registers();
    expect(after.importT2Wh - before.importT2Wh).toBe(1000);
    expect(after.importT1Wh).toBe(before.importT1Wh);
    bench.setLoad({ l1: -500 });
    await clock.sleep(3_600_000);
    expect(bench.registers().exportT2Wh - after.exportT2Wh).toBe(500);
  });

  it('reports power and currents per phase (1 A resolution)', async () => {
    const { bench } = await session(0);
    bench.setLoad({ l1: 2300, l2: -1150, l3: 0 });
    expect(bench.power()).toEqual({
      importW: 1150,
      exportW: 0,
      phases: [{ importW: 2300, exportW: 0, currentA: 10 }, { importW: 0, exportW: 1150, currentA: 5 }, { importW: 0, exportW: 0, currentA: 0 }],
    });
  });

  it('counts short and long failures and logs only long ones, end-stamped, at most 10, FIFO', async () => {
    const { bench } = await session(0);
    const pf0 = bench.powerFailures();
    const log0 = bench.powerFailureLog();
    await bench.powerCut(5);
    expect(bench.powerFailures()).toEqual({ any: pf0.any + 1, long: pf0.long });
    expect(bench.powerFailureLog()).toEqual(log0);
    const before = bench.now();
    await bench.powerCut(300);
    expect(bench.powerFailures().long).toBe(pf0.long + 1);
    expect(bench.powerFailureLog().at(-1)).toEqual({ end: before + 300_000, durationS: 300 });
    for (let i = 0; i < 10; i++) await bench.powerCut(200 + i);
    const log = bench.powerFailureLog();
    expect(log.length).toBe(10);
    expect(log.map((e) => e.durationS)).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
  });

  it('keeps its P1 port dark during a power cut', async () => {
    const { reader, bench } = await session(0);
    await reader.setRequest(true);
    await reader.next(11_000);
    const got: number[] = [];
    const cut = bench.powerCut(60);
    got.push((await reader.quietFor(59_000)).length);
    await cut;
    expect(got).toEqual([0]);
  });

  it('follows Dutch summer time: last Sunday of March / October at 01:00 UTC', async () => {
    expect(isSummerTime(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe(false);
    expect(isSummerTime(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe(true);
    expect(isSummerTime(Date.UTC(2026, 9, 25, 0, 59, 59))).toBe(true);
    expect(isSummerTime(Date.UTC(2026, 9, 25, 1, 0, 0))).toBe(false);
    expect(tstOf(START)).toBe('260115110000W');
    expect(tstOf(Date.UTC(2026, 6, 15, 10, 0, 0))).toBe('260715120000S');
    const { reader, bench } = await session(1);
    bench.travel(new Date('2026-07-18T10:00:00Z')); // a Saturday: low tariff
    expect(bench.tariff()).toBe(1);
    await reader.setRequest(true);
    const r = await reader.next(11_000);
    expect(r.text).toContain('0-0:1.0.0(260718120010S)');
  });

  it('captures M-Bus values hourly and keeps the last one when the device is silent', async () => {
    const { clock, bench } = await session(0);
    const m0 = bench.mbus(1)!;
    expect(m0.captureTime).toBe(START); // 10:00Z is a full hour
    await clock.sleep(3_600_000);
    const m1 = bench.mbus(1)!;
    expect(m1.captureTime).toBe(START + 3_600_000);
    expect(Math.round((m1.value - m0.value) * 1000)).toBe(250); // 0.25 m3/h in the built-in profile
    bench.silenceMbus(1);
    await clock.sleep(3 * 3_600_000);
    expect(bench.mbus(1)).toEqual(m1);
    expect(bench.mbus(3)).toBeUndefined();
    bench.attachMbus(3, { type: 7, equipmentId: 'W1', start: 10 });
    expect(bench.mbus(3)).toMatchObject({ channel: 3, type: 7, equipmentId: 'W1', value: 10, valve: false });
  });

  it('refuses grid events on phases a single-phase meter lacks', async () => {
    const { bench } = await session(1);
    expect(() => bench.sag(2)).toThrow(RangeError);
    bench.swell(1);
    expect(bench.sagSwell().swells).toEqual([1]);
  });
});
