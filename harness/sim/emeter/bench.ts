/**
 * The lab bench of the E-meter simulator: what a tester does over P3 (a DLMS client on the E-meter's
 * M-Bus client setup objects, DSMR-P2 §6.5.1, §8.3.1.1, §8.3.1.2; DSMR-RN-4.0.4 §5) and with a fixture
 * (the M-Bus cover, §8.1). Actions return at once, as a DLMS action does; the bus work follows.
 */
import type { Emeter } from './emeter.ts';
import type { Channel, EmeterBench, MbusClientSetup } from './types.ts';

function channelOf(e: Emeter, n: number): Channel | null {
  if (!Number.isInteger(n) || n < 1 || n >= e.channels.length) throw new RangeError(`M-Bus channel must be 1..${e.channels.length - 1}`);
  return e.channels[n] ?? null;
}

function setupOf(ch: Channel): MbusClientSetup {
  return {
    primaryAddress: ch.address,
    identificationNumber: ch.identity?.id ?? null,
    manufacturerId: ch.identity?.manufacturer ?? null,
    version: ch.identity?.version ?? null,
    deviceType: ch.identity?.medium ?? null,
    accessNumber: ch.accessNumber,
    status: ch.status,
    alarm: ch.alarm,
    configuration: ch.configuration,
    encryptionKeyStatus: ch.keyStatus,
  };
}

export function emeterBench(e: Emeter): EmeterBench {
  const need = (n: number): Channel => {
    const ch = channelOf(e, n);
    if (!ch) throw new RangeError(`M-Bus channel ${n} has no device`);
    return ch;
  };
  return {
    registerDevice(n, address) {
      channelOf(e, n);
      if (!Number.isInteger(address) || address < 1 || address > 250) throw new RangeError('primary address must be 1..250');
      const ch = e.register(n, address);
      void e.task(() => e.bind(ch));
    },
    deinstallDevice(n) {
      channelOf(e, n);
      e.channels[n] = null;
    },
    installDevice() {
      if (e.has('p2.scan.slave-install-hour')) e.startInstallation();
      else void e.task(() => e.scanCycle());
    },
    openCover: () => e.startInstallation(),
    closeCover: () => e.stopInstallation(),
    capture(n) {
      const ch = need(n);
      void e.task(() => e.read(ch));
    },
    synchronizeClock(n) {
      const ch = need(n);
      void e.task(() => e.syncClock(ch));
    },
    setEncryptionKey(n, key) {
      if (key.length !== 16) throw new RangeError('an AES-128 key has 16 bytes');
      const ch = need(n);
      ch.userKey = key.every((b) => b === 0) ? null : key.slice();
      ch.keyStatus = ch.userKey ? 1 : 0;
    },
    transferKey(n, wrapped) {
      if (wrapped.length !== 16) throw new RangeError('the wrapped key has 16 bytes');
      const ch = need(n);
      void e.task(() => e.transfer(ch, wrapped.slice()));
    },
    setClock: (utcMs) => e.setClock(utcMs),
    readClientSetup: (n) => {
      const ch = channelOf(e, n);
      return ch ? setupOf(ch) : null;
    },
    readMbusValue: (n) => {
      const v = channelOf(e, n)?.values[0];
      return v ? { ...v } : null;
    },
    readMbusValues: (n) => channelOf(e, n)?.values.map((v) => ({ ...v })) ?? [],
    readDeviceConfiguration: (n) => channelOf(e, n)?.versions ?? null,
    readFrameCounterStatus: (n) => ({ lastValidated: channelOf(e, n)?.lastFc ?? null }),
    events: () => e.events.slice(),
    now: () => e.now(),
    async advanceHours(hours) {
      await e.clock.sleep(hours * 3_600_000);
    },
  };
}
