/**
 * Self-contained HTML report (one file, no external assets): summary, per-DUT tables of cases, and for
 * each non-pass verdict the expected vs actual and the decoded frame trace. Content is escaped; nothing
 * runs but a tiny filter script.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from './report.ts';
import type { CaseResult } from '../harness/runner/types.ts';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pretty = (v: unknown): string => esc(typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function caseRow(c: CaseResult): string {
  const details: string[] = [];
  if (c.reason) details.push(`<p class="reason">${esc(c.reason)}</p>`);
  if (c.waiver) details.push(`<p><b>waived:</b> ${esc(c.waiver)}</p>`);
  if (c.verdict === 'fail' || c.verdict === 'waived') {
    details.push(`<div class="cmp"><div><h4>expected</h4><pre>${pretty(c.expected)}</pre></div><div><h4>actual</h4><pre>${pretty(c.actual)}</pre></div></div>`);
  }
  for (const w of c.warnings) details.push(`<p class="warn">warning: ${esc(w)}</p>`);
  for (const n of c.notes) details.push(`<p class="note">${esc(n)}</p>`);
  if (c.trace?.frames.length) {
    const frames = c.trace.frames
      .slice(-20)
      .map((f) => `<details><summary>${esc(f.t)} ms ${esc(f.dir)} ${esc(f.layer)}</summary><pre>${esc(f.text ?? f.hex ?? '')}</pre>${f.decoded ? `<pre>${pretty(f.decoded)}</pre>` : ''}</details>`)
      .join('');
    details.push(`<div class="trace"><h4>trace (last ${Math.min(20, c.trace.frames.length)} of ${c.trace.frames.length} frames${c.trace.dropped ? `, ${c.trace.dropped} entries dropped` : ''})</h4>${frames}</div>`);
  }
  const body = details.length ? `<tr class="detail"><td colspan="4">${details.join('')}</td></tr>` : '';
  return `<tr class="v-${esc(c.verdict)}" data-verdict="${esc(c.verdict)}"><td class="verdict">${esc(c.verdict)}</td><td><code>${esc(c.id)}</code></td><td>${esc(c.requirement)}</td><td>${esc(c.ref)}</td></tr>${body}`;
}

export function renderHtml(r: Report): string {
  const s = r.summary;
  const byDut = new Map<string, CaseResult[]>();
  for (const c of r.cases) byDut.set(c.dut, [...(byDut.get(c.dut) ?? []), c]);
  const tables = [...byDut]
    .map(([dut, cases]) => `<h2>${esc(dut)}</h2><table><thead><tr><th>verdict</th><th>case</th><th>requirement</th><th>reference</th></tr></thead><tbody>${cases.map(caseRow).join('')}</tbody></table>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>meterproof report</title><style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2em}
td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:6px;overflow:auto;max-height:24em}
.v-pass .verdict{color:#1a7f37}.v-fail .verdict{color:#cf222e;font-weight:bold}.v-inconclusive .verdict{color:#9a6700}.v-waived .verdict{color:#8250df}
.v-not-applicable .verdict,.v-not-run .verdict{color:#777}.cmp{display:flex;gap:1em}.cmp>div{flex:1}.warn{color:#9a6700}.summary span{margin-right:1.5em}
.detail td{background:#fcfcfc}
</style></head><body><h1>meterproof conformance report</h1>
<p>${esc(r.run.startedAt)} · ${esc(r.run.durationMs)} ms · meterproof ${esc(r.tool.version)}${r.run.interrupted ? ' · <b>interrupted</b>' : ''}</p>
<p class="summary"><span>total ${s.total}</span><span>pass ${s.pass}</span><span>fail ${s.fail}</span><span>inconclusive ${s.inconclusive}</span><span>not applicable ${s.notApplicable}</span><span>waived ${s.waived}</span><span>not run ${s.notRun}</span><span>warnings ${s.warnings}</span></p>
${r.run.errors.length ? `<pre class="errors">${esc(r.run.errors.join('\n'))}</pre>` : ''}
${tables}<p>SHA-256 of report.json content: <code>${esc(r.sha256)}</code></p></body></html>\n`;
}

export function writeHtmlReport(r: Report, dir: string): string {
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtml(r));
  return file;
}
