/**
 * Simulator registry types. Every rule a simulator implements sits behind a named fault switch (a
 * mutant) that breaks exactly that rule; the mutant matrix runs the family's cases against each.
 */
import type { Clock } from '../clock/clock.ts';
import type { DutProfile } from '../runner/profile.ts';
import type { LineSettings, Transport } from '../transport/transport.ts';

export interface FaultDef {
  /** `<sim>.<area>.<what>`, e.g. `p1.crc.init-ffff`. */
  name: string;
  /** The rule it breaks, in our words. */
  rule: string;
  /**
   * A liveness fault (silent, stalls, babbles garbage) exercises the harness's robustness rather than one
   * rule: the matrix requires some case to end non-pass (fail or inconclusive) and the run to finish.
   */
  liveness?: boolean;
}

export interface SimDevice<Control = unknown> {
  /** Start serving on a link (the DUT end). A simulator may serve several links in turn. */
  attach(link: Transport): void;
  /** Environment stimulus (the lab bench): what a tester can do to the device besides talking to it. */
  control: Control;
  stop(): Promise<void>;
}

export interface SimCreateOptions {
  clock: Clock;
  faults: ReadonlySet<string>;
  options: Record<string, unknown>;
}

export interface SimDef<Control = unknown> {
  name: string;
  /** Suite family the simulator stands in for. */
  family: string;
  title: string;
  faults: FaultDef[];
  /** UART settings of the device, when it is a serial device (the in-memory link models mismatches). */
  line?(options: Record<string, unknown>, faults: ReadonlySet<string>): LineSettings | undefined;
  /** Built-in DUT configurations used by `meterproof run` without a profile (and by the mutant matrix). */
  profiles: DutProfile[];
  create(opts: SimCreateOptions): SimDevice<Control>;
}
