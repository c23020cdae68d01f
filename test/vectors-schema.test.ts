/** Every vector file validates against vectors/schema.json, and tcIds are unique within a file. */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { VECTORS_DIR } from './helpers/vectors.ts';

const schema = JSON.parse(readFileSync(join(VECTORS_DIR, 'schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const files = readdirSync(VECTORS_DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');

describe('vector files', () => {
  it('there is at least one vector file', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s matches the vectors schema and has unique tcIds', (f) => {
    const doc = JSON.parse(readFileSync(join(VECTORS_DIR, f), 'utf8'));
    const ok = validate(doc);
    expect(ok ? [] : validate.errors).toEqual([]);
    const ids = doc.groups.flatMap((g: { tests: { tcId: number }[] }) => g.tests.map((t) => t.tcId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.layer + '.json').toBe(f);
  });
});
