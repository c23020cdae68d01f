/**
 * The M-Bus master role: command builders against frames computed from the DSMR-P2 examples (golden.ts),
 * reply classification and the response window on the virtual clock, frame-counter tracking (§5.2).
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { mbusMaster } from '../../../harness/roles/mbus-master.ts';
import { P2_WIRED_LINE } from '../../../harness/roles/p2-family.ts';
import { gasWiredSim } from '../../../harness/sim/gas/index.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import type { Transport } from '../../../harness/transport/transport.ts';
import { B11_CORRECTED, CLOCK_2013, DIGEST, DK, UK, hex, show } from './golden.ts';

const identity = { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 0x03 };

/** A scripted peer: records what it gets and answers with `answer(request)` (nothing when it returns null). */
async function scripted(answer: (req: Uint8Array) => Uint8Array | null) {
  const clock = new VirtualClock();
  const [mine, theirs] = memoryPair(clock);
  await mine.open();
  await theirs.open();
  const got: Uint8Array[] = [];
  theirs.on('data', (c: Uint8Array) => {
    got.push(c);
    const a = answer(c);
    if (a) clock.setTimer(30, () => void theirs.write(a));
  });
  return { clock, got, master: mbusMaster(mine as Transport, clock, { line: P2_WIRED_LINE, keys: { default: DK, user: UK } }) };
}

describe('mbus master', () => {
  it('builds the digest §5.5 commands (B1.2 selection, clear status, clock sync, plain clock sync) byte for byte', async () => {
    const { master, got } = await scripted(() => Uint8Array.of(0xe5));
    master.identity = identity;
    // The E-meter's access number starts at 1 and goes up with every header it sends.
    await master.sendControl(1, hex('08 FD 0D 08 FD 0E'), { fc: 2 });
    await master.sendControl(1, hex('01 FD 97 06 73'), { fc: 4 });
    await master.setTime(1, new Date(CLOCK_2013), { fc: 6 });
    expect(got.map(show)).toEqual([show(DIGEST.b12Select), show(DIGEST.clear5a), show(DIGEST.clock6c)]);
    const plain = await scripted(() => null);
    plain.master.identity = identity;
    plain.master.controlData(new Uint8Array(0), { mode: 0 });
    plain.master.controlData(new Uint8Array(0), { mode: 0 });
    await plain.master.setTime(1, new Date(CLOCK_2013), { mode: 0 });
    expect(show(plain.got[0]!)).toBe(show(DIGEST.clock6cPlain));
  });

  it('sends App. B1.1 (checksum 8Eh) to install the user key and adopts the key on E5h only', async () => {
    const { master, got } = await scripted((req) => (req[4] === 0x53 ? Uint8Array.of(0xe5) : null));
    master.keys.user = null;
    expect((await master.installKey(1, UK)).kind).toBe('ack');
    expect(show(got[0]!)).toBe(show(B11_CORRECTED));
    expect(master.keys.user && show(master.keys.user)).toBe(show(UK));
    const silent = await scripted(() => null);
    silent.master.keys.user = null;
    expect((await silent.master.installKey(1, UK)).kind).toBe('silent');
    expect(silent.master.keys.user).toBeNull();
  });

  it('classifies answers and waits the EN 13757-2 window (330 bit times + 50 ms after the request) for silence', async () => {
    const answers: Record<number, Uint8Array | null> = {
      0x40: Uint8Array.of(0xe5),
      0x5b: hex('68 03 03 68 08 01 72 7B 16'),
      0x5a: Uint8Array.of(0xe5, 0xe5),
      0x7b: hex('68 03 03 68 08 01 72 7C 16'),
      0x4b: null,
    };
    const { master, clock } = await scripted((req) => answers[req[1]!] ?? null);
    expect((await master.sndNke(1)).kind).toBe('ack');
    expect((await master.reqUd2(1)).reply.kind).toBe('frame');
    expect((await master.reqUd1(1)).kind).toBe('garbage');
    expect((await master.reqUd2(1, { c: 0x7b })).reply.kind).toBe('garbage'); // wrong checksum
    const t0 = clock.now();
    const r = await master.exchange(Uint8Array.of(0x10, 0x4b, 1, 0x4c, 0x16));
    expect(r.kind).toBe('silent');
    // 5 characters of 11 bits at 2400 Bd (22.9 ms) + 330 bit times (137.5 ms) + 50 ms + 50 ms margin.
    expect(master.responseWindowMs(5)).toBe(261);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(261);
    expect(clock.now() - t0).toBeLessThan(261 + 50);
  });

  it('tracks the device frame counter: stores only higher validated counters and flags a replayed RSP_UD', async () => {
    const clock = new VirtualClock();
    const [mine, theirs] = memoryPair(clock);
    await mine.open();
    await theirs.open();
    const dev = gasWiredSim.create({ clock, faults: new Set(), options: { keys: 'example', keyed: true, address: 1, frameCounter: 9 } });
    dev.attach(theirs);
    const master = mbusMaster(mine, clock, { line: P2_WIRED_LINE, keys: { default: DK, user: UK } });
    const first = await master.reqUd2(1);
    expect([first.rsp?.frameCounter, first.rsp?.readable, first.rsp?.stale, master.lastFc]).toEqual([10, true, false, 10]);
    expect(master.identity).toEqual(identity);
    const second = await master.reqUd2(1);
    expect([second.rsp?.frameCounter, master.lastFc]).toEqual([11, 11]);
    const replay = master.decodeRsp(first.reply);
    expect([replay?.frameCounter, replay?.stale, master.lastFc]).toEqual([10, true, 11]);
    // A command uses last + 1 (DSMR-P2 §5.2); the device then continues from it.
    expect((await master.sendControl(1, hex('08 FD 0C'))).kind).toBe('ack');
    expect((await master.reqUd2(1)).rsp?.frameCounter).toBe(13);
    await dev.stop();
  });

  it('assigns the first free primary address to a device found at 0 (DSMR-P2 §8.3.1)', async () => {
    const clock = new VirtualClock();
    const [mine, theirs] = memoryPair(clock);
    await mine.open();
    await theirs.open();
    const dev = gasWiredSim.create({ clock, faults: new Set(), options: { address: 0 } });
    dev.attach(theirs);
    const master = mbusMaster(mine, clock, { line: P2_WIRED_LINE });
    expect(await master.assignAddress([1, 2])).toBe(3);
    expect(await master.scan([0, 1, 2, 3, 4])).toEqual([3]);
    expect(await master.assignAddress()).toBeNull(); // nothing left at 0
    await dev.stop();
  });

  it('resynchronises an unanswered command through REQ_UD2 (DSMR-P2 §5.2)', async () => {
    const clock = new VirtualClock();
    const [mine, theirs] = memoryPair(clock);
    await mine.open();
    await theirs.open();
    const dev = gasWiredSim.create({ clock, faults: new Set(), options: { keys: 'example', keyed: true, address: 1, frameCounter: 500 } });
    dev.attach(theirs);
    const master = mbusMaster(mine, clock, { line: P2_WIRED_LINE, keys: { default: DK, user: UK } });
    master.identity = identity;
    master.lastFc = 3; // stale: the device is at 500
    expect((await master.command(1, hex('08 FD 0C'))).kind).toBe('ack');
    expect(master.lastFc).toBe(502);
    await dev.stop();
  });
});
