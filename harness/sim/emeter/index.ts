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
 * Wireless binding (§8.4.2) is not simulated yet.
 */
import type { SimDef } from '../types.ts';
import { emeterBench } from './bench.ts';
import { EMETER_LINE, emeterCreate } from './emeter.ts';
import { EMETER_FAULTS } from './faults.ts';
import { emeterOptions } from './options.ts';
import { EMETER_PROFILES } from './profiles.ts';
import type { EmeterBench } from './types.ts';

export type * from './types.ts';
export { EMETER_FAULTS } from './faults.ts';
export { EMETER_PROFILES } from './profiles.ts';

export const emeterSim: SimDef<EmeterBench> = {
  name: 'emeter',
  family: 'dsmr-p2-emeter',
  title: 'DSMR 4.2.2 E-meter, wired M-Bus master side (P2)',
  faults: EMETER_FAULTS,
  line: (_options, faults) => ({ ...EMETER_LINE, parity: faults.has('p2.phy.odd-parity') ? 'odd' : 'even' }),
  profiles: EMETER_PROFILES,
  create({ clock, faults, options }) {
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
