/**
 * The scripted wired M-Bus slave: the gas-meter side of DSMR-P2, used by the dsmr-p2-emeter suite to test an
 * E-meter (the master). By default each device behaves like a conforming DSMR 4.2.2 gas meter — SND_NKE → E5h,
 * REQ_UD2 → RSP_UD (long header; plain without user key, method 15 with it), SND_UD CI 51h (set address while
 * unkeyed, set new key), CI 5Ah, CI 6Ch with the §5.2 frame-counter validation and the 2F 2F check — and a
 * case can replace any answer (`MeterPlan`): replayed or stale counter, wrong IV, no 2F 2F, bad checksum,
 * another CI, a longer frame, silence. Everything the master sends is logged (`received`, `garbage`) and
 * each SND_UD a meter took as its own is decoded into `meter.commands` so a case can judge it. Answers start
 * after `responseDelayMs` (EN 13757-2: 11 bit times … 330 bit times + 50 ms). Event-driven: an idle bus
 * costs no virtual time.
 */
import type { Clock, TimerHandle } from '../clock/clock.ts';
import { concatBytes } from '../codec/bytes.ts';
import {
  bcdEncode, mbusFrameEncode, mbusFramerInit, mbusFramerPush, mbusHeaderDecode, mbusHeaderEncode, mbusIdentityBytes, mbusManufacturerEncode,
  mbusRecordsParse, textEncode, typeIEncode, type MbusDataRecord, type MbusFrame, type MbusFramerState, type MbusHeader, type MbusIdentity,
} from '../codec/mbus/index.ts';
import {
  frameCounterRecord, frameCounterRecordDecode, keyExchangeDecrypt, keyExchangeRecordsDecode, mbusEncrypt, mbusFillerPad, mode15IvFromAddress,
  mode15Open, mode5Iv,
} from '../security/mbus/index.ts';
import type { Transport } from '../transport/transport.ts';

const E5 = Uint8Array.of(0xe5);
const HOUR = 3_600_000;

/** How a meter answers one REQ_UD2 instead of the conforming default. */
export interface MeterPlan {
  /** No answer at all. */
  silent?: boolean;
  /** Send these bytes verbatim (e.g. an earlier RSP_UD: a replay). */
  raw?: Uint8Array;
  /** Frame counter of this RSP_UD (default: last + 1); the meter's counter moves to it unless `keepCounter`. */
  fc?: number;
  keepCounter?: boolean;
  /** Encryption method declared and used (default: 15 with a user key, else 0). */
  mode?: 0 | 5 | 15;
  /** Encrypt with this key instead of the user key (a wrong key). */
  key?: Uint8Array;
  /** IV identity bytes in the order ID, MAN, VER, DEV (not the §5.2 order MAN, ID, VER, DEV). */
  ivIdBeforeMan?: boolean;
  /** Plaintext without the leading 2F 2F check bytes. */
  noCheckBytes?: boolean;
  /** Plaintext ends exactly at a block boundary without trailing 2Fh (idle fillers go in front instead). */
  noTrailingFillers?: boolean;
  /** Configuration word block count (NNNN) to declare instead of the real one. */
  blocks?: number;
  /** Readout records to send instead of the meter's own (plain records, before encryption). */
  records?: Uint8Array;
  /** Plain records are padded with 2Fh fillers so that L equals this value. */
  padToL?: number;
  c?: number;
  /** CI of the answer (default 72h); 7Ah sends a short header, 78h none. */
  ci?: number;
  /** Header version byte (default the meter's). */
  version?: number;
  badChecksum?: boolean;
}

export interface SlaveMeterInit {
  address: number;
  identity?: MbusIdentity;
  equipmentId?: string;
  defaultKey: Uint8Array;
  userKey?: Uint8Array | null;
  /** Last frame counter used (the next encrypted RSP_UD carries one more). */
  frameCounter?: number;
  accessNumber?: number;
  volumeLitres?: number;
  /** Time of the hourly value (ms); default: the last whole hour of the clock at each answer. */
  stamp?: number | null;
  status?: number;
  /** Meter configuration mask `01 FD 67` (DSMR-P2 §6.4.8): 05h = clock and converted volume. */
  config?: number;
}

