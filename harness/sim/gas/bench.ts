/**
 * The lab bench of the gas simulator: stimuli a tester has besides the wire (gas flow, metrology status
 * events, bus power, passing hours) and the ground truth. Key material is what the back office knows
 * (DSMR-P2 §6.5: default key registered per device; a user key installed before the case).
 */
import { powerDown, powerUp, raiseStatus, setVolume, truthOf } from './meter.ts';
import type { GasDeviceHandle } from './wired.ts';
import type { GasBench } from './types.ts';

export function gasBench(h: GasDeviceHandle): GasBench {
  const { m, clock } = h;
  return {
    identity: { ...m.identity },
    keys: () => ({ defaultKey: m.defaultKey.slice(), userKey: m.benchUserKey ? m.benchUserKey.slice() : null }),
    setVolume(litres) {
      if (!Number.isInteger(litres) || litres < 0) throw new RangeError('volume must be a whole number of litres ≥ 0');
      setVolume(m, litres);
    },
    setFlow(lph) {
      if (!Number.isFinite(lph) || lph < 0) throw new RangeError('flow must be ≥ 0 litres per hour');
      setVolume(m, -1, lph);
    },
    raiseStatus(bits) {
      raiseStatus(m, bits);
    },
    async advanceHours(hours) {
      await clock.sleep(hours * 3_600_000);
    },
    async powerCycle(offMs = 5000) {
      powerDown(m);
      await clock.sleep(offMs);
      powerUp(m);
    },
    truth: () => truthOf(m),
  };
}
