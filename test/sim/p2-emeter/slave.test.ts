/**
 * The scripted gas-meter role (harness/roles/mbus-slave.ts) against the M-Bus master role over an
 * in-memory link. Expected values: DSMR-P2 App. B (B1.1 set-key frame, B1.3 values), the research
 * digest's corrected B1.3 frame (computed there with python `cryptography` and node:crypto), and
 * node:crypto decryptions with the §5.2 IV built in this file.
 */
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { mbusMaster } from '../../../harness/roles/mbus-master.ts';
import { mbusSlave } from '../../../harness/roles/mbus-slave.ts';
import { P2_WIRED_LINE } from '../../../harness/roles/p2-family.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';

const DK = hexToBytes('00112233445566778899AABBCCDDEEFF');
const UK = hexToBytes('000102030405060708090A0B0C0D0E0F');
/** DSMR-P2 App. B1.1 with DIF 47h and the checksum 8Eh that goes with it (digest §5.2). */
const B11 = hexToBytes('6819196853015107FD1903E0EED1F68E9B8F47FD195E1372754AB79F278E16');
/** Digest §5.1: App. B1.3 re-encrypted with the §5.2 IV (VER 42h), L 46h. */
const B13_CORRECTED = hexToBytes(
  '68464668080172896745 23B43842 03F600300F5D89BC448CD742A7054BC882A438429DD14E738FE52A8F769BEB2D097B4CAEC01F97DBF20E0407ABCD29B6D46E4ECA3D04FD0801000000 7A16'.replace(/ /g, ''),
);
/** IV bytes 0–7 of App. B (§5.2.1 Example 1): MAN B4 38, ID 89 67 45 23, VER 42, DEV 03. */
const ID8 = [0xb4, 0x38, 0x89, 0x67, 0x45, 0x23, 0x42, 0x03];

const ivFor = (fc: number, id8 = ID8) => Uint8Array.from([...id8, fc & 0xff, (fc >> 8) & 0xff, 0, 0, fc & 0xff, (fc >> 8) & 0xff, 0, 0]);
const decrypt = (key: Uint8Array, iv: Uint8Array, ct: Uint8Array) => {
  const d = createDecipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
};

async function setup() {
  const clock = new VirtualClock({ start: Date.UTC(2009, 5, 18, 11, 20) });
  const [a, b] = memoryPair(clock);
  await a.open();
  await b.open();
  const slave = mbusSlave(b, clock);
  const master = mbusMaster(a, clock, { line: P2_WIRED_LINE, keys: { default: DK, user: null } });
  return { clock, slave, master };
}

