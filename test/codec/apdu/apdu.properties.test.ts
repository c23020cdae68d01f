/** xDLMS APDU codec properties (DESIGN.md § Fuzzing), all with fcOpts. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { fcOpts } from '../../helpers/fc.ts';
import { mutate, mutationArb } from '../../helpers/mutate.ts';
import { loadVectors, vectorRows } from '../../helpers/vectors.ts';
import { bytesToHex, hexToBytes } from '../../../harness/codec/bytes.ts';
import { CodecError } from '../../../harness/codec/errors.ts';
import { ApduError, apduDecode, apduEncode, apduToJson, type Apdu } from '../../../harness/codec/apdu/index.ts';
import { decoder } from '../../../harness/codec/apdu/decoder.ts';
import { stripMarks } from '../axdr/arbitraries.ts';
import { apduArb } from './arbitraries.ts';

const rows = vectorRows(loadVectors('apdu')).map(([, t]) => t);
const canonical = rows.filter((t) => t.result === 'valid').map((t) => hexToBytes(t.hex!));
const golden = rows.filter((t) => t.result !== 'invalid').map((t) => hexToBytes(t.hex!)).filter((b) => b.length < 400);
const validateDoc = new Ajv({ allErrors: true, strict: false }).compile(decoder.schema);
const TAGS = [0x01, 0x08, 0x0e, 0x0f, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc7, 0xd8, 0xe0, 0xc8, 0xdb, 0xdd, 0xdf];

function checkDecodeContract(bytes: Uint8Array): void {
  let nonCanonical = 0;
  let a: Apdu;
  try {
    a = apduDecode(bytes, { onNonCanonical: () => { nonCanonical++; } });
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    expect(e).toBeInstanceOf(ApduError);
    expect(Number.isInteger((e as ApduError).offset)).toBe(true);
    return;
  }
  const re = apduEncode(a);
  expect(apduDecode(re)).toEqual(stripMarks(a));
  if (nonCanonical === 0) expect(bytesToHex(re)).toBe(bytesToHex(bytes));
  expect(() => JSON.stringify(apduToJson(a))).not.toThrow();
}

describe('apdu properties', () => {
  it('decode(encode(x)) = x for generated APDUs of every variant (Data included)', () => {
    fc.assert(fc.property(apduArb, (a) => {
      expect(apduDecode(apduEncode(a), { strict: true })).toEqual(a);
    }), fcOpts);
  });

  it('encode(decode(b)) = b for the canonical golden vectors', () => {
    fc.assert(fc.property(fc.constantFrom(...canonical), (b) => {
      expect(bytesToHex(apduEncode(apduDecode(b)))).toBe(bytesToHex(b));
    }), fcOpts);
  });

  it('mutations of golden vectors: ApduError or an APDU that re-encodes (exactly, when canonical)', () => {
    fc.assert(fc.property(fc.constantFrom(...golden), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (b, muts) => {
      checkDecodeContract(mutate(b, muts));
    }), fcOpts);
  });

  it('random bodies behind every APDU tag: ApduError or a re-encodable APDU; the document matches its schema', () => {
    fc.assert(fc.property(fc.constantFrom(...TAGS), fc.uint8Array({ maxLength: 48 }), (tag, body) => {
      const b = Uint8Array.from([tag, ...body]);
      checkDecodeContract(b);
      const doc = decoder.decode(b, {});
      expect(validateDoc(doc) ? [] : validateDoc.errors).toEqual([]);
    }), fcOpts);
  });

  it('the decoder document of any generated APDU matches the JSON Schema', () => {
    fc.assert(fc.property(apduArb, (a) => {
      const doc = decoder.decode(apduEncode(a), {});
      expect(validateDoc(doc) ? [] : validateDoc.errors).toEqual([]);
      expect(doc.apdu).not.toBeNull();
    }), fcOpts);
  });

  it('the encoder rejects values it cannot represent with ApduError', () => {
    const iip = { invokeId: 1, confirmed: true, highPriority: true };
    const bad: unknown[] = [
      { type: 'get-request-next', invokeIdAndPriority: { ...iip, invokeId: 16 }, blockNumber: 1 },
      { type: 'get-request-next', invokeIdAndPriority: iip, blockNumber: 2 ** 32 },
      { type: 'get-request-normal', invokeIdAndPriority: iip, attribute: { classId: 1, instanceId: new Uint8Array(5), attributeId: 2 } },
      { type: 'get-request-normal', invokeIdAndPriority: iip, attribute: { classId: 1, instanceId: new Uint8Array(6), attributeId: 128 } },
      { type: 'set-response-normal', invokeIdAndPriority: iip, result: 256 },
      { type: 'exception-response', stateError: 1, serviceError: 9 },
      { type: 'confirmedServiceError', service: 0, serviceError: 6, value: 1 },
      { type: 'initiateRequest', proposedDlmsVersionNumber: 6, proposedConformance: 2 ** 24, clientMaxReceivePduSize: 1200 },
      { type: 'general-block-transfer', lastBlock: true, streaming: false, window: 64, blockNumber: 1, blockNumberAck: 0, blockData: new Uint8Array(0) },
      { type: 'ciphered', tag: 0xc0, name: 'x', bytes: Uint8Array.of(0xc0) },
      { type: 'set-request-normal', invokeIdAndPriority: iip, attribute: { classId: 1, instanceId: new Uint8Array(6), attributeId: 2 }, value: { type: 'unsigned', value: 300 } },
      { type: 'no-such-apdu' },
    ];
    for (const a of bad) expect(() => apduEncode(a as Apdu)).toThrow(ApduError);
  });
});
