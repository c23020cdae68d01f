/** Application layer: record build/decode identity, golden re-encoding, mutation robustness, strictness, decryption paths. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../../helpers/fc.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { hexToBytes, bytesToHex } from '../../../harness/codec/bytes.ts';
import {
  MbusError, mbusRecordBuild, mbusRecordBytes, mbusRecordEncode, mbusAppDecode, mbusAppEncode, mbusAppToJson, mbusTelegramDecode, mbusTelegramEncode,
  mbusFrameEncode, mbusFrameDecode, mbusCryptoReady, mbusRecordsParse, mbusDibEncode,
} from '../../../harness/codec/mbus/index.ts';
import type { MbusRecordSpec, MbusFunction } from '../../../harness/codec/mbus/index.ts';
import { nodeDecrypt } from './helpers.ts';

const UK = hexToBytes('000102030405060708090A0B0C0D0E0F');
const NET = { manufacturer: 'NET', id: '23456789', version: 0x42, medium: 3 };
const file = loadVectors('mbus');
const hexOf = (kind: string) => file.groups.filter((g) => (g.params as { kind: string }).kind === kind).flatMap((g) => g.tests.map((t) => hexToBytes(t.hex!)));
const goldenFrames = hexOf('frame');
const goldenApps = [...hexOf('app'), ...goldenFrames.filter((b) => b[0] === 0x68 && b.length > 9).map((b) => b.subarray(6, b.length - 2))];
const goldenRecords = hexOf('records');

const SIZE: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 6: 6, 7: 8 };
const BCD_DIGITS: Record<number, number> = { 9: 2, 0xa: 4, 0xb: 6, 0xc: 8, 0xe: 12 };
const norm = (v: bigint): number | string => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

const dibArb = fc.record({
  function: fc.constantFrom<MbusFunction>('instantaneous', 'maximum', 'minimum', 'error'),
  storage: fc.integer({ min: 0, max: 2 ** 41 - 1 }),
  tariff: fc.integer({ min: 0, max: 2 ** 20 - 1 }),
  subunit: fc.integer({ min: 0, max: 1023 }),
});
const numericVif = fc.constantFrom(0x03, 0x0f, 0x13, 0x14, 0x2b, 0x5a, 0x67);
/** [spec without DIB, expected raw] */
const valueArb: fc.Arbitrary<[Omit<MbusRecordSpec, 'function' | 'storage' | 'tariff' | 'subunit'>, unknown]> = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 6, 7).chain((df) => {
    const bits = BigInt(8 * SIZE[df]!);
    return fc.tuple(numericVif, fc.bigInt(-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n)).map(([vif, v]) => [{ dataField: df, vif, value: v }, norm(v)] as [MbusRecordSpec, unknown]);
  }),
  fc.constantFrom(9, 0xa, 0xb, 0xc, 0xe).chain((df) => {
    const d = BigInt(BCD_DIGITS[df]!);
    return fc.tuple(numericVif, fc.bigInt(-(10n ** (d - 1n)) + 1n, 10n ** d - 1n)).map(([vif, v]) => [{ dataField: df, vif, value: v }, norm(v)] as [MbusRecordSpec, unknown]);
  }),
  fc.tuple(numericVif, fc.float({ noNaN: true, noDefaultInfinity: true })).map(([vif, v]) => [{ dataField: 5, vif, value: v }, Math.fround(v)] as [MbusRecordSpec, unknown]),
  fc.array(fc.integer({ min: 32, max: 126 }), { maxLength: 60 }).map((cs) => String.fromCharCode(...cs)).map((s) => [{ dataField: 0xd, vif: 0x78, value: s }, s] as [MbusRecordSpec, unknown]),
  fc.tuple(numericVif, fc.bigInt(-(10n ** 18n) + 1n, 10n ** 18n - 1n)).map(([vif, v]) => [{ dataField: 0xd, vif, value: v }, norm(v)] as [MbusRecordSpec, unknown]),
  fc.tuple(fc.constantFrom(0, 8), numericVif).map(([df, vif]) => [{ dataField: df, vif }, null] as [MbusRecordSpec, unknown]),
);

