/**
 * The simulated E-meter's M-Bus master side, built on the M-Bus master role (harness/roles/mbus-master.ts)
 * with one master per attached link and the per-channel state (Short ID, user key, last validated frame
 * counter) swapped into it for each transaction. Every bus transaction runs in one queue (the bus is
 * half-duplex; §8.3.1: the scan is suspended for other transfers); every timer is a Clock timer, so an
 * idle E-meter costs no virtual time and a case's wait lets the hours pass.
 *
 * - Polling (§4.3): each registered device is read (REQ_UD2) every hour at `pollOffsetMs` past the hour,
 *   and when P3 asks (capture). The reading is judged by accept.ts; accepted values go to P3.
 * - Installation (§8.1, §8.3.1): the cover (or power-up with discover_on_power_on) starts installation
 *   mode — a scan every minute for at most an hour, until four devices are bound or the cover is back;
 *   slave_install() does one scan cycle (§8.3.1.2). A scan probes address 0 (an answering device gets the
 *   first free address in 1–250 through the role's `assignAddress`, §6.2.2) and every unused address
 *   1–250 with SND_NKE; a device that answers is registered in the first free channel and read.
 * - Keys (§6.5.1, §8.1): transfer_key sends the CS-wrapped key with CI 51h; after it the E-meter reads the
 *   device, sets its clock and reads the version records through a readout-list change (§6.3.1), then
 *   restores the default list with SND_NKE.
 * - Commands (§5.2): FC = last validated + 1; an unanswered command is followed by REQ_UD2 (new counter,
 *   replay check applied) and retried, at most twice (§6.3.1).
 * - Clock (§6.2.1): devices are synchronised daily and after every change of the E-meter clock.
 */
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import { mbusMaster, type MbusMaster, type MbusReply } from '../../roles/mbus-master.ts';
import type { LineSettings, Transport } from '../../transport/transport.ts';
import { judgeRsp, type Judged } from './accept.ts';
import {
  CLEAR_STATUS, sendAppReset, sendClock, sendControl, sendKey, shortFrame, valveRelease, VERSION_SELECTION, type CommandEnv,
} from './commands.ts';
import type { Channel, EmeterEvent, EmeterOptions } from './types.ts';

/** DSMR-P2 §3.1.4 Table 3: 2400 Bd, 8 data bits, even parity, 1 stop bit. */
export const EMETER_LINE: LineSettings = { baud: 2400, dataBits: 8, parity: 'even', stopBits: 1 };
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A scan probe waits for the first answer byte: 5 request characters + 330 bit times + 50 ms at 2400 Bd (EN 13757-2, digest §1.1). */
const PROBE_MS = Math.ceil((5 * 11 + 330) * (1000 / 2400) + 50);

export interface Emeter {
  readonly o: EmeterOptions;
  has(fault: string): boolean;
  readonly clock: Clock;
  readonly channels: (Channel | null)[];
  readonly events: EmeterEvent[];
  now(): number;
  attach(t: Transport): void;
  stop(): void;
  /** Queue a bus transaction (no-op without a link). */
  task(fn: (m: MbusMaster) => Promise<unknown>): Promise<void>;
  register(channel: number, address: number): Channel;
  bind(ch: Channel): Promise<void>;
  read(ch: Channel, resync?: boolean): Promise<Judged>;
  command(ch: Channel, send: () => Promise<MbusReply>): Promise<boolean>;
  transfer(ch: Channel, wrapped: Uint8Array): Promise<void>;
  syncClock(ch: Channel): Promise<boolean>;
  scanCycle(): Promise<void>;
  startInstallation(): void;
  stopInstallation(): void;
  setClock(utcMs: number): void;
}

