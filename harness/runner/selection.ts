/** Case selection: by id prefix (`dsmr-p1`, `dsmr-p1/crc`, `dsmr-p1/crc/3`) and by text (`--grep`). */
export interface Selection {
  prefixes?: string[];
  grep?: string;
}

export function selects(sel: Selection | undefined, c: { id: string; requirement: string; ref: string }): boolean {
  if (!sel) return true;
  if (sel.prefixes?.length && !sel.prefixes.some((p) => c.id === p || c.id.startsWith(p.endsWith('/') ? p : p + '/'))) return false;
  if (sel.grep) {
    const g = sel.grep.toLowerCase();
    if (![c.id, c.requirement, c.ref].some((x) => x.toLowerCase().includes(g))) return false;
  }
  return true;
}
