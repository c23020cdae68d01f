import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../harness/clock/index.ts';
import { tcpClient, tcpServe, TransportError, udpTransport, type Transport } from '../../harness/transport/index.ts';

describe('tcp transport (loopback)', () => {
  it('client and server exchange bytes both ways', async () => {
    const clock = realClock();
    let server: Transport | undefined;
    const h = await tcpServe(clock, 0, (t) => { server = t; });
    const c = tcpClient(clock, { host: '127.0.0.1', port: h.port });
    await c.open();
    await c.write(new Uint8Array([0x10, 0x40, 0xfe, 0x3e, 0x16]));
    await new Promise((r) => setTimeout(r, 50));
    expect(server).toBeDefined();
    expect([...await server!.read(2000)]).toEqual([0x10, 0x40, 0xfe, 0x3e, 0x16]);
    await server!.write(new Uint8Array([0xe5]));
    expect([...await c.read(2000)]).toEqual([0xe5]);
    await c.close();
    await h.close();
  });

  it('a closed port is unreachable, with a one-line message', async () => {
    const clock = realClock();
    const h = await tcpServe(clock, 0, () => {});
    const port = h.port;
    await h.close();
    const e = await tcpClient(clock, { host: '127.0.0.1', port }).open().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).code).toBe('unreachable');
    expect((e as Error).message).toMatch(/ECONNREFUSED/);
    expect((e as Error).message).not.toMatch(/\n/);
  });

  it('a read after the peer disconnected fails fast with closed', async () => {
    const clock = realClock();
    let server: Transport | undefined;
    const h = await tcpServe(clock, 0, (t) => { server = t; });
    const c = tcpClient(clock, { host: '127.0.0.1', port: h.port });
    await c.open();
    await new Promise((r) => setTimeout(r, 50));
    await server!.close();
    await expect(c.read(5000)).rejects.toMatchObject({ code: 'closed' });
    await h.close();
  });
});

describe('udp transport (loopback)', () => {
  it('sends one datagram per write and reads one per read', async () => {
    const peer = createSocket('udp4');
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
    const port = (peer.address()).port;
    peer.on('message', (msg, rinfo) => peer.send(Buffer.concat([Buffer.from([0xaa]), msg]), rinfo.port, rinfo.address));
    const u = udpTransport(realClock(), { host: '127.0.0.1', port });
    await u.open();
    await u.write(new Uint8Array([0, 1, 0, 1, 0, 1, 0, 0]));
    expect([...await u.read(2000)]).toEqual([0xaa, 0, 1, 0, 1, 0, 1, 0, 0]);
    await u.close();
    peer.close();
  });
});
