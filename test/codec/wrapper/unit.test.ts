/** Wrapper header fields, limits, the stream state machine and the decoder document. */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { loadDecoder } from '../../../harness/codec/decoder.ts';
import {
  WrapperError,
  wrapperDecode,
  wrapperEncode,
  wrapperReassembler,
  wrapperStreamInit,
  wrapperStreamPush,
  wrapperWPortNames,
} from '../../../harness/codec/wrapper/index.ts';
import { decoder } from '../../../harness/codec/wrapper/decoder.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { mutate, mutationArb } from '../hdlc/mutate.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof WrapperError ? e.code : `not a WrapperError: ${String(e)}`;
  }
  return undefined;
}

describe('wrapper PDU', () => {
  it('lays out version, source wPort, destination wPort, length big-endian (IEC 62056-47)', () => {
    expect(bytesToHex(wrapperEncode({ srcWPort: 0x10, dstWPort: 0x01, apdu: hexToBytes('C001') }))).toBe('0001001000010002C001');
    expect(bytesToHex(wrapperEncode({ srcWPort: 0xabcd, dstWPort: 0x1234, apdu: new Uint8Array(0x0102) }).subarray(0, 8))).toBe('0001ABCD12340102');
  });
  it('carries the largest APDU the length field allows, and no larger', () => {
    const big = new Uint8Array(0xffff).fill(7);
    const b = wrapperEncode({ srcWPort: 1, dstWPort: 2, apdu: big });
    expect(bytesToHex(b.subarray(6, 8))).toBe('FFFF');
    expect(wrapperDecode(b).apdu.length).toBe(0xffff);
    expect(codeOf(() => wrapperEncode({ srcWPort: 1, dstWPort: 2, apdu: new Uint8Array(0x10000) }))).toBe('too-long');
  });
  it('refuses wPorts and versions that do not fit 16 bits', () => {
    expect(codeOf(() => wrapperEncode({ srcWPort: 0x10000, dstWPort: 1, apdu: new Uint8Array(0) }))).toBe('bad-value');
    expect(codeOf(() => wrapperEncode({ srcWPort: 1, dstWPort: -1, apdu: new Uint8Array(0) }))).toBe('bad-value');
    expect(codeOf(() => wrapperEncode({ version: 1.5, srcWPort: 1, dstWPort: 1, apdu: new Uint8Array(0) }))).toBe('bad-value');
  });
  it('names reserved wPorts for both roles (Green Book)', () => {
    expect(wrapperWPortNames(0x10)).toEqual({ client: 'public-client' });
    expect(wrapperWPortNames(0x01)).toEqual({ client: 'client-management-process', server: 'management-logical-device' });
    expect(wrapperWPortNames(0x7f)).toEqual({ server: 'all-station' });
    expect(wrapperWPortNames(0x66)).toEqual({});
  });
});

