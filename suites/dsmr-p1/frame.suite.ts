/** dsmr-p1/frame — telegram structure: header, blank line, line ends, ids, trailer, units, order (digest §1.3, §4.1). */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import { ANNEX_B_RANK, rowFor } from './lib/formats.ts';
import { ambiguous, idOf, needBench, telegramAfterStimulus, telegrams, type P1Ctx } from './lib/p1.ts';

const DATA_ID = /^\d{1,3}-\d{1,3}:/;

export default section({
  id: 'dsmr-p1/frame',
  title: 'Telegram structure',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/1',
      ref: 'DSMR-RN-4.0.4 §3 item 3 (example header); IEC 62056-21 identification message [ext]',
      requirement: 'Each telegram starts with a header line made of `/`, a 3-letter manufacturer flag, a baud digit and an identification.',
      mutants: ['p1.header.no-slash'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 3, { garbage: 'fail' })) {
          ctx.expectMatch('header line', r.telegram.header.raw, /^\/[A-Za-z]{3}\d.+$/);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/2',
      ref: 'DSMR-RN-4.0.4 §3 item 3 (example layout); DSMR P1 telegram structure [ext]',
      requirement: 'The header line is followed by exactly one empty line before the first data line.',
      mutants: ['p1.frame.no-blank-line'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 3)) {
          const lines = r.telegram.lines;
          ctx.expectEqual('line after the header', lines[1]?.text, '');
          ctx.expectTrue('second line after the header is a data line', DATA_ID.test(lines[2]?.text ?? ''), 'a data line', lines[2]?.text ?? null);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/3',
      ref: 'DSMR-RN-4.0.4 §3 item 2',
      requirement: 'Every line up to the `!` line ends with CR LF; no bare LF or CR occurs; the `!` line ends with CR LF or nothing (digest §5 A2).',
      mutants: ['p1.eol.lf-only'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 3)) {
          const bang = r.text.lastIndexOf('!');
          const body = r.text.slice(0, bang);
          for (let i = 0; i < body.length; i++) {
            const c = body[i];
            if (c === '\n' && body[i - 1] !== '\r') ctx.fail(`line end at byte ${i}`, 'CR LF', 'bare LF');
            if (c === '\r' && body[i + 1] !== '\n') ctx.fail(`line end at byte ${i}`, 'CR LF', 'bare CR');
          }
          const after = r.text.slice(bang).replace(/^![0-9A-Fa-f]{0,4}/, '');
          ctx.expectTrue('line end after the CRC', after === '\r\n' || after === '', 'CR LF or nothing', after);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/4',
      ref: 'DSMR-RN-4.0.4 §3 item 2 ("Reduced ID codes")',
      requirement: 'Data lines are identified by the reduced id A-B:C.D.E, without the F group.',
      mutants: ['p1.obis.f-group'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 2)) {
          for (const o of r.telegram.objects) {
            ctx.expectTrue(`id of line ${o.line} has no F group`, !/^\d+-\d+:\d+\.\d+\.\d+[.*]\d+$/.test(o.obis), 'A-B:C.D.E', o.obis);
          }
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/5',
      ref: 'DSMR-RN-4.0.4 §3 item 2; digest §5 A18',
      requirement: 'The id groups are separated by `-`, `:`, `.`, `.` exactly (no second colon).',
      mutants: ['p1.obis.colon-for-dot'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 2)) {
          for (const o of r.telegram.objects) {
            // The F group is frame/4's concern; here only the separators of A..E.
            ctx.expectMatch(`id separators on line ${o.line}`, o.obis, /^\d{1,3}-\d{1,3}:\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d{1,3})?$/);
          }
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/6',
      ref: 'DSMR-RN-4.0.4 §3 items 1–2; digest §1.9 E7',
      requirement: 'Each object is on one physical line, never wrapped — even a 1024-character text message (2048 hex digits).',
      mutants: ['p1.line.wrap-96'],
      async run(ctx) {
        const text = ctx.bench ? '0123456789:;<=>?'.repeat(64) : null;
        if (ctx.bench && text) needBench(ctx).setText(text);
        else ctx.note('no bench: checked the lines as the meter sends them (no long text set)');
        const rs = ctx.bench ? [await telegramAfterStimulus(ctx)] : await telegrams(ctx, 2);
        for (const r of rs) {
          const lines = r.telegram.lines;
          const bang = lines.findIndex((l) => l.text.startsWith('!'));
          for (const l of lines.slice(2, bang < 0 ? undefined : bang)) {
            ctx.expectMatch(`physical line ${l.line} starts with an id`, l.text, DATA_ID);
          }
          if (text) {
            const line = lines.find((l) => l.text.startsWith('0-0:96.13.0('));
            ctx.expectEqual('length of the text-message line (12 + 2048 + 1)', line?.text.length ?? null, 12 + 2048 + 1);
          }
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/7',
      ref: 'DSMR-RN-4.0.4 §3 item 3 and DSMR-RN-4.2.2 §3 item 6 (examples); digest §1.4, §5 A33',
      requirement: 'The data block ends with a line of `!` and 4 hex digits, upper case as in every example (lower case is spec-ambiguous).',
      mutants: ['p1.crc.lowercase'],
      async run(ctx) {
        for (const r of await telegrams(ctx, 3)) {
          const line = r.telegram.lines.find((l) => l.text.startsWith('!'))?.text ?? null;
          ctx.expectMatch('trailer line', line, /^![0-9A-Fa-f]{4}$/);
          if (!/^![0-9A-F]{4}$/.test(line!)) ambiguous(ctx, 'CRC digits in upper case', '![0-9A-F]{4}', line);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/8',
      ref: 'DSMR P1 telegram structure [ext]; digest §1.3, §5 A2',
      requirement: 'Between the CRC line and the next `/` the meter sends nothing but at most one CR LF.',
      mutants: ['p1.frame.trailing-garbage'],
      async run(ctx) {
        const rs = await telegrams(ctx, 3);
        for (const r of rs.slice(1)) {
          ctx.expectTrue('bytes between two telegrams', r.garbageBefore === '' || r.garbageBefore === '\r\n', 'nothing or CR LF', r.garbageBefore);
        }
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/9',
      ref: 'DSMR-RN-4.0.4 §3 item 1 (unit column) and §3 item 3 (example)',
      requirement: 'A value carries `*unit` exactly when its row has a unit, spelled as in the table (kWh, kW, A, m3, s); counters carry none.',
      mutants: ['p1.unit.missing'],
      async run(ctx) {
        let checked = 0;
        for (const r of await telegrams(ctx, 2)) {
          for (const o of r.telegram.objects) {
            const id = idOf(o);
            const row = id ? rowFor(id) : undefined;
            if (!row) continue;
            row.groups.forEach((g, i) => {
              const f = Array.isArray(g) ? g[0]! : g;
              const want = f.kind === 'F' ? f.unit : null;
              ctx.expectEqual(`unit of ${id} group ${i + 1}`, o.values[i]?.unit ?? null, want);
              checked++;
            });
          }
        }
        ctx.note(`${checked} value groups checked`);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/frame/10',
      ref: 'DSMR-RN-4.0.4 Annex B (P1 output column); digest §5 A10',
      requirement: 'Lines appear in the Annex B P1 output order (advisory: a reader must key on the id, so a deviation is a warning).',
      mutants: ['p1.order.shuffle'],
      async run(ctx) {
        const [r] = await telegrams(ctx, 1);
        let last = 0;
        let lastId = 'header';
        for (const o of r!.telegram.objects) {
          const id = idOf(o);
          const rank = id ? ANNEX_B_RANK[id] : undefined;
          if (rank === undefined) continue;
          if (rank < last) {
            ambiguous(ctx, 'Annex B line order', `${id} (rank ${rank}) before ${lastId} (rank ${last})`, `${id} after ${lastId}`);
            return;
          }
          last = rank;
          lastId = id!;
        }
      },
    }),
  ],
});
