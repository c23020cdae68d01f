import { describe, expect, it } from 'vitest';
import { ClockTimeout, VirtualClock } from '../../harness/clock/index.ts';

describe('VirtualClock', () => {
  it('fires timers in time order, ties in scheduling order', async () => {
    const c = new VirtualClock({ start: 0 });
    const seen: string[] = [];
    c.setTimer(30, () => seen.push('c'));
    c.setTimer(10, () => seen.push('a'));
    c.setTimer(10, () => seen.push('b'));
    await c.advance(25);
    expect(seen).toEqual(['a', 'b']);
    expect(c.now()).toBe(25);
    await c.advance(5);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('a cancelled timer never fires', async () => {
    const c = new VirtualClock({ start: 0 });
    let fired = false;
    c.setTimer(5, () => { fired = true; }).cancel();
    await c.advance(10);
    expect(fired).toBe(false);
  });

  it('sleep of an hour costs no real time: time jumps while someone waits', async () => {
    const c = new VirtualClock({ start: 1000 });
    const t0 = performance.now();
    await c.sleep(3_600_000);
    expect(c.now()).toBe(1000 + 3_600_000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('timeout rejects with ClockTimeout at the virtual deadline when nothing answers', async () => {
    const c = new VirtualClock({ start: 0 });
    const never = new Promise<number>(() => {});
    await expect(c.timeout(never, 120_000, 'answer')).rejects.toBeInstanceOf(ClockTimeout);
    expect(c.now()).toBe(120_000);
  });

  it('timeout resolves with the value when it arrives before the deadline', async () => {
    const c = new VirtualClock({ start: 0 });
    const p = new Promise<string>((r) => c.setTimer(500, () => r('ok')));
    await expect(c.timeout(p, 1000)).resolves.toBe('ok');
    expect(c.now()).toBe(500);
  });

  it('periodic timers of a simulator run on the way to a waiter deadline, in order', async () => {
    const c = new VirtualClock({ start: 0 });
    const ticks: number[] = [];
    const tick = () => { ticks.push(c.now()); c.setTimer(10_000, tick); };
    c.setTimer(10_000, tick);
    await c.sleep(35_000);
    expect(ticks).toEqual([10_000, 20_000, 30_000]);
  });

  it('time stands still when nobody waits', async () => {
    const c = new VirtualClock({ start: 0 });
    c.setTimer(10, () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(c.now()).toBe(0);
  });

  it('with quietMs, data written to a real link lands before a virtual timeout fires', async () => {
    const c = new VirtualClock({ start: 0, quietMs: 15 });
    c.touch(); // the write that put the bytes on the wire
    const p = new Promise<string>((r) => setTimeout(() => { c.touch(); r('data'); }, 5));
    await expect(c.timeout(p, 10)).resolves.toBe('data');
  });

  it('bytes in flight on a real link hold time still beyond quietMs until they are read', async () => {
    const c = new VirtualClock({ start: 0, quietMs: 5 });
    c.inflight(3); // written to a pty whose other end runs on this clock
    const p = new Promise<string>((r) => setTimeout(() => { c.inflight(-3); r('arrived'); }, 60));
    await expect(c.timeout(p, 10)).resolves.toBe('arrived');
    expect(c.now()).toBe(0);
  });

  it('bytes that never arrive are given up after a second of no progress', async () => {
    const c = new VirtualClock({ start: 0, quietMs: 5 });
    c.inflight(3);
    const t0 = performance.now();
    await expect(c.timeout(new Promise(() => {}), 10)).rejects.toBeInstanceOf(ClockTimeout);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  });
});