describe('records built from values', () => {
  it('property: decode(build(spec)) gives back the DIB fields and the raw value; bytes are stable', () => {
    fc.assert(fc.property(dibArb, valueArb, (dib, [spec, raw]) => {
      const full: MbusRecordSpec = { ...spec, ...dib };
      const rec = mbusRecordBuild(full);
      expect({ storage: rec.storage, tariff: rec.tariff, subunit: rec.subunit, function: rec.function }).toEqual(dib);
      expect(rec.dataField).toBe(spec.dataField);
      if (typeof raw === 'number' && Number.isNaN(raw)) throw new Error('unreachable');
      // A 32-bit real keeps its sign bit: -0 is sent as 80000000h and must come back as -0.
      expect(rec.raw).toEqual(raw);
      if (typeof rec.raw === 'number' && rec.info.hint === 'number' && spec.dataField !== 5) expect(rec.value).toBe(Number(`${rec.raw}e${rec.info.exponent}`));
      expect(bytesToHex(mbusRecordEncode(rec))).toBe(bytesToHex(mbusRecordBytes(full)));
    }), fcOpts);
  });
  it('the DIB uses the shortest DIFE chain (DSMR cold energy CC 40, storage bit only 4C)', () => {
    expect(mbusDibEncode({ dataField: 0xc, storage: 1, subunit: 1 })).toEqual([0xcc, 0x40]);
    expect(mbusDibEncode({ dataField: 0xc, storage: 1 })).toEqual([0x4c]);
    expect(() => mbusDibEncode({ dataField: 4, storage: 2 ** 42 })).toThrow(MbusError);
  });
  it('values outside the coding are refused with a typed error', () => {
    expect(() => mbusRecordBytes({ dataField: 9, vif: 0x13, value: 100 })).toThrow(MbusError);
    expect(() => mbusRecordBytes({ dataField: 1, vif: 0x13, value: 256 })).toThrow(MbusError);
    expect(() => mbusRecordBytes({ dataField: 4, vif: 0x13, value: 1.5 })).toThrow(MbusError);
  });
});

describe('golden bytes', () => {
  it('property: encode(decode(b)) = b for every golden frame and application layer', () => {
    fc.assert(fc.property(fc.constantFrom(...goldenApps), (b) => {
      expect(bytesToHex(mbusAppEncode(mbusAppDecode(b, { key: UK, link: NET, decrypt: nodeDecrypt })))).toBe(bytesToHex(b));
    }), { ...fcOpts, numRuns: Math.min(fcOpts.numRuns, goldenApps.length * 4) });
    for (const b of goldenFrames) {
      try {
        const t = mbusTelegramDecode(b, { key: UK, link: NET, decrypt: nodeDecrypt });
        expect(bytesToHex(mbusTelegramEncode(t))).toBe(bytesToHex(b));
      } catch (e) {
        expect(e).toBeInstanceOf(MbusError);
      }
    }
  });
});

const mutation = (corpus: Uint8Array[]) => fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 6 }), fc.integer({ min: 0, max: 3 })).map(([b, i, j, ins, op]) => {
  const at = b.length ? i % b.length : 0;
  if (op === 0 && b.length) { const m = b.slice(); m[at] ^= 1 + (j % 255); return m; }
  if (op === 1) return Uint8Array.from([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
  if (op === 2) return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + (j % 8))]);
  return b.slice(0, at);
});

describe('mutations of golden vectors', () => {
  it('property: a mutated frame is rejected with MbusError or decodes and re-encodes to the same bytes', () => {
    fc.assert(fc.property(mutation(goldenFrames), (m) => {
      try {
        const t = mbusTelegramDecode(m, { key: UK, link: NET, decrypt: nodeDecrypt });
        expect(bytesToHex(mbusTelegramEncode(t))).toBe(bytesToHex(m));
      } catch (e) {
        expect(e).toBeInstanceOf(MbusError);
        expect(Number.isInteger((e as MbusError).offset)).toBe(true);
      }
    }), fcOpts);
  });
  it('property: mutated application bytes in a correctly framed telegram never throw and re-encode byte for byte', () => {
    fc.assert(fc.property(mutation(goldenApps).filter((m) => m.length >= 1 && m.length <= 253), fc.boolean(), (m, strict) => {
      const frame = mbusFrameEncode(m.length > 1 ? { format: 'long', c: 0x08, a: 1, ci: m[0]!, data: m.subarray(1) } : { format: 'control', c: 0x08, a: 1, ci: m[0]! });
      const t = mbusTelegramDecode(frame, { key: UK, link: NET, decrypt: nodeDecrypt, strict });
      expect(bytesToHex(mbusTelegramEncode(t))).toBe(bytesToHex(frame));
      const json = mbusAppToJson(t.app!) as { errors: { code: string; offset: number }[] };
      for (const e of json.errors) expect(Number.isInteger(e.offset)).toBe(true);
      if (strict) expect((json as unknown as { warnings: unknown[] }).warnings).toEqual([]);
      JSON.stringify(json);
    }), fcOpts);
  });
  it('property: mutated records are parsed without throwing; a structural fault keeps the rest for re-encoding', () => {
    fc.assert(fc.property(mutation(goldenRecords), (m) => {
      const r = mbusRecordsParse(m, 0, m.length, { toDevice: false });
      const back = [...r.records.map(mbusRecordEncode), ...(r.manufacturerData ? [mbusRecordEncode(r.manufacturerData)] : []), r.rest ?? new Uint8Array(0)];
      expect(bytesToHex(Uint8Array.from(back.flatMap((x) => [...x])))).toBe(bytesToHex(m));
      if (r.fatal) expect(r.fatal).toBeInstanceOf(MbusError);
    }), fcOpts);
  });
  it('property: arbitrary application bytes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
      const app = mbusAppDecode(b, { key: UK, decrypt: nodeDecrypt });
      if (b.length) expect(bytesToHex(mbusAppEncode(app))).toBe(bytesToHex(b));
      expect(() => JSON.stringify(mbusAppToJson(app))).not.toThrow();
    }), fcOpts);
  });
});

