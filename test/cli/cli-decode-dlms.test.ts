/**
 * `meterproof decode` for the DLMS layers: ASN.1/COSEM names in the JSON, and deciphering with keys given
 * by reference (never echoed). Inputs are published examples (Green Book ciphering example; the Green
 * Book AARQ) whose meaning is written here by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const EK = '000102030405060708090A0B0C0D0E0F';
const AK = 'D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF';
// Green Book: glo-get-request (C8), SC 30, IC 01234567, of C0 01 00 00 08 00 00 01 00 00 FF 02 00 (GET clock.time).
const GLO_GET = 'C81E3001234567411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B';
const AARQ = '601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0';

describe('meterproof decode (DLMS layers)', () => {
  it('apdu: deciphers a glo-get-request with --key/--auth-key/--system-title and names the plain GET', async () => {
    const r = await runCli(['decode', 'apdu', GLO_GET, '--key', 'env:MP_EK', '--auth-key', 'env:MP_AK', '--system-title', '4D4D4D0000BC614E'], { env: { MP_EK: EK, MP_AK: AK } });
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).not.toContain(EK);
    expect(text).not.toContain(AK);
    expect(text).toContain('get-request-normal');
    expect(text).toMatch(/"class-id":\s*8/);
    expect(text).toContain('0-0:1.0.0.255');
  });

  it('apdu: without a key the envelope is shown and the plaintext is not', async () => {
    const r = await runCli(['decode', 'apdu', GLO_GET]);
    expect(r.stdout).not.toContain('get-request-normal');
    expect(r.stdout).toContain('ciphered-not-deciphered');
  });

  it('acse: an AARQ with ASN.1 names and its InitiateRequest', async () => {
    const r = await runCli(['decode', 'acse', AARQ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.apdu).toBe('AARQ');
    expect(doc.fields['application-context-name']).toEqual({ oid: '2.16.756.5.8.1.1', name: 'logical-name-referencing-no-ciphering' });
    expect(doc.fields['user-information'].decoded.initiateRequest['proposed-dlms-version-number']).toBe(6);
  });

  it('acse: a binary file and stdin (-) decode like hex', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'mp-bin-')), 'aarq.bin');
    writeFileSync(f, Buffer.from(AARQ, 'hex'));
    const fromFile = await runCli(['decode', 'acse', f]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).apdu).toBe('AARQ');
    const fromStdin = await runCli(['decode', 'acse', '-'], { input: AARQ });
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it('hdlc: an SNRM frame, FCS checked, control named', async () => {
    const r = await runCli(['decode', 'hdlc', '7EA0070321930F017E']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).frames[0].control.frame).toBe('SNRM');
  });

  it('wrapper: wPorts named and the AARQ inside decoded', async () => {
    const r = await runCli(['decode', 'wrapper', `000100100001001F${AARQ}`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pdus[0].apdu.apdu).toBe('AARQ');
  });

  it('a missing key variable is a usage error that does not echo anything secret', async () => {
    const r = await runCli(['decode', 'apdu', GLO_GET, '--key', 'env:MP_NOT_SET']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/MP_NOT_SET is not set/);
  });

  it('--lines over hex lines: one document per line; a bad line gets a document with an error', async () => {
    const r = await runCli(['decode', 'acse', '--lines'], { input: `${AARQ}\nnot-hex\n${AARQ}\n` });
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(3);
    expect(docs[1].errors[0].code).toBe('bad-hex');
    expect(r.code).toBe(1);
  });
});
