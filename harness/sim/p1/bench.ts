/**
 * The lab bench of the P1 simulator: stimuli (load, power cut, clock set, grid events, P3 SETs, M-Bus
 * devices) and the P3 ground truth. Text faults act on what is forwarded to P1, never on the P3 value.
 */
import type { PortHandle } from './device.ts';
import {
  meterAttachMbus, meterFailureLog, meterIntegrate, meterMbusReadout, meterNow, meterPower, meterPowerRestored,
  meterRegisters, meterTariff,
} from './meter.ts';
import type { MbusChannel, P1Bench, Phase } from './types.ts';

export function p1Bench(port: PortHandle): P1Bench {
  const { m, mem, clock, faults } = port;
  const now = () => clock.now();
  const checkPhase = (p: Phase) => {
    if (p > m.opts.phases) throw new RangeError(`phase L${p} does not exist on a ${m.opts.phases}-phase meter`);
  };
  return {
    variant: m.opts.variant,
    phases: m.opts.phases,
    setLoad(load) {
      meterIntegrate(m, now());
      if (load.l1 !== undefined) m.loadW[0] = load.l1;
      if (m.opts.phases === 3) {
        if (load.l2 !== undefined) m.loadW[1] = load.l2;
        if (load.l3 !== undefined) m.loadW[2] = load.l3;
      }
    },
    async powerCut(seconds) {
      if (!m.powered) throw new Error('power is already off');
      port.powerOff();
      await clock.sleep(seconds * 1000);
      meterPowerRestored(m, meterNow(m, now()), Math.round(seconds));
      port.powerOn();
    },
    travel(to) {
      meterIntegrate(m, now());
      m.offsetMs = to.getTime() - now();
      port.reschedule();
    },
    sag(p) {
      checkPhase(p);
      if (!faults.has('p1.sag.not-counted')) m.sags[p - 1]!++;
    },
    swell(p) {
      checkPhase(p);
      m.swells[p - 1]!++;
    },
    setText(text) {
      m.text = text;
      if (faults.has('p1.text.not-forwarded')) return;
      if (text === '' && faults.has('p1.text.sticky')) return;
      mem.p1Text = text;
    },
    setMessageCode(code) {
      m.messageCode = code;
    },
    attachMbus(channel, device) {
      meterAttachMbus(m, channel, device, now());
    },
    silenceMbus(channel: MbusChannel) {
      const s = m.mbus.get(channel);
      if (!s) throw new RangeError(`no M-Bus device on channel ${channel}`);
      s.silencedAt ??= meterNow(m, now());
    },
    now: () => meterNow(m, now()),
    registers() {
      meterIntegrate(m, now());
      return meterRegisters(m);
    },
    tariff: () => meterTariff(m, now()),
    power: () => meterPower(m),
    equipmentId: () => m.opts.equipmentId,
    powerFailures: () => ({ any: m.shortFailures, long: m.longFailures }),
    powerFailureLog: () => meterFailureLog(m),
    sagSwell: () => ({ sags: m.sags.slice(0, m.opts.phases), swells: m.swells.slice(0, m.opts.phases) }),
    text: () => m.text,
    messageCode: () => m.messageCode,
    mbus: (channel) => meterMbusReadout(m, channel, now()),
    limiter: () => (m.opts.variant === '4.0.4' ? { ...m.limiter } : undefined),
  };
}
