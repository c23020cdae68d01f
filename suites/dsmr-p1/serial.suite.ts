/**
 * dsmr-p1/serial — line settings and the data-request line. Neither is in the seed documents: DSMR 4
 * meters run 115200 baud 7E1 and send only while the consumer asserts the request line [ext DSMR P1;
 * digest §1.2, §5 A11]. The reader's line settings come from the profile (feature `line`, default
 * 115200-7E1), so a meter on other settings shows as undecodable bytes, as it would on a real port.
 */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import { expectCrcValid } from './lib/crc.ts';
import { INTERVAL_MS, INTERVAL_TOL_MS } from './lib/formats.ts';
import { requestLine, telegram, telegrams, type P1Ctx } from './lib/p1.ts';

/** A telegram lasts well under 1 s at 115200 baud (≈ 87 µs per character); wait this long for one in flight. */
const IN_FLIGHT_MS = 2_000;
/** How long the released line is watched (catalogue: 60 s = six intervals). */
const RELEASED_WATCH_MS = 60_000;

async function releasedIsQuiet(ctx: P1Ctx): Promise<void> {
  await ctx.p1.setRequest(false);
  await ctx.clock.sleep(IN_FLIGHT_MS); // a telegram begun before the release may finish
  const bytes = await ctx.p1.quietFor(RELEASED_WATCH_MS);
  ctx.expectEqual(`bytes received in ${RELEASED_WATCH_MS / 1000} s with the request line released`, bytes.length, 0);
}

export default section({
  id: 'dsmr-p1/serial',
  title: 'Line settings and data-request line',
  family: p1Family,
  cases: [
    kase<P1Ctx>({
      id: 'dsmr-p1/serial/1',
      ref: 'DSMR P1 physical layer [ext]; digest §1.2',
      requirement: 'The port runs at 115200 baud: telegrams decode, with valid CRCs, at that speed.',
      mutants: ['p1.serial.baud-9600'],
      async run(ctx) {
        expectCrcValid(ctx, await telegrams(ctx, 2, { garbage: 'fail' }));
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/serial/2',
      ref: 'DSMR P1 physical layer [ext]; digest §1.2, §5 A11',
      requirement: 'Characters use the format the profile declares (DSMR 4: 7 data bits, even parity, 1 stop bit): no parity or framing errors.',
      mutants: ['p1.serial.8n1'],
      async run(ctx) {
        const rs = await telegrams(ctx, 3, { garbage: 'fail' });
        for (const r of rs) {
          // A UART reports a character with a parity or framing error as NUL (Linux default).
          const at = r.text.indexOf('\0');
          ctx.expectTrue('characters without parity/framing errors', at < 0 && !r.garbageBefore.includes('\0'), 'no NUL', at);
        }
        expectCrcValid(ctx, rs);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/serial/3',
      ref: 'DSMR P1 data-request line [ext]; digest §1.2',
      requirement: 'Nothing is sent while the data-request line is released.',
      mutants: ['p1.req.ignored'],
      applies: requestLine,
      appliesWhen: 'the data-request line can be driven (simulator, or feature p1.request-line)',
      async run(ctx) {
        await telegram(ctx); // precondition: the meter talks when asked
        await releasedIsQuiet(ctx);
      },
    }),
    kase<P1Ctx>({
      id: 'dsmr-p1/serial/4',
      ref: 'DSMR P1 data-request line [ext]; DSMR-RN-4.2.2 §2 item 33',
      requirement: 'After the request line is asserted the first telegram starts within one interval, and after it is released no new telegram starts.',
      mutants: ['p1.req.latched'],
      applies: requestLine,
      appliesWhen: 'the data-request line can be driven (simulator, or feature p1.request-line)',
      async run(ctx) {
        await ctx.p1.setRequest(false);
        await ctx.clock.sleep(IN_FLIGHT_MS);
        ctx.p1.skipQueued();
        const t0 = ctx.clock.now();
        await ctx.p1.setRequest(true);
        const limit = INTERVAL_MS + INTERVAL_TOL_MS;
        const r = await telegram(ctx, { startedAfter: t0, timeoutMs: limit + IN_FLIGHT_MS });
        ctx.expectTrue('delay from assert to the first telegram', r.startedAt - t0 <= limit, `≤ ${limit} ms`, r.startedAt - t0);
        ctx.note(`first telegram ${r.startedAt - t0} ms after the request`);
        await ctx.clock.sleep(IN_FLIGHT_MS); // release between two telegrams
        await releasedIsQuiet(ctx);
      },
    }),
  ],
});
