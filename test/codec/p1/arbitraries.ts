/**
 * fast-check generators of P1 telegrams for the property tests. Every generated value carries its
 * expected decoding, computed here from the generator's own inputs (never by the codec).
 */
import fc from 'fast-check';

export type Kind = 'number' | 'timestamp' | 'string' | 'hex-text' | 'obis' | 'empty';
export interface GenValue { raw: string; kind: Kind; value: number | string | null; unit: string | null }
export interface GenObject { obis: string; values: GenValue[] }
export interface GenTelegram { header: string; objects: GenObject[] }

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** A decimal number as a meter writes it, with its numeric value. */
export const numberText = fc
  .tuple(fc.constantFrom('', '', '', '-'), digits(1, 10), fc.option(digits(1, 4), { nil: undefined }))
  .map(([sign, i, f]) => ({ text: `${sign}${i}${f !== undefined ? `.${f}` : ''}`, value: Number(`${sign}${i}${f !== undefined ? `.${f}` : ''}`) }));

const unitArb = fc.constantFrom('kWh', 'kW', 'A', 'V', 'm3', 's', 'kvarh', 'kvar', 'kVA', 'GJ', 'Hz');

export const numberWithUnit: fc.Arbitrary<GenValue> = fc.tuple(numberText, unitArb).map(([n, u]) => ({ raw: `${n.text}*${u}`, kind: 'number', value: n.value, unit: u }));

/** TST YYMMDDhhmmssX with its ISO-8601 form (W → +01:00, S → +02:00), days limited to 1..28. */
export const tst: fc.Arbitrary<GenValue> = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('S', 'W'))
  .map(([y, mo, d, h, mi, s, x]) => ({
    raw: `${pad(y)}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}${pad(s)}${x}`,
    kind: 'timestamp',
    value: `20${pad(y)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${x === 'W' ? '+01:00' : '+02:00'}`,
    unit: null,
  }));

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
export const hexText: fc.Arbitrary<GenValue> = printable.map((t) => ({
  raw: Array.from(t, (c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join(''),
  kind: t === '' ? 'empty' : 'hex-text',
  value: t === '' ? null : t,
  unit: null,
}));

/** Strings that cannot be read as a number, time stamp or OBIS id (they start with a letter, carry no '*'). */
const plainString: fc.Arbitrary<GenValue> = fc
  .tuple(fc.constantFrom(...'abcxyzKLM'), fc.string({ unit: fc.constantFrom(...'abcdefXYZ0123456789 .-_:'), maxLength: 20 }))
  .map(([a, b]) => ({ raw: a + b, kind: 'string', value: a + b, unit: null }));
const digitString: fc.Arbitrary<GenValue> = digits(1, 11).map((d) => ({ raw: d, kind: 'string', value: d, unit: null }));
const emptyValue: fc.Arbitrary<GenValue> = fc.constant({ raw: '', kind: 'empty', value: null, unit: null });

const byte = fc.integer({ min: 0, max: 255 });
const obisOf = (a: number, b: number, c: number, d: number, e: number) => `${a}-${b}:${c}.${d}.${e}`;
const obisValue: fc.Arbitrary<GenValue> = fc.tuple(byte, byte, byte, byte, byte).map((p) => {
  const o = obisOf(...p);
  return { raw: o, kind: 'obis', value: o, unit: null };
});

/** Objects outside the typing table (A ≥ 2): typed by the shape of each value. */
const unknownObject: fc.Arbitrary<GenObject> = fc
  .tuple(fc.integer({ min: 2, max: 255 }), byte, byte, byte, byte,
    fc.array(fc.oneof(numberWithUnit, tst, plainString, digitString, emptyValue, obisValue), { minLength: 1, maxLength: 4 }))
  .map(([a, b, c, d, e, values]) => ({ obis: obisOf(a, b, c, d, e), values }));

const counter = fc.tuple(fc.constantFrom('0-0:96.7.21', '0-0:96.7.9', '1-0:32.32.0', '1-0:72.36.0', '0-1:24.1.0', '0-0:96.3.10'), digits(1, 5))
  .map(([obis, d]): GenObject => ({ obis, values: [{ raw: d, kind: 'number', value: Number(d), unit: null }] }));
const energy = fc.tuple(fc.constantFrom('1-0:1.8.1', '1-0:2.8.2', '1-0:1.7.0', '1-0:32.7.0', '1-0:31.7.0', '1-1:31.4.0', '0-0:17.0.0'), fc.array(numberWithUnit, { minLength: 1, maxLength: 2 }))
  .map(([obis, values]): GenObject => ({ obis, values }));
const clock = tst.map((v): GenObject => ({ obis: '0-0:1.0.0', values: [v] }));
const version = digits(2, 2).map((d): GenObject => ({ obis: '1-3:0.2.8', values: [{ raw: d, kind: 'string', value: d, unit: null }] }));
const tariff = digits(4, 4).map((d): GenObject => ({ obis: '0-0:96.14.0', values: [{ raw: d, kind: 'string', value: d, unit: null }] }));
const text = fc.tuple(fc.constantFrom('0-0:96.13.0', '0-0:96.13.1', '0-0:96.1.1', '0-2:96.1.0', '0-0:42.0.0'), hexText).map(([obis, v]): GenObject => ({ obis, values: [v] }));
const mbus = fc.tuple(fc.integer({ min: 1, max: 4 }), tst, numberWithUnit).map(([ch, t, v]): GenObject => ({ obis: `0-${ch}:24.2.1`, values: [t, v] }));
const pfl = fc.array(fc.tuple(tst, digits(10, 10)), { maxLength: 10 }).map((pairs): GenObject => ({
  obis: '1-0:99.97.0',
  values: [
    { raw: String(pairs.length), kind: 'number', value: pairs.length, unit: null },
    { raw: '0-0:96.7.19', kind: 'obis', value: '0-0:96.7.19', unit: null },
    ...pairs.flatMap(([t, d]): GenValue[] => [t, { raw: `${d}*s`, kind: 'number', value: Number(d), unit: 's' }]),
  ],
}));

export const objectArb: fc.Arbitrary<GenObject> = fc.oneof(unknownObject, counter, energy, clock, version, tariff, text, mbus, pfl);

export const headerArb = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 3, maxLength: 3 }), fc.constantFrom(...'0123456789'),
    fc.string({ unit: fc.constantFrom(...'ABCXYZabc0123456789\\-_. '), minLength: 1, maxLength: 24 }))
  .map(([flag, baud, ident]) => `/${flag}${baud}${ident}`);

export const telegramArb: fc.Arbitrary<GenTelegram> = fc.record({ header: headerArb, objects: fc.array(objectArb, { maxLength: 40 }) });
