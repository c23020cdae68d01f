/** `meterproof decode acse`: ASN.1 names, schema, redaction of passwords, nested xDLMS, error view, never throws. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { hexToBytes } from '../../../harness/codec/bytes.ts';
import { loadDecoder } from '../../../harness/codec/decoder.ts';
import { decoder } from '../../../harness/codec/acse/decoder.ts';
import { nestedApduJson } from '../../../harness/codec/acse/json.ts';
import { apduModule } from '../../../harness/codec/acse/apdu-bridge.ts';
import { mutate, mutationArb } from '../hdlc/mutate.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
const check = (doc: unknown): void => {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors).toEqual([]);
};
type Doc = { errors: Array<{ code: string; offset?: number }>; warnings: Array<{ code: string }>; apdu: string | null; fields: Record<string, any>; tlv?: unknown[] };
const run = (hex: string, strict = false): Doc => decoder.decode(hexToBytes(hex), { strict }) as unknown as Doc;
const rows = vectorRows(loadVectors('acse'));

describe('acse decoder', () => {
  it('is what loadDecoder("acse") returns', async () => {
    expect((await loadDecoder('acse')).layer).toBe('acse');
  });

  it('names the fields of the Green Book HLS AARE by their ASN.1 names', () => {
    const d = run('6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007');
    check(d);
    expect(d.apdu).toBe('AARE');
    expect(d.fields['application-context-name']).toEqual({ oid: '2.16.756.5.8.1.1', name: 'logical-name-referencing-no-ciphering' });
    expect(d.fields.result).toBe('accepted');
    expect(d.fields['result-source-diagnostic']).toEqual({ 'acse-service-user': 'authentication-required' });
    expect(d.fields['responder-acse-requirements']).toEqual({ bits: '1', authentication: true });
    expect(d.fields['mechanism-name']).toEqual({ oid: '2.16.756.5.8.2.5', name: 'high-level-security-gmac' });
    // an HLS challenge is not a secret: shown
    expect(d.fields['responding-authentication-value']).toEqual({ choice: 'charstring', hex: '503677524A323146', length: 8 });
    expect(d.fields['user-information']).toMatchObject({ hex: '0800065F1F040000501F01F40007', apdu: 'InitiateResponse' });
  });

  it('never prints an LLS password', () => {
    for (const [, t] of rows.filter(([, t]) => t.flags.includes('Password'))) {
      const text = JSON.stringify(decoder.decode(hexToBytes(t.hex!), {}));
      // the passwords "12345678" and "secret", as text or as hex (the hex of an invocation counter 0x01234567 followed
      // by 0x80 contains the digits 12345678, so the text form is matched as a JSON string)
      for (const secret of ['"12345678"', '3132333435363738', 'secret', '736563726574']) expect(text).not.toContain(secret);
      expect(text).toContain('"redacted":true');
    }
  });

  it('shows the security header of a ciphered initiate without deciphering it', () => {
    const n = nestedApduJson(hexToBytes('281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893'));
    expect(n.apdu).toBe('glo-InitiateResponse');
    expect(n.envelope).toEqual({
      'security-control': { value: 0x30, 'security-suite': 0, authentication: true, encryption: true, 'key-set': 'unicast', compression: false },
      'invocation-counter': 0x01234567,
      'ciphered-content': '891214A0845E475714383F65BC19745CA235906525E4F3E1C893',
    });
    expect(n.error).toBeUndefined();
  });

  it('uses the apdu codec for plain xDLMS APDUs when it is present, and falls back to hex', () => {
    const n = nestedApduJson(hexToBytes('0E010601'));
    expect(n).toMatchObject({ hex: '0E010601', length: 4, apdu: 'ConfirmedServiceError' });
    if (apduModule()) expect(n.decoded).toBeDefined();
    else expect(n.decoded).toBeUndefined();
  });

  it('reports decoding errors with offsets and a BER tree of what it could read', () => {
    const d = run('601DA109060760857405080101BE10040F01000000065F1F0400007E1F04B0');
    check(d);
    expect(d.apdu).toBeNull();
    expect(d.errors).toEqual([expect.objectContaining({ code: 'bad-length', offset: 16 })]);
    expect(d.tlv).toEqual([expect.objectContaining({ offset: 0, tag: '60', length: 29 })]);
  });

  it('keeps COSEM deviations as warnings, or errors with strict', () => {
    const hex = '6117A109060760857405080101A203020101A305A10302010D';
    expect(run(hex).warnings.map((w) => w.code)).toEqual(['missing-user-information']);
    expect(run(hex).errors).toEqual([]);
    expect(run(hex, true).errors.map((e) => e.code)).toEqual(['missing-user-information']);
  });

  it('decodes every vector to a schema-valid document with the expected errors', () => {
    for (const [, t] of rows) {
      const d = run(t.hex!);
      check(d);
      if (t.result === 'invalid') {
        expect(d.errors.map((e) => [e.code, e.offset])).toEqual([[t.error, (t.expected as { offset: number }).offset]]);
      } else {
        expect(d.errors).toEqual([]);
      }
    }
  });

  it('never throws and always matches its schema', () => {
    const golden = rows.map(([, t]) => hexToBytes(t.hex!));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.nat({ max: golden.length - 1 }), mutationArb).map(([i, m]) => mutate(golden[i]!, m)), fc.uint8Array({ maxLength: 100 })), (b) => {
        check(decoder.decode(b, {}));
      }),
      fcOpts,
    );
  });
});
