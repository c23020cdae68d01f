/**
 * The wireless frames against independent computations (golden.ts: own CRC-16/EN-13757, node:crypto, the
 * DSMR-P2 App. B values): the research digest's derived vectors, the E-meter role's frame builders and
 * decoder, the simulator's SND_NR (App. B1.3 content) and ACK, the SND_NR schedule bounds, and robustness
 * of the simulator's receive path and of the hex-line framing.
 */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcOpts } from '../../helpers/fc.ts';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { wmbusOther, type WmbusOther } from '../../../harness/roles/wmbus-other.ts';
import { radioEncode, radioReceiver } from '../../../harness/roles/wmbus-radio.ts';
import { gasWirelessSim, type GasWirelessBench } from '../../../harness/sim/gas/wireless/index.ts';
import { wlReceive } from '../../../harness/sim/gas/wireless/control.ts';
import { snrOffsetMs } from '../../../harness/sim/gas/wireless/schedule.ts';
import { meterCreate } from '../../../harness/sim/gas/meter.ts';
import { gasWirelessOptions } from '../../../harness/sim/gas/wireless/options.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import {
  B13_PLAIN, DIGEST, DK, LLA, SET_KEY_RECORDS, SHORT_ID, UK, ZERO_LLA, ack, crc, emeterNoData, formatA, hex, show, sndNrB13,
} from './golden.ts';

const APP_B_ID = { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 0x03 };

async function rig(options: Record<string, unknown>, start = Date.UTC(2009, 5, 18, 11, 0, 0)) {
  const clock = new VirtualClock({ start });
  const [mine, theirs] = memoryPair(clock);
  await mine.open();
  await theirs.open();
  const dev = gasWirelessSim.create({ clock, faults: new Set(), options: { keys: 'example', ...options } });
  dev.attach(theirs);
  const bench = dev.control as GasWirelessBench;
  const k = bench.keys();
  const radio: WmbusOther = wmbusOther(mine, clock, { framing: 'packet', keys: { default: k.defaultKey, user: k.userKey } });
  return { clock, bench, radio, dev };
}

describe('wireless frames: digest vectors, role and simulator against independent computations', () => {
  it('our CRC-16/EN-13757 gives the published check value', () => {
    expect(crc(new TextEncoder().encode('123456789')).toString(16)).toBe('c2b7');
  });

  it('the digest §5.5 derived wireless vectors are what the DSMR-P2 rules give', () => {
    const wrapped = Uint8Array.from(Buffer.concat([createCipheriv('aes-128-ecb', DK, null).setAutoPadding(false).update(UK)])).reverse();
    expect(show(SET_KEY_RECORDS)).toBe(show(Uint8Array.from([0x07, 0xfd, 0x19, ...wrapped.subarray(0, 8), 0x47, 0xfd, 0x19, ...wrapped.subarray(8)])));
    expect(show(sndNrB13(0xf6, 1))).toBe(show(DIGEST.sndNr));
    expect(show(emeterNoData(0x40, 0x01))).toBe(show(DIGEST.sndNke));
    expect(show(emeterNoData(0x5b, 0x01))).toBe(show(DIGEST.reqUd2));
    expect(show(emeterNoData(0x06, 0xf6))).toBe(show(DIGEST.cnfIr));
    expect(show(ack(0x01, 0xa0))).toBe(show(DIGEST.ack));
    expect(show(formatA(0x53, ZERO_LLA, Uint8Array.from([0x5b, ...SHORT_ID, 0x01, 0, 0, 0, ...SET_KEY_RECORDS])))).toBe(show(DIGEST.setKey));
    expect(show(formatA(0x46, LLA, Uint8Array.of(0x7a, 0x10, 0, 0, 0xa0)))).toBe(show(DIGEST.sndIr));
  });

  it('the E-meter role builds the digest frames and decodes the SND_NR (B1.3 content)', async () => {
    const clock = new VirtualClock();
    const [mine] = memoryPair(clock);
    const r = wmbusOther(mine, clock, { framing: 'packet', keys: { default: DK, user: UK } });
    r.identity = { ...APP_B_ID };
    expect(show(r.sndNke({ acc: 1 }).bytes)).toBe(show(DIGEST.sndNke));
    expect(show(r.reqUd2({ acc: 1 }).bytes)).toBe(show(DIGEST.reqUd2));
    expect(show(r.setKey(UK, { acc: 1 }).bytes)).toBe(show(DIGEST.setKey));
    const nr = r.decode(DIGEST.sndNr);
    expect(show(r.cnfIr(nr).bytes)).toBe(show(DIGEST.cnfIr));
    expect([nr.linkOk, nr.c, nr.ci, nr.mode, nr.blocks, nr.frameCounter, nr.readable]).toEqual([true, 0x44, 0x7a, 15, 3, 1, true]);
    const data = nr.app!.records.flatMap((x) => (x.kind === 'data' ? [x] : []));
    expect(data.map((x) => x.value)).toContain('XXXXX110123456789');
    // 4C 13 91 03 00 00: 391 litres (VIF 13h, 10^-3 m³), storage 1 (DSMR-P2 §6.4.4, App. B1.3).
    expect(data.find((x) => x.dif === 0x4c && x.vif === 0x13)?.raw).toBe(391);
    expect(r.lastFc).toBe(1);
  });

  it('the simulator\'s first SND_NR in customer mode is the B1.3 content, encrypted with FC 1, within 10 minutes of 11:00', async () => {
    const { radio, bench, dev } = await rig({ state: 'customer', keyed: true, frameCounter: 0, volumeLitres: 391, flowLitresPerHour: 0 });
    const acc = bench.truth().accessNumber;
    const f = (await radio.next(3_600_000))!;
    expect(show(f.raw)).toBe(show(sndNrB13(acc, 1)));
    expect(f.t - Date.UTC(2009, 5, 18, 11, 0, 0)).toBeGreaterThan(0);
    expect(f.t - Date.UTC(2009, 5, 18, 11, 0, 0)).toBeLessThan(600_000);
    // Its ACK to a SND_UD with ACC 01h: short header 01 00, CW B set and S clear (§4.2.6; the §4.4.3 table prints A0h, digest A7).
    radio.identity = { ...APP_B_ID };
    const out = radio.control(hex('08 FD 0C'), { acc: 1 });
    const a = await radio.transact(out);
    expect(show(a!.raw)).toBe(show(ack(0x01, 0x80)));
    await dev.stop();
  });

  it('every SND_NR slot lies inside the first 10 minutes after the whole hour, for every access number', () => {
    const m = meterCreate(gasWirelessOptions({}, false), new VirtualClock(), new Set());
    for (const anchor of [120, 300, 480]) {
      for (let acc = 0; acc < 256; acc++) {
        const off = snrOffsetMs(m, acc, anchor);
        expect(off).toBeGreaterThan(0);
        expect(off).toBeLessThan(600_000);
      }
    }
  });

  it('the simulator survives any bytes and any CRC-valid frame on its receive path', () => {
    const m = meterCreate(gasWirelessOptions({ keyed: true }, false), new VirtualClock(), new Set());
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(['drop', 'nke', 'cnf-ir', 'req', 'ack', 'refused']).toContain(wlReceive(m, b, { afterVoidRequest: false }).kind);
    }), fcOpts);
    const frame = fc.record({ c: fc.constantFrom(0x40, 0x53, 0x5b, 0x06, 0x73, 0x7b, 0x5a), ci: fc.constantFrom(0x80, 0x5b, 0x6c, 0x5a, 0x51, 0x72), body: fc.uint8Array({ maxLength: 120 }) });
    fc.assert(fc.property(frame, fc.boolean(), ({ c, ci, body }, mine) => {
      const rest = Uint8Array.from([ci, ...(mine ? SHORT_ID : []), ...body]);
      expect(wlReceive(m, formatA(c, ZERO_LLA, rest), { afterVoidRequest: false }).kind).toBeTypeOf('string');
    }), fcOpts);
  });
});

