/** The DUT as cases see it: the profile plus feature look-ups (the ICS). */
import type { DutProfile } from './profile.ts';

export interface Dut {
  readonly profile: DutProfile;
  readonly name: string;
  readonly isSim: boolean;
  /** Feature declared and truthy. */
  has(feature: string): boolean;
  feature<T extends boolean | number | string>(name: string, fallback: T): T;
  feature(name: string): boolean | number | string | undefined;
  timeout(name: 'responseMs' | 'telegramMs' | 'connectMs' | 'caseMs', fallback: number): number;
  deviation(caseId: string): string | undefined;
}

export function makeDut(profile: DutProfile): Dut {
  const features = profile.features ?? {};
  return {
    profile,
    name: profile.name,
    isSim: profile.transport.kind === 'sim',
    has: (f) => !!features[f],
    feature: ((name: string, fallback?: unknown) => (name in features ? features[name] : fallback)) as Dut['feature'],
    timeout: (name, fallback) => profile.timeouts?.[name] ?? fallback,
    deviation: (id) => profile.deviations?.find((d) => d.case === id)?.justification,
  };
}