describe('strictness and keys', () => {
  it('an unknown VIF is a warning, and an error in strict mode', () => {
    const b = hexToBytes('7A01000000016F05');
    expect(mbusAppDecode(b).warnings.map((w) => w.code)).toEqual(['unknown-vif']);
    const s = mbusAppDecode(b, { strict: true });
    expect(s.errors.map((w) => w.code)).toEqual(['unknown-vif']);
    expect(s.warnings).toEqual([]);
    expect((mbusAppToJson(s).records as { raw: unknown }[])[0]!.raw).toBe(5);
  });
  it('neither the key nor the wrapped key bytes appear in the decoded JSON', () => {
    const b11 = hexToBytes('68191968530151 07FD1903E0EED1F68E9B8F 47FD195E1372754AB79F27 8E16'.replace(/ /g, ''));
    const text = JSON.stringify(mbusAppToJson(mbusTelegramDecode(b11, { key: UK }).app!));
    for (const secret of ['03E0EED1', 'E0EE', '5E137275', '000102030405']) expect(text.toUpperCase()).not.toContain(secret);
  });
  it('the default decryption path (harness/security/mbus) agrees with node:crypto, or reports encrypted-not-decrypted', async () => {
    const ready = await mbusCryptoReady();
    const withKey = file.groups.flatMap((g) => g.tests.filter((t) => (t.params as { key?: string } | undefined)?.key && t.result !== 'invalid').map((t) => [g, t] as const));
    expect(withKey.length).toBeGreaterThan(4);
    for (const [g, t] of withKey) {
      const p = t.params as { key: string; link?: typeof NET; ivIdentity?: typeof NET };
      const bytes = hexToBytes(t.hex!);
      const app = (g.params as { kind: string }).kind === 'frame' ? bytes.subarray(6, bytes.length - 2) : bytes;
      const base = { key: hexToBytes(p.key), ...(p.link ? { link: p.link } : {}), ...(p.ivIdentity ? { ivIdentity: p.ivIdentity } : {}) };
      const viaModule = mbusAppToJson(mbusAppDecode(app, base));
      if (ready) expect(viaModule).toEqual(mbusAppToJson(mbusAppDecode(app, { ...base, decrypt: nodeDecrypt })));
      else expect((viaModule.errors as { code: string }[]).map((e) => e.code)).toContain('encrypted-not-decrypted');
    }
  });
  it('a decrypt function that throws a typed error is reported with its code', () => {
    const b = hexToBytes(file.groups.flatMap((g) => g.tests).find((t) => t.comment.includes('re-encrypted with the IV'))!.hex!);
    const app = mbusAppDecode(b.subarray(6, b.length - 2), { key: UK, decrypt: () => { throw Object.assign(new Error('no'), { code: 'blocks-mismatch' }); } });
    expect(app.errors.map((e) => e.code)).toEqual(['blocks-mismatch']);
    expect(app.encrypted?.decrypted).toBe(false);
  });
  it('frame decode rejects a bad checksum unless asked to look inside', () => {
    expect(() => mbusFrameDecode(hexToBytes('68060668530051017A052516'))).toThrow(MbusError);
    expect(mbusTelegramDecode(hexToBytes('68060668530051017A052516'), { allowBadChecksum: true }).app?.records.length).toBe(1);
  });
});
