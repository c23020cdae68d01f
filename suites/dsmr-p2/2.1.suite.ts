/** DSMR-P2 §2.1 — wired physical layer as far as it shows on the wire: the character format. */
import { p2GasFamily, type P2GasContext } from '../../harness/roles/p2-family.ts';
import { kase, section } from '../../harness/runner/dsl.ts';
import { lineLabel } from '../../harness/transport/uart.ts';
import { said, startAddress, wired } from './lib/ctx.ts';
import { C, CI, E5 } from './lib/tables.ts';

section({
  id: 'dsmr-p2/2.1',
  title: 'Wired connection: 2400 Bd 8E1',
  family: p2GasFamily,
  cases: [
    kase<P2GasContext>({
      id: 'dsmr-p2/2.1/1',
      ref: 'DSMR-P2 §2.1 Table 1, §3.1.4 Table 3',
      requirement: 'The device talks at 2400 Bd with 8 data bits, even parity and 1 stop bit: requests sent that way get correctly framed answers.',
      mutants: ['p2.phy.odd-parity'],
      applies: wired,
      appliesWhen: 'wired M-Bus device',
      async run(t) {
        const line = t.master.line;
        if (line.baud !== 2400 || line.dataBits !== 8 || line.parity !== 'even' || line.stopBits !== 1) {
          t.inconclusive(`the link is set to ${lineLabel(line)}, not 2400 8E1 (check the profile's transport)`);
        }
        const a = startAddress(t);
        const nke = await t.master.sndNke(a);
        // Silence here is the symptom of a character-format mismatch, so it fails rather than being inconclusive.
        t.expectEqual(`answer to SND_NKE at ${lineLabel(line)}`, said(nke), said({ kind: 'ack', raw: Uint8Array.of(E5), ms: 0 }));
        const { reply, rsp } = await t.master.reqUd2(a);
        t.expectTrue(`answer to REQ_UD2 at ${lineLabel(line)}`, !!rsp && rsp.c === C.RSP_UD && rsp.ci === CI.RSP_UD, 'a RSP_UD frame (C 08h, CI 72h)', said(reply));
      },
    }),
  ],
});
