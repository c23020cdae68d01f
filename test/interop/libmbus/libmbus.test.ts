/**
 * A real peer for DSMR P2: libmbus 0.9 (C; built into the npm addon node-mbus 2.2.6) is the M-Bus master
 * and reads meterproof's wired gas-meter simulator over loopback TCP. Each RSP_UD is captured on the
 * simulator's side of the wire and decoded by meterproof; libmbus's decode of the same bytes (its XML, as
 * node-mbus parses it) must say the same thing field by field (mapping in libmbus-view.ts).
 *
 * Real time throughout: libmbus's socket timeout T ends every silent turn (costs in peer.ts), so T is
 * small (loopback; the simulator answers after 20 ms) and every call is bounded.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import {
  mbusCryptoReady, mbusDibFields, mbusSndUd, mbusTelegramDecode, type MbusApp, type MbusDataRecord, type MbusLongHeader,
} from '../../../harness/codec/mbus/index.ts';
import { realClock } from '../../../harness/clock/real.ts';
import { GAS_WIRED_PROFILES } from '../../../harness/sim/gas/index.ts';
import { EXAMPLE_EQUIPMENT_ID } from '../../../harness/sim/gas/options.ts';
import { tcpClient } from '../../../harness/transport/tcp.ts';
import {
  headerFromLibmbus, headerFromMeterproof, LIBMBUS_FUNCTION, libmbusWalk, recordFromLibmbus, recordFromMeterproof,
} from './libmbus-view.ts';
import { libmbusConnect, realClockFrom, serveGasSim, type LibmbusData, type LibmbusMaster, type SimServer, type WireFrame } from './peer.ts';

/** libmbus response timeout, ms. */
const T = 150;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Server first: a libmbus worker still reading sees the reset and returns, so the master closes at once.
  for (const c of cleanups.splice(0)) await c();
});

const stats = { reads: 0, headerFields: 0, records: 0, recordFields: 0, keyedAccepted: 0, keyedRefused: 0, fcShown: 0 };
const timings: Record<string, number> = {};
afterAll(() => {
  console.log(`libmbus interop: ${JSON.stringify(stats)}; timings (ms): ${JSON.stringify(timings)}`);
});

