/**
 * The wireless E-meter ("other device" of EN 13757-4 T2): the side of DSMR-P2 §4.4 the dsmr-p2-gas suite
 * plays against a wireless gas meter. It receives what the meter transmits (SND_IR, SND_NR, ACK,
 * RSP_UD), decodes it (format A with CRC blocks, the EN 13757-3 payload, decrypted with the user key it
 * knows) and builds the E-meter's frames: CNF_IR, SND_NKE, REQ_UD2, SND_UD control (CI 5Bh), clock
 * synchronisation (CI 6Ch) and the unencrypted set-key (CI 5Bh, CW 00 00).
 *
 * The E-meter's own link address is ignored by the device (DSMR-P2 §3.2.4): it is sent as zeros unless a
 * case overrides it. The target is named by the device's Short ID in the long header (§4.2.2, §4.4.1 ff.),
 * learnt from the link address of the device's frames (MAN and ID swapped, §4.2.2) or set by the case.
 *
 * Timing (all on the Clock): the device listens only briefly after each of its transmissions (t_RO,
 * DSMR-P2 §2.2, §4.4; EN 13757-4 T2 — about 2–3 ms as the research digest gives it, not verified against
 * the standard text), so a frame for the device is sent `responseDelayMs` after the device frame that
 * opened the window; the next device frame of a Frequent Access Cycle comes N s later, N ∈ 2…5 (§4.4),
 * so `transact` waits up to `facWaitMs` for it.
 *
 * Frame counter (DSMR-P2 §5.2): the device owns it; the role stores the last validated value (an
 * encrypted frame whose counter is strictly higher and whose 2F 2F check passed) and uses last + 1.
 */
import type { Clock } from '../clock/clock.ts';
import { bytesEqual, concatBytes } from '../codec/bytes.ts';
import { mbusAppDecode, mbusHeaderEncode, mbusManufacturerEncode, typeIEncode, type MbusApp, type MbusIdentity } from '../codec/mbus/index.ts';
import { idDecode, manufacturerDecode, wmbusFrameEncode, wmbusFrameInspect, type LinkAddress, type WmbusInspection } from '../codec/wmbus/index.ts';
import {
  dsmrPlaintext, frameCounterRecord, keyExchangeEncrypt, keyExchangeRecords, mbusDecrypt, mbusEncrypt, mode15Iv, mode5Seal,
} from '../security/mbus/index.ts';
import { isTransportError, type Transport } from '../transport/transport.ts';
import { radioEncode, radioReceiver, type WmbusFraming } from './wmbus-radio.ts';

/** C-fields of DSMR-P2 Table 6 (and the two EN 13757-4 frame types DSMR forbids, for negative tests). */
export const WL_C = {
  SND_NKE: 0x40, SND_NR: 0x44, SND_IR: 0x46, ACC_NR: 0x47, ACC_DMD: 0x48, SND_UD: 0x53, REQ_UD1: 0x5a, REQ_UD2: 0x5b,
  ACK: 0x00, CNF_IR: 0x06, RSP_UD: 0x08,
} as const;

/** CI fields of DSMR-P2 Table 6. */
export const WL_CI = { DATA: 0x7a, ACK: 0x8a, NO_DATA: 0x80, CONTROL: 0x5b, CLOCK: 0x6c } as const;

/** A frame the device sent, as received. */
export interface WlFrame {
  /** Clock time it arrived. */
  t: number;
  raw: Uint8Array;
  inspect: WmbusInspection;
  /** Length and every block CRC correct (EN 13757-4 format A). */
  linkOk: boolean;
  c: number;
  /** Link address M + A (DSMR-P2 §3.2.4: MAN, ID, VER, DEV of the device). */
  lla: LinkAddress | null;
  ci: number | null;
  app: MbusApp | null;
  mode: number;
  blocks: number;
  frameCounter?: number;
  /** Plain, or decrypted with the user key the role holds (2F 2F found). */
  readable: boolean;
  /** Frame counter not above the last validated one (§5.2 replay check). */
  stale: boolean;
  /** The same bytes as the device frame before it (a FAC slot without a new answer). */
  repeat: boolean;
}

/** How a frame for the device is protected; defaults: the role's user key, last FC + 1, the target identity. */
export interface WlSecureOptions {
  mode?: 0 | 5 | 15;
  key?: Uint8Array;
  fc?: number;
  identity?: MbusIdentity;
  /** Replace the whole encrypted plaintext (malformed-filler tests). */
  plaintext?: Uint8Array;
  /** Override NNNN (inconsistent-length tests). */
  blocks?: number;
}

