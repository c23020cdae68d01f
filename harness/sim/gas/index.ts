/**
 * # Gas meter simulator (DSMR 4.2.2 P2), wired
 *
 * A reference device for the `dsmr-p2-gas` suite: an EN 13757-2 slave as DSMR-P2 restricts it.
 *
 * - Link (`wired.ts`): 2400 Bd 8E1 (Table 3; `line()` returns it), primary address 0 as delivered and
 *   1–250 once set, > 250 ignored, no secondary addressing, FCB ignored, SND_NKE → E5h, REQ_UD2 → RSP_UD,
 *   SND_UD → E5h when accepted and silence when refused, REQ_UD1 → E5h.
 * - Meter (`meter.ts`): identity from the E-ID (§4.2.2), random access number per power-up (+1 per
 *   RSP_UD), one device-owned frame counter (+1 per encrypted frame sent, takes over validated command
 *   counters, never reset), status byte, device clock, register with hourly values (§6.1), keys.
 * - Meter data (`readout.ts`): long header, default readout list + selected version records, method 0
 *   without user key and 15 with it (§5.1), clear frame-counter record (§5.2).
 * - Commands (`commands.ts`): CI 5Ah readout list / clear status, CI 6Ch clock, CI 51h set address and
 *   set new key, with the §6.5 rules (once a user key exists only set-key and REQ_UD2 go unencrypted).
 * - Bench (`bench.ts`, typed `GasBench` in `types.ts`): volume, flow, status events, hours, power cycle,
 *   ground truth, back-office keys.
 * - Fault switches (`faults.ts`): one per catalogue rule (research digest §6), `p2.<area>.<what>`.
 *
 * Options (`transport.options`): `{ equipmentId?, manufacturer?, version?, medium?, meterSize?: 'G4-G6' |
 * 'G10-G25', address?, keyed?, keys?: 'random' | 'example', frameCounter?, volumeLitres?,
 * flowLitresPerHour?, responseDelayMs? }` (options.ts). The wireless (T2) variant `gasWirelessSim` sits beside
 * this one (wireless.ts, wireless/) and reuses meter.ts, readout.ts and commands.ts.
 */
import type { SimDef } from '../types.ts';
import { GAS_WIRED_FAULTS } from './faults.ts';
import { GAS_WIRED_PROFILES } from './profiles.ts';
import type { GasBench } from './types.ts';
import { gasWiredDevice, gasWiredLine } from './wired.ts';

export type * from './types.ts';
export { GAS_WIRED_FAULTS } from './faults.ts';
export { GAS_WIRED_PROFILES } from './profiles.ts';
export { gasWirelessSim, GAS_WIRELESS_FAULTS, GAS_WIRELESS_PROFILES, type GasWirelessBench, type GasWirelessTruth } from './wireless/index.ts';

export const gasWiredSim: SimDef<GasBench> = {
  name: 'gas-wired',
  family: 'dsmr-p2-gas',
  title: 'DSMR 4.2.2 wired M-Bus gas meter (P2)',
  faults: GAS_WIRED_FAULTS,
  line: (_options, faults) => gasWiredLine(faults),
  profiles: GAS_WIRED_PROFILES,
  create: ({ clock, faults, options }) => gasWiredDevice({ clock, faults, options }),
};
