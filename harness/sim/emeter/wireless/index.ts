/**
 * # E-meter simulator, wireless M-Bus side (DSMR 4.2.2 P2, mode T2)
 *
 * Served by the `emeter` simulator when its options say `medium: "wireless"` (built-in profile
 * `p2-emeter-wireless`): binding of wireless gas meters by SND_IR/CNF_IR (§8.4.2) and the hourly SND_NR
 * readings, tested through the scripted wireless gas meter (harness/roles/wmbus-slave.ts).
 *
 * - `emeter.ts`: the radio side (receive, match Short IDs, CNF_IR, readings, clock synchronisation in the
 *   window after a SND_NR with the FAC-aware repeat).
 * - `faults.ts`: one fault switch per wireless E-meter rule (`p2.<area>.<what>`).
 * - `types.ts`: the P3 bench (`WirelessEmeterBench`).
 *
 * Options: `{ medium: "wireless", framing?: "packet" | "hex-line" }` (packet on the in-memory link).
 * Not simulated yet: encrypted data and key transfer, readout-list changes and REQ_UD2 in a Frequent Access
 * Cycle (§4.4.3–§4.4.6), remote binding (§8.4.2.4). The fault list and the profile are not yet among the
 * `emeter` simulator's registered ones (harness/sim/emeter/faults.ts, profiles.ts): the wireless family
 * opens this side itself (harness/roles/p2-emeter-wireless-family.ts).
 */
export type * from './types.ts';
export { EMETER_WIRELESS_FAULTS } from './faults.ts';
export { RESPONSE_MS, wirelessEmeterCreate, type WirelessEmeter } from './emeter.ts';

import type { DutProfile } from '../../../runner/profile.ts';

/** Built-in profile of the wireless side (registered with the emeter simulator's profiles). */
export const EMETER_WIRELESS_PROFILES: DutProfile[] = [
  {
    name: 'p2-emeter-wireless',
    description: 'Simulated DSMR 4.2.2 E-meter, wireless M-Bus (T2) side: no device registered at start; P3 actions through the bench',
    protocols: ['dsmr-p2-emeter'],
    transport: { kind: 'sim', simulator: 'emeter', options: { medium: 'wireless' } },
    features: { 'p2.wired': false, 'p2.wireless': true, 'p2.emeter.p3': true, 'p2.version': '4.2' },
  },
];
