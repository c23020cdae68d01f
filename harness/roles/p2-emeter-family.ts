/**
 * The dsmr-p2-emeter family: how a case reaches an E-meter as the DUT. The E-meter is the M-Bus master,
 * so the tester is the other end of the bus: `open` opens the link the profile describes (in-memory link
 * to a fresh simulator, a serial port through an M-Bus slave-side level converter, or a TCP bridge) at the
 * DSMR-P2 line 2400 Bd 8E1 (Table 3) and hands the case a scripted M-Bus slave (mbus-slave.ts) that
 * stands in for the gas meter(s), plus the simulator's bench when the DUT is a simulator. The bench is
 * what a lab does over P3 with a DLMS client (bind a device, transfer keys, capture, read values); a
 * physical E-meter needs such a P3 client, which this family does not provide yet, so cases that act or
 * observe through P3 apply to the simulator only.
 *
 * The simulator's schedule starts when the link is attached; the slave listens from the moment the session
 * opens. Profile feature `p2.slave.response-delay-ms` (default 20) sets how long the tester's meters wait
 * before answering (EN 13757-2 allows 11 bit times … 330 bit times + 50 ms). Traces read tx = tester (gas-meter side) → E-meter, rx = E-meter → tester, decoded by the same
 * M-Bus frame view as the gas-meter family.
 */
import { P2_KEY_RECORD_FIELDS } from './p2-keys.ts';
import type { Family } from '../runner/types.ts';
import { openLink } from '../runner/link.ts';
import type { EmeterBench } from '../sim/emeter/types.ts';
import { mbusSlave, type MbusSlave } from './mbus-slave.ts';
import { P2_WIRED_LINE, p2Frames } from './p2-family.ts';

export type { EmeterBench } from '../sim/emeter/types.ts';

export interface P2EmeterContext {
  slave: MbusSlave;
  /** The simulator's lab bench (P3 actions); absent for a physical E-meter. */
  bench?: EmeterBench;
}

export const p2EmeterFamily: Family<P2EmeterContext> = {
  name: 'dsmr-p2-emeter',
  title: 'DSMR P2 E-meter (wired M-Bus master)',
  async open(dut, env) {
    const link = await openLink(dut.profile, env.clock, env.trace, { line: P2_WIRED_LINE });
    const slave = mbusSlave(link.transport, env.clock, { responseDelayMs: Number(dut.profile.features?.['p2.slave.response-delay-ms'] ?? 20) });
    const bench = link.sim?.control as EmeterBench | undefined;
    return {
      ctx: bench ? { slave, bench } : { slave },
      close: async () => {
        slave.close();
        await link.close();
      },
    };
  },
  frames: p2Frames,
  secretFields: P2_KEY_RECORD_FIELDS,
};
