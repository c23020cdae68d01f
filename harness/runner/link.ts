/**
 * Open the physical (or simulated) link to a DUT as the profile describes it. For a simulator, a fresh
 * device is created per session with the profile's fault switches, behind an in-memory link.
 */
import type { Clock } from '../clock/clock.ts';
import { findSim } from '../sim/registry.ts';
import type { SimDevice } from '../sim/types.ts';
import { memoryPair } from '../transport/memory.ts';
import { serialTransport } from '../transport/serial.ts';
import { tcpClient } from '../transport/tcp.ts';
import { traced } from '../transport/trace.ts';
import { type LineSettings, type Transport, TransportError } from '../transport/transport.ts';
import { udpTransport } from '../transport/udp.ts';
import type { DutProfile } from './profile.ts';

export interface Link {
  transport: Transport;
  /** Present when the DUT is a built-in simulator: its bench controls. */
  sim?: SimDevice;
  close(): Promise<void>;
}

/** Reader-side UART settings: the profile's, or the family default. */
export function readerLine(profile: DutProfile, fallback: LineSettings): LineSettings {
  const t = profile.transport;
  if (t.kind !== 'serial') return { ...fallback, ...(profile.features?.['line'] ? parseLine(String(profile.features['line'])) : {}) };
  return { baud: t.baud ?? fallback.baud, dataBits: t.dataBits ?? fallback.dataBits, parity: t.parity ?? fallback.parity, stopBits: t.stopBits ?? fallback.stopBits };
}

/** `115200-7E1` → settings. */
export function parseLine(s: string): LineSettings {
  const m = /^(\d+)-([78])([NEO])([12])$/i.exec(s.trim());
  if (!m) throw new TransportError('config', `line settings "${s}": expected e.g. 115200-7E1`);
  const parity = { N: 'none', E: 'even', O: 'odd' } as const;
  return { baud: Number(m[1]), dataBits: Number(m[2]) as 7 | 8, parity: parity[m[3]!.toUpperCase() as 'N' | 'E' | 'O'], stopBits: Number(m[4]) as 1 | 2 };
}

export async function openLink(
  profile: DutProfile,
  clock: Clock,
  trace: { add(dir: 'tx' | 'rx', b: Uint8Array): void },
  defaults: { line: LineSettings },
): Promise<Link> {
  const t = profile.transport;
  let transport: Transport;
  let sim: SimDevice | undefined;
  switch (t.kind) {
    case 'sim': {
      const def = findSim(t.simulator);
      if (!def) throw new TransportError('config', `unknown simulator "${t.simulator}"`);
      const faults = new Set(t.faults ?? []);
      for (const f of faults) {
        if (!def.faults.some((d) => d.name === f)) throw new TransportError('config', `simulator ${def.name} has no fault switch "${f}"`);
      }
      const options = t.options ?? {};
      const simLine = def.line?.(options, faults);
      const rLine = readerLine(profile, defaults.line);
      const [mine, theirs] = memoryPair(clock, { labels: [`sim:${def.name}`, `sim:${def.name}:device`], lines: simLine ? [rLine, simLine] : undefined });
      sim = def.create({ clock, faults, options });
      await theirs.open();
      sim.attach(theirs);
      transport = mine;
      break;
    }
    case 'serial':
      transport = serialTransport(clock, { path: t.path, ...readerLine(profile, defaults.line) });
      break;
    case 'tcp':
      transport = tcpClient(clock, { host: t.host, port: t.port, connectTimeoutMs: profile.timeouts?.connectMs });
      break;
    case 'udp':
      transport = udpTransport(clock, { host: t.host, port: t.port, localPort: t.localPort });
      break;
  }
  const wrapped = traced(transport, trace);
  await wrapped.open();
  return {
    transport: wrapped,
    sim,
    close: async () => {
      await wrapped.close().catch(() => {});
      await sim?.stop();
    },
  };
}
