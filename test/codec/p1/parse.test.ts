/**
 * p1Parse / p1Serialize details the vectors do not pin: positions, input forms, options, value typing
 * (hand-computed expectations), and the serializer's options and refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  P1Error, P1_DEVIATIONS, P1_MAX_LINE, crc16Hex, p1HexText, p1ObjectType, p1Parse, p1Serialize, p1TimestampIso, p1TypeValue,
} from '../../../harness/codec/p1/index.ts';
import { loadVectors } from '../../helpers/vectors.ts';
import { crcRef, hex4 } from './crc-ref.ts';
import type { Expected } from './vectors-render.ts';

const tests = loadVectors('p1').groups.flatMap((g) => g.tests);
const T42 = tests.find((t) => t.tcId === 9)!.text!;
const tele = (lines: string[], crc?: string) => {
  const body = `${lines.join('\r\n')}\r\n!`;
  return `${body}${crc ?? hex4(crcRef(body))}\r\n`;
};

describe('deviation catalogue', () => {
  it('every deviation code is exercised by a vector', () => {
    const seen = new Set(tests.flatMap((t) => [...((t.expected as Expected | undefined)?.deviations.map((d) => d.code) ?? []), ...(t.error ? [t.error] : [])]));
    expect([...seen].sort()).toEqual(Object.keys(P1_DEVIATIONS).sort());
  });
});

describe('p1Parse positions and inputs', () => {
  it('garbage on the header line: header column, lines, offsets and garbage as in the input', () => {
    const t = p1Parse(`xx${T42}`, { mode: 'lenient' });
    expect(t.garbage).toBe('xx');
    expect(t.lines[0]).toEqual({ text: '/KFM5KAIFA-METER', eol: 'CRLF', line: 1, offset: 2 });
    expect(t.deviations.map((d) => [d.code, d.line, d.column, d.offset])).toEqual([['garbage-before-header', 1, 1, 0]]);
    expect(t.objects[0]).toMatchObject({ obis: '1-3:0.2.8', line: 3, column: 1, rawLine: '1-3:0.2.8(42)' });
  });
  it('a header that is only garbage-preceded by CR: line numbering counts a lone CR as a line break', () => {
    const t = p1Parse(`\r\r\n${T42}`, { mode: 'lenient' });
    expect(t.lines[0]!.line).toBe(3);
  });
  it('deviation positions: column of the offending group and byte offset', () => {
    const text = tele(['/ABC5id', '', '1-0:1.7.0(00.4l2*kW)']);
    const e = (() => { try { p1Parse(text); } catch (x) { return x as P1Error; } })()!;
    expect([e.code, e.line, e.column, e.offset]).toEqual(['bad-number', 3, 11, text.indexOf('00.4l2')]);
  });
  it('Uint8Array input and a JS string with characters beyond latin1 (UTF-8 encoded, then flagged bad-char)', () => {
    const bytes = Uint8Array.from(T42, (c) => c.charCodeAt(0));
    expect(p1Parse(bytes)).toEqual(p1Parse(T42));
    const body = '/ABC5id\r\n\r\n0-0:96.14.0(€)\r\n!';
    const utf8 = String.fromCharCode(...new TextEncoder().encode(body));
    const t = p1Parse(`${body}${hex4(crcRef(utf8))}`, { mode: 'lenient' });
    expect(t.crc.valid).toBe(true);
    expect(t.deviations.map((d) => d.code)).toEqual(['bad-char']);
    expect(t.objects[0]!.values[0]!.raw).toBe('\u00e2\u0082\u00ac');
  });
  it('accept lets strict mode pass the listed codes only', () => {
    const text = tests.find((t) => t.tcId === 1)!.text!;
    expect(() => p1Parse(text, { accept: ['obis-f-group'] })).toThrow(expect.objectContaining({ code: 'obis-malformed' }));
    expect(p1Parse(text, { accept: ['obis-f-group', 'obis-malformed'] }).deviations).toHaveLength(10);
  });
  it('the strict error carries every deviation and the lenient telegram', () => {
    try { p1Parse(tests.find((t) => t.tcId === 4)!.text!); } catch (e) {
      expect((e as P1Error).deviations).toHaveLength(14);
      expect((e as P1Error).telegram!.objects).toHaveLength(36);
      return;
    }
    throw new Error('expected a P1Error');
  });
  it('maxLineLength sets the line-too-long limit; the default is P1_MAX_LINE', () => {
    expect(P1_MAX_LINE).toBe(2100);
    const t = p1Parse(T42, { mode: 'lenient', maxLineLength: 100 });
    expect(t.deviations.map((d) => [d.code, d.line, d.column])).toEqual([['line-too-long', t.objects.find((o) => o.obis === '1-0:99.97.0')!.line, 101]]);
  });
  it('empty telegram (header, empty line, !CRC) is well-formed', () => {
    const t = p1Parse(tele(['/ABC5id', '']));
    expect(t.objects).toEqual([]);
  });
  it('header fields', () => {
    expect(p1Parse(T42).header).toEqual({ raw: '/KFM5KAIFA-METER', flag: 'KFM', baud: '5', ident: 'KAIFA-METER' });
  });
  it('a malformed identifier that is not five numbers has no obisParts and goes by shape', () => {
    const t = p1Parse(tele(['/ABC5id', '', 'X-1:2(12*kW)']), { mode: 'lenient' });
    expect(t.objects[0]!.obisParts).toBeUndefined();
    expect(t.objects[0]!.values[0]).toMatchObject({ kind: 'number', value: 12, unit: 'kW' });
    expect(t.deviations.map((d) => d.code)).toEqual(['obis-malformed']);
  });
  it('a group over 255 makes the identifier malformed', () => {
    expect(() => p1Parse(tele(['/ABC5id', '', '1-0:256.8.1(1*kWh)']))).toThrow(expect.objectContaining({ code: 'obis-malformed' }));
  });
});

describe('value typing (expectations computed by hand)', () => {
  it('TST → ISO with CET/CEST offset; impossible dates rejected', () => {
    expect(p1TimestampIso('200229235959W')).toBe('2020-02-29T23:59:59+01:00');
    expect(p1TimestampIso('190229120000W')).toBeNull();
    expect(p1TimestampIso('190431120000S')).toBeNull();
    expect(p1TimestampIso('190430240000S')).toBeNull();
    expect(p1TimestampIso('190430236000S')).toBeNull();
    expect(p1TimestampIso('000101000000S')).toBe('2000-01-01T00:00:00+02:00');
  });
  it('a 12-digit stamp is a time stamp only where one is expected (DSMR 2.2/3.0 gas profile)', () => {
    expect(p1TypeValue('130214150000', 'timestamp').value).toMatchObject({ kind: 'timestamp', value: '2013-02-14T15:00:00' });
    expect(p1TypeValue('130214150000', undefined).value.kind).toBe('string');
    expect(p1TypeValue('130214150000s', 'timestamp').problem?.code).toBe('bad-timestamp');
  });
  it('numbers: sign, digits and decimals as written', () => {
    expect(p1TypeValue('-040*A', undefined).value).toEqual({ raw: '-040*A', text: '-040', unit: 'A', value: -40, kind: 'number', decimals: 0, digits: 3 });
    expect(p1TypeValue('001.92*A', undefined).value).toMatchObject({ value: 1.92, decimals: 2, digits: 5 });
    expect(p1TypeValue('12*', undefined).value).toMatchObject({ kind: 'number', unit: '' });
  });
  it('electricity quantities without unit are numbers (power factor); other unknown numerics stay strings', () => {
    const t = p1Parse(tele(['/ABC5id', '', '1-0:13.7.0(0.758)', '0-0:96.50.68(0001)']));
    expect(t.objects.map((o) => [o.values[0]!.kind, o.values[0]!.value])).toEqual([['number', 0.758], ['string', '0001']]);
  });
  it('hex text: printable ASCII or UTF-8 is decoded, anything else stays as written', () => {
    expect(p1HexText('48656C6C6F')).toBe('Hello');
    expect(p1HexText('C3A9')).toBe('é');
    expect(p1HexText('0001')).toBeNull();
    expect(p1HexText('FF')).toBeNull();
    expect(p1TypeValue('AUX1030303218166', 'hex-text').value).toMatchObject({ kind: 'string', value: 'AUX1030303218166' });
  });
  it('a strong shape wins over the table (another profile of 0-0:98.1.0)', () => {
    const t = p1Parse(tele(['/ABC5id', '', '0-0:98.1.0(230801000000S)(000663.924*kWh)']));
    expect(t.objects[0]!.values.map((v) => v.kind)).toEqual(['timestamp', 'number']);
  });
  it('typing table: wildcards for channel and phase, F group ignored', () => {
    expect(p1ObjectType({ a: 0, b: 3, c: 24, d: 2, e: 3 })?.id).toBe('0-n:24.2.n');
    expect(p1ObjectType({ a: 1, b: 0, c: 52, d: 32, e: 0, f: 255 })?.id).toBe('1-0:n.32.0');
    expect(p1ObjectType({ a: 1, b: 0, c: 1, d: 8, e: 1 })).toBeUndefined();
  });
});

describe('p1Serialize', () => {
  const input = { header: 'ABC5\\id', objects: [{ obis: '1-0:1.8.1', values: ['000001.000*kWh'] }, { obis: '0-1:24.2.1', values: ['101209110000W', '00001.000*m3'] }] };
  const body = '/ABC5\\id\r\n\r\n1-0:1.8.1(000001.000*kWh)\r\n0-1:24.2.1(101209110000W)(00001.000*m3)\r\n!';
  const crc = hex4(crcRef(body));
  it('canonical output; the header may carry its / or not', () => {
    expect(p1Serialize(input)).toBe(`${body}${crc}\r\n`);
    expect(p1Serialize({ ...input, header: '/ABC5\\id' })).toBe(`${body}${crc}\r\n`);
  });
  it('options produce the deviations the simulator needs', () => {
    expect(p1Serialize(input, { crc: false })).toBe(`${body}\r\n`);
    expect(p1Serialize(input, { crc: 'lowercase', finalEol: false })).toBe(`${body}${crc.toLowerCase()}`);
    expect(p1Serialize(input, { crc: 'BEEF' })).toBe(`${body}BEEF\r\n`);
    const lf = body.replace(/\r\n/g, '\n');
    expect(p1Serialize(input, { eol: '\n' })).toBe(`${lf}${hex4(crcRef(lf))}\n`);
    const noBlank = body.replace('\r\n\r\n', '\r\n');
    expect(p1Serialize(input, { blankLineAfterHeader: false })).toBe(`${noBlank}${hex4(crcRef(noBlank))}\r\n`);
    expect(crc16Hex(crcRef(body))).toBe(crc);
  });
  it('refuses what cannot be written on one line, with a P1Error', () => {
    expect(() => p1Serialize({ header: 'A\r\nB', objects: [] })).toThrow(P1Error);
    expect(() => p1Serialize({ header: 'ABC5x', objects: [{ obis: '1-0:1.8.1', values: ['1)(2'] }] })).toThrow(expect.objectContaining({ code: 'value-syntax' }));
    expect(() => p1Serialize({ header: 'ABC5x', objects: [{ obis: '', values: ['1'] }] })).toThrow(expect.objectContaining({ code: 'obis-malformed' }));
  });
});
