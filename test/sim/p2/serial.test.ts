/**
 * The wired gas simulator serves a real serial line: a socat pty pair (started here and stopped by pid) at
 * 2400 8E1 (DSMR-P2 Table 3), the simulator on one end, the master on the other; and a TCP connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realClock } from '../../../harness/clock/index.ts';
import { mbusFrameDecode } from '../../../harness/codec/mbus/index.ts';
import { mbusMaster } from '../../../harness/roles/mbus-master.ts';
import { P2_WIRED_LINE } from '../../../harness/roles/p2-family.ts';
import { gasWiredSim } from '../../../harness/sim/gas/index.ts';
import { serialTransport, tcpClient, tcpServe } from '../../../harness/transport/index.ts';
import { startPtyPair, type PtyPair } from '../../helpers/pty.ts';

describe('wired gas simulator on real links', () => {
  let pty: PtyPair | undefined;
  beforeAll(async () => { pty = await startPtyPair(); });
  afterAll(() => pty?.stop());

  it('answers SND_NKE with E5h and REQ_UD2 with a valid RSP_UD over a pty pair at 2400 8E1', async () => {
    const clock = realClock();
    const line = gasWiredSim.line!({}, new Set())!;
    expect(line).toEqual({ baud: 2400, dataBits: 8, parity: 'even', stopBits: 1 });
    const devEnd = serialTransport(clock, { path: pty!.a, ...line });
    const masterEnd = serialTransport(clock, { path: pty!.b, ...P2_WIRED_LINE });
    await devEnd.open();
    await masterEnd.open();
    const dev = gasWiredSim.create({ clock, faults: new Set(), options: { address: 0 } });
    dev.attach(devEnd);
    const master = mbusMaster(masterEnd, clock, { line: P2_WIRED_LINE });
    try {
      expect((await master.sndNke(0)).kind).toBe('ack');
      const { reply, rsp } = await master.reqUd2(0);
      expect(reply.kind).toBe('frame');
      const decoded = mbusFrameDecode(reply.raw);
      expect(decoded.checksumValid).toBe(true);
      expect([rsp?.c, rsp?.a, rsp?.ci, rsp?.mode]).toEqual([0x08, 0, 0x72, 0]);
      expect(rsp?.header?.id).toBe('23456789');
      expect(rsp?.app.errors).toEqual([]);
    } finally {
      await dev.stop();
      await masterEnd.close();
      await devEnd.close();
    }
  });

  it('serves TCP connections (meterproof sim gas-wired --tcp)', async () => {
    const clock = realClock();
    const dev = gasWiredSim.create({ clock, faults: new Set(), options: { address: 3 } });
    const server = await tcpServe(clock, 0, (t) => dev.attach(t));
    const client = tcpClient(clock, { host: '127.0.0.1', port: server.port });
    await client.open();
    try {
      const master = mbusMaster(client, clock, { line: P2_WIRED_LINE, responseMs: 300 });
      expect((await master.sndNke(3)).kind).toBe('ack');
      expect((await master.reqUd2(3)).rsp?.a).toBe(3);
      expect((await master.sndNke(4)).kind).toBe('silent');
    } finally {
      await client.close();
      await server.close();
      await dev.stop();
    }
  });
});
