import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../harness/clock/index.ts';
import { memoryPair, TransportError, uartReceive, type LineSettings } from '../../harness/transport/index.ts';

const L7E1: LineSettings = { baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 };
const L8N1: LineSettings = { baud: 115200, dataBits: 8, parity: 'none', stopBits: 1 };

describe('memory link', () => {
  it('delivers what one end writes to the other', async () => {
    const clock = new VirtualClock();
    const [a, b] = memoryPair(clock);
    await a.open(); await b.open();
    await a.write(new Uint8Array([1, 2, 3]));
    expect([...await b.read(1000)]).toEqual([1, 2, 3]);
  });

  it('a read on a silent link times out on the virtual clock with TransportError timeout', async () => {
    const clock = new VirtualClock({ start: 0 });
    const [a] = memoryPair(clock);
    await a.open();
    const e = await a.read(30_000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).code).toBe('timeout');
    expect(clock.now()).toBe(30_000);
  });

  it('a pending read fails with closed when the peer closes', async () => {
    const clock = new VirtualClock();
    const [a, b] = memoryPair(clock);
    await a.open(); await b.open();
    const p = a.read(60_000);
    await b.close();
    await expect(p).rejects.toMatchObject({ code: 'closed' });
  });

  it('carries the request control line to the peer', async () => {
    const clock = new VirtualClock();
    const [a, b] = memoryPair(clock);
    await a.open(); await b.open();
    const seen: boolean[] = [];
    b.on('control', (l) => seen.push(!!l.request));
    await a.setControl({ request: true });
    await a.setControl({ request: false });
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([true, false]);
  });
});

describe('UART mismatch model', () => {
  it('same settings pass bytes unchanged', () => {
    const d = new TextEncoder().encode('/ISk5\\2MT382-1000');
    expect(uartReceive(d, L7E1, L7E1)).toEqual(d);
  });

  it('8N1 sent, 7E1 read: characters with an odd number of one-bits arrive as NUL (parity error)', () => {
    // 'A' = 0x41 has two one-bits: bit 7 (0) is read as the even parity bit -> correct. 'C' = 0x43 has three.
    const out = uartReceive(new Uint8Array([0x41, 0x43]), L8N1, L7E1);
    expect([...out]).toEqual([0x41, 0x00]);
  });

  it('7E1 sent, 8N1 read: the parity bit becomes bit 7', () => {
    // 'C' = 0x43: three one-bits, even parity bit = 1 -> 0xC3.
    const out = uartReceive(new Uint8Array([0x41, 0x43]), L7E1, L8N1);
    expect([...out]).toEqual([0x41, 0xc3]);
  });

  it('a baud-rate mismatch yields no ASCII at all', () => {
    const out = uartReceive(new TextEncoder().encode('/ABC5 1-0:1.8.1'), { ...L7E1, baud: 9600 }, L7E1);
    expect([...out].every((b) => b >= 0x80)).toBe(true);
  });
});
