import { createRequire } from 'node:module';

/** Documented exit codes (DESIGN.md § Conventions) and the one-line error the CLI prints. */
export const EXIT = { ok: 0, failures: 1, usage: 2, unreachable: 3 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function die(code: number, message: string): never {
  process.stderr.write(`meterproof: ${message}\n`);
  process.exit(code);
}

/** The DUT's link could not even be opened (exit 3). */
export class DutUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DutUnreachable';
  }
}

export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