/** A SND_UD a meter took as addressed to it, decoded. */
export interface SlaveCommand {
  t: number;
  c: number;
  ci: number;
  /** The whole frame as received. */
  raw: Uint8Array;
  header: MbusHeader | null;
  /** Method from the configuration word (0 plain; CI 51h has none). */
  mode: number;
  fc?: number;
  /** Decrypted blocks (method 15) or the clear bytes after the header. */
  plaintext?: Uint8Array;
  records: MbusDataRecord[];
  accepted: boolean;
  reason?: string;
}

export interface SlaveMeter {
  address: number;
  identity: MbusIdentity;
  equipmentId: string;
  readonly defaultKey: Uint8Array;
  userKey: Uint8Array | null;
  fc: number;
  acc: number;
  volumeLitres: number;
  stamp: number | null;
  status: number;
  config: number;
  /** FD VIFEs selected into the readout list (DSMR-P2 §6.3.1). */
  selected: Set<number>;
  /** Plans for the next REQ_UD2 answers, first in first out. */
  plans: MeterPlan[];
  /** Drop the next n SND_UDs addressed to this meter without acting or answering. */
  ignoreSndUd: number;
  /** Never act on or answer SND_UDs with these CIs. */
  refuseCi: number[];
  /** Bytes of every RSP_UD sent, oldest first. */
  sent: Uint8Array[];
  commands: SlaveCommand[];
  /** Device time set by the last accepted clock synchronisation (ms), or null. */
  clockSetTo: number | null;
}

export interface Received {
  t: number;
  frame: MbusFrame;
  raw: Uint8Array;
}

export interface MbusSlave {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly meters: SlaveMeter[];
  readonly received: Received[];
  readonly garbage: { t: number; bytes: Uint8Array }[];
  addMeter(init: SlaveMeterInit): SlaveMeter;
  removeMeter(m: SlaveMeter): void;
  /** The RSP_UD bytes the meter would send now (advances its counters as sending does). */
  rspUd(m: SlaveMeter, plan?: MeterPlan): Uint8Array;
  /** First received frame from index `from` on that matches, waiting up to `ms` of clock time; null if none came. */
  waitFor(pred: (r: Received) => boolean, ms: number, from?: number): Promise<Received | null>;
  close(): void;
}

/** DSMR-P2 App. B identity: ID 23456789, 'NET', version 42h, gas. */
export const APP_B_IDENTITY: MbusIdentity = { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 0x03 };

export const isShort = (r: Received, c: number, a?: number): boolean => r.frame.format === 'short' && (r.frame.c & 0xdf) === c && (a === undefined || r.frame.a === a);
export const isSndUd = (r: Received, ci?: number, a?: number): boolean =>
  r.frame.format === 'long' && (r.frame.c & 0xdf) === 0x53 && (ci === undefined || r.frame.ci === ci) && (a === undefined || r.frame.a === a);

/** Default readout list (DSMR-P2 §6.3): status, E-ID, hourly time stamp, converted volume (G4–G6), configuration, selected versions. */
function readoutRecords(m: SlaveMeter, now: number): Uint8Array {
  const stamp = m.stamp ?? Math.floor(now / HOUR) * HOUR;
  const parts = [
    Uint8Array.of(0x01, 0xfd, 0x17, m.status),
    Uint8Array.from([0x0d, 0x78, 0x11, ...textEncode(m.equipmentId)]),
    Uint8Array.from([0x46, 0x6d, ...typeIEncode(new Date(stamp), { dayOfWeek: 0 })]),
    Uint8Array.from([0x4c, 0x13, ...bcdEncode(m.volumeLitres % 100_000_000, 4, false)]),
    Uint8Array.of(0x01, 0xfd, 0x67, m.config),
  ];
  for (const v of [...m.selected].sort((a, b) => a - b)) {
    const text = textEncode(`ver${v.toString(16)}=1.0\r\n`);
    parts.push(Uint8Array.from([0x0d, 0xfd, v, text.length, ...text]));
  }
  return concatBytes(...parts);
}

