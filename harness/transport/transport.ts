/**
 * One Transport interface for every link to a DUT (DESIGN.md § Layout: transport/). Roles talk to a
 * Transport; suites never do. Reads are chunk-oriented (whatever the link delivered); framing is the
 * codecs' job. Every wait goes through the transport's Clock, so a silent DUT costs virtual time only.
 */
import type { Clock } from '../clock/clock.ts';

export type TransportErrorCode = 'unreachable' | 'timeout' | 'closed' | 'io' | 'config';

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  constructor(code: TransportErrorCode, message: string) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
  }
}

export function isTransportError(e: unknown, code?: TransportErrorCode): e is TransportError {
  return e instanceof TransportError && (code === undefined || e.code === code);
}

/** Modem/control lines: the P1 data-request line is carried as `request` (RTS/DTR on a real port). */
export interface ControlLines {
  request?: boolean;
}

/** UART character format; an in-memory link garbles bytes when both ends disagree, as a real line does. */
export interface LineSettings {
  baud: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

export type TransportEvent = 'data' | 'close' | 'error' | 'control';

export interface Transport {
  readonly kind: 'memory' | 'tcp' | 'udp' | 'serial' | 'stdio';
  /** Human label for messages: `serial /dev/ttyUSB0 115200 7E1`, `tcp 127.0.0.1:4059`. */
  readonly label: string;
  readonly clock: Clock;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  /** Next chunk received; rejects TransportError 'timeout' after `timeoutMs`, 'closed' when the peer went away. */
  read(timeoutMs: number): Promise<Uint8Array>;
  /** Bytes received but not yet read are discarded. */
  drain(): void;
  setControl(lines: ControlLines): Promise<void>;
  close(): Promise<void>;
  readonly isOpen: boolean;
  on(event: 'data', fn: (chunk: Uint8Array) => void): void;
  on(event: 'control', fn: (lines: ControlLines) => void): void;
  on(event: 'close', fn: () => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
}
