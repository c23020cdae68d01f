/** The serial transport on a real pty pair made by socat (started and stopped here, by pid). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realClock } from '../../harness/clock/index.ts';
import { serialTransport, TransportError } from '../../harness/transport/index.ts';

import { startPtyPair } from '../helpers/pty.ts';

describe('serial transport over a socat pty pair', () => {
  let pty: Awaited<ReturnType<typeof startPtyPair>>;
  beforeAll(async () => { pty = await startPtyPair(); });
  afterAll(() => pty?.stop());

  it('moves bytes from one end to the other at 115200 7E1', async () => {
    const clock = realClock();
    const line = { baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 } as const;
    const x = serialTransport(clock, { path: pty.a, ...line });
    const y = serialTransport(clock, { path: pty.b, ...line });
    await x.open(); await y.open();
    const msg = new TextEncoder().encode('/ISk5\\2MT382-1000\r\n');
    await x.write(msg);
    let got = new Uint8Array(0);
    while (got.length < msg.length) {
      const c = await y.read(2000);
      const n = new Uint8Array(got.length + c.length); n.set(got); n.set(c, got.length); got = n;
    }
    expect(new TextDecoder().decode(got)).toBe('/ISk5\\2MT382-1000\r\n');
    await x.close(); await y.close();
  });

  it('a non-existent device is unreachable with a one-line message', async () => {
    const e = await serialTransport(realClock(), { path: '/dev/does-not-exist-mp', baud: 115200, dataBits: 8, parity: 'none', stopBits: 1 }).open().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).code).toBe('unreachable');
    expect((e as Error).message.split('\n')).toHaveLength(1);
  });
});
