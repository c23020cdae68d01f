/**
 * The wired M-Bus master: the E-meter side of DSMR-P2, which the dsmr-p2-gas suite uses to test a gas
 * meter (or any M-Bus device) over a Transport. It sends the Table 5 requests, collects whatever comes
 * back within the response window (single character, one frame, garbage or silence — the case judges),
 * decodes RSP_UD with the codec (decrypting with the user key it knows), tracks the device's frame counter
 * and builds commands: readout-list control (CI 5Ah), clock synchronisation (CI 6Ch), set address and set
 * new key (CI 51h), secondary selection (CI 52h, which DSMR forbids — for negative tests), address scan.
 *
 * Timing (all on the Clock): the slave must start answering within 330 bit times + 50 ms after the end of
 * the request [EN 13757-2 response timeout, as the research digest §1.1 gives it; not verified against the
 * standard text]; the request itself takes 11 bit times per character at 2400 Bd 8E1 (DSMR-P2 Table 3).
 * The line stays idle ≥ 33 bit times between frames [EN 60870-5-1 FT1.2]. A profile's
 * `timeouts.responseMs` replaces the computed first-byte deadline (slow USB converters, TCP bridges).
 *
 * Frame counter (DSMR-P2 §5.2): the device owns it; the master stores the last validated value (an
 * encrypted RSP_UD whose counter is strictly higher and whose 2F 2F check passed), sends its own commands
 * with last + 1, and resynchronises after an unanswered command by reading the device (REQ_UD2).
 */
import type { Clock } from '../clock/clock.ts';
import { concatBytes } from '../codec/bytes.ts';
import {
  mbusAppDecode, mbusFrameEncode, mbusHeaderEncode, mbusManufacturerEncode, mbusReqUd1, mbusReqUd2, mbusSelectionEncode, mbusSndNke,
  mbusSndUd, mbusSplit, typeIEncode, type MbusApp, type MbusIdentity, type MbusLongHeader, type MbusSplitFrame,
} from '../codec/mbus/index.ts';
import {
  dsmrPlaintext, frameCounterRecord, keyExchangeEncrypt, keyExchangeRecords, mbusDecrypt, mbusEncrypt, mode15Iv, mode5Seal,
} from '../security/mbus/index.ts';
import { isTransportError, type LineSettings, type Transport } from '../transport/transport.ts';

export type MbusReply =
  | { kind: 'silent'; raw: Uint8Array; ms: number }
  | { kind: 'ack'; raw: Uint8Array; ms: number }
  | { kind: 'frame'; raw: Uint8Array; ms: number; frame: MbusSplitFrame }
  | { kind: 'garbage'; raw: Uint8Array; ms: number; frames: MbusSplitFrame[] };

export type MbusFrameReply = Extract<MbusReply, { kind: 'frame' }>;

/** A decoded RSP_UD. */
export interface RspUd {
  reply: MbusFrameReply;
  c: number;
  a: number;
  ci: number;
  app: MbusApp;
  /** The 12-byte long header, when CI 72h carried one. */
  header: MbusLongHeader | null;
  /** Configuration word method and block count (DSMR-P2 §5.1). */
  mode: number;
  blocks: number;
  frameCounter?: number;
  /** Plain, or decrypted with the known user key (2F 2F found). */
  readable: boolean;
  /** Frame counter not above the last validated one (DSMR-P2 §5.2 replay check). */
  stale: boolean;
}

export interface ReadResult {
  reply: MbusReply;
  rsp: RspUd | null;
}

/** How a command's application data are protected; defaults: the master's user key, last FC + 1, the learnt identity. */
export interface SecureOptions {
  /** Method 0 (plain) or 15 (DSMR-P2 §5.1); default: 15 when a user key is known. Method 5 only for negative tests. */
  mode?: 0 | 5 | 15;
  key?: Uint8Array;
  fc?: number;
  identity?: MbusIdentity;
  /** Replace the encrypted plaintext (whole blocks) — for malformed-filler tests. */
  plaintext?: Uint8Array;
  /** Override the configuration word's block count (NNNN) — for inconsistent-length tests. */
  blocks?: number;
}

export interface MbusMasterOptions {
  line: LineSettings;
  responseMs?: number;
  keys?: { default?: Uint8Array; user?: Uint8Array | null };
}