/** Options every E-meter frame builder takes. */
export interface WlFrameOptions {
  /** C-field (e.g. 73h with the FCB set). */
  c?: number;
  /** CI-field (negative tests). */
  ci?: number;
  /** E-meter link M-field and A-field (default zeros: ignored by the device, DSMR-P2 §3.2.4). */
  m?: number;
  a?: Uint8Array;
  /** Target Short ID (default: the learnt device identity). */
  target?: MbusIdentity;
  /** Access number (default: the E-meter's next). */
  acc?: number;
  /** Short header instead of the long one (negative tests, DSMR-P2 §4.2.1). */
  shortHeader?: boolean;
  /** Change the bytes after CI before framing (corrupted-ciphertext tests; the CRCs are computed after it). */
  mutate?: (rest: Uint8Array) => void;
}

export interface WlOut {
  bytes: Uint8Array;
  /** The access number the frame carries (an ACK copies it, DSMR-P2 §4.4.3). */
  acc: number;
}

export interface WmbusOtherOptions {
  framing: WmbusFraming;
  keys?: { default?: Uint8Array; user?: Uint8Array | null };
  /** Delay between the device frame that opened the window and the E-meter frame (default 2 ms, t_RO). */
  responseDelayMs?: number;
  /** How long to wait for the next device frame of a FAC (default 6000: N ≤ 5 s, DSMR-P2 §4.4). */
  facWaitMs?: number;
  /** Only frames from this identification number count (a real receiver also hears other meters). */
  deviceId?: string;
}

export interface WmbusOther {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly framing: WmbusFraming;
  readonly keys: { default?: Uint8Array; user: Uint8Array | null };
  /** Device identity (MAN, ID, VER, DEV) learnt from its link address, or set by the case. */
  identity: MbusIdentity | null;
  lastFc: number | null;
  readonly facWaitMs: number;
  /** Every device frame received so far, in order. */
  readonly log: WlFrame[];
  /** Lines or chunks that were not frames (hex-line junk). */
  readonly junk: string[];
  next(timeoutMs: number): Promise<WlFrame | null>;
  /** The next frame satisfying `pred` (others stay in `log`), or null at the deadline. */
  until(pred: (f: WlFrame) => boolean, timeoutMs: number): Promise<WlFrame | null>;
  /** Every frame that arrives within `ms`. */
  listen(ms: number): Promise<WlFrame[]>;
  /** Send a frame into the window just opened (after `responseDelayMs`). */
  send(bytes: Uint8Array, opts?: { delayMs?: number }): Promise<void>;
  /** Send, then the next device frame within `facWaitMs` (null = none). */
  transact(out: WlOut | Uint8Array, opts?: { delayMs?: number; waitMs?: number }): Promise<WlFrame | null>;
  /** Decode bytes as a device frame (updates identity and frame counter like a received one). */
  decode(raw: Uint8Array, t?: number): WlFrame;
  frame(c: number, ci: number, rest: Uint8Array, opts?: WlFrameOptions): Uint8Array;
  sndNke(opts?: WlFrameOptions): WlOut;
  reqUd2(opts?: WlFrameOptions): WlOut;
  /** REQ_UD1 (DSMR-P2 §3.2.2 forbids it) with CI 80h, for negative tests. */
  reqUd1(opts?: WlFrameOptions): WlOut;
  /** CNF_IR with the ACC copied from the SND_IR (DSMR-P2 §4.4.7). */
  cnfIr(sndIr: WlFrame, opts?: WlFrameOptions): WlOut;
  /** SND_UD CI 5Bh: records, encrypted unless mode 0 (DSMR-P2 §4.4.3, §4.4.6). */
  control(records: Uint8Array, opts?: WlFrameOptions & WlSecureOptions): WlOut;
  /** SND_UD CI 6Ch with the 16-byte time block (DSMR-P2 §4.4.4, §6.2.1). */
  clockSync(time: Date, opts?: WlFrameOptions & WlSecureOptions): WlOut;
  /** Unencrypted set new key (DSMR-P2 §4.4.6, §6.5.1): CI 5Bh, CW 00 00, key wrapped with the default key. */
  setKey(newKey: Uint8Array, opts?: WlFrameOptions & { swapHalves?: boolean }): WlOut;
  /** Take over a key the device acknowledged (zero key = none). */
  adoptKey(key: Uint8Array): void;
}

const ZERO_LLA = new Uint8Array(6);

