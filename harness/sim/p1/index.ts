/**
 * # P1 port simulator (DSMR 4.0.4 / 4.2.2 E-meter)
 *
 * A reference device for the `dsmr-p1` suite: a DSMR 4 E-meter whose P1 port sends a telegram every
 * 10 s while the data-request line is asserted, 115200 baud 7E1, CR LF line ends (also after `!XXXX`),
 * upper-case hex, CRC-16/ARC over `/` … `!`.
 *
 * Request line: on the harness's in-memory link the line starts released, so nothing is sent until the
 * reader asserts it (the dsmr-p1 family does on open); served over TCP or serial to another tool, the
 * request counts as asserted from the start. Releasing it lets a telegram in progress finish.
 * Time: the meter clock is the harness Clock (virtual in a run) plus the offset of `travel`; telegrams
 * start on its 10-second boundaries; TST is Dutch local time with S/W.
 *
 * - Model: `meter.ts` (clock = the harness Clock + P3 time-set offset, energy T1/T2 ± advancing with the
 *   load, tariff, power and current per phase, power-failure counters and FIFO log of long failures,
 *   sag/swell counters, text and message code, limiter on 4.0.4), `mbus.ts` (hourly device captures).
 * - Telegram: `lines.ts` (objects and their formats), `telegram.ts` (frame, CRC via `crc.ts`).
 * - Port: `device.ts` (request line, 10 s cadence, UART pacing, liveness faults).
 * - Bench: `bench.ts`, typed as `P1Bench` in `types.ts` (the suite's only view of the simulator).
 * - Fault switches: `faults.ts`, one per dsmr-p1 catalogue rule (digest §4.1) plus `p1.link.*` /
 *   `p1.telegram.oversize` for the harness's liveness tests.
 *
 * Options (`transport.options` of a profile): `{ variant: '4.0.4' | '4.2.2', phases: 1 | 3, mbus: [{
 * channel, type, equipmentId, valve?, unit?, decimals?, start?, ratePerHour?, skewS? }], equipmentId?,
 * header?, longFailureSeconds? (default 180), load?: { l1, l2, l3 } W, seed? }`.
 */
import type { SimDef } from '../types.ts';
import { p1Device, p1Line } from './device.ts';
import { P1_FAULTS } from './faults.ts';
import { P1_PROFILES } from './profiles.ts';
import type { P1Bench } from './types.ts';

export type * from './types.ts';
export { P1_FAULTS } from './faults.ts';

export const p1Sim: SimDef<P1Bench> = {
  name: 'p1',
  family: 'dsmr-p1',
  title: 'DSMR 4 E-meter P1 port',
  faults: P1_FAULTS,
  line: (_options, faults) => p1Line(faults),
  profiles: P1_PROFILES,
  create: ({ clock, faults, options }) => p1Device({ clock, faults, options }),
};
