/**
 * A scripted wireless (T2) gas meter: the side of DSMR-P2 §4.4 and §8.4.2 the dsmr-p2-emeter wireless
 * cases play against a wireless E-meter. The case decides what the meter transmits — SND_IR (C 46h),
 * SND_NR (C 44h), and for negative tests ACC_DMD (48h), a frame with a broken CRC or an unlisted CI — and
 * the role records every frame the E-meter sends back, with the time since the meter's last transmission,
 * so a case can check that it fell inside the meter's receive window (t_RO, §4.4).
 *
 * Frames (EN 13757-4 format A, DSMR-P2 §3.2, Table 4): link address MAN, ID, VER, DEV of the meter (§3.2.4),
 * CI 7Ah short header (ACC, ST 00h, CW), plain records for a meter without user key: CW 00 A0h on SND_IR
 * and SND_NR (CW-1 = A0h, §4.4.7, §3.2.5); ACK with CW 00 80h (B only, §4.4.3).
 */
import type { Clock } from '../clock/clock.ts';
import { concatBytes } from '../codec/bytes.ts';
import { mbusAppDecode, mbusHeaderDecode, mbusManufacturerEncode, typeIEncode, type MbusApp, type MbusHeader, type MbusIdentity } from '../codec/mbus/index.ts';
import { idEncode, wmbusFrameEncode, wmbusFrameInspect, type WmbusInspection } from '../codec/wmbus/index.ts';
import type { Transport } from '../transport/transport.ts';
import { radioEncode, radioReceiver, type WmbusFraming } from './wmbus-radio.ts';

/** A frame the E-meter sent, as the meter received it. */
export interface WlReceived {
  t: number;
  /** Time since the end of the meter's last transmission, ms. */
  afterTxMs: number;
  raw: Uint8Array;
  inspect: WmbusInspection;
  c: number;
  ci: number | null;
  /** The long header (CI 80h/5Bh/6Ch…), decoded as ID, MAN, VER, DEV, ACC, ST, CW. */
  header: MbusHeader | null;
  app: MbusApp | null;
}

export interface WlSendOptions {
  c?: number;
  ci?: number;
  acc?: number;
  configWord?: number;
  /** Invert the CRC of block 2 (or of block 1 when there is only one). */
  badCrc?: boolean;
}

export interface WlSlaveMeter {
  readonly identity: MbusIdentity;
  /** SND_IR, installation request (§4.4.7); returns the access number sent. */
  sndIr(o?: WlSendOptions): Promise<number>;
  /** SND_NR with plain records (§4.4.2). */
  sndNr(records: Uint8Array, o?: WlSendOptions): Promise<number>;
  /** ACK (C 00h, CI 8Ah) confirming the E-meter command with this access number (§4.4.3): no data, B set. */
  ack(acc: number): Promise<number>;
  /** Any frame type of this meter with a short header and the given records. */
  send(c: number, records: Uint8Array, o?: WlSendOptions): Promise<number>;
}

export interface WmbusSlave {
  readonly received: WlReceived[];
  addMeter(identity: MbusIdentity, firstAcc?: number): WlSlaveMeter;
  /** Frames received since `t`. */
  since(t: number): WlReceived[];
  close(): void;
}

/** DSMR gas meter records used as SND_NR content (App. B1.3): time stamp `46 6D` (type I, UTC) and volume `0C 13` (BCD 8, 10^-3 m³). */
export function gasRecords(volumeLitres: number, stamp: Date): Uint8Array {
  const bcd = new Uint8Array(4);
  for (let i = 0, n = volumeLitres; i < 4; i++, n = Math.floor(n / 100)) bcd[i] = (n % 10) | ((Math.floor(n / 10) % 10) << 4);
  return concatBytes(Uint8Array.of(0x46, 0x6d), typeIEncode(stamp), Uint8Array.of(0x0c, 0x13), bcd);
}

export function wmbusSlave(transport: Transport, clock: Clock, opts: { framing: WmbusFraming }): WmbusSlave {
  const rx = radioReceiver(opts.framing);
  const received: WlReceived[] = [];
  let lastTx = -Infinity;
  let closed = false;

  transport.on('data', (chunk) => {
    if (closed) return;
    for (const raw of rx.push(chunk).frames) {
      const inspect = wmbusFrameInspect(raw, { format: 'A' });
      const p = inspect.frame?.payload;
      const ci = p?.length ? p[0]! : null;
      let header: MbusHeader | null = null;
      let app: MbusApp | null = null;
      if (p && p.length >= 13) header = mbusHeaderDecode('long', p, 1);
      if (p?.length) { try { app = mbusAppDecode(p); } catch { app = null; } }
      received.push({ t: clock.now(), afterTxMs: clock.now() - lastTx, raw, inspect, c: raw[1] ?? -1, ci, header, app });
    }
  });

  return {
    received,
    since: (t) => received.filter((r) => r.t >= t),
    addMeter(identity, firstAcc = 0x40) {
      let acc = firstAcc;
      const m: WlSlaveMeter = {
        identity,
        async send(c, records, o = {}) {
          const a = o.acc ?? acc;
          acc = (a + 1) & 0xff;
          const cw = o.configWord ?? 0xa000;
          const ci = o.ci ?? 0x7a;
          // CI 72h (wired data, not in Table 6) carries the 12-byte long header; the wireless CIs from a meter the short one.
          const head = ci === 0x72
            ? concatBytes(idEncode(identity.id), Uint8Array.of(mbusManufacturerEncode(identity.manufacturer) & 0xff, mbusManufacturerEncode(identity.manufacturer) >> 8, identity.version, identity.medium))
            : new Uint8Array(0);
          const payload = concatBytes(Uint8Array.of(ci), head, Uint8Array.of(a, 0x00, cw & 0xff, cw >> 8), records);
          const raw = wmbusFrameEncode({
            format: 'A', c: o.c ?? c, m: mbusManufacturerEncode(identity.manufacturer),
            a: concatBytes(idEncode(identity.id), Uint8Array.of(identity.version, identity.medium)), payload,
          });
          if (o.badCrc) raw[raw.length > 12 ? raw.length - 1 : 11] = raw[raw.length > 12 ? raw.length - 1 : 11]! ^ 0xff;
          await transport.write(radioEncode(opts.framing, raw));
          lastTx = clock.now();
          return a;
        },
        // §4.4.7: a meter without user key sends CW-1 = A0h (B and S set), as the SND_NR does.
        sndIr: (o = {}) => m.send(0x46, new Uint8Array(0), o),
        sndNr: (records, o = {}) => m.send(0x44, records, o),
        ack: (a) => m.send(0x00, new Uint8Array(0), { ci: 0x8a, acc: a, configWord: 0x8000 }),
      };
      return m;
    },
    close() {
      closed = true;
    },
  };
}