export function wmbusOther(transport: Transport, clock: Clock, opts: WmbusOtherOptions): WmbusOther {
  const rx = radioReceiver(opts.framing);
  const queue: WlFrame[] = [];
  let acc = 1;
  let previous: Uint8Array | null = null;
  const nextAcc = (): number => { const v = acc; acc = (acc + 1) & 0xff; return v; };
  const responseDelayMs = opts.responseDelayMs ?? (clock.kind === 'virtual' ? 2 : 0);

  function target(o: WlFrameOptions | WlSecureOptions = {}): MbusIdentity {
    const id = ('target' in o ? o.target : undefined) ?? ('identity' in o ? o.identity : undefined) ?? r.identity;
    if (!id) throw new Error('a frame for the device needs its Short ID: receive one of its frames first');
    return id;
  }

  function longHeader(o: WlFrameOptions, cw: number): { bytes: Uint8Array; acc: number } {
    const a = o.acc ?? nextAcc();
    if (o.shortHeader) return { bytes: mbusHeaderEncode({ form: 'short', accessNumber: a, status: 0, configWord: cw }), acc: a };
    const id = target(o);
    const bytes = mbusHeaderEncode({
      form: 'long', id: id.id, manufacturer: id.manufacturer, manufacturerCode: mbusManufacturerEncode(id.manufacturer),
      version: id.version, medium: id.medium, accessNumber: a, status: 0, configWord: cw,
    });
    return { bytes, acc: a };
  }

  /** Header + body: method 15 = CW NNNN | 0F00h, 2F 2F + records + ≥ 2 trailing 2Fh (§5.1), IV of the device (§5.2), clear FC record. */
  function secured(records: Uint8Array, o: WlFrameOptions & WlSecureOptions, plain?: Uint8Array): { bytes: Uint8Array; acc: number } {
    const key = o.key ?? r.keys.user ?? undefined;
    const mode = o.mode ?? (key ? 15 : 0);
    if (mode === 0) {
      const h = longHeader(o, 0);
      return { bytes: concatBytes(h.bytes, plain ?? records), acc: h.acc };
    }
    if (!key) throw new Error('an encrypted frame needs a user key');
    const id = o.identity ?? target(o);
    const fc = o.fc ?? (r.lastFc ?? 0) + 1;
    if (o.fc === undefined || fc > (r.lastFc ?? -1)) r.lastFc = fc;
    if (mode === 5) {
      const a = o.acc ?? acc;
      const sealed = mode5Seal({ key, link: id, accessNumber: a, records });
      const h = longHeader({ ...o, acc: a }, 0x0500 | ((o.blocks ?? sealed.blocks) << 4));
      return { bytes: concatBytes(h.bytes, sealed.body), acc: h.acc };
    }
    const ct = mbusEncrypt({ mode: 15, key, iv: mode15Iv({ ...id, frameCounter: fc }), data: o.plaintext ?? plain ?? dsmrPlaintext(records) });
    const h = longHeader(o, 0x0f00 | ((o.blocks ?? ct.length / 16) << 4));
    return { bytes: concatBytes(h.bytes, ct, frameCounterRecord(fc)), acc: h.acc };
  }

  function decode(raw: Uint8Array, t = clock.now()): WlFrame {
    const inspect = wmbusFrameInspect(raw, { format: 'A' });
    const f = inspect.frame;
    const lla = f ? { manufacturer: manufacturerDecode(f.m), id: idDecode(f.a), version: f.a[4]!, medium: f.a[5]! } : null;
    const ci = f && f.payload.length ? f.payload[0]! : null;
    const frame: WlFrame = {
      t, raw, inspect, linkOk: inspect.errors.length === 0, c: raw[1] ?? -1, lla, ci, app: null, mode: 0, blocks: 0,
      readable: false, stale: false, repeat: previous !== null && bytesEqual(previous, raw),
    };
    previous = raw;
    if (!f || ci === null) return frame;
    const key = r.keys.user ?? undefined;
    const app = mbusAppDecode(f.payload, { ...(key ? { key } : {}), link: lla!, decrypt: mbusDecrypt });
    frame.app = app;
    frame.mode = app.config?.mode ?? 0;
    frame.blocks = app.config?.blocks ?? 0;
    frame.readable = frame.mode === 0 || app.encrypted?.decrypted === true;
    if (app.frameCounter !== undefined) frame.frameCounter = app.frameCounter;
    const fc = app.frameCounter;
    frame.stale = frame.mode !== 0 && fc !== undefined && r.lastFc !== null && fc <= r.lastFc;
    if (frame.mode === 15 && frame.readable && fc !== undefined && !frame.stale && frame.linkOk) r.lastFc = fc;
    if (frame.linkOk && lla && [WL_C.SND_NR, WL_C.SND_IR].includes(frame.c as 0x44)) {
      r.identity ??= { manufacturer: lla.manufacturer, id: lla.id, version: lla.version, medium: lla.medium };
    }
    return frame;
  }

  function take(chunk: Uint8Array): void {
    const got = rx.push(chunk);
    r.junk.push(...got.junk);
    for (const raw of got.frames) {
      const f = decode(raw);
      if (opts.deviceId && f.lla && f.lla.id !== opts.deviceId) continue;
      r.log.push(f);
      queue.push(f);
    }
  }

  const r: WmbusOther = {
    transport,
    clock,
    framing: opts.framing,
    keys: { ...(opts.keys?.default ? { default: opts.keys.default } : {}), user: opts.keys?.user ?? null },
    identity: null,
    lastFc: null,
    facWaitMs: opts.facWaitMs ?? 6000,
    log: [],
    junk: [],

    async next(timeoutMs) {
      const end = clock.now() + timeoutMs;
      while (!queue.length) {
        const left = end - clock.now();
        if (left <= 0) return null;
        try {
          take(await transport.read(left));
        } catch (e) {
          if (isTransportError(e, 'timeout')) return null;
          throw e;
        }
      }
      return queue.shift()!;
    },

    async until(pred, timeoutMs) {
      const end = clock.now() + timeoutMs;
      for (;;) {
        const f = await r.next(Math.max(0, end - clock.now()));
        if (!f) return null;
        if (pred(f)) return f;
      }
    },

    async listen(ms) {
      const out: WlFrame[] = [];
      const end = clock.now() + ms;
      for (;;) {
        const f = await r.next(Math.max(0, end - clock.now()));
        if (!f) return out;
        out.push(f);
      }
    },

    async send(bytes, o = {}) {
      const d = o.delayMs ?? responseDelayMs;
      if (d > 0) await clock.sleep(d);
      await transport.write(radioEncode(opts.framing, bytes));
    },

    async transact(out, o = {}) {
      await r.send(out instanceof Uint8Array ? out : out.bytes, o.delayMs === undefined ? {} : { delayMs: o.delayMs });
      return r.next(o.waitMs ?? r.facWaitMs);
    },

    decode,

    frame(c, ci, rest, o = {}) {
      if (o.mutate) {
        rest = rest.slice();
        o.mutate(rest);
      }
      return wmbusFrameEncode({ format: 'A', c: o.c ?? c, m: o.m ?? 0, a: o.a ?? ZERO_LLA, payload: concatBytes(Uint8Array.of(o.ci ?? ci), rest) });
    },

    sndNke(o = {}) {
      const h = longHeader(o, 0);
      return { bytes: r.frame(WL_C.SND_NKE, WL_CI.NO_DATA, h.bytes, o), acc: h.acc };
    },
    reqUd2(o = {}) {
      const h = longHeader(o, 0);
      return { bytes: r.frame(WL_C.REQ_UD2, WL_CI.NO_DATA, h.bytes, o), acc: h.acc };
    },
    reqUd1(o = {}) {
      const h = longHeader(o, 0);
      return { bytes: r.frame(WL_C.REQ_UD1, WL_CI.NO_DATA, h.bytes, o), acc: h.acc };
    },
    cnfIr(sndIr, o = {}) {
      const copied = sndIr.app?.header?.accessNumber ?? sndIr.raw[13] ?? 0;
      const id = o.target ?? (sndIr.lla ? { ...sndIr.lla } : target(o));
      const h = longHeader({ ...o, target: id, acc: o.acc ?? copied }, 0);
      return { bytes: r.frame(WL_C.CNF_IR, WL_CI.NO_DATA, h.bytes, o), acc: h.acc };
    },
    control(records, o = {}) {
      const s = secured(records, o);
      return { bytes: r.frame(WL_C.SND_UD, WL_CI.CONTROL, s.bytes, o), acc: s.acc };
    },
    clockSync(time, o = {}) {
      const t = typeIEncode(time);
      // DSMR-P2 §6.2.1: TC 00h, the type I time in UTC (DST flag and deviation 0), three reserved bytes; one block.
      const block = Uint8Array.from([0x2f, 0x2f, 0x00, ...t, 0x00, 0x00, 0x00, 0x2f, 0x2f, 0x2f, 0x2f]);
      const s = secured(new Uint8Array(0), { plaintext: block, ...o }, block);
      return { bytes: r.frame(WL_C.SND_UD, WL_CI.CLOCK, s.bytes, o), acc: s.acc };
    },
    setKey(newKey, o = {}) {
      if (!r.keys.default) throw new Error('set new key needs the device default key (DSMR-P2 §6.5)');
      let recs = keyExchangeRecords(keyExchangeEncrypt(newKey, r.keys.default));
      if (o.swapHalves) recs = concatBytes(recs.subarray(11), recs.subarray(0, 11));
      const h = longHeader(o, 0);
      return { bytes: r.frame(WL_C.SND_UD, WL_CI.CONTROL, concatBytes(h.bytes, recs), o), acc: h.acc };
    },
    adoptKey(key) {
      r.keys.user = key.every((b) => b === 0) ? null : key.slice();
    },
  };
  return r;
}