describe('hex-line framing', () => {
  it('reads lines in any chunking, with CR LF, lower case, separators, 0x prefix, comments and junk', () => {
    const rx = radioReceiver('hex-line');
    const text = '# recorded by a receiver\r\n0x0e 46 b4-38:89 67 45 23 42 03 ae 42 7a 10 00 00 a0 c1 07\r\n\r\nnot hex\n; comment\n';
    const got = [...text].map((ch) => rx.push(new TextEncoder().encode(ch)));
    expect(got.flatMap((g) => g.frames).map(show)).toEqual([show(DIGEST.sndIr)]);
    expect(got.flatMap((g) => g.junk)).toEqual(['not hex']);
  });

  it('drops an over-long line without keeping it in memory, then reads the next one', () => {
    const rx = radioReceiver('hex-line');
    expect(rx.push(new TextEncoder().encode('A'.repeat(5000))).junk.length).toBe(1);
    const after = rx.push(new TextEncoder().encode(`BBBB\n${show(DIGEST.ack)}\n`));
    expect(after.frames.map(show)).toEqual([show(DIGEST.ack)]);
  });

  it('decode(encode(frames)) = frames for any split of the stream', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 80 }), { maxLength: 6 }), fc.array(fc.nat(40), { maxLength: 20 }), (frames, cuts) => {
      const stream = Uint8Array.from(frames.flatMap((f) => [...radioEncode('hex-line', f)]));
      const rx = radioReceiver('hex-line');
      const out: Uint8Array[] = [];
      let at = 0;
      for (const c of [...cuts, stream.length]) {
        const end = Math.min(stream.length, at + c);
        out.push(...rx.push(stream.subarray(at, end)).frames);
        at = end;
      }
      out.push(...rx.push(stream.subarray(at)).frames);
      expect(out.map(show)).toEqual(frames.map(show));
    }), fcOpts);
  });

  it('packet framing is one frame per chunk', () => {
    expect(radioReceiver('packet').push(B13_PLAIN).frames.map(show)).toEqual([show(B13_PLAIN)]);
    expect(show(radioEncode('packet', B13_PLAIN))).toBe(show(B13_PLAIN));
  });
});