describe('TCP stream state machine', () => {
  const aarq = wrapperEncode({ srcWPort: 0x10, dstWPort: 1, apdu: hexToBytes('601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0') });
  it('is pure: pushing the same chunk on the same state gives the same result, and the state is not modified', () => {
    const s0 = wrapperStreamInit();
    const a = wrapperStreamPush(s0, aarq.subarray(0, 10));
    const b = wrapperStreamPush(s0, aarq.subarray(0, 10));
    expect(a).toEqual(b);
    expect(s0).toEqual(wrapperStreamInit());
    expect(wrapperStreamPush(a.state, aarq.subarray(10)).pdus).toHaveLength(1);
  });
  it('judges the version from the first two octets, before the rest of the header arrives', () => {
    expect(wrapperStreamPush(wrapperStreamInit(), hexToBytes('01')).error?.code).toBe('bad-version');
    expect(wrapperStreamPush(wrapperStreamInit(), hexToBytes('0002')).error?.code).toBe('bad-version');
    const ok = wrapperStreamPush(wrapperStreamInit(), hexToBytes('0001'));
    expect(ok.error).toBeUndefined();
    expect(ok.state.buffer.length).toBe(2);
  });
  it('rejects a length above the configured maximum as soon as the header is complete', () => {
    const e = wrapperStreamPush(wrapperStreamInit(), aarq.subarray(0, 8), { maxLength: 16 }).error;
    expect(e).toBeInstanceOf(WrapperError);
    expect(e?.code).toBe('too-long');
    expect(e?.offset).toBe(6);
  });
  it('stays failed after a bad header', () => {
    const r = wrapperReassembler();
    expect(codeOf(() => r.push(hexToBytes('0002')))).toBe('bad-version');
    expect(r.error()?.code).toBe('bad-version');
    expect(codeOf(() => r.push(aarq))).toBe('stream-failed');
    expect(codeOf(() => r.end())).toBe('stream-failed');
    const s = wrapperStreamPush(wrapperStreamInit(), hexToBytes('0002')).state;
    expect(wrapperStreamPush(s, aarq).error?.code).toBe('stream-failed');
  });
  it('returns the PDUs completed before a bad header and throws on the next call', () => {
    const r = wrapperReassembler();
    expect(r.push(Uint8Array.from([...aarq, 0x00, 0x02]))).toHaveLength(1);
    expect(r.error()?.code).toBe('bad-version');
    expect(codeOf(() => r.push(new Uint8Array(0)))).toBe('bad-version');
    expect(codeOf(() => r.end())).toBe('stream-failed');
  });
  it('never buffers more than one PDU', () => {
    const r = wrapperReassembler({ maxLength: 64 });
    const stream = new Uint8Array(aarq.length * 50);
    for (let i = 0; i < 50; i++) stream.set(aarq, i * aarq.length);
    let n = 0;
    for (let i = 0; i < stream.length; i += 7) {
      n += r.push(stream.subarray(i, i + 7)).length;
      expect(r.buffered()).toBeLessThan(8 + 64);
    }
    expect(n).toBe(50);
  });
  it('in resync mode skips a bad header and reports the skipped octets', () => {
    const r = wrapperReassembler({ resync: true });
    const got = r.push(Uint8Array.from([0x02, 0x03, ...aarq, 0xff, ...aarq]));
    r.end();
    expect(got.map((p) => p.offset)).toEqual([2, 2 + aarq.length + 1]);
    expect(r.garbage).toEqual([
      { offset: 0, length: 2, code: 'bad-version' },
      { offset: 2 + aarq.length, length: 1, code: 'bad-version' },
    ]);
  });
});

describe('wrapper decoder', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
  const check = (doc: unknown): void => {
    const ok = validate(doc);
    expect(ok ? [] : validate.errors).toEqual([]);
  };
  type Doc = { errors: Array<{ code: string; offset?: number }>; warnings: Array<{ code: string }>; pdus: Array<Record<string, any>> };
  const rows = vectorRows(loadVectors('wrapper'));

  it('is what loadDecoder("wrapper") returns', async () => {
    expect((await loadDecoder('wrapper')).layer).toBe('wrapper');
  });
  it('shows the header and the AARQ inside', () => {
    const d = decoder.decode(hexToBytes(rows[0]![1].hex!), {}) as unknown as Doc;
    check(d);
    expect(d.pdus[0]).toMatchObject({
      offset: 0,
      version: 1,
      'source-wport': { value: 16, names: { client: 'public-client' } },
      'destination-wport': { value: 1 },
      length: 31,
      apdu: { apdu: 'AARQ' },
    });
  });
  it('reports every invalid vector with its code and offset', () => {
    for (const [, t] of rows.filter(([, t]) => t.result === 'invalid' && !t.params)) {
      const d = decoder.decode(hexToBytes(t.hex!), {}) as unknown as Doc;
      check(d);
      expect(d.errors[0], t.comment).toMatchObject({ code: t.error, offset: (t.expected as { offset: number }).offset });
    }
  });
  it('warns about an empty APDU (an error with strict)', () => {
    const b = hexToBytes('0001001000010000');
    expect((decoder.decode(b, {}) as unknown as Doc).warnings.map((w) => w.code)).toEqual(['empty-apdu']);
    expect((decoder.decode(b, { strict: true }) as unknown as Doc).errors.map((w) => w.code)).toEqual(['empty-apdu']);
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
