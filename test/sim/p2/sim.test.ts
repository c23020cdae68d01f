/**
 * The wired gas simulator against the DSMR-P2 examples, talking raw bytes (no master role): B1.3 reproduced
 * byte for byte (with the IV the rule demands), B1.1 accepted with the corrected checksum and ignored as
 * printed, the digest's derived commands (verified here with node:crypto) executed, and the link rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcOpts } from '../../helpers/fc.ts';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { gasWiredSim, type GasBench } from '../../../harness/sim/gas/index.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import { isTransportError, type Transport } from '../../../harness/transport/transport.ts';
import {
  B11_CORRECTED, B11_PRINTED, B13_PLAIN, B13_PRINTED_CT, CLOCK_2013, CLOCK_BLOCK_2013, DIGEST, PLAIN, SHORT_ID, UK, cbc, encryptedCommand, fcRecord,
  hex, iv, longFrame, show,
} from './golden.ts';

const short = (c: number, a: number) => Uint8Array.of(0x10, c, a, (c + a) & 0xff, 0x16);

async function rig(options: Record<string, unknown>, start = Date.UTC(2009, 5, 18, 11, 20, 0)) {
  const clock = new VirtualClock({ start });
  const [mine, theirs] = memoryPair(clock);
  await mine.open();
  await theirs.open();
  const dev = gasWiredSim.create({ clock, faults: new Set(), options: { keys: 'example', ...options } });
  dev.attach(theirs);
  const bench = dev.control as GasBench;
  /** Send and collect the answer (empty = silence within 300 ms). */
  const ask = async (req: Uint8Array): Promise<Uint8Array> => {
    await clock.sleep(20);
    await mine.write(req);
    try {
      return await (mine as Transport).read(300);
    } catch (e) {
      if (isTransportError(e, 'timeout')) return new Uint8Array(0);
      throw e;
    }
  };
  return { clock, bench, ask };
}

