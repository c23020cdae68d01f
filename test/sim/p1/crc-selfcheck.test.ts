/**
 * Catalogue row dsmr-p1/crc/7 (a self-test of the tester, not a DUT case): the P1 CRC checker the suite
 * uses accepts the two reconstructed golden telegrams (CRCs 141B and CE7C as printed in DSMR-RN-4.0.4
 * §3 item 3 and DSMR-RN-4.2.2 §3 item 6) and rejects the three texts that do not match their printed CRC
 * (digest §1.9, §5 A1). Fixtures are copies of shared/research/p1-examples.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { p1Parse } from '../../../harness/codec/p1/index.ts';
import { p1Reader } from '../../../harness/roles/p1-reader.ts';
import { VirtualClock } from '../../../harness/clock/index.ts';
import { memoryPair } from '../../../harness/transport/memory.ts';
import { expectCrcValid } from '../../../suites/dsmr-p1/lib/crc.ts';
import type { P1Ctx } from '../../../suites/dsmr-p1/lib/p1.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'latin1');

/** Independent CRC-16/ARC: MSB-first register with polynomial 0x8005 over bit-reversed bytes, result reversed. */
function arcMsbFirst(s: string): number {
  const rev8 = (b: number) => { let r = 0; for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i); return r; };
  let crc = 0;
  for (let i = 0; i < s.length; i++) {
    crc ^= rev8(s.charCodeAt(i)) << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  let r = 0;
  for (let i = 0; i < 16; i++) r |= ((crc >> i) & 1) << (15 - i);
  return r;
}

const GOLDEN = [
  ['dsmr-4.0.4-p1-example.reconstructed.txt', '141B'],
  ['dsmr-4.2.2-p1-example.reconstructed.txt', 'CE7C'],
] as const;
const MISMATCHING = ['dsmr-4.0.4-rn-example.as-printed.txt', 'dsmr-4.0.4-rn-example.normalised.txt', 'dsmr-4.2.2-rn-derived.txt'];

/** A context whose fail() throws, the way the runner's does. */
function failCtx(): P1Ctx {
  return { fail: (what: string, e: unknown, a: unknown) => { throw new Error(`${what}: ${String(e)} vs ${String(a)}`); } } as unknown as P1Ctx;
}

/** The checker as cases use it: telegrams through the reader (framer + lenient parse), then expectCrcValid. */
async function viaReader(text: string) {
  const clock = new VirtualClock();
  const [dut, tester] = memoryPair(clock);
  await dut.open();
  await tester.open();
  const reader = p1Reader(tester, clock);
  const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
  await dut.write(bytes.subarray(0, 300));
  await dut.write(bytes.subarray(300));
  await dut.write(new TextEncoder().encode('/')); // the next telegram's start delivers one without a final CR LF
  return reader.next(1000);
}

describe('dsmr-p1/crc/7: the CRC checker against the DSMR example telegrams', () => {
  it('the test CRC is CRC-16/ARC (check value of "123456789" = BB3D)', () => {
    expect(arcMsbFirst('123456789')).toBe(0xbb3d);
  });

  for (const [name, printed] of GOLDEN) {
    it(`accepts ${name} (printed CRC ${printed})`, async () => {
      const text = fixture(name);
      expect(arcMsbFirst(text.slice(0, text.indexOf('!') + 1)).toString(16).toUpperCase().padStart(4, '0')).toBe(printed);
      const t = p1Parse(text, { mode: 'lenient' });
      expect(t.crc).toMatchObject({ stated: printed, computed: printed, valid: true });
      const r = await viaReader(text);
      expect(() => expectCrcValid(failCtx(), [r])).not.toThrow();
    });
  }

  for (const name of MISMATCHING) {
    it(`rejects ${name}`, async () => {
      const text = fixture(name);
      const t = p1Parse(text, { mode: 'lenient' });
      expect(t.crc.valid).toBe(false);
      expect(t.crc.computed).toBe(arcMsbFirst(text.slice(0, text.indexOf('!') + 1)).toString(16).toUpperCase().padStart(4, '0'));
      const r = await viaReader(text);
      expect(() => expectCrcValid(failCtx(), [r])).toThrow(/CRC of telegram 1/);
    });
  }
});
