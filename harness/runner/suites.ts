/** Load every suite file (suites/<family>/*.suite.ts) outside vitest: for list, faults and the mutant matrix. */
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registeredSections } from './dsl.ts';
import type { Section } from './types.ts';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITES_DIR = join(PACKAGE_ROOT, 'suites');

export function suiteFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.suite.ts')) out.push(p);
    }
  };
  walk(SUITES_DIR);
  return out;
}

let loaded: Promise<Section<object>[]> | null = null;

export function loadSections(): Promise<Section<object>[]> {
  loaded ??= (async () => {
    for (const f of suiteFiles()) {
      const before = registeredSections().length;
      await import(pathToFileURL(f).href);
      for (const s of registeredSections().slice(before)) s.file ??= f;
    }
    return registeredSections().sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  })();
  return loaded;
}

/** Suite files holding at least one selected case of one of `families` (a run loads only those). */
export async function suiteFilesFor(select: (c: { id: string; requirement: string; ref: string }) => boolean, families: ReadonlySet<string>): Promise<string[]> {
  const files = new Set<string>();
  for (const s of await loadSections()) {
    if (s.file && families.has(s.family.name) && s.cases.some(select)) files.add(s.file);
  }
  return [...files].sort();
}
