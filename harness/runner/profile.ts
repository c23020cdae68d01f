/**
 * DUT profiles: YAML or JSON, validated by ajv against profile-schema.json (shipped in the package). A bad
 * profile yields one ProfileError naming the field, what was expected and what was found.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';

const require = createRequire(import.meta.url);
export const profileSchema = require('./profile-schema.json') as object;

export type TransportSpec =
  | { kind: 'serial'; path: string; baud?: number; dataBits?: 7 | 8; parity?: 'none' | 'even' | 'odd'; stopBits?: 1 | 2 }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'udp'; host: string; port: number; localPort?: number }
  | { kind: 'sim'; simulator: string; faults?: string[]; options?: Record<string, unknown> };

export interface DutProfile {
  name: string;
  description?: string;
  protocols: string[];
  transport: TransportSpec;
  features?: Record<string, boolean | number | string>;
  addresses?: Record<string, number | string>;
  timeouts?: { responseMs?: number; telegramMs?: number; connectMs?: number; caseMs?: number };
  keys?: Record<string, string>;
  deviations?: { case: string; justification: string }[];
  strict?: boolean;
}

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateFn = ajv.compile(profileSchema);

function at(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Pick the most telling ajv error (the deepest, ignoring oneOf noise) and phrase it for a person. */
function explain(doc: unknown, errors: ErrorObject[], source: string): string {
  const transport = (doc as { transport?: { kind?: unknown } })?.transport;
  let relevant = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  // For the transport oneOf, keep only errors of the branch whose kind matches.
  if (transport && typeof transport === 'object') {
    const kinds = ['serial', 'tcp', 'udp', 'sim'];
    const branch = kinds.indexOf(String(transport.kind));
    if (branch >= 0) {
      relevant = relevant.filter((e) => !e.schemaPath.startsWith('#/properties/transport/oneOf/') || e.schemaPath.startsWith(`#/properties/transport/oneOf/${branch}/`));
    } else {
      return `${source}: transport.kind: expected one of ${kinds.join(', ')}, found ${describe(transport.kind)}`;
    }
  }
  const e = relevant.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]!;
  let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  let expected: string;
  let found = describe(at(doc, e.instancePath));
  switch (e.keyword) {
    case 'required':
      field = (field === '(top level)' ? '' : field + '.') + (e.params as { missingProperty: string }).missingProperty;
      expected = 'a value (required)';
      found = 'nothing';
      break;
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      field = (field === '(top level)' ? '' : field + '.') + extra;
      expected = 'no such field (unknown name; check spelling)';
      found = describe(at(doc, `${e.instancePath}/${extra}`));
      break;
    }
    case 'enum':
      expected = `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((x) => JSON.stringify(x)).join(', ')}`;
      break;
    case 'const':
      expected = JSON.stringify((e.params as { allowedValue: unknown }).allowedValue);
      break;
    case 'pattern':
      expected = field.startsWith('keys.') ? 'a reference env:NAME or file:path (never the key itself)' : `text matching ${(e.params as { pattern: string }).pattern}`;
      if (field.startsWith('keys.')) found = 'a value that is not a reference (not shown)';
      break;
    case 'maximum':
    case 'minimum': {
      const prm = e.params as { comparison: string; limit: number };
      expected = `a number ${prm.comparison} ${prm.limit}`;
      break;
    }
    case 'type':
      expected = `a ${(e.params as { type: string }).type}`;
      break;
    default:
      expected = (e.message ?? e.keyword).replace(/^must (be )?/, '');
  }
  return `${source}: ${field}: expected ${expected}, found ${found}`;
}

export function validateProfile(doc: unknown, source = 'profile'): DutProfile {
  if (!validateFn(doc)) throw new ProfileError(explain(doc, validateFn.errors ?? [], source));
  return doc as DutProfile;
}

export function parseProfileText(text: string, source: string): DutProfile {
  let doc: unknown;
  try {
    doc = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new ProfileError(`${source}: not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${msg}`);
  }
  return validateProfile(doc, source);
}

export function loadProfile(path: string): DutProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ProfileError(`${path}: cannot read profile (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseProfileText(text, path);
}
