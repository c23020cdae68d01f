/**
 * Differential check against the `dsmr-parser` npm package (robertklep/node-dsmr-parser 2.1.1, a dev
 * dependency): every vector telegram with a CRC parses there too, and wherever both know an object the
 * values agree. dsmr-parser handles DSMR 4+ only (its README): it needs `/XXX5`, the empty line, an
 * upper-case CRC and a CR LF after it — the CR LF is appended when a vector ends without one (the CRC
 * does not cover it). The DSMR 2.2/3.0 vectors have no CRC and are rejected there, as documented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { p1Parse, p1Serialize } from '../../../harness/codec/p1/index.ts';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { telegramArb } from './arbitraries.ts';

import { compare, dsmr } from '../../helpers/dsmr-parser-compare.ts';

const vectors = loadVectors('p1').groups.flatMap((g) => g.tests).filter((t) => t.result !== 'invalid');
const lowerCrc = (t: { text?: string }) => /!(?=[0-9A-Fa-f]{4})[0-9]*[a-f][0-9a-f]*\r?\n?$/.test(t.text!);
const withCrc = vectors.filter((t) => !t.flags.includes('legacy-no-crc') && !lowerCrc(t));

describe('dsmr-parser agrees with p1Parse', () => {
  it.each(withCrc.map((t) => [t.tcId, t] as const))('vector #%i', (_id, t) => {
    const text = t.text!.endsWith('\r\n') ? t.text! : `${t.text!}\r\n`;
    const ours = p1Parse(text, { mode: 'lenient' });
    const theirs = dsmr.parse(text);
    expect(theirs.crc.toUpperCase()).toBe(ours.crc.computed);
    expect(compare(ours, theirs.objects)).toBeGreaterThanOrEqual(t.flags.includes('boundary') ? 2 : 10);
  });

  it.each(vectors.filter((t) => t.flags.includes('legacy-no-crc')).map((t) => [t.tcId, t] as const))('vector #%i (DSMR 2.2/3.0) is outside dsmr-parser', (_id, t) => {
    expect(() => dsmr.parse(t.text!)).toThrow('INVALID_TELEGRAM');
    expect(p1Parse(t.text!, { accept: ['crc-missing'] }).objects.length).toBeGreaterThan(10);
  });

  it('known disagreement (digest §5 A33, spec-ambiguous): dsmr-parser rejects a lower-case CRC that p1Parse checks case-insensitively', () => {
    const t = vectors.find(lowerCrc)!;
    expect(p1Parse(t.text!, { accept: ['crc-lowercase'] }).crc.valid).toBe(true);
    expect(() => dsmr.parse(t.text!)).toThrow('CHECKSUM_MISMATCH');
  });

  it('generated telegrams: same CRC verdict and the same values for every object both know', () => {
    fc.assert(
      fc.property(telegramArb, (g) => {
        // dsmr-parser needs a baud digit 5; its numeric patterns read unsigned numbers only.
        const header = `${g.header.slice(0, 4)}5${g.header.slice(5)}`;
        const objects = g.objects.filter((o) => !o.values.some((v) => v.raw.startsWith('-'))).map((o) => ({ obis: o.obis, values: o.values.map((v) => v.raw) }));
        const text = p1Serialize({ header, objects });
        const ours = p1Parse(text);
        compare(ours, dsmr.parse(text).objects);
      }),
      fcOpts,
    );
  });
});