async function timed<R>(name: string, p: Promise<R>): Promise<R> {
  const t0 = performance.now();
  try {
    return await p;
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

async function setup(opts: Parameters<typeof serveGasSim>[0]): Promise<{ srv: SimServer; m: LibmbusMaster }> {
  const srv = await serveGasSim(opts);
  cleanups.push(() => srv.close());
  const m = await libmbusConnect(srv.port, T);
  cleanups.push(() => m.close());
  return { srv, m };
}

function builtIn(name: string): { options: Record<string, unknown>; address: number } {
  const p = GAS_WIRED_PROFILES.find((x) => x.name === name);
  if (!p || p.transport.kind !== 'sim') throw new Error(`no simulator profile ${name}`);
  return { options: { ...p.transport.options }, address: Number(p.addresses?.['primary']) };
}

/** Short frame `10 C A CS 16`, checksum by hand (C + A mod 256, EN 60870-5-1 FT1.2). */
const short = (c: number, a: number): string => bytesToHex(Uint8Array.of(0x10, c, a, (c + a) & 0xff, 0x16));
/** Long frame with the checksum summed here, independently of the codec. */
function long(c: number, a: number, ci: number, dataHex: string): string {
  const body = [c, a, ci, ...hexToBytes(dataHex)];
  const cs = body.reduce((s, b) => s + b, 0) & 0xff;
  return bytesToHex(Uint8Array.from([0x68, body.length, body.length, 0x68, ...body, cs, 0x16]));
}
const SND_NKE = 0x40;
const REQ_UD2_FCB = 0x7b; // REQ_UD2 with FCV and FCB set, as libmbus sends its first request
const hexes = (fr: WireFrame[], from: WireFrame['from']): string[] => fr.filter((f) => f.from === from).map((f) => f.hex);
const userData = (frame: Uint8Array): Uint8Array => frame.subarray(7, frame.length - 2);
const dataRecords = (app: MbusApp): MbusDataRecord[] => app.records.filter((r): r is MbusDataRecord => r.kind === 'data');

/** libmbus's decode against meterproof's decode of the same RSP_UD, header and every record. */
function compareRead(lib: LibmbusData, rsp: Uint8Array): { app: MbusApp; records: number } {
  const t = mbusTelegramDecode(rsp);
  expect(t.decoded.frame).toMatchObject({ format: 'long', c: 0x08, ci: 0x72 });
  const app = t.app!;
  expect(app.errors).toEqual([]);
  const header = headerFromMeterproof(app.header as MbusLongHeader);
  expect(headerFromLibmbus(lib.SlaveInformation)).toEqual(header);
  const mine = dataRecords(app).map(recordFromMeterproof);
  const theirs = (lib.DataRecord ?? []).map(recordFromLibmbus);
  expect(theirs).toEqual(mine);
  stats.reads++;
  stats.headerFields += Object.keys(header).length;
  stats.records += mine.length;
  stats.recordFields += mine.reduce((n, r) => n + Object.keys(r).length, 0);
  return { app, records: mine.length };
}

const libRecord = (lib: LibmbusData, unit: string) => (lib.DataRecord ?? []).find((r) => r.Unit === unit);

describe('libmbus (node-mbus) as the M-Bus master of the wired gas simulator', () => {
  it('reads the as-delivered meter at primary address 0 and decodes every record as meterproof does', async () => {
    const { options, address } = builtIn('p2-gas-wired');
    expect(address).toBe(0); // DSMR-P2 §8.3: delivered at primary address 0
    const { srv, m } = await setup({ options });
    const since = srv.mark();
    const lib = await timed('getData pingFirst (4 T)', m.getData(address, true));
    const fr = since();
    // libmbus: SND_NKE to 253 twice (init_slaves), SND_NKE to the meter, then REQ_UD2 with FCB|FCV.
    expect(hexes(fr, 'master')).toEqual([short(SND_NKE, 0xfd), short(SND_NKE, 0xfd), short(SND_NKE, 0), short(REQ_UD2_FCB, 0)]);
    const answers = fr.filter((f) => f.from === 'meter');
    expect(answers.map((f) => f.hex.slice(0, 14))).toEqual(['E5', '68393968080072']);
    const { records } = compareRead(lib, answers[1]!.bytes);
    expect(records).toBe(5); // DSMR-P2 §6.3: status, E-ID, hourly time, hourly volume, configuration

    // Anchors from the simulator's configuration, not from either decoder.
    expect(lib.SlaveInformation).toMatchObject({ Id: Number(EXAMPLE_EQUIPMENT_ID.slice(-8)), Manufacturer: 'NET', Version: 0x42, Medium: 'Gas', Status: 0, Signature: 0 });
    expect(libRecord(lib, 'Fabrication number')?.Value).toBe(EXAMPLE_EQUIPMENT_ID);
    expect(libRecord(lib, 'Volume (m m^3)')).toMatchObject({ StorageNumber: 1, Value: 1_234_567 });
    expect(libRecord(lib, 'Special supplier information')?.Value).toBe(0x05); // clock + converted volume (§6.4.8)
  });

  it('reads the version records a meterproof master selected (CI 5Ah), CR LF shown as spaces', async () => {
    const { options } = builtIn('p2-gas-wired');
    const { srv, m } = await setup({ options });
    // Select FD 0Ch–0Fh on a second connection (DSMR-P2 §6.3.1; short header ACC ST CW, method 0).
    const c = tcpClient(realClock(), { host: '127.0.0.1', port: srv.port, connectTimeoutMs: 1000 });
    await c.open();
    cleanups.push(() => c.close());
    await c.write(mbusSndUd(0, 0x5a, hexToBytes('00000000' + '08FD0C' + '08FD0D' + '08FD0E' + '08FD0F')));
    expect(bytesToHex(await c.read(1000))).toBe('E5');
    // Without pingFirst libmbus sends no SND_NKE, which would reset the selection (DSMR-P2 §6.3.1).
    const since = srv.mark();
    const lib = await timed('getData (1 T), 9 records', m.getData(0, false));
    const fr = since();
    expect(hexes(fr, 'master')).toEqual([short(REQ_UD2_FCB, 0)]);
    const { records } = compareRead(lib, fr.find((f) => f.from === 'meter')!.bytes);
    expect(records).toBe(9);
    expect(libRecord(lib, 'Model / Version')?.Value).toBe('dsmr=4.2.2  ');
    expect(libRecord(lib, 'Software version')?.Value).toBe('com=FW4.5.6  apl=FW7.8.9  cfg=CFG-01  ');
  });

  it('maps the G10–G25 volume (VIF 14h, 10 l) through libmbus\'s "1e-2" prefix', async () => {
    const { options } = builtIn('p2-gas-wired');
    const { srv, m } = await setup({ options: { ...options, meterSize: 'G10-G25' } });
    const since = srv.mark();
    const lib = await timed('getData G10-G25 (1 T)', m.getData(0, false));
    compareRead(lib, since().find((f) => f.from === 'meter')!.bytes);
    // DSMR-P2 §6.4.4: tens of litres; 1 234 567 l → 123 456 × 10⁻² m³.
    expect(libRecord(lib, 'Volume (1e-2  m^3)')).toMatchObject({ StorageNumber: 1, Value: 123_456 });
  });

  it('sets the primary address with setPrimaryId, then a primary scan 0..3 finds the meter only there', async () => {
    const { options } = builtIn('p2-gas-wired');
    const { srv, m } = await setup({ options });
    let since = srv.mark();
    await timed('setPrimaryId (3 T)', m.setPrimaryId(0, 2));
    let fr = since();
    // init_slaves, a check that nobody answers at 2, then SND_UD CI 51h `01 7A 02` (DSMR-P2 §6.2.2) → E5h.
    expect(hexes(fr, 'master')).toEqual([short(SND_NKE, 0xfd), short(SND_NKE, 0xfd), short(SND_NKE, 2), long(0x53, 0, 0x51, '017A02')]);
    expect(hexes(fr, 'meter')).toEqual(['E5']);
    expect(srv.device.control.truth().address).toBe(2);

    const found: number[] = [];
    const t0 = performance.now();
    for (const a of [0, 1, 2, 3]) {
      since = srv.mark();
      const lib = await m.getData(a, false).catch((e: unknown) => e as Error);
      fr = since();
      if (lib instanceof Error) {
        // REQ_UD2 and 3 retries, all unanswered: the meter is silent at every other address (DSMR-P2 §8.3.1).
        expect(lib.message).toMatch(/Failed to send\/receive M-Bus request frame\[\d\]/);
        expect(hexes(fr, 'master')).toEqual(Array(4).fill(short(REQ_UD2_FCB, a)));
        expect(hexes(fr, 'meter')).toEqual([]);
        continue;
      }
      found.push(a);
      compareRead(lib, fr.find((f) => f.from === 'meter')!.bytes);
    }
    timings['primary scan 0..3 (13 T)'] = Math.round(performance.now() - t0);
    expect(found).toEqual([2]);
  });

  it('keyed meter (mode 15): libmbus cannot decrypt; it shows the clear header only when the ciphertext happens to parse as records', async () => {
    const { options, address } = builtIn('p2-gas-wired-keyed');
    expect(address).toBe(1);
    // Example keys and a pinned device clock make each encrypted readout the same on every run.
    const { srv, m } = await setup({ options: { ...options, keys: 'example' }, clock: realClockFrom('2025-03-14T10:30:00Z') });
    await mbusCryptoReady();
    const userKey = srv.device.control.keys().userKey!;
    let fc = Number(options['frameCounter']);
    const t0 = performance.now();
    for (let k = 0; k < 8; k++) {
      const since = srv.mark();
      const got = await m.getData(address, false).then((d) => ({ d }), (e: Error) => ({ e }));
      const fr = since();
      const rsps = fr.filter((f) => f.from === 'meter');
      const walks = rsps.map((f) => libmbusWalk(userData(f.bytes)));
      // One REQ_UD2 per telegram; after one that libmbus reads as "more records follow" it asks again (FCB toggled).
      expect(hexes(fr, 'master')).toEqual(rsps.map((_, i) => short(i % 2 ? 0x5b : REQ_UD2_FCB, address)));

      let libIndex = 0;
      for (const [i, f] of rsps.entries()) {
        // meterproof without the key: header and the clear frame counter (DSMR-P2 §5.2), ciphertext kept.
        const app = mbusTelegramDecode(f.bytes).app!;
        expect(app.config).toMatchObject({ mode: 15, blocks: 3 });
        expect(app.encrypted?.decrypted).toBe(false);
        expect(app.errors).toEqual([]);
        expect(app.frameCounter).toBe(++fc);
        expect(dataRecords(app).map((r) => [r.info.quantity, r.raw])).toEqual([['access-number', fc]]);
        // meterproof with the key reads the readout libmbus cannot.
        const plain = dataRecords(mbusTelegramDecode(f.bytes, { key: userKey }).app!);
        expect(plain.map((r) => r.value)).toContain(EXAMPLE_EQUIPMENT_ID);
        expect(plain.find((r) => r.info.quantity === 'volume')?.raw).toBe(1_234_567);
        if (!('d' in got)) continue;
        if (i === 0) {
          expect(headerFromLibmbus(got.d.SlaveInformation)).toEqual(headerFromMeterproof(app.header as MbusLongHeader));
          expect(got.d.SlaveInformation.Signature).toBe('0F30'); // CW 0F30h: mode 15, 3 blocks — shown, not acted on
        }
        // libmbus takes ciphertext as records: its list is exactly the walk over the encrypted bytes.
        const fcOffset = 12 + 16 * app.config!.blocks;
        for (const w of walks[i]!.records) {
          const lr = got.d.DataRecord![libIndex++]!;
          if (w.special) {
            expect(lr.Function).toBe(w.dif === 0x1f ? 'More records follow' : 'Manufacturer specific');
            continue;
          }
          const dib = mbusDibFields(w.dif, w.dife);
          expect({ fn: lr.Function, storage: lr.StorageNumber }).toEqual({ fn: LIBMBUS_FUNCTION[dib.function], storage: dib.storage });
          if (w.offset === fcOffset) {
            // The walk landed on the clear `04 FD 08` record: libmbus shows the frame counter by chance.
            expect(lr).toMatchObject({ Unit: 'Access Number (transmission count)', Value: fc });
            stats.fcShown++;
          }
        }
        const values = got.d.DataRecord!.map((r) => r.Value);
        expect(values).not.toContain(EXAMPLE_EQUIPMENT_ID);
        expect(values).not.toContain(1_234_567);
      }
      if ('d' in got) {
        expect(walks.every((w) => w.ok)).toBe(true);
        expect(got.d.DataRecord ?? []).toHaveLength(libIndex);
        stats.keyedAccepted++;
      } else {
        // The first structural fault of the walk makes libmbus drop the whole telegram, header included.
        expect(walks.some((w) => !w.ok)).toBe(true);
        expect(got.e.message).toMatch(/Failed to send\/receive M-Bus request frame\[1\]/);
        stats.keyedRefused++;
      }
    }
    timings['8 keyed reads (~8 T)'] = Math.round(performance.now() - t0);
    // The pinned readouts give both outcomes; if the simulator's readout changes, pick another start instant.
    expect(stats.keyedAccepted).toBeGreaterThan(0);
    expect(stats.keyedRefused).toBeGreaterThan(0);
  });

  it('secondary scan: the DSMR meter ignores every selection (no secondary addressing), so libmbus finds nothing', async () => {
    const { options } = builtIn('p2-gas-wired');
    const { srv, m } = await setup({ options });
    const since = srv.mark();
    const found = await timed('scanSecondary, silent (22 T)', m.scanSecondary());
    const fr = since();
    expect(found).toEqual([]);
    const sent = hexes(fr, 'master');
    // init_slaves, then masks 0FFF…–9FFF… (ID nibbles, rest wildcards), each tried twice, to address 253.
    expect(sent.slice(0, 2)).toEqual([short(SND_NKE, 0xfd), short(SND_NKE, 0xfd)]);
    expect(sent).toHaveLength(22);
    expect(sent[2]).toBe(long(0x73, 0xfd, 0x52, 'FFFFFF0FFFFFFFFF'));
    expect(sent[21]).toBe(long(0x73, 0xfd, 0x52, 'FFFFFF9FFFFFFFFF'));
    expect(hexes(fr, 'meter')).toEqual([]);
  });

  it('secondary scan against the p2.link.secondary-select mutant finds the meter under its EN 13757 secondary address', async () => {
    const { options } = builtIn('p2-gas-wired');
    const { m } = await setup({ options, faults: ['p2.link.secondary-select'] });
    const found = await timed('scanSecondary, mutant (≈21 T)', m.scanSecondary());
    // libmbus prints ID, then the manufacturer bytes in wire order, version, medium.
    const man = [...'NET'].reduce((v, ch) => (v << 5) | (ch.charCodeAt(0) - 64), 0);
    const manWire = bytesToHex(Uint8Array.of(man & 0xff, man >> 8));
    expect(found).toEqual([`${EXAMPLE_EQUIPMENT_ID.slice(-8)}${manWire}4203`]);
  });
});
