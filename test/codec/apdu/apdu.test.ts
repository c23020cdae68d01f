/** xDLMS APDU codec: every vector of vectors/apdu.json through the codec and the `decode apdu` decoder. */
import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { CodecError } from '../../../harness/codec/errors.ts';
import {
  ApduError, CONFORMANCE_BITS, apduDecode, apduEncode, apduToJson, conformanceFromNames, conformanceNames, entryDescriptor, iipFromByte, iipToByte,
  longIipFromNumber, longIipToNumber, rangeDescriptor, selectiveAccessInterpret,
} from '../../../harness/codec/apdu/index.ts';
import { ciphering, decoder } from '../../../harness/codec/apdu/decoder.ts';

const file = loadVectors('apdu');
const validateDoc = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

type Params = { strictError?: string; key?: string; authKey?: string; systemTitle?: string; plain?: string } | undefined;

describe('apdu vectors', () => {
  it.each(vectorRows(file))('%s', (_name, t) => {
    const bytes = hexToBytes(t.hex!);
    const p = t.params as Params;
    const doc = decoder.decode(bytes, {});
    expect(validateDoc(doc) ? [] : validateDoc.errors).toEqual([]);
    if (t.result === 'invalid') {
      const e = thrown(() => apduDecode(bytes));
      expect(e).toBeInstanceOf(CodecError);
      expect(e).toBeInstanceOf(ApduError);
      expect((e as ApduError).code).toBe(t.error);
      expect(Number.isInteger((e as ApduError).offset)).toBe(true);
      expect((e as ApduError).offset).toBeLessThanOrEqual(bytes.length);
      expect(doc.errors.map((x) => x.code)).toContain(t.error);
      return;
    }
    const apdu = apduDecode(bytes);
    expect(apduToJson(apdu)).toEqual(t.expected);
    if (apdu.type === 'ciphered') {
      const inner = (doc.apdu as Record<string, Record<string, unknown>>)[apdu.name]!;
      expect(inner).toMatchObject((t.expected as Record<string, object>)[apdu.name]!);
    } else {
      expect(doc.apdu).toEqual(t.expected);
    }
    if (t.result === 'valid') {
      expect(bytesToHex(apduEncode(apdu))).toBe(t.hex!.toUpperCase());
      expect(apduToJson(apduDecode(bytes, { strict: true }))).toEqual(t.expected);
    } else if (p?.strictError) {
      const e = thrown(() => apduDecode(bytes, { strict: true }));
      expect((e as ApduError).code).toBe(p.strictError);
      expect(doc.errors).toMatchObject([{ code: p.strictError, severity: 'warning' }]);
    } else {
      // Accepted variants that keep their octets (reserved bits, raw BOOLEAN) re-encode exactly.
      expect(bytesToHex(apduEncode(apdu))).toBe(t.hex!.toUpperCase());
    }
  });
});

describe('apdu decoder and the security layer', () => {
  const ciphered = vectorRows(file).map(([, t]) => t).filter((t) => t.flags.includes('ciphered'));

  it.each(ciphered.map((t) => [t.comment, t] as const))('without keys: %s', (_c, t) => {
    const doc = decoder.decode(hexToBytes(t.hex!), {});
    const name = Object.keys(t.expected as object)[0]!;
    expect(doc.errors).toMatchObject([{ code: 'ciphered-not-deciphered', severity: 'warning' }]);
    expect(doc.errors[0]!.message).toContain(name);
    const body = (doc.apdu as Record<string, Record<string, unknown>>)[name]!;
    expect(body.hex).toBe(t.hex!.toUpperCase());
    if (ciphering) expect(body.envelope).toBeTypeOf('object');
    else expect(body.envelope).toBeUndefined();
  });

  const withKeys = ciphered.filter((t) => (t.params as Params)?.plain);
  it.each(withKeys.map((t) => [t.comment, t] as const))('with keys: %s', (_c, t) => {
    const p = t.params as NonNullable<Params>;
    const opts = {
      key: hexToBytes(p.key!),
      ...(p.authKey ? { authKey: hexToBytes(p.authKey) } : {}),
      ...(p.systemTitle ? { systemTitle: hexToBytes(p.systemTitle) } : {}),
    };
    const doc = decoder.decode(hexToBytes(t.hex!), opts);
    const name = Object.keys(t.expected as object)[0]!;
    const body = (doc.apdu as Record<string, Record<string, unknown>>)[name]!;
    const text = JSON.stringify(doc);
    expect(text).not.toContain(p.key!);
    if (p.authKey) expect(text).not.toContain(p.authKey);
    expect(validateDoc(doc) ? [] : validateDoc.errors).toEqual([]);
    if (!ciphering) {
      // harness/security/ciphering.ts not present yet: raw octets and a warning.
      expect(doc.errors).toMatchObject([{ code: 'ciphered-not-deciphered', severity: 'warning' }]);
      expect(body.plain).toBeUndefined();
      return;
    }
    expect(doc.errors).toEqual([]);
    expect(body.plain).toEqual(apduToJson(apduDecode(hexToBytes(p.plain!))));
  });

  it('a wrong key gives a typed error and no plaintext, and never echoes the key', () => {
    const t = withKeys[0]!;
    const wrong = hexToBytes('0F0E0D0C0B0A09080706050403020100');
    const p = t.params as NonNullable<Params>;
    const doc = decoder.decode(hexToBytes(t.hex!), { key: wrong, ...(p.authKey ? { authKey: hexToBytes(p.authKey) } : {}), ...(p.systemTitle ? { systemTitle: hexToBytes(p.systemTitle) } : {}) });
    expect(doc.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(doc)).not.toContain('0F0E0D0C0B0A0908');
    const name = Object.keys(t.expected as object)[0]!;
    expect((doc.apdu as Record<string, Record<string, unknown>>)[name]!.plain).toBeUndefined();
  });

  it('the dedicated key of an InitiateRequest never appears in the readable form', () => {
    const doc = decoder.decode(hexToBytes('01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0'), {});
    expect(JSON.stringify(doc)).not.toContain('00112233445566778899AABBCCDDEEFF');
    expect(doc.apdu).toMatchObject({ initiateRequest: { 'dedicated-key': { length: 16, redacted: true } } });
  });

  it('reports trailing bytes and still shows the APDU', () => {
    const doc = decoder.decode(hexToBytes('C501C10000'), {});
    expect(doc.apdu).toMatchObject({ 'set-response': { 'set-response-normal': { result: 'success' } } });
    expect(doc.errors).toMatchObject([{ code: 'trailing-bytes', offset: 4 }]);
  });
});

