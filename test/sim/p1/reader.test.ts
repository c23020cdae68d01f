/**
 * The P1 reader role and family: framing across chunk boundaries, arrival stamps, garbage, bounded waits
 * (silent, stalled, oversize), the request line, and the report frames. Telegrams are the reconstructed
 * DSMR 4.2.2 example (CRC CE7C per DSMR-RN-4.2.2 §3 item 6).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { p1Frames } from '../../../harness/roles/p1-family.ts';
import { P1OversizeError, p1Reader } from '../../../harness/roles/p1-reader.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import { traceRecorder, traced } from '../../../harness/transport/trace.ts';
import { isTransportError, type ControlLines } from '../../../harness/transport/transport.ts';

const GOLDEN = readFileSync(new URL('./fixtures/dsmr-4.2.2-p1-example.reconstructed.txt', import.meta.url), 'latin1') + '\r\n';
const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

async function pair(opts: { maxTelegramBytes?: number } = {}) {
  const clock = new VirtualClock();
  const [mine, dut] = memoryPair(clock);
  await mine.open();
  await dut.open();
  const trace = traceRecorder(clock);
  const t = traced(mine, trace);
  return { clock, dut, trace, reader: p1Reader(t, clock, opts) };
}

describe('P1 reader', () => {
  it('frames a telegram split into odd chunks and stamps first and last byte', async () => {
    const { clock, dut, reader } = await pair();
    const b = bytes(GOLDEN);
    const t0 = clock.now();
    const send = (async () => {
      for (let i = 0; i < b.length; i += 97) {
        await dut.write(b.subarray(i, i + 97));
        await clock.sleep(5);
      }
    })();
    const r = await reader.next(1000);
    await send;
    expect(r.text).toBe(GOLDEN);
    expect(r.startedAt).toBe(t0);
    expect(r.endedAt).toBe(t0 + 5 * Math.floor((b.length - 1) / 97));
    expect(r.telegram.crc).toMatchObject({ stated: 'CE7C', valid: true });
    expect(r.garbageBefore).toBe('');
  });

  it('reports bytes before a telegram as garbageBefore and skips telegrams started too early', async () => {
    const { clock, dut, reader } = await pair();
    await dut.write(bytes('0:96.13.0(3031)\r\n!ABCD\r\n'));
    await dut.write(bytes(GOLDEN));
    await clock.sleep(10_000);
    await dut.write(bytes(GOLDEN));
    const first = await reader.next(1000);
    expect(first.garbageBefore).toBe('0:96.13.0(3031)\r\n!ABCD\r\n');
    await dut.write(bytes(GOLDEN));
    const late = await reader.next(1000, { startedAfter: clock.now() });
    expect(late.startedAt).toBe(clock.now());
    expect(reader.stats()).toMatchObject({ garbageBytes: 24, pendingBytes: 0 });
  });

  it('times out on a silent port after exactly the timeout (virtual time), never hangs', async () => {
    const { clock, reader } = await pair();
    const t0 = clock.now();
    const e = await reader.next(25_000).catch((x: unknown) => x);
    expect(isTransportError(e, 'timeout')).toBe(true);
    expect(clock.now() - t0).toBe(25_000);
  });

  it('times out on a telegram that stops half way and says so', async () => {
    const { dut, reader } = await pair();
    await dut.write(bytes(GOLDEN.slice(0, 400)));
    const e = await reader.next(25_000).catch((x: unknown) => x);
    expect(isTransportError(e, 'timeout')).toBe(true);
    expect((e as Error).message).toMatch(/400 of an unfinished telegram/);
  });

  it('gives up on a telegram beyond its size bound with P1OversizeError and resynchronises', async () => {
    const { dut, reader } = await pair({ maxTelegramBytes: 600 });
    await dut.write(bytes(`/XYZ5 big\r\n\r\n0-0:96.13.0(${'41'.repeat(400)})\r\n`));
    await dut.write(bytes('/XYZ5 small\r\n\r\n1-3:0.2.8(42)\r\n!0000\r\n'));
    await expect(reader.next(1000)).rejects.toBeInstanceOf(P1OversizeError);
    expect((await reader.next(1000)).telegram.header.raw).toBe('/XYZ5 small');
  });

  it('collects what arrives during quietFor', async () => {
    const { dut, reader, clock } = await pair();
    const q = reader.quietFor(1000);
    await clock.sleep(10);
    await dut.write(bytes('abc'));
    expect((await q).length).toBe(3);
  });

  it('drives the data-request line', async () => {
    const { dut, reader, clock } = await pair();
    const seen: ControlLines[] = [];
    dut.on('control', (l: ControlLines) => seen.push(l));
    await reader.setRequest(true);
    await reader.setRequest(false);
    await clock.sleep(1);
    expect(seen).toEqual([{ request: true }, { request: false }]);
  });

  it('family frames(): one decoded frame per telegram, garbage apart', async () => {
    const { dut, reader, trace, clock } = await pair();
    await dut.write(bytes('xx'));
    await dut.write(bytes(GOLDEN.slice(0, 500)));
    await clock.sleep(20);
    await dut.write(bytes(GOLDEN.slice(500)));
    await reader.next(1000);
    const frames = p1Frames(trace.entries());
    expect(frames.map((f) => f.layer)).toEqual(['p1-garbage', 'p1']);
    expect(frames[1]!.text).toBe(GOLDEN);
    expect(frames[1]!.t).toBe(0);
    expect(frames[1]!.decoded).toMatchObject({ header: '/ISk5\\2MT382-1000', crc: { valid: true } });
  });
});