describe('wired gas simulator and the DSMR-P2 examples', () => {
  it('the digest\'s derived vectors are what the spec\'s rules give (node:crypto)', () => {
    // B1.3 printed ciphertext comes out only with VER 40h in the IV (digest A2).
    expect(show(cbc(UK, iv(1, 0x40), B13_PLAIN))).toBe(show(B13_PRINTED_CT));
    expect(show(cbc(UK, iv(1), B13_PLAIN))).not.toBe(show(B13_PRINTED_CT));
    const b13 = longFrame(0x08, 1, 0x72, Uint8Array.from([...SHORT_ID, 0xf6, 0x00, 0x30, 0x0f, ...cbc(UK, iv(1), B13_PLAIN), ...fcRecord(1)]));
    expect(show(b13)).toBe(show(DIGEST.b13Corrected));
    expect(show(encryptedCommand(0x5a, 0x02, 4, PLAIN.clearStatus))).toBe(show(DIGEST.clear5a));
    expect(show(encryptedCommand(0x6c, 0x03, 6, CLOCK_BLOCK_2013))).toBe(show(DIGEST.clock6c));
    expect(show(encryptedCommand(0x5a, 0x01, 2, PLAIN.selectHwMetFw))).toBe(show(DIGEST.b12Select));
    expect(show(longFrame(0x53, 1, 0x6c, Uint8Array.from([...SHORT_ID, 0x03, 0, 0, 0, ...CLOCK_BLOCK_2013])))).toBe(show(DIGEST.clock6cPlain));
  });

  it('reproduces App. B1.3 (corrected: VER 42h IV, L 46h) from the B1.3 meter state', async () => {
    const { bench, ask } = await rig({ keyed: true, address: 1, volumeLitres: 391, flowLitresPerHour: 0, frameCounter: 0 });
    const acc = bench.truth().accessNumber;
    const got = await ask(short(0x5b, 1));
    const expected = longFrame(0x08, 1, 0x72, Uint8Array.from([...SHORT_ID, acc, 0x00, 0x30, 0x0f, ...cbc(UK, iv(1), B13_PLAIN), ...fcRecord(1)]));
    expect(show(got)).toBe(show(expected));
    expect(bench.truth().accessNumber).toBe((acc + 1) & 0xff);
  });

  it('sends the same records plain without a user key: CW 00 00, no fillers, no frame counter', async () => {
    const { bench, ask } = await rig({ keyed: false, address: 0, volumeLitres: 391, flowLitresPerHour: 0 });
    const acc = bench.truth().accessNumber;
    const records = B13_PLAIN.subarray(2, B13_PLAIN.length - 4);
    expect(show(await ask(short(0x5b, 0)))).toBe(show(longFrame(0x08, 0, 0x72, Uint8Array.from([...SHORT_ID, acc, 0, 0, 0, ...records]))));
  });

  it('App. B1.1: the printed checksum (4Eh) is wrong and the frame is ignored; the corrected one installs the user key', async () => {
    const { bench, ask } = await rig({ keyed: false, address: 1, volumeLitres: 391, flowLitresPerHour: 0 });
    expect(show(await ask(B11_PRINTED))).toBe('');
    expect(bench.truth().userKeySet).toBe(false);
    expect(show(await ask(B11_CORRECTED))).toBe('E5');
    const acc = bench.truth().accessNumber;
    const got = await ask(short(0x5b, 1));
    expect(show(got)).toBe(show(longFrame(0x08, 1, 0x72, Uint8Array.from([...SHORT_ID, acc, 0, 0x30, 0x0f, ...cbc(UK, iv(1), B13_PLAIN), ...fcRecord(1)]))));
  });

  it('executes the digest\'s derived commands and refuses their replay', async () => {
    const { bench, ask } = await rig({ keyed: true, address: 1, frameCounter: 1 });
    expect(show(await ask(DIGEST.b12Select))).toBe('E5');
    expect(bench.truth().selected).toEqual([0x0d, 0x0e]);
    expect(show(await ask(DIGEST.b12Select))).toBe('');
    bench.raiseStatus(0x70 | 0x0c);
    expect(show(await ask(DIGEST.clear5a))).toBe('E5');
    expect(bench.truth().status).toBe(0x0c);
    expect(show(await ask(DIGEST.clock6c))).toBe('E5');
    expect(Math.abs(bench.truth().deviceTime - CLOCK_2013)).toBeLessThan(1000);
    expect(bench.truth().frameCounter).toBe(6);
    // Unencrypted clock set while keyed (DSMR-P2 §4.3.4): ignored.
    const t0 = bench.truth().deviceTime;
    expect(show(await ask(longFrame(0x53, 1, 0x6c, Uint8Array.from([...SHORT_ID, 0x04, 0, 0, 0, ...hex('2F2F 00 00004DB01700 000000 2F2F2F2F')]))))).toBe('');
    expect(bench.truth().deviceTime - t0).toBeLessThan(1000);
  });

  it('accepts the unencrypted clock set while no user key is set', async () => {
    const { bench, ask } = await rig({ keyed: false, address: 1 });
    expect(show(await ask(DIGEST.clock6cPlain))).toBe('E5');
    expect(Math.abs(bench.truth().deviceTime - CLOCK_2013)).toBeLessThan(1000);
  });

  it('link rules: answers at its address only, ignores 251–255 and secondary selection, 7Bh/73h like 5Bh/53h', async () => {
    const { bench, ask } = await rig({ keyed: false, address: 0 });
    expect(show(await ask(short(0x40, 0)))).toBe('E5');
    for (const a of [1, 250, 251, 253, 254, 255]) expect(show(await ask(short(0x40, a)))).toBe('');
    expect(show(await ask(longFrame(0x53, 0xfd, 0x52, hex('89674523 B438 42 03'))))).toBe('');
    expect(show(await ask(longFrame(0x73, 0, 0x51, hex('01 7A 05'))))).toBe('E5');
    expect(bench.truth().address).toBe(5);
    expect(show(await ask(short(0x40, 0)))).toBe('');
    expect((await ask(short(0x7b, 5)))[0]).toBe(0x68);
    const a1 = bench.truth().accessNumber;
    expect((await ask(short(0x7b, 5)))[15]).toBe(a1);
    expect(show(await ask(short(0x5a, 5)))).toBe('E5'); // REQ_UD1: Table 5 names E5h
    expect(show(await ask(short(0x4b, 5)))).toBe(''); // not a Table 5 C value
  });

  it('keeps address, user key and frame counter through a bus power cycle; the access number restarts at random', async () => {
    const { bench, ask } = await rig({ keyed: true, address: 7, frameCounter: 40 });
    await ask(short(0x5b, 7));
    await bench.powerCycle(2000);
    const t = bench.truth();
    expect([t.address, t.userKeySet, t.frameCounter, t.powered]).toEqual([7, true, 41, true]);
    expect((await ask(short(0x5b, 7))).length).toBeGreaterThan(70);
  });

  it('survives any bytes on the line and still answers SND_NKE afterwards (and any SND_UD payload to its address)', async () => {
    const { ask } = await rig({ keyed: true, address: 1 });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 60 }), async (noise, ci, data) => {
        await ask(noise);
        await ask(longFrame(0x53, 1, ci, data));
        expect(show(await ask(short(0x40, 1)))).toBe('E5');
      }),
      fcOpts,
    );
  });
});
