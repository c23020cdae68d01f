/**
 * The dsmr-p2-emeter family for a **wireless** (T2) E-meter: same family name as the wired E-meter (one
 * protocol, two media); the wired cases are not applicable on a wireless profile (`p2.wired: false`) and
 * the wireless cases need `p2.wireless`.
 *
 * `open` opens the link the profile describes (the simulator's in-memory radio, `packet` framing, or a
 * transmitter/receiver that speaks hex lines over serial or TCP) and hands the case a scripted wireless gas
 * meter (wmbus-slave.ts) plus the simulator's P3 bench. Traces decode with the wireless M-Bus frame view
 * (tx = tester's meter → E-meter, rx = E-meter → meter).
 */
import { P2_KEY_RECORD_FIELDS } from './p2-keys.ts';
import type { Family } from '../runner/types.ts';
import { openLink } from '../runner/link.ts';
import type { WirelessEmeterBench } from '../sim/emeter/wireless/types.ts';
import { WMBUS_RECEIVER_LINE, wirelessFraming, wirelessFrames } from './wmbus-family.ts';
import { wmbusSlave, type WmbusSlave } from './wmbus-slave.ts';

export type { WirelessEmeterBench } from '../sim/emeter/wireless/types.ts';

export interface P2EmeterWirelessContext {
  radio: WmbusSlave;
  /** The simulator's P3 bench; absent for a physical E-meter. */
  bench?: WirelessEmeterBench;
}

export const p2EmeterWirelessFamily: Family<P2EmeterWirelessContext> = {
  name: 'dsmr-p2-emeter',
  title: 'DSMR P2 E-meter (wireless M-Bus T2)',
  async open(dut, env) {
    const framing = wirelessFraming(dut);
    const link = await openLink(dut.profile, env.clock, env.trace, { line: WMBUS_RECEIVER_LINE });
    const radio = wmbusSlave(link.transport, env.clock, { framing });
    const control = link.sim?.control as { medium?: string } | undefined;
    const bench = control?.medium === 'wireless' ? (control as WirelessEmeterBench) : undefined;
    return {
      ctx: bench ? { radio, bench } : { radio },
      close: async () => {
        radio.close();
        await link.close();
      },
    };
  },
  frames: wirelessFrames,
  secretFields: P2_KEY_RECORD_FIELDS,
};
