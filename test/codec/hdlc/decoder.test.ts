/** `meterproof decode hdlc`: JSON shape (validated by its schema), nested APDUs, damaged frames, never throws. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { hexToBytes, concatBytes } from '../../../harness/codec/bytes.ts';
import { loadDecoder } from '../../../harness/codec/decoder.ts';
import { decoder } from '../../../harness/codec/hdlc/decoder.ts';
import { hdlcClientAddress, hdlcFrameEncode, hdlcLlcEncode, hdlcServerAddress } from '../../../harness/codec/hdlc/index.ts';
import { mutate, mutationArb } from './mutate.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
const check = (doc: unknown): void => {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors).toEqual([]);
};
type Doc = { errors: Array<{ code: string; offset?: number }>; warnings: Array<{ code: string }>; frames: Array<Record<string, any>>; apdus: Array<Record<string, any>> };
const run = (hex: string, strict = false): Doc => decoder.decode(hexToBytes(hex), { strict }) as unknown as Doc;
const rows = vectorRows(loadVectors('hdlc'));

describe('hdlc decoder', () => {
  it('is what loadDecoder("hdlc") returns', async () => {
    expect((await loadDecoder('hdlc')).layer).toBe('hdlc');
  });

  it('shows the SNRM of the KSMW digest with IEC 62056-46 field names', () => {
    const d = run('7EA0070321930F017E');
    check(d);
    expect(d.errors).toEqual([]);
    expect(d.frames).toHaveLength(1);
    const f = d.frames[0]!;
    expect(f['frame-format']).toEqual({ type: 10, segmentation: false, 'frame-length': 7 });
    expect(f['destination-address']).toMatchObject({ hex: '03', size: 1, upper: 1 });
    expect(f['source-address']).toMatchObject({ hex: '21', upper: 16, names: { 'as-client': 'public-client' } });
    expect(f.control).toEqual({ hex: '93', frame: 'SNRM', 'poll-final': true });
    expect(f.fcs).toBe('0F01');
    expect(f.hcs).toBeUndefined();
  });

  it('decodes the AARQ inside an I frame through the acse decoder', () => {
    const d = run('7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFFC5E47E');
    check(d);
    const info = d.frames[0]!.information;
    expect(info.llc).toBe('command');
    expect(info.apdu.apdu).toBe('AARQ');
    expect(info.apdu.decoded.fields['application-context-name'].name).toBe('logical-name-referencing-no-ciphering');
  });

  it('lists the UA parameters by name', () => {
    const d = run('7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E');
    check(d);
    expect(d.frames[0]!.information.parameters[0]).toEqual({ id: 5, name: 'maximum-information-field-length-transmit', value: 154, size: 1 });
  });

  it('reassembles an APDU segmented over three I frames', () => {
    const apdu = hexToBytes('601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0');
    const info = hdlcLlcEncode(apdu, 'command');
    const parts = [info.subarray(0, 12), info.subarray(12, 24), info.subarray(24)];
    const frames = parts.map((p, i) =>
      hdlcFrameEncode({ segmented: i < 2, destination: hdlcServerAddress(1), source: hdlcClientAddress(16), control: { type: 'I', ns: i, nr: 0, pf: i === 2 }, info: p }),
    );
    const d = decoder.decode(concatBytes(...frames), {}) as unknown as Doc;
    check(d);
    expect(d.errors).toEqual([]);
    expect(d.apdus).toHaveLength(1);
    expect(d.apdus[0]!.frames).toEqual([0, 1, 2]);
    expect(d.apdus[0]!.llc).toBe('command');
    expect(d.apdus[0]!.apdu).toBe('AARQ');
    expect(d.frames.every((f) => f.information.apdu === undefined)).toBe(true);
  });

  it('warns when neither address can be the one-octet client address (CTT HDLC_ADDRESS_N1 stimulus)', () => {
    const d = run('7EA00B0002040100219361807E');
    check(d);
    expect(d.errors).toEqual([]);
    expect(d.warnings.map((w) => w.code)).toEqual(['no-client-address']);
  });

  it('warns about a segmented APDU that never ends', () => {
    const f = hdlcFrameEncode({ segmented: true, destination: hdlcServerAddress(1), source: hdlcClientAddress(16), control: { type: 'I', ns: 0, nr: 0, pf: false }, info: hexToBytes('E6E600C0') });
    const d = decoder.decode(f, {}) as unknown as Doc;
    expect(d.warnings.map((w) => w.code)).toEqual(['incomplete-segmentation']);
    expect((decoder.decode(f, { strict: true }) as unknown as Doc).errors.map((w) => w.code)).toEqual(['incomplete-segmentation']);
  });

  it('shows a frame with a bad FCS as invalid, with the error at the FCS offset', () => {
    const d = run('0000' + '7EA0070321930E017E');
    check(d);
    expect(d.errors).toEqual([
      expect.objectContaining({ code: 'missing-flag', offset: 0 }),
      expect.objectContaining({ code: 'bad-fcs', offset: 2 + 6 }),
    ]);
    expect(d.frames).toHaveLength(1);
    expect(d.frames[0]!.valid).toBe(false);
    expect(d.frames[0]!.control.frame).toBe('SNRM');
  });

  it('reports the typed error of every invalid vector and still validates', () => {
    for (const [, t] of rows.filter(([, t]) => t.result === 'invalid')) {
      const d = run(t.hex!);
      check(d);
      expect(d.errors.length, t.comment).toBeGreaterThan(0);
      expect(d.errors.every((e) => typeof e.offset === 'number')).toBe(true);
    }
  });

  it('decodes every valid vector without errors and validates', () => {
    for (const [, t] of rows.filter(([, t]) => t.result === 'valid' && !t.flags.includes('stream'))) {
      const d = run(t.hex!);
      check(d);
      expect(d.errors, t.comment).toEqual([]);
      expect(d.frames).toHaveLength(1);
    }
  });

  it('never throws and always matches its schema on mutated vectors and random octets', () => {
    const golden = rows.map(([, t]) => hexToBytes(t.hex!));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.nat({ max: golden.length - 1 }), mutationArb).map(([i, m]) => mutate(golden[i]!, m)), fc.uint8Array({ maxLength: 200 })), (b) => {
        check(decoder.decode(b, {}));
      }),
      fcOpts,
    );
  });
});