describe('scripted M-Bus slave (gas-meter role)', () => {
  it('reproduces the corrected App. B1.3 RSP_UD byte for byte', async () => {
    const { slave, master } = await setup();
    slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, accessNumber: 0xf6, volumeLitres: 391, stamp: Date.UTC(2009, 5, 18, 11), frameCounter: 0 });
    const { reply } = await master.reqUd2(1);
    expect(bytesToHex(reply.raw)).toBe(bytesToHex(B13_CORRECTED));
  });

  it('answers SND_NKE with E5h only at its own address and logs every frame', async () => {
    const { slave, master } = await setup();
    slave.addMeter({ address: 5, defaultKey: DK });
    expect((await master.sndNke(5)).kind).toBe('ack');
    expect((await master.sndNke(6)).kind).toBe('silent');
    expect(slave.received.map((r) => bytesToHex(r.raw))).toEqual(['1040054516', '1040064616']);
  });

  it('installs the App. B1.1 key and then answers with method 15 under it (IV per §5.2)', async () => {
    const { slave, master } = await setup();
    const m = slave.addMeter({ address: 1, defaultKey: DK, frameCounter: 41 });
    expect((await master.exchange(B11)).kind).toBe('ack');
    expect(bytesToHex(m.userKey!)).toBe(bytesToHex(UK));
    const { reply } = await master.reqUd2(1);
    const d = reply.raw.subarray(7, reply.raw.length - 2);
    expect(d[11]).toBe(0x0f); // CW high byte: method 15
    const blocks = d[10]! >> 4;
    expect(bytesToHex(d.subarray(12 + blocks * 16))).toBe('04FD082A000000'); // FC 42, clear, LSB first
    const plain = decrypt(UK, ivFor(42), d.subarray(12, 12 + blocks * 16));
    expect(bytesToHex(plain.subarray(0, 2))).toBe('2F2F');
    expect(bytesToHex(plain.subarray(plain.length - 2))).toBe('2F2F');
  });

  it('plans: wrong IV order, no check bytes, no trailing fillers, block count, bad checksum, L = 255, CI, replay', async () => {
    const { slave, master } = await setup();
    const m = slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, frameCounter: 9 });
    const body = async (plan: Parameters<typeof m.plans.push>[0]) => {
      m.plans.push(plan);
      const { reply } = await master.reqUd2(1);
      return reply.raw;
    };
    let raw = await body({ ivIdBeforeMan: true });
    let d = raw.subarray(7, raw.length - 2);
    const swapped = [0x89, 0x67, 0x45, 0x23, 0xb4, 0x38, 0x42, 0x03];
    expect(bytesToHex(decrypt(UK, ivFor(10, swapped), d.subarray(12, 60)).subarray(0, 2))).toBe('2F2F');
    expect(bytesToHex(decrypt(UK, ivFor(10), d.subarray(12, 60)).subarray(0, 2))).not.toBe('2F2F');
    raw = await body({ noCheckBytes: true });
    d = raw.subarray(7, raw.length - 2);
    expect(bytesToHex(decrypt(UK, ivFor(11), d.subarray(12, 12 + (d[10]! >> 4) * 16)).subarray(0, 3))).toBe('01FD17');
    raw = await body({ noTrailingFillers: true });
    d = raw.subarray(7, raw.length - 2);
    const p = decrypt(UK, ivFor(12), d.subarray(12, 12 + (d[10]! >> 4) * 16));
    expect(bytesToHex(p.subarray(p.length - 4))).toBe('01FD6705');
    raw = await body({ blocks: 1 });
    expect(raw[7 + 10]).toBe(0x10);
    raw = await body({ badChecksum: true });
    let cs = 0;
    for (let i = 4; i < raw.length - 2; i++) cs = (cs + raw[i]!) & 0xff;
    expect(raw[raw.length - 2]).not.toBe(cs);
    m.userKey = null;
    raw = await body({ padToL: 255 });
    expect([raw[1], raw[2], raw.length]).toEqual([255, 255, 261]);
    raw = await body({ ci: 0x7a });
    expect([raw[6], raw[1]]).toEqual([0x7a, raw.length - 6]);
    const replayed = await body({ raw: m.sent[0]! });
    expect(bytesToHex(replayed)).toBe(bytesToHex(m.sent[0]!));
    expect((await body({ silent: true })).length).toBe(0);
  });

  it('validates encrypted commands: a fresh counter is accepted, a replay refused (DSMR-P2 §5.2)', async () => {
    const { slave, master } = await setup();
    const m = slave.addMeter({ address: 1, defaultKey: DK, userKey: UK, frameCounter: 20 });
    master.keys.user = UK;
    await master.reqUd2(1);
    const data = master.controlData(Uint8Array.of(0x08, 0xfd, 0x0c));
    expect((await master.sndUd(1, 0x5a, data)).kind).toBe('ack');
    expect((await master.sndUd(1, 0x5a, data)).kind).toBe('silent');
    expect(m.commands.map((c) => [c.accepted, c.fc])).toEqual([[true, 22], [false, 22]]);
    expect([...m.selected]).toEqual([0x0c]);
    expect((await master.sndNke(1)).kind).toBe('ack');
    expect(m.selected.size).toBe(0);
  });

  it('takes a new address only while unkeyed (DSMR-P2 §6.2.2)', async () => {
    const { slave, master } = await setup();
    const m = slave.addMeter({ address: 0, defaultKey: DK });
    expect((await master.setAddress(0, 7)).kind).toBe('ack');
    expect(m.address).toBe(7);
    m.userKey = UK;
    expect((await master.setAddress(7, 9)).kind).toBe('silent');
    expect(m.address).toBe(7);
  });

  it('waitFor is bounded by the clock and returns null when nothing comes', async () => {
    const { clock, slave } = await setup();
    const t0 = clock.now();
    expect(await slave.waitFor(() => true, 5000)).toBeNull();
    expect(clock.now() - t0).toBe(5000);
  });
});
