/**
 * Built-in DUT profiles of the wireless gas simulator (`meterproof run` without a profile, the mutant
 * matrix). Both start in installation mode — the installer has just pressed the button — so every case
 * first binds the meter (CNF_IR) as an E-meter would (DSMR-P2 §8.4.2.2). The features are the ICS a real
 * wireless gas meter's profile declares the same way:
 *
 * - `p2.wired: false`, `p2.wireless: true`: the medium (the wired cases report not-applicable).
 * - `p2.factory-user-key`: the meter was delivered with a user key (DSMR-P2 §6.5.2, §4.4.7), so it encrypts
 *   SND_IR and SND_NR from the start.
 * - `p2.user-key`: a user key is set at the start of a case (here: the factory key, known through the bench).
 *
 * Keys: as for the wired simulator (random per device, or App. B with `options.keys: 'example'`), handed to
 * the tester through the bench, as the back office would.
 */
import type { DutProfile } from '../../../runner/profile.ts';

const common = {
  'p2.wired': false,
  'p2.wireless': true,
  'p2.version': '4.2',
  'p2.manufacturer': 'NET',
  'p2.medium': 3,
  'p2.meter-size': 'G4-G6',
  'p2.clock': true,
  'p2.converted-volume': true,
} as const;

export const GAS_WIRELESS_PROFILES: DutProfile[] = [
  {
    name: 'p2-gas-wireless',
    description: 'Simulated DSMR 4.2.2 wireless (T2) G4 gas meter as delivered without a user key, in installation mode',
    protocols: ['dsmr-p2-gas'],
    transport: { kind: 'sim', simulator: 'gas-wireless', options: { state: 'installation', keyed: false } },
    features: { ...common, 'p2.user-key': false, 'p2.factory-user-key': false, 'p2.factory-state': true },
  },
  {
    name: 'p2-gas-wireless-keyed',
    description: 'Simulated DSMR 4.2.2 wireless (T2) G4 gas meter delivered with a user key (known through the bench), in installation mode; strict readings of the open points',
    protocols: ['dsmr-p2-gas'],
    transport: { kind: 'sim', simulator: 'gas-wireless', options: { state: 'installation', keyed: true, frameCounter: 1000 } },
    features: { ...common, 'p2.user-key': true, 'p2.factory-user-key': true, 'p2.factory-state': true },
    strict: true,
  },
];
