/**
 * Built-in DUT profiles of the wired gas simulator (used by `meterproof run` without a profile and by the
 * mutant matrix). The features are the ICS a real gas meter's profile declares the same way.
 *
 * Keys: a physical DUT's profile gives them by reference (`keys.default`, `keys.user` as `env:NAME` or
 * `file:path`). A built-in profile cannot: its keys are made by the simulator (fresh random keys per
 * device, or the DSMR-P2 App. B example keys with `options.keys: 'example'`) and reach the tester through
 * the bench, as the back office would hand them over (DSMR-P2 §6.5).
 */
import type { DutProfile } from '../../runner/profile.ts';

const common = {
  'p2.wired': true,
  'p2.version': '4.2',
  'p2.manufacturer': 'NET',
  'p2.medium': 3,
  'p2.meter-size': 'G4-G6',
  'p2.clock': true,
  'p2.converted-volume': true,
} as const;

export const GAS_WIRED_PROFILES: DutProfile[] = [
  {
    name: 'p2-gas-wired',
    description: 'Simulated DSMR 4.2.2 wired G4 gas meter as delivered: primary address 0, default key only',
    protocols: ['dsmr-p2-gas'],
    transport: { kind: 'sim', simulator: 'gas-wired', options: { address: 0, keyed: false } },
    addresses: { primary: 0 },
    features: { ...common, 'p2.user-key': false, 'p2.factory-state': true },
  },
  {
    name: 'p2-gas-wired-keyed',
    description: 'Simulated DSMR 4.2.2 wired G4 gas meter in service: primary address 1, user key installed (known through the bench); strict readings of the open points',
    protocols: ['dsmr-p2-gas'],
    transport: { kind: 'sim', simulator: 'gas-wired', options: { address: 1, keyed: true, frameCounter: 1000 } },
    addresses: { primary: 1 },
    features: { ...common, 'p2.user-key': true, 'p2.factory-state': false },
    strict: true,
  },
];