describe('invoke-id-and-priority and conformance bit fields (hand-computed octets)', () => {
  it.each([
    [0x40, { invokeId: 0, confirmed: true, highPriority: false }],
    [0x80, { invokeId: 0, confirmed: false, highPriority: true }],
    [0xc7, { invokeId: 7, confirmed: true, highPriority: true }],
    [0x0f, { invokeId: 15, confirmed: false, highPriority: false }],
    [0x71, { invokeId: 1, confirmed: true, highPriority: false, reserved: 3 }],
  ])('byte %i', (byte, fields) => {
    expect(iipFromByte(byte)).toEqual(fields);
    expect(iipToByte(fields)).toBe(byte);
  });

  it.each([
    [0x40000001, { invokeId: 1, selfDescriptive: false, breakOnError: false, confirmed: true, highPriority: false }],
    [0x80000000, { invokeId: 0, selfDescriptive: false, breakOnError: false, confirmed: false, highPriority: true }],
    [0x10000000, { invokeId: 0, selfDescriptive: true, breakOnError: false, confirmed: false, highPriority: false }],
    [0x20FFFFFF, { invokeId: 0xffffff, selfDescriptive: false, breakOnError: true, confirmed: false, highPriority: false }],
    [0x0B000002, { invokeId: 2, selfDescriptive: false, breakOnError: false, confirmed: false, highPriority: false, reserved: 11 }],
  ])('long form %i', (v, fields) => {
    expect(longIipFromNumber(v)).toEqual(fields);
    expect(longIipToNumber(fields)).toBe(v);
  });

  it('conformance bit 0 is the most significant bit of the first octet', () => {
    expect(conformanceNames(0x800000)).toEqual(['reserved-zero']);
    expect(conformanceNames(0x000001)).toEqual(['action']);
    expect(conformanceNames(0x000010)).toEqual(['get']);
    expect(conformanceFromNames(['general-protection', 'general-block-transfer', 'block-transfer-with-get-or-read', 'block-transfer-with-set-or-write',
      'multiple-references', 'data-notification', 'get', 'set', 'selective-access', 'action'])).toBe(0x601a9d);
    expect(CONFORMANCE_BITS).toHaveLength(24);
  });

  it('builds range and entry descriptors that the decoder interprets back', () => {
    const range = rangeDescriptor({
      restrictingObject: { classId: 8, logicalName: hexToBytes('0000010000FF'), attributeIndex: 2, dataIndex: 0 },
      fromValue: { type: 'octet-string', value: hexToBytes('07E10A0107000000 00FFC480'.replace(' ', '')) },
      toValue: { type: 'octet-string', value: hexToBytes('07E10A010701000000FFC480') },
    });
    const apdu = { type: 'get-request-normal' as const, invokeIdAndPriority: { invokeId: 1, confirmed: true, highPriority: true },
      attribute: { classId: 7, instanceId: hexToBytes('0100630100FF'), attributeId: 2 }, accessSelection: range };
    // The octets of the published u9n/dlms-cosem range-descriptor request (vector: GET load profile … by range).
    expect(bytesToHex(apduEncode(apdu))).toBe(
      'C001C100070100630100FF0201010204020412000809060000010000FF0F02120000090C07E10A010700000000FFC480090C07E10A010701000000FFC4800100');
    const entry = entryDescriptor({ fromEntry: 1, toEntry: 0, fromSelectedValue: 1, toSelectedValue: 0 });
    expect(selectiveAccessInterpret(entry)).toEqual({ 'entry-descriptor': { 'from-entry': 1, 'to-entry': 0, 'from-selected-value': 1, 'to-selected-value': 0 } });
    expect(selectiveAccessInterpret({ accessSelector: 1, accessParameters: { type: 'null-data' } })).toBeNull();
  });
});
