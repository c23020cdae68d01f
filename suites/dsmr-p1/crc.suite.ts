/**
 * dsmr-p1/crc — the telegram CRC: CRC-16/ARC (poly 0x8005 reflected = 0xA001, init 0, no final XOR) over
 * `/` … `!` inclusive, 4 hex digits, most significant first [ext DSMR P1; digest §1.4, verified against
 * the reconstructed examples]. Catalogue row crc/7 (the checker's self-test on the golden telegrams) is
 * a project test (test/sim/p1), not a DUT case.
 */
import { kase, section } from '../../harness/runner/dsl.ts';
import { p1Family } from '../../harness/roles/p1-family.ts';
import { expectCrcValid } from './lib/crc.ts';
import { telegramAfterStimulus, telegrams, type P1Ctx } from './lib/p1.ts';

const REF = 'DSMR P1 CRC16 [ext]; digest §1.4';
const rule = (id: string, requirement: string, mutant: string, ref = REF) =>
  kase<P1Ctx>({
    id,
    ref,
    requirement,
    mutants: [mutant],
    async run(ctx) {
      expectCrcValid(ctx, await telegrams(ctx, 3));
    },
  });

export default section({
  id: 'dsmr-p1/crc',
  title: 'Telegram CRC',
  family: p1Family,
  cases: [
    rule('dsmr-p1/crc/1', 'The CRC covers every byte from the `/` of the header up to and including the `!`.', 'p1.crc.exclude-bang'),
    rule('dsmr-p1/crc/2', 'The CRC register starts at 0x0000.', 'p1.crc.init-ffff'),
    rule('dsmr-p1/crc/3', 'The CRC polynomial is 0x8005 processed reflected (CRC-16/ARC), not the CCITT 0x1021.', 'p1.crc.ccitt-1021'),
    rule('dsmr-p1/crc/4', 'The CRC is written most significant nibble first.', 'p1.crc.byte-swap'),
    rule('dsmr-p1/crc/5', 'The CRC is computed over the bytes actually sent, CR LF line ends included.', 'p1.crc.lf-basis', `${REF}; DSMR-RN-4.0.4 §3 item 2`),
    kase<P1Ctx>({
      id: 'dsmr-p1/crc/6',
      ref: REF,
      requirement: 'The CRC is recomputed for every telegram, so a telegram with new content carries a new valid CRC.',
      mutants: ['p1.crc.stale'],
      async run(ctx) {
        const rs = await telegrams(ctx, 2);
        if (ctx.bench) {
          // New content for sure: change the load between telegrams.
          ctx.bench.setLoad({ l1: 1777, l2: 0, l3: 0 });
          rs.push(await telegramAfterStimulus(ctx));
        } else rs.push(...(await telegrams(ctx, 1)));
        const distinct = new Set(rs.map((r) => r.text.slice(0, r.text.lastIndexOf('!')))).size;
        if (distinct < 2) ctx.inconclusive('the telegrams captured all had the same content; the rule could not be exercised');
        expectCrcValid(ctx, rs);
      },
    }),
  ],
});
