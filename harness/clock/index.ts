export * from './clock.ts';
export { realClock } from './real.ts';
export { VirtualClock, type VirtualClockOptions } from './virtual.ts';