/** Encrypted-part plaintext as the plan wants it (DSMR-P2 §5.1 by default: 2F 2F, records, ≥ 2 trailing 2Fh). */
function plaintextOf(records: Uint8Array, plan: MeterPlan): Uint8Array {
  const check = plan.noCheckBytes ? new Uint8Array(0) : Uint8Array.of(0x2f, 0x2f);
  if (plan.noTrailingFillers) {
    const used = check.length + records.length;
    const fill = new Uint8Array((16 - (used % 16)) % 16).fill(0x2f);
    return concatBytes(check, fill, records);
  }
  return mbusFillerPad(concatBytes(check, records), 2);
}

function headerFor(m: SlaveMeter, ci: number, cw: number, version: number): Uint8Array {
  if (ci === 0x78) return new Uint8Array(0);
  const tail = { accessNumber: m.acc, status: 0, configWord: cw };
  if (ci === 0x7a) return mbusHeaderEncode({ form: 'short', ...tail });
  const id = m.identity;
  return mbusHeaderEncode({ form: 'long', id: id.id, manufacturer: id.manufacturer, manufacturerCode: mbusManufacturerEncode(id.manufacturer), version, medium: id.medium, ...tail });
}

export function mbusSlave(transport: Transport, clock: Clock, opts: { responseDelayMs?: number } = {}): MbusSlave {
  const delay = opts.responseDelayMs ?? 20;
  const meters: SlaveMeter[] = [];
  const received: Received[] = [];
  const garbage: { t: number; bytes: Uint8Array }[] = [];
  const timers = new Set<TimerHandle>();
  const waiters = new Set<() => void>();
  let framer: MbusFramerState = mbusFramerInit();
  let lastRx = -Infinity;
  let closed = false;

  const reply = (bytes: Uint8Array): void => {
    const h = clock.setTimer(delay, () => {
      timers.delete(h);
      if (!closed && transport.isOpen) void transport.write(bytes).catch(() => {});
    });
    timers.add(h);
  };

  function rspUd(m: SlaveMeter, plan: MeterPlan = {}): Uint8Array {
    if (plan.raw) return plan.raw.slice();
    const ci = plan.ci ?? 0x72;
    const mode = plan.mode ?? (m.userKey ? 15 : 0);
    let records = plan.records ?? readoutRecords(m, clock.now());
    let cw = 0;
    let body: Uint8Array;
    if (mode === 0) {
      if (plan.padToL !== undefined) {
        const fill = plan.padToL - 3 - headerFor(m, ci, 0, 0).length - records.length;
        if (fill > 0) records = concatBytes(records, new Uint8Array(fill).fill(0x2f));
      }
      body = records;
    } else {
      const key = plan.key ?? m.userKey ?? new Uint8Array(16);
      const plain = plaintextOf(records, plan);
      const blocks = plan.blocks ?? plain.length / 16;
      if (mode === 5) {
        body = mbusEncrypt({ mode: 5, key, iv: mode5Iv({ ...m.identity, accessNumber: m.acc }), data: plain });
        cw = 0x0500 | (blocks << 4);
      } else {
        const fc = plan.fc ?? (m.fc + 1) >>> 0;
        if (!plan.keepCounter) m.fc = fc;
        const addr = mbusIdentityBytes(m.identity);
        // DSMR-P2 §5.2: IV bytes 0–7 = MAN, ID, VER, DEV; the plan may deliberately use ID, MAN instead.
        const ivAddr = plan.ivIdBeforeMan ? concatBytes(addr.subarray(2, 6), addr.subarray(0, 2), addr.subarray(6, 8)) : addr;
        const ct = mbusEncrypt({ mode: 15, key, iv: mode15IvFromAddress(ivAddr, fc), data: plain });
        body = concatBytes(ct, frameCounterRecord(fc));
        cw = 0x0f00 | (blocks << 4);
      }
    }
    const data = concatBytes(headerFor(m, ci, cw, plan.version ?? m.identity.version), body);
    m.acc = (m.acc + 1) & 0xff;
    const frame = mbusFrameEncode({ format: 'long', c: plan.c ?? 0x08, a: m.address, ci, data });
    if (plan.badChecksum) frame[frame.length - 2] ^= 0x5a;
    return frame;
  }

  /** Decrypt / check a SND_UD body after its header (DSMR-P2 §5.1, §5.2); sets the meter counter when valid. */
  function openBody(m: SlaveMeter, cmd: SlaveCommand, h: MbusHeader, body: Uint8Array): Uint8Array | null {
    cmd.mode = (h.configWord >> 8) & 0x0f;
    if (cmd.mode === 0) {
      if (m.userKey) { cmd.reason = 'plain command while a user key is set (DSMR-P2 §6.5)'; return null; }
      return body;
    }
    const blocks = (h.configWord >> 4) & 0x0f;
    try { cmd.fc = frameCounterRecordDecode(body, blocks * 16); } catch { /* reported below */ }
    if (cmd.mode !== 15 || !m.userKey) { cmd.reason = cmd.mode !== 15 ? `method ${cmd.mode} (DSMR-P2 §5.1 allows 0 and 15)` : 'encrypted command without a user key'; return null; }
    try {
      const o = mode15Open({ key: m.userKey, link: m.identity, blocks, body, lastFrameCounter: m.fc, strict: true });
      m.fc = o.frameCounter;
      return o.plaintext;
    } catch (e) {
      cmd.reason = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  function onSndUd(m: SlaveMeter, f: Extract<MbusFrame, { format: 'long' }>, raw: Uint8Array): boolean {
    const cmd: SlaveCommand = { t: clock.now(), c: f.c, ci: f.ci, raw, header: null, mode: 0, records: [], accepted: false };
    m.commands.push(cmd);
    const parse = (b: Uint8Array, from: number) => {
      const r = mbusRecordsParse(b, from, b.length, { toDevice: true });
      cmd.records = r.records.filter((x): x is MbusDataRecord => x.kind === 'data');
      return !r.fatal;
    };
    try {
      if (f.ci === 0x51) {
        // DSMR-P2 §4.3.5: no header; set address (§6.2.2) and set new key (§6.5.1).
        cmd.plaintext = f.data.slice();
        if (!parse(f.data, 0) || !cmd.records.length) { cmd.reason = 'records do not parse'; return false; }
        const keys = cmd.records.filter((r) => r.vif === 0xfd && r.vife[0] === 0x19);
        const addr = cmd.records.find((r) => r.dif === 0x01 && r.vif === 0x7a);
        if (keys.length === 2) {
          const raw22 = concatBytes(...keys.map((r) => Uint8Array.from([r.dif, r.vif, ...r.vife, ...r.data])));
          const k = keyExchangeDecrypt(keyExchangeRecordsDecode(raw22, { allowSwapped: true }).wrapped, m.defaultKey);
          m.userKey = k.every((b) => b === 0) ? null : k;
        } else if (addr && addr.data.length === 1 && addr.data[0]! <= 250 && !m.userKey) {
          m.address = addr.data[0]!;
        } else { cmd.reason = 'neither a set-key pair nor an acceptable set-address'; return false; }
        return (cmd.accepted = true);
      }
      const form = f.ci === 0x5a ? 'short' : f.ci === 0x6c ? 'long' : null;
      if (!form) { cmd.reason = `CI ${f.ci.toString(16)}h is not a wired SND_UD of DSMR-P2 Table 5`; return false; }
      const h = mbusHeaderDecode(form, f.data, 0);
      cmd.header = h;
      if (h.form === 'long' && (h.id !== m.identity.id || h.manufacturer !== m.identity.manufacturer || h.version !== m.identity.version || h.medium !== m.identity.medium)) {
        cmd.reason = 'long header Short ID is not this meter'; return false;
      }
      const plain = openBody(m, cmd, h, f.data.subarray(form === 'long' ? 12 : 4));
      if (!plain) return false;
      cmd.plaintext = plain;
      if (f.ci === 0x6c) {
        // DSMR-P2 §6.2.1 block: [2F 2F] TC, 6 bytes type I (UTC), 3 reserved, fillers.
        let i = 0;
        while (plain[i] === 0x2f) i++;
        if (plain.length < i + 10 || plain[i] !== 0) { cmd.reason = 'clock block malformed or TC not 00h'; return false; }
        const t = plain.subarray(i + 1, i + 7);
        m.clockSetTo = Date.UTC(2000 + ((t[3]! >> 5) | ((t[4]! >> 4) << 3)), (t[4]! & 0x0f) - 1, t[3]! & 0x1f, t[2]! & 0x1f, t[1]! & 0x3f, t[0]! & 0x3f);
        return (cmd.accepted = true);
      }
      if (!parse(plain, 0)) { cmd.reason = 'records do not parse'; return false; }
      for (const r of cmd.records) {
        if (r.dataField === 8 && r.vif === 0xfd && r.vife.length === 1) m.selected.add(r.vife[0]!);
        // `01 FD 97 06 mm` clears the masked bits except the permanent ones (DSMR-P2 §6.2.3).
        if (r.dif === 0x01 && r.vif === 0xfd && r.vife[0] === 0x97 && r.vife[1] === 0x06 && r.data.length === 1) m.status &= ~(r.data[0]! & ~0x0c);
      }
      return (cmd.accepted = true);
    } catch (e) {
      cmd.reason = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  function onFrame(f: MbusFrame, raw: Uint8Array): void {
    received.push({ t: clock.now(), frame: f, raw });
    for (const w of [...waiters]) w();
    if (f.format === 'single' || f.format === 'control') return;
    for (const m of meters.filter((x) => x.address === f.a)) {
      if (f.format === 'short') {
        const c = f.c & 0xdf; // DSMR-P2 §3.1.2: the FCB is ignored
        if (c === 0x40) { m.selected.clear(); reply(E5); }
        else if (c === 0x5b) {
          const plan = m.plans.shift() ?? {};
          if (plan.silent) continue;
          const bytes = rspUd(m, plan);
          m.sent.push(bytes);
          reply(bytes);
        } else if (c === 0x5a) reply(E5);
      } else if ((f.c & 0xdf) === 0x53) {
        if (m.refuseCi.includes(f.ci)) continue;
        if (m.ignoreSndUd > 0) { m.ignoreSndUd--; continue; }
        if (onSndUd(m, f, raw)) reply(E5);
      }
    }
  }

  const onData = (chunk: Uint8Array): void => {
    if (closed) return;
    const now = clock.now();
    // A pause longer than 33 bit times (≈ 14 ms at 2400 Bd, rounded up) inside a frame restarts reception (FT1.2).
    if (now - lastRx > 50) framer = mbusFramerInit();
    lastRx = now;
    const { state, result } = mbusFramerPush(framer, chunk);
    framer = state;
    for (const g of result.garbage) garbage.push({ t: now, bytes: g.bytes.slice() });
    for (const fr of result.frames) onFrame(fr.frame, fr.bytes.slice());
    transport.drain(); // events only: keep the read queue empty
  };
  transport.on('data', onData);

  return {
    transport,
    clock,
    meters,
    received,
    garbage,
    addMeter(init) {
      const m: SlaveMeter = {
        address: init.address, identity: { ...(init.identity ?? APP_B_IDENTITY) }, equipmentId: init.equipmentId ?? 'XXXXX110123456789',
        defaultKey: init.defaultKey.slice(), userKey: init.userKey ? init.userKey.slice() : null, fc: init.frameCounter ?? 0,
        acc: init.accessNumber ?? 0x10, volumeLitres: init.volumeLitres ?? 1_234_567, stamp: init.stamp ?? null, status: init.status ?? 0,
        config: init.config ?? 0x05, selected: new Set(), plans: [], ignoreSndUd: 0, refuseCi: [], sent: [], commands: [], clockSetTo: null,
      };
      meters.push(m);
      return m;
    },
    removeMeter(m) {
      const i = meters.indexOf(m);
      if (i >= 0) meters.splice(i, 1);
    },
    rspUd,
    waitFor(pred, ms, from = 0) {
      const scan = (): Received | null => {
        for (let i = from; i < received.length; i++) if (pred(received[i]!)) return received[i]!;
        return null;
      };
      const now = scan();
      if (now || ms <= 0) return Promise.resolve(now);
      let w: () => void = () => {};
      const p = new Promise<Received>((resolve) => {
        w = () => { const r = scan(); if (r) resolve(r); };
        waiters.add(w);
      });
      return clock.timeout(p, ms, 'wait for the master').then((r) => r, () => null).finally(() => waiters.delete(w));
    },
    close() {
      closed = true;
      for (const h of timers) h.cancel();
      timers.clear();
    },
  };
}
