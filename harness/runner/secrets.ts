/**
 * Keys are given by reference (`env:NAME`, `file:path`) and resolved only when a role needs them. Reports
 * and logs show the reference, never the value; `redact` scrubs anything that looks like a secret.
 */
import { readFileSync } from 'node:fs';
import { hexToBytes } from '../codec/bytes.ts';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** Resolve a reference to the key bytes. Files and variables hold hex (whitespace ignored). */
export function resolveSecret(ref: string): Uint8Array {
  let text: string;
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const v = process.env[name];
    if (v === undefined) throw new SecretError(`${ref}: environment variable ${name} is not set`);
    text = v;
  } else if (ref.startsWith('file:')) {
    const path = ref.slice(5);
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new SecretError(`${ref}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    throw new SecretError(`a key must be given as env:NAME or file:path (value not shown)`);
  }
  try {
    return hexToBytes(text.trim());
  } catch {
    throw new SecretError(`${ref}: does not hold a hex key (value not shown)`);
  }
}

const SECRET_NAME = /(key|password|passwd|secret|token|auth[-_]?value|pin)/i;

/** Deep copy with secret-looking values replaced; references (env:/file:) are kept, they are not secrets. */
export function redact<T>(value: T): T {
  const walk = (v: unknown, name: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, name));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    if (typeof v === 'string' && SECRET_NAME.test(name) && !/^(env|file):/.test(v)) return '[redacted]';
    return v;
  };
  const out = walk(value, '') as T;
  return out;
}
