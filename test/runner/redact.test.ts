/** Key material never reaches a report trace (DESIGN.md § Conventions; DSMR-P2 §6.5 key records). */
import { describe, expect, it } from 'vitest';
import { executeCase } from '../../harness/runner/execute.ts';
import { makeDut } from '../../harness/runner/dut.ts';
import { loadSections } from '../../harness/runner/suites.ts';
import { findSim } from '../../harness/sim/registry.ts';
import { redactTrace } from '../../harness/transport/redact.ts';
import type { TraceEntry } from '../../harness/transport/trace.ts';

const FIELDS = [{ prefix: [0x07, 0xfd, 0x19], length: 8 }, { prefix: [0x47, 0xfd, 0x19], length: 8 }];
const e = (dir: 'tx' | 'rx', hex: string): TraceEntry => ({ t: 0, dir, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) });
const hexOf = (es: TraceEntry[]) => es.map((x) => Buffer.from(x.bytes).toString('hex').toUpperCase());

describe('trace redaction', () => {
  it('zeroes the 8 bytes after each key-record prefix, also when a record is split across chunks', () => {
    // SND_UD CI 51h with both key records (layout of DSMR-P2 App. B1.1), cut in three chunks mid-record.
    const frame = '68191968530151' + '07FD19' + '1122334455667788' + '47FD19' + '99AABBCCDDEEFF00' + 'XX16'.replace('XX', '00');
    const chunks = [frame.slice(0, 20), frame.slice(20, 44), frame.slice(44)].map((h) => e('tx', h));
    const { entries, redacted } = redactTrace(chunks, FIELDS);
    expect(redacted).toBe(2);
    expect(hexOf(entries).join('')).toBe('68191968530151' + '07FD19' + '0'.repeat(16) + '47FD19' + '0'.repeat(16) + '0016');
    expect(hexOf(entries).map((h) => h.length)).toEqual(chunks.map((c) => c.bytes.length * 2));
  });

  it('zeroes key records inside hex-line (wireless receiver) traffic', () => {
    const line = Buffer.from('2E4407FD191122334455667788AA\n', 'latin1').toString('hex');
    const { entries, redacted } = redactTrace([e('rx', line)], FIELDS);
    expect(redacted).toBe(1);
    expect(Buffer.from(entries[0]!.bytes).toString('latin1')).toBe('2E4407FD190000000000000000AA\n');
  });

  it('a real key exchange against the wired gas simulator: the report trace holds no wrapped key', async () => {
    const s = (await loadSections()).find((x) => x.id === 'dsmr-p2/6.5')!;
    const c = s.cases.find((x) => x.id === 'dsmr-p2/6.5/1')!;
    const profile = findSim('gas-wired')!.profiles.find((p) => p.name === 'p2-gas-wired')!;
    const r = await executeCase(s, c, makeDut(profile), { traceAll: true });
    expect(r.verdict).toBe('pass');
    const tx = r.trace!.entries.filter((x) => x.dir === 'tx').map((x) => x.hex).join('');
    expect(tx).toMatch(/07FD19/); // the key was sent …
    expect(tx).not.toMatch(/07FD19(?!0{16})/); // … and only zeros are shown
    expect(tx).not.toMatch(/47FD19(?!0{16})/);
    expect(r.notes.some((n) => /key material redacted/.test(n))).toBe(true);
    const frameHex = r.trace!.frames.map((f) => f.hex ?? '').join('');
    expect(frameHex).toMatch(/07FD19/);
    expect(frameHex).not.toMatch(/07FD19(?!0{16})|47FD19(?!0{16})/);
  });
});
