/**
 * The wireless E-meter simulator and the scripted wireless gas meter, wire level: the meter's SND_IR is a
 * valid format A frame (CRCs and L checked by an independent bit-wise CRC-16/EN-13757 here); the E-meter
 * answers a registered Short ID within 3 ms with the CNF_IR bytes built by hand from DSMR-P2 §4.4.7.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock/virtual.ts';
import { wmbusSlave } from '../../../harness/roles/wmbus-slave.ts';
import { wirelessEmeterCreate } from '../../../harness/sim/emeter/wireless/index.ts';
import { memoryPair } from '../../../harness/transport/index.ts';
import { crcOk, expectedL, GAS, STRANGER } from '../../../suites/dsmr-p2-emeter/wireless/lib.ts';

async function setup(faults: string[] = []) {
  const clock = new VirtualClock({ start: Date.UTC(2026, 0, 1) });
  const [mine, theirs] = memoryPair(clock);
  const e = wirelessEmeterCreate(clock, new Set(faults));
  await theirs.open();
  e.attach(theirs);
  await mine.open();
  const radio = wmbusSlave(mine, clock, { framing: 'packet' });
  return { clock, e, radio };
}

describe('wireless E-meter simulator', () => {
  it('answers the SND_IR of a registered meter with the CNF_IR of §4.4.7, and a stranger with nothing', async () => {
    const { clock, e, radio } = await setup();
    e.bench.registerDevice(1, GAS);
    await radio.addMeter(STRANGER).sndIr({ acc: 0x21 });
    await clock.advance(1_000);
    expect(radio.received).toEqual([]);
    await radio.addMeter(GAS).sndIr({ acc: 0xa7 });
    await clock.advance(1_000);
    expect(radio.received.length).toBe(1);
    const r = radio.received[0]!;
    expect(r.afterTxMs).toBeLessThanOrEqual(3);
    // L = 9 + 13 payload bytes = 22 (16h); C 06h; M = A = 0; CRC; CI 80h, Short ID, ACC A7h, ST 00h, CW 0000h.
    const hex = Buffer.from(r.raw).toString('hex').toUpperCase();
    expect(hex.slice(0, 20)).toBe('16060000000000000000');
    expect(hex.slice(24, 50)).toBe('8078563412B4384203A7000000');
    expect(crcOk(r.raw)).toBe(true);
    expect(r.raw[0]).toBe(expectedL(r.raw.length));
    expect(e.bench.readClientSetup(1)?.installed).toBe(true);
    e.stop();
  });

  it('the scripted meter sends valid format A frames', async () => {
    const { clock, radio } = await setup();
    const sent: Uint8Array[] = [];
    const [a, b] = memoryPair(clock);
    await a.open();
    await b.open();
    b.on('data', (c) => sent.push(c));
    const m = wmbusSlave(a, clock, { framing: 'packet' }).addMeter(GAS);
    await m.sndIr();
    await m.sndNr(new Uint8Array(40).fill(0x2f));
    await clock.advance(10);
    expect(sent.length).toBe(2);
    for (const f of sent) {
      expect(crcOk(f)).toBe(true);
      expect(f[0]).toBe(expectedL(f.length));
    }
    // Link address MAN, ID, VER, DEV (§3.2.4): B4 38, 78 56 34 12, 42, 03.
    expect(Buffer.from(sent[0]!.subarray(1, 10)).toString('hex').toUpperCase()).toBe('46B4387856341242' + '03');
    expect(radio.received).toEqual([]);
  });
});