export function emeterCreate(o: EmeterOptions, clock: Clock, faults: ReadonlySet<string>): Emeter {
  const has = (f: string) => faults.has(f);
  const maxDevices = has('p2.scan.fifth-device') ? 5 : 4;
  const channels: (Channel | null)[] = new Array(maxDevices + 1).fill(null);
  const events: EmeterEvent[] = [];
  const timers = new Set<TimerHandle>();
  let master: MbusMaster | null = null;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  let offsetMs = 0;
  let installUntil: number | null = null;
  let attachedOnce = false;

  const now = () => clock.now() + offsetMs;
  const later = (ms: number, fn: () => void): TimerHandle => {
    const h = clock.setTimer(Math.max(0, ms), () => { timers.delete(h); if (!stopped) fn(); });
    timers.add(h);
    return h;
  };
  const event = (channel: number, what: EmeterEvent['what'], detail?: string) => {
    events.push({ t: now(), channel, what, ...(detail ? { detail } : {}) });
    if (events.length > 500) events.shift();
  };
  const bound = () => channels.filter((c): c is Channel => c !== null);

  /** Swap the channel's state into the master (one master serves every device on the link). */
  function use(ch: Channel): CommandEnv {
    const m = master!;
    m.identity = ch.identity;
    m.lastFc = ch.lastFc;
    m.keys.user = ch.userKey;
    return { m, has, now };
  }

  const e: Emeter = {
    o, has, clock, channels, events, now,

    task(fn) {
      const run = queue.then(async () => {
        if (stopped || !master) return;
        try {
          await fn(master);
        } catch (err) {
          if (!stopped) event(0, 'communication-error', err instanceof Error ? err.message : String(err));
        }
      });
      queue = run;
      return run;
    },

    register(channel, address) {
      const ch: Channel = {
        channel, address, identity: null, userKey: null, keyStatus: 0, lastFc: null, accessNumber: null, status: null, alarm: 0,
        configuration: 99, values: [], versions: null, adminDone: false,
      };
      channels[channel] = ch;
      return ch;
    },

    async bind(ch) {
      const j = await e.read(ch);
      if (!j.ok) return;
      event(ch.channel, 'device-installed');
      if (has('p2.master.unlisted-ci')) await sendAppReset(use(ch), ch.address);
      if (has('p2.master.rol-before-key')) await admin(ch);
    },

    async read(ch, resync = false) {
      const env = use(ch);
      const reply = await env.m.exchange(shortFrame(env, 0x5b, ch.address));
      const j = judgeRsp(reply, ch, has, now());
      if (j.storeFcAnyway !== undefined) ch.lastFc = j.storeFcAnyway;
      if (!j.ok) {
        if (reply.kind !== 'silent') event(ch.channel, 'reading-rejected', j.why);
        // §6.5.2: a device keyed by its supplier is still identified by the clear header's Short ID.
        if (!ch.identity && j.identity && j.mode === 15 && !ch.userKey) {
          ch.identity = j.identity;
          event(ch.channel, 'device-detected', j.identity.id);
        }
        return j;
      }
      if (!ch.identity) event(ch.channel, 'device-detected', j.identity!.id);
      ch.identity ??= j.identity!;
      if (j.fc !== undefined && j.mode === 15) ch.lastFc = j.fc;
      if (j.accessNumber !== undefined) ch.accessNumber = j.accessNumber;
      ch.configuration = j.mode ?? 0;
      if (j.values?.length) ch.values = j.values;
      if (j.versions?.length) ch.versions = j.versions.join('');
      if (ch.keyStatus === 3 && j.mode === 15) { ch.keyStatus = 4; event(ch.channel, 'key-in-use'); }
      if (j.status !== undefined) {
        ch.status = j.status;
        // DSMR-P2 §9.1: bit 7 (the DSMR 4.0 valve alarm) is ignored.
        ch.alarm |= j.status & (has('p2.bc.valve-alarm-raised') ? 0xff : 0x7f);
        // DSMR-P2 §6.2.3: clear the non-permanent bits after reading them (not from inside a resync).
        if (!resync && j.status & 0x73 && !has('p2.master.no-status-clear')) await e.command(ch, () => sendControl(use(ch), ch, CLEAR_STATUS));
      }
      return j;
    },

    async command(ch, send) {
      // DSMR-P2 §5.2: no reaction → REQ_UD2 for the current counter, then retry; §6.3.1: at most 2 retries.
      const attempts = has('p2.master.unbounded-retries') ? 8 : 3;
      for (let i = 0; i < attempts; i++) {
        const reply = await send();
        ch.lastFc = master!.lastFc;
        if (reply.kind === 'ack') return true;
        if (i + 1 < attempts && !has('p2.master.no-fc-resync')) await e.read(ch, true);
      }
      event(ch.channel, 'communication-error', 'command not acknowledged');
      return false;
    },

    async transfer(ch, wrapped) {
      if (!(await e.command(ch, () => sendKey(use(ch), ch, wrapped)))) return;
      ch.keyStatus = ch.userKey ? 3 : 2;
      event(ch.channel, 'key-transferred');
      // DSMR-P2 §8.1: keys first, then the clock and the readout list.
      await e.read(ch);
      if (!ch.adminDone) await admin(ch);
    },

    syncClock: (ch) => e.command(ch, () => sendClock(use(ch), ch)),

    async scanCycle() {
      const m = master!;
      if (has('p2.master.uses-secondary')) await m.sndUd(253, 0x52, new Uint8Array(8).fill(0xff));
      const full = () => bound().length >= maxDevices;
      const free = () => channels.findIndex((c, i) => i > 0 && c === null);
      const inUse = () => bound().map((c) => c.address);
      // §8.3.1: an unconfigured device at address 0 gets an unused address 1–250 (set address, §6.2.2).
      if (!full() && (await m.exchange(shortFrame({ m, has, now }, 0x40, 0), { firstByteMs: PROBE_MS })).kind === 'ack') {
        let a: number | null;
        if (has('p2.master.assign-253') || (has('p2.master.addr-collision') && inUse().length)) {
          a = has('p2.master.assign-253') ? 253 : inUse()[0]!;
          if ((await m.setAddress(0, a)).kind !== 'ack') a = null;
        } else a = await m.assignAddress(inUse());
        if (a !== null && free() > 0) await e.bind(e.register(free(), a));
      }
      for (let a = 1; a <= 250 && !full() && !stopped; a++) {
        if (inUse().includes(a) || (has('p2.scan.skips-addresses') && a > 200)) continue;
        if ((await m.exchange(shortFrame({ m, has, now }, 0x40, a), { firstByteMs: PROBE_MS })).kind === 'ack') await e.bind(e.register(free(), a));
      }
    },

    startInstallation() {
      const first = installUntil === null;
      installUntil = now() + HOUR;
      if (!first) return;
      const tick = () => {
        if (installUntil === null || now() >= installUntil || bound().length >= maxDevices) { installUntil = null; return; }
        const started = clock.now();
        void e.task(() => e.scanCycle()).then(() => later(Math.max(0, started + MINUTE - clock.now()), tick));
      };
      tick();
    },

    stopInstallation() {
      if (!has('p2.scan.cover-close-ignored')) installUntil = null;
    },

    setClock(utcMs) {
      offsetMs = utcMs - clock.now();
      schedule();
      for (const ch of bound()) if (ch.identity) void e.task(() => e.syncClock(ch));
    },

    attach(t) {
      master = mbusMaster(t, clock, { line: EMETER_LINE });
      queue = Promise.resolve();
      if (!attachedOnce) {
        attachedOnce = true;
        o.register.forEach((a, i) => e.register(i + 1, a));
      }
      for (const ch of bound()) void e.task(() => (ch.identity ? e.read(ch) : e.bind(ch)));
      if (o.discoverOnPowerOn) e.startInstallation();
      schedule();
    },

    stop() {
      stopped = true;
      for (const h of timers) h.cancel();
      timers.clear();
    },
  };

  /** §8.1 administrative tasks after the key: clock, readout-list change, read versions, restore with SND_NKE. */
  async function admin(ch: Channel): Promise<void> {
    ch.adminDone = true;
    if (has('p2.bc.send-valve-command')) await e.command(ch, () => sendControl(use(ch), ch, valveRelease()));
    await e.syncClock(ch);
    if (!(await e.command(ch, () => sendControl(use(ch), ch, VERSION_SELECTION)))) return;
    await e.read(ch);
    if (!has('p2.master.no-rol-restore')) await master!.exchange(shortFrame(use(ch), 0x40, ch.address));
  }

  let pollTimer: TimerHandle | null = null;
  let syncTimer: TimerHandle | null = null;
  /** Hourly polls and the daily clock synchronisation, on the E-meter clock. */
  function schedule(): void {
    pollTimer?.cancel();
    syncTimer?.cancel();
    const t = now();
    const nextPoll = Math.floor((t - o.pollOffsetMs) / HOUR) * HOUR + HOUR + o.pollOffsetMs;
    pollTimer = later(nextPoll - t, () => {
      const hour = Math.floor(now() / HOUR);
      if (!has('p2.master.no-hourly-poll') || hour % 2 === 0) for (const ch of bound()) void e.task(() => e.read(ch));
      schedule();
    });
    const nextSync = Math.floor((t - o.syncOffsetMs) / DAY) * DAY + DAY + o.syncOffsetMs;
    syncTimer = later(nextSync - t, () => {
      if (!has('p2.master.no-daily-sync')) for (const ch of bound()) if (ch.identity) void e.task(() => e.syncClock(ch));
      schedule();
    });
  }

  return e;
}
