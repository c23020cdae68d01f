/** Load a vector file (vectors/<layer>.json) and iterate its tests with their group. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

export interface VectorTest {
  tcId: number;
  comment: string;
  hex?: string;
  text?: string;
  params?: Record<string, unknown>;
  expected?: unknown;
  error?: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
  ref: string;
}
export interface VectorGroup { comment: string; params?: Record<string, unknown>; tests: VectorTest[] }
export interface VectorFile { schema: string; layer: string; source: string; notes?: Record<string, string>; groups: VectorGroup[] }

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'vectors');

export function loadVectors(layer: string): VectorFile {
  return JSON.parse(readFileSync(join(VECTORS_DIR, `${layer}.json`), 'utf8')) as VectorFile;
}

/** Flattened [name, test, group] rows for `it.each`. */
export function vectorRows(file: VectorFile): Array<[string, VectorTest, VectorGroup]> {
  return file.groups.flatMap((g) => g.tests.map((t) => [`#${t.tcId} ${t.result} ${t.comment}`, t, g] as [string, VectorTest, VectorGroup]));
}
