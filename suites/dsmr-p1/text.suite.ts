/**
 * dsmr-p1/text — the text message 0-0:96.13.0 (up to 1024 characters = 2048 hex digits) and message code
 * 0-0:96.13.1, written as hex digit pairs (DSMR-RN-4.0.4 §3 items 1, 3, Annex B note 6; digest §1.7,
 * §5 A5, A33). The text is set the way a grid operator does it, by a P3 SET (here: the bench).
 */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import type { P1Received } from '../../harness/roles/p1-reader.ts';
import { expectLine } from './lib/check.ts';
import { ambiguous, benchOnly, needBench, telegram, telegramAfterStimulus, type P1Ctx } from './lib/p1.ts';
import { hexText, textHex } from './lib/values.ts';

const REF = 'DSMR-RN-4.0.4 §3 item 1';
const TEXT_ID = '0-0:96.13.0';
const CODE_ID = '0-0:96.13.1';
/** Hex-encoded octet-string objects (digest §1.7: equipment ids use the same encoding). */
const HEX_IDS = ['0-0:96.1.1', CODE_ID, TEXT_ID, '0-1:96.1.0', '0-2:96.1.0', '0-3:96.1.0', '0-4:96.1.0'];

async function textAfterSet(ctx: P1Ctx, text: string): Promise<{ r: P1Received; raw: string }> {
  needBench(ctx).setText(text);
  const r = await telegramAfterStimulus(ctx);
  return { r, raw: expectLine(ctx, r, TEXT_ID).values[0]!.text };
}

export default section({
  id: 'dsmr-p1/text',
  title: 'Text message and message code',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/text/1',
      ref: REF,
      requirement: 'A text written to 0-0:96.13.0.255 over P3 appears, hex-encoded, in the next telegram.',
      mutants: ['p1.text.not-forwarded'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (P3 SET of the text)',
      async run(ctx) {
        const text = 'meterproof text 0001';
        const { raw } = await textAfterSet(ctx, text);
        ctx.expectEqual('hex digits of a 20-character text', raw.length, 40);
        ctx.expectEqual('decoded text', hexText(raw), text);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/text/2',
      ref: `${REF} (Sn, n = 0..2048)`,
      requirement: 'A 1024-character text is shown in full: 2048 hex digits on one line.',
      mutants: ['p1.text.truncate-512'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (P3 SET of the text)',
      async run(ctx) {
        const text = Array.from({ length: 1024 }, (_, i) => String.fromCharCode(0x20 + (i % 95))).join('');
        const { r, raw } = await textAfterSet(ctx, text);
        ctx.expectEqual('hex digits of a 1024-character text', raw.length, 2048);
        ctx.expectEqual('decoded text', hexText(raw), text);
        const physical = r.telegram.lines.filter((l) => l.text.startsWith(`${TEXT_ID}(`));
        ctx.expectEqual('physical lines of the text', physical.map((l) => l.text.length), [TEXT_ID.length + 2 + 2048]);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/text/3',
      ref: 'DSMR-RN-4.0.4 §3 item 1; Annex B note 6 (an empty message from the CS clears the message code display)',
      requirement: 'Setting an empty text or message code clears it on P1: the lines become 0-0:96.13.0() and 0-0:96.13.1().',
      mutants: ['p1.text.sticky'],
      applies: benchOnly,
      appliesWhen: 'simulator bench (P3 SET of the text)',
      async run(ctx) {
        const b = needBench(ctx);
        b.setMessageCode('01');
        const first = await textAfterSet(ctx, 'clear me');
        ctx.expectEqual('text before clearing', hexText(first.raw), 'clear me');
        ctx.expectEqual('message code before clearing', expectLine(ctx, first.r, CODE_ID).values[0]!.text, '3031');
        b.setMessageCode('');
        const { r } = await textAfterSet(ctx, '');
        ctx.expectEqual('text line after clearing', expectLine(ctx, r, TEXT_ID).values[0]!.raw, '');
        ctx.expectEqual('message code line after clearing', expectLine(ctx, r, CODE_ID).values[0]!.raw, '');
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/text/4',
      ref: `${REF}; DSMR-RN-4.0.4 §3 item 3 (example 3031203631203831); digest §5 A5`,
      requirement: 'The message code is written hex-encoded, at most 8 characters (16 hex digits): "01 61 81" reads 3031203631203831.',
      mutants: ['p1.msgcode.raw-ascii'],
      async run(ctx) {
        if (!ctx.bench) {
          expectLine(ctx, await telegram(ctx), CODE_ID);
          return ctx.note('no P3 SET: format checked only');
        }
        ctx.bench.setMessageCode('01 61 81');
        const r = await telegramAfterStimulus(ctx);
        ctx.expectEqual('message code', expectLine(ctx, r, CODE_ID).values[0]!.text.toUpperCase(), '3031203631203831');
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/text/5',
      ref: 'DSMR-RN-4.0.4 §3 item 3 (example); digest §5 A33',
      requirement: 'Octet-string values are written with upper-case hex digits as in every example (lower case is spec-ambiguous).',
      mutants: ['p1.hex.lowercase'],
      async run(ctx) {
        ctx.bench?.setText(':;<=>? meterproof'); // hex digits A–F for sure
        const r = ctx.bench ? await telegramAfterStimulus(ctx) : await telegram(ctx);
        let checked = 0;
        for (const o of r.telegram.objects) {
          const p = o.obisParts;
          const id = p ? `${p.a}-${p.b}:${p.c}.${p.d}.${p.e}` : '';
          if (!HEX_IDS.includes(id)) continue;
          const raw = o.values[0]?.text ?? '';
          checked++;
          if (/[a-f]/.test(raw) && /^[0-9A-Fa-f]*$/.test(raw)) {
            ambiguous(ctx, `hex case of ${id}`, raw.toUpperCase(), raw);
            return;
          }
          ctx.expectMatch(`hex digits of ${id}`, raw, /^[0-9A-F]*$/);
        }
        ctx.note(`${checked} octet-string values checked`);
        if (ctx.bench) ctx.expectEqual('round trip of the text', textHex(':;<=>? meterproof'), expectLine(ctx, r, TEXT_ID).values[0]!.text.toUpperCase());
      },
    }),
  ],
});
