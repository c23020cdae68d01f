/**
 * Built-in DUT profile of the E-meter simulator (used by `meterproof run` without a profile, by
 * `meterproof sim emeter` and by the mutant matrix). The features are the ICS a real E-meter's profile
 * declares the same way; `p2.emeter.p3` says the tester can act over P3 (here: the simulator's bench).
 */
import type { DutProfile } from '../../runner/profile.ts';

export const EMETER_PROFILES: DutProfile[] = [
  {
    name: 'p2-emeter',
    description: 'Simulated DSMR 4.2.2 E-meter, wired M-Bus master side: no device bound at start; P3 actions through the bench',
    protocols: ['dsmr-p2-emeter'],
    transport: { kind: 'sim', simulator: 'emeter', options: {} },
    addresses: { primary: 1 },
    features: { 'p2.wired': true, 'p2.emeter.p3': true, 'p2.version': '4.2' },
  },
];
