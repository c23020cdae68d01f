/** Format assertions of whole lines against the suite's table (formats.ts). */
import type { P1Object } from '../../../harness/codec/p1/index.ts';
import type { P1Received } from '../../../harness/roles/p1-reader.ts';
import { rowFor } from './formats.ts';
import { find, idOf, type P1Ctx } from './p1.ts';
import { fmtLabel, fmtProblem } from './values.ts';

/** Every bracket group of `o` has the format of its row. */
export function expectObjectFormat(ctx: P1Ctx, o: P1Object): void {
  const id = idOf(o) ?? o.obis;
  const row = rowFor(id);
  if (!row) ctx.fail(`format table entry for ${id}`, 'a known object', id);
  ctx.expectEqual(`number of value groups of ${id}`, o.values.length, row.groups.length);
  row.groups.forEach((g, i) => {
    const raw = o.values[i]?.raw ?? '';
    const problem = fmtProblem(raw, g);
    if (problem) ctx.fail(`value ${i + 1} of ${id} (${row.ref})`, fmtLabel(g), `${raw}: ${problem}`);
  });
}

/** The line `id` is present and formatted as its row says; returns it. */
export function expectLine(ctx: P1Ctx, r: P1Received, id: string): P1Object {
  const o = find(r, id) ?? ctx.fail(`line ${id} present`, `a ${id}(…) line`, 'absent');
  expectObjectFormat(ctx, o);
  return o;
}