export interface MbusMaster {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly line: LineSettings;
  /** Keys the master holds (the back office's copy); never logged. */
  readonly keys: { default?: Uint8Array; user: Uint8Array | null };
  /** Short ID learnt from the last RSP_UD (ID, MAN, VER, DEV). */
  identity: MbusIdentity | null;
  /** Last validated frame counter (null before the first encrypted frame). */
  lastFc: number | null;
  /** Milliseconds the master waits for the first byte of an answer to a request of `n` bytes. */
  responseWindowMs(n: number): number;
  exchange(request: Uint8Array, opts?: { firstByteMs?: number }): Promise<MbusReply>;
  /** Collect whatever arrives in `ms` without sending (unsolicited transmissions). */
  listen(ms: number): Promise<Uint8Array>;
  sndNke(a: number): Promise<MbusReply>;
  reqUd1(a: number): Promise<MbusReply>;
  reqUd2(a: number, opts?: { c?: number }): Promise<ReadResult>;
  /** Decode a frame reply as RSP_UD (decrypting with the user key), update identity and frame counter. */
  decodeRsp(reply: MbusReply): RspUd | null;
  sndUd(a: number, ci: number, data: Uint8Array, opts?: { c?: number }): Promise<MbusReply>;
  /** Bytes after CI 5Ah: short header (E-meter ACC, ST 0, CW) and the records, encrypted unless mode 0. */
  controlData(records: Uint8Array, opts?: SecureOptions): Uint8Array;
  /** Bytes after CI 6Ch: long header with the target Short ID and the 16-byte time block (DSMR-P2 §6.2.1). */
  clockData(time: Date, opts?: SecureOptions & { dst?: { active: boolean; deviation: number; negative?: boolean } }): Uint8Array;
  sendControl(a: number, records: Uint8Array, opts?: SecureOptions): Promise<MbusReply>;
  setTime(a: number, time: Date, opts?: SecureOptions & { dst?: { active: boolean; deviation: number; negative?: boolean } }): Promise<MbusReply>;
  setAddress(a: number, newAddress: number): Promise<MbusReply>;
  /** Set new key (DSMR-P2 §6.5.1): wrap with the default key, CI 51h; on E5 the master adopts the key. */
  installKey(a: number, newKey: Uint8Array, opts?: { swapHalves?: boolean }): Promise<MbusReply>;
  /** SND_UD to FDh with CI 52h selecting the device by secondary address (EN 13757-2; DSMR-P2 §3.1.3 forbids it). */
  selectSecondary(identity: MbusIdentity): Promise<MbusReply>;
  /** SND_NKE to each address; the ones that answered E5 (DSMR-P2 §8.3.1 scan). */
  scan(addresses: number[]): Promise<number[]>;
  /**
   * DSMR-P2 §8.3.1 address assignment: if a device answers at 0, give it the first address in 1–250 that is
   * neither in `inUse` nor answering, and check it answers there. Returns the address, or null.
   */
  assignAddress(inUse?: number[]): Promise<number | null>;
  /** A control command the E-meter way: if the device does not react, read it (new FC) and retry once (DSMR-P2 §5.2). */
  command(a: number, records: Uint8Array): Promise<MbusReply>;
}

const SND_UD = 0x53;

