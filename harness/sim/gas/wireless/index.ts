/**
 * # Gas meter simulator (DSMR 4.2.2 P2), wireless T2
 *
 * A reference device for the `dsmr-p2-gas` suite's wireless cases: an EN 13757-4 T2 meter as DSMR-P2
 * restricts it. It shares the meter core with the wired simulator (../meter.ts state, ../readout.ts meter
 * data and encryption, ../commands.ts command handling and the §6.5 acceptance rules) and adds:
 *
 * - the radio device (../wireless.ts): installation requests, hourly randomised SND_NR, receive windows,
 *   Frequent Access Cycle, over the in-memory link (`packet` framing) or hex lines on serial/TCP;
 * - frames (frames.ts), E-meter frame handling (control.ts), the transmit schedule (schedule.ts);
 * - fault switches (faults.ts), one per wireless rule, `p2.<area>.<what>`;
 * - bench (types.ts `GasWirelessBench`): the wired bench plus the installer's push-button.
 *
 * Options (`transport.options`, see options.ts): the wired ones (`equipmentId`, `manufacturer`, `version`,
 * `medium`, `meterSize`, `keyed`, `keys`, `frameCounter`, `volumeLitres`, `flowLitresPerHour`) and `state`
 * ('installation' | 'customer'), `framing` ('auto' | 'packet' | 'hex-line'), `facDelayS` (2–5), `rxWindowMs`,
 * `snrOffsetS` (120–480), `firstInstallDelayMs`.
 */
import type { SimDef } from '../../types.ts';
import { gasWirelessDevice } from '../wireless.ts';
import { GAS_WIRELESS_FAULTS } from './faults.ts';
import { GAS_WIRELESS_PROFILES } from './profiles.ts';
import type { GasWirelessBench } from './types.ts';

export type * from './types.ts';
export { GAS_WIRELESS_FAULTS } from './faults.ts';
export { GAS_WIRELESS_PROFILES } from './profiles.ts';

export const gasWirelessSim: SimDef<GasWirelessBench> = {
  name: 'gas-wireless',
  family: 'dsmr-p2-gas',
  title: 'DSMR 4.2.2 wireless M-Bus (T2) gas meter (P2)',
  faults: GAS_WIRELESS_FAULTS,
  profiles: GAS_WIRELESS_PROFILES,
  create: ({ clock, faults, options }) => gasWirelessDevice({ clock, faults, options }),
};
