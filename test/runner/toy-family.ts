/** A tiny family for testing the runner itself: a "DUT" that answers each request byte with byte+1. */
import { memoryPair } from '../../harness/transport/memory.ts';
import type { Family } from '../../harness/runner/types.ts';
import type { Transport } from '../../harness/transport/transport.ts';
import { traced } from '../../harness/transport/trace.ts';

export interface ToyCtx {
  ask(b: number, timeoutMs?: number): Promise<number>;
}

/** `mode`: how the toy DUT misbehaves. */
export function toyFamily(mode: 'ok' | 'silent' | 'off-by-two' = 'ok'): Family<ToyCtx> {
  return {
    name: 'toy',
    title: 'toy protocol',
    async open(_dut, env) {
      const [mine, dev] = memoryPair(env.clock);
      await mine.open(); await dev.open();
      dev.on('data', (c: Uint8Array) => {
        if (mode === 'silent') return;
        void dev.write(new Uint8Array([c[0]! + (mode === 'off-by-two' ? 2 : 1)]));
      });
      const t: Transport = traced(mine, env.trace);
      return {
        ctx: { ask: async (b, timeoutMs = 1000) => { await t.write(new Uint8Array([b])); return (await t.read(timeoutMs))[0]!; } },
        close: async () => { await t.close(); await dev.close(); },
      };
    },
    frames: (entries) => entries.filter((e) => e.dir !== 'note').map((e) => ({ t: e.t, dir: e.dir as 'tx' | 'rx', layer: 'toy', hex: Buffer.from(e.bytes).toString('hex').toUpperCase(), decoded: { byte: e.bytes[0] } })),
  };
}
