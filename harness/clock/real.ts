import { type Clock, type TimerHandle, raceTimeout, abortError } from './clock.ts';

/** Wall-clock time, for physical DUTs and for serving simulators to other tools. */
export function realClock(): Clock {
  const clock: Clock = {
    kind: 'real',
    now: () => Date.now(),
    setTimer(ms: number, fn: () => void): TimerHandle {
      const t = setTimeout(fn, Math.max(0, ms));
      return { cancel: () => clearTimeout(t) };
    },
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(abortError());
        const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, Math.max(0, ms));
        const onAbort = () => { clearTimeout(t); reject(abortError()); };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    timeout: <T>(p: Promise<T>, ms: number, what?: string) => raceTimeout(clock, p, ms, what),
    touch: () => {},
    inflight: () => {},
  };
  return clock;
}