export function mbusMaster(transport: Transport, clock: Clock, opts: MbusMasterOptions): MbusMaster {
  const line = opts.line;
  const bitMs = 1000 / line.baud;
  const charMs = (1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits) * bitMs;
  const idleMs = 33 * bitMs;
  const gapMs = Math.max(100, 33 * bitMs);
  let lastActivity = -Infinity;
  let acc = 1;

  const nextAcc = (): number => { const v = acc; acc = (acc + 1) & 0xff; return v; };

  const m: MbusMaster = {
    transport,
    clock,
    line,
    keys: { ...(opts.keys?.default ? { default: opts.keys.default } : {}), user: opts.keys?.user ?? null },
    identity: null,
    lastFc: null,

    responseWindowMs: (n) => opts.responseMs ?? Math.ceil(n * charMs + 330 * bitMs + 50 + 50),

    async exchange(request, o = {}) {
      const quiet = clock.now() - lastActivity;
      if (quiet < idleMs) await clock.sleep(Math.ceil(idleMs - quiet));
      transport.drain();
      const t0 = clock.now();
      await transport.write(request);
      let buf: Uint8Array = new Uint8Array(0);
      let firstAt = -1;
      let wait = o.firstByteMs ?? m.responseWindowMs(request.length);
      const cap = t0 + wait + 262 * charMs + 500;
      for (;;) {
        let chunk: Uint8Array;
        try {
          chunk = await transport.read(wait);
        } catch (e) {
          if (isTransportError(e, 'timeout')) break;
          throw e;
        }
        if (firstAt < 0) firstAt = clock.now();
        buf = concatBytes(buf, chunk);
        const s = mbusSplit(buf);
        if (s.frames.length >= 1 && s.garbage.length === 0 && s.rest.length === 0) break;
        if (buf.length > 1024 || clock.now() > cap) break;
        wait = gapMs;
      }
      lastActivity = clock.now();
      const ms = firstAt < 0 ? clock.now() - t0 : firstAt - t0;
      if (buf.length === 0) return { kind: 'silent', raw: buf, ms };
      const s = mbusSplit(buf, { final: true });
      const only = s.frames[0];
      if (s.frames.length === 1 && s.garbage.length === 0 && only) {
        return only.frame.format === 'single' ? { kind: 'ack', raw: buf, ms } : { kind: 'frame', raw: buf, ms, frame: only };
      }
      return { kind: 'garbage', raw: buf, ms, frames: s.frames };
    },

    async listen(ms) {
      let buf: Uint8Array = new Uint8Array(0);
      const end = clock.now() + ms;
      while (clock.now() < end) {
        try {
          buf = concatBytes(buf, await transport.read(end - clock.now()));
        } catch (e) {
          if (isTransportError(e, 'timeout')) break;
          throw e;
        }
      }
      lastActivity = clock.now();
      return buf;
    },

    sndNke: (a) => m.exchange(mbusSndNke(a)),
    reqUd1: (a) => m.exchange(mbusReqUd1(a)),

    async reqUd2(a, o = {}) {
      const reply = await m.exchange(o.c === undefined ? mbusReqUd2(a) : mbusFrameEncode({ format: 'short', c: o.c, a }));
      return { reply, rsp: m.decodeRsp(reply) };
    },

    decodeRsp(reply) {
      if (reply.kind !== 'frame' || reply.frame.frame.format !== 'long') return null;
      const f = reply.frame.frame;
      const key = m.keys.user ?? undefined;
      const app = mbusAppDecode(concatBytes(Uint8Array.of(f.ci), f.data), { ...(key ? { key } : {}), decrypt: mbusDecrypt });
      const header = app.header?.form === 'long' ? app.header : null;
      if (header) m.identity = { id: header.id, manufacturer: header.manufacturer, version: header.version, medium: header.medium };
      const mode = app.config?.mode ?? 0;
      const readable = mode === 0 ? true : app.encrypted?.decrypted === true;
      const fc = app.frameCounter;
      const stale = mode !== 0 && fc !== undefined && m.lastFc !== null && fc <= m.lastFc;
      if (mode === 15 && readable && fc !== undefined && !stale) m.lastFc = fc;
      return {
        reply, c: f.c, a: f.a, ci: f.ci, app, header, mode, blocks: app.config?.blocks ?? 0, readable, stale,
        ...(fc !== undefined ? { frameCounter: fc } : {}),
      };
    },

    sndUd: (a, ci, data, o = {}) =>
      m.exchange(o.c === undefined ? mbusSndUd(a, ci, data) : mbusFrameEncode(data.length ? { format: 'long', c: o.c, a, ci, data } : { format: 'control', c: o.c, a, ci })),

    controlData(records, o = {}) {
      return concatBytes(...secure(records, o, (cw) => mbusHeaderEncode({ form: 'short', accessNumber: nextAcc(), status: 0, configWord: cw })));
    },

    clockData(time, o = {}) {
      const t = typeIEncode(time);
      // DSMR-P2 §6.2.1 fn 4: UTC, DST flag (bit 7 of the 48) and deviation (bits 47–48) coded 0 by the E-meter.
      if (o.dst?.active) t[0]! |= 0x40;
      if (o.dst) t[5] = (t[5]! & 0x3f) | ((o.dst.deviation & 3) << 6);
      if (o.dst?.negative) t[1]! |= 0x40;
      const block = Uint8Array.from([0x2f, 0x2f, 0x00, ...t, 0x00, 0x00, 0x00, 0x2f, 0x2f, 0x2f, 0x2f]);
      const id = o.identity ?? m.identity;
      if (!id) throw new Error('clock synchronisation needs the target Short ID: read the device (REQ_UD2) first');
      // The block already has the check bytes and the filler: it is the plaintext (one AES block).
      const header = (cw: number) => mbusHeaderEncode({
        form: 'long', id: id.id, manufacturer: id.manufacturer, manufacturerCode: mbusManufacturerEncode(id.manufacturer),
        version: id.version, medium: id.medium, accessNumber: nextAcc(), status: 0, configWord: cw,
      });
      return concatBytes(...secure(new Uint8Array(0), { plaintext: block, ...o }, header, true));
    },

    sendControl: (a, records, o) => m.sndUd(a, 0x5a, m.controlData(records, o)),
    setTime: (a, time, o) => m.sndUd(a, 0x6c, m.clockData(time, o)),
    setAddress: (a, newAddress) => m.sndUd(a, 0x51, Uint8Array.of(0x01, 0x7a, newAddress)),

    async installKey(a, newKey, o = {}) {
      if (!m.keys.default) throw new Error('set new key needs the device default key (DSMR-P2 §6.5)');
      let recs = keyExchangeRecords(keyExchangeEncrypt(newKey, m.keys.default));
      if (o.swapHalves) recs = concatBytes(recs.subarray(11), recs.subarray(0, 11));
      const reply = await m.sndUd(a, 0x51, recs);
      if (reply.kind === 'ack') m.keys.user = newKey.every((b) => b === 0) ? null : newKey.slice();
      return reply;
    },

    selectSecondary: (id) => m.sndUd(253, 0x52, mbusSelectionEncode({ id: id.id, manufacturer: id.manufacturer, version: id.version, medium: id.medium })),

    async scan(addresses) {
      const found: number[] = [];
      for (const a of addresses) if ((await m.sndNke(a)).kind === 'ack') found.push(a);
      return found;
    },

    async assignAddress(inUse = []) {
      if ((await m.sndNke(0)).kind !== 'ack') return null;
      for (let a = 1; a <= 250; a++) {
        if (inUse.includes(a) || (await m.sndNke(a)).kind !== 'silent') continue;
        if ((await m.setAddress(0, a)).kind !== 'ack') return null;
        return (await m.sndNke(a)).kind === 'ack' ? a : null;
      }
      return null;
    },

    async command(a, records) {
      const first = await m.sendControl(a, records);
      if (first.kind !== 'silent') return first;
      await m.reqUd2(a);
      return m.sendControl(a, records);
    },
  };

  /**
   * Header + body of a command. Method 15: CW = NNNN blocks | 0F00h, the records behind 2F 2F and filled
   * with ≥ 2 trailing 2Fh (DSMR-P2 §5.1), IV from the device identity and FC (§5.2), clear FC record after.
   */
  function secure(records: Uint8Array, o: SecureOptions, header: (cw: number) => Uint8Array, isClock = false): Uint8Array[] {
    const key = o.key ?? m.keys.user ?? undefined;
    const mode = o.mode ?? (key ? 15 : 0);
    if (mode === 0) return [header(0), isClock ? o.plaintext! : records];
    if (!key) throw new Error('an encrypted command needs a user key');
    const id = o.identity ?? m.identity;
    if (!id) throw new Error('an encrypted command needs the device Short ID for the IV: read the device (REQ_UD2) first');
    const fc = o.fc ?? (m.lastFc ?? 0) + 1;
    if (o.fc === undefined || fc > (m.lastFc ?? -1)) m.lastFc = fc;
    if (mode === 5) {
      const sealed = mode5Seal({ key, link: id, accessNumber: acc, records });
      return [header(0x0500 | ((o.blocks ?? sealed.blocks) << 4)), sealed.body];
    }
    const plain = o.plaintext ?? dsmrPlaintext(records);
    const ct = mbusEncrypt({ mode: 15, key, iv: mode15Iv({ ...id, frameCounter: fc }), data: plain });
    return [header(0x0f00 | ((o.blocks ?? ct.length / 16) << 4)), ct, frameCounterRecord(fc)];
  }

  return m;
}

/** SND_UD C value with the FCB set (DSMR-P2 App. B1 template: 53h / 73h). */
export const SND_UD_FCB = SND_UD | 0x20;
