/**
 * Built-in DUT profiles of the P1 simulator (used by `meterproof run` without a profile and by the mutant
 * matrix). The features are the ICS a real meter's profile would declare the same way.
 */
import type { DutProfile } from '../../runner/profile.ts';

export const P1_PROFILES: DutProfile[] = [
  {
    name: 'p1-dsmr422',
    description: 'Simulated DSMR 4.2.2 poly-phase E-meter with a gas meter on M-Bus channel 1',
    protocols: ['dsmr-p1'],
    transport: {
      kind: 'sim',
      simulator: 'p1',
      options: {
        variant: '4.2.2',
        phases: 3,
        mbus: [{ channel: 1, type: 3, equipmentId: 'G422MP0000000017', unit: 'm3', decimals: 3, start: 1234.5, ratePerHour: 0.25 }],
      },
    },
    features: {
      'p1.variant': '4.2.2',
      'p1.version': '42',
      'p1.phases': 3,
      'p1.request-line': true,
      'p1.mbus.channels': '1',
      line: '115200-7E1',
    },
  },
  {
    name: 'p1-dsmr404',
    description: 'Simulated DSMR 4.0.4 single-phase E-meter with limiter/breaker lines and a valve-less water meter on M-Bus channel 2',
    protocols: ['dsmr-p1'],
    transport: {
      kind: 'sim',
      simulator: 'p1',
      options: {
        variant: '4.0.4',
        phases: 1,
        mbus: [{ channel: 2, type: 7, equipmentId: 'W404MP0000000042', valve: false, unit: 'm3', decimals: 3, start: 321, ratePerHour: 0.05 }],
      },
    },
    features: {
      'p1.variant': '4.0.4',
      'p1.version': '40',
      'p1.phases': 1,
      'p1.request-line': true,
      'p1.mbus.channels': '2',
      line: '115200-7E1',
    },
  },
];
