/**
 * # E-meter simulator (DSMR 4.2.2 P2), wired M-Bus master side
 *
 * A reference device for the `dsmr-p2-emeter` suite: the E-meter as the M-Bus master, which the case
 * tests through the scripted gas-meter role (harness/roles/mbus-slave.ts) on the other end of the link
 * and through P3 actions on the bench.
 *
 * - `emeter.ts`: bus queue on the M-Bus master role, hourly polling (§4.3), installation-mode scanning and
 *   slave_install (§8.1, §8.3.1, §8.3.1.2), address assignment (§6.2.2), key transfer and the
 *   administrative tasks after it (§6.5.1, §8.1), command retries with frame-counter resynchronisation
 *   (§5.2, §6.3.1), daily and on-change clock synchronisation (§6.2.1), status clearing (§6.2.3).
 * - `accept.ts`: which RSP_UD the E-meter takes over (§4.1, §5.1, §5.2, §6.5, §9.1) and its P3 view.
 * - `commands.ts`: the frames it sends (§3.1, §4.2, §4.3, §5, §6.2, §6.5.1).
 * - `bench.ts` (typed `EmeterBench` in `types.ts`): P3 actions and reads, the cover fixture, the clock.
 * - `faults.ts`: one fault switch per E-meter rule of the catalogue (research digest §6), `p2.<area>.<what>`.
 *
 * A link attached to the simulator is its M-Bus: the E-meter starts its schedule at once (hourly polls
 * of the registered devices; with `discoverOnPowerOn` an installation-mode scan). `meterproof sim emeter
 * --tcp <port>` serves each accepted connection in turn. Options (`transport.options`, options.ts):
 * `{ discoverOnPowerOn?, register?: number[] | "1,2", pollOffsetMs?, syncOffsetMs? }`.
 * With `{ medium: "wireless" }` (profile `p2-emeter-wireless`) the simulator is the E-meter's wireless M-Bus
 * side instead (wireless/index.ts: binding by SND_IR/CNF_IR, §8.4.2); its bench is a `WirelessEmeterBench`.
 */
import type { SimDef } from '../types.ts';
import { emeterBench } from './bench.ts';
import { EMETER_LINE, emeterCreate } from './emeter.ts';
import { EMETER_FAULTS } from './faults.ts';
import { emeterOptions } from './options.ts';
import { EMETER_PROFILES } from './profiles.ts';
import type { EmeterBench } from './types.ts';
import { EMETER_WIRELESS_FAULTS, EMETER_WIRELESS_PROFILES, wirelessEmeterCreate } from './wireless/index.ts';

export type * from './types.ts';
export { EMETER_FAULTS } from './faults.ts';
export { EMETER_PROFILES } from './profiles.ts';

/** Wired and wireless switches; a rule that reads the same on both media keeps one name (e.g. p2.clk.short-header). */
const ALL_FAULTS = [...EMETER_FAULTS, ...EMETER_WIRELESS_FAULTS.filter((w) => !EMETER_FAULTS.some((f) => f.name === w.name))];

export const emeterSim: SimDef<EmeterBench> = {
  name: 'emeter',
  family: 'dsmr-p2-emeter',
  title: 'DSMR 4.2.2 E-meter, M-Bus master side (P2): wired, or wireless T2 with options.medium = wireless',
  faults: ALL_FAULTS,
  line: (options, faults) => options['medium'] === 'wireless' ? undefined : ({ ...EMETER_LINE, parity: faults.has('p2.phy.odd-parity') ? 'odd' : 'even' }),
  profiles: [...EMETER_PROFILES, ...EMETER_WIRELESS_PROFILES],
  create({ clock, faults, options }) {
    if (options['medium'] === 'wireless') {
      const w = wirelessEmeterCreate(clock, faults, options['framing'] === 'hex-line' ? 'hex-line' : 'packet');
      // The wireless bench is a different P3 view (WirelessEmeterBench, told apart by `medium`); the
      // wireless family reads it as such.
      return { attach: (t) => w.attach(t), control: w.bench as unknown as EmeterBench, stop: async () => w.stop() };
    }
    const e = emeterCreate(emeterOptions(options), clock, faults);
    return {
      attach: (t) => e.attach(t),
      control: emeterBench(e),
      async stop() {
        e.stop();
      },
    };
  },
};
