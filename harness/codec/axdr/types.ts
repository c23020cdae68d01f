/**
 * The typed value model of COSEM Data (IEC 62056-6-2 §4.1.5 common data types; Green Book `Data ::=
 * CHOICE` in the xDLMS ASN.1 module). One node = `{ type, value }`; the model round-trips bit-exactly:
 * 64-bit integers are bigint, date/time types keep their raw octets, floats keep a raw copy when they
 * are NaNs with a non-default payload, booleans keep a raw octet that is neither 0x00 nor 0x01, and a
 * utf8-string whose octets are not valid UTF-8 keeps them. Marks (`nonMinimalLength`, `nonZeroPadding`)
 * record what a lenient decode accepted; the encoder is canonical and ignores them.
 */

/** Data CHOICE tags (LN referencing). 7 (floating-point), 8, 11, 14 and 28..254 are not defined here. */
export const AXDR_TAGS = {
  'null-data': 0,
  array: 1,
  structure: 2,
  boolean: 3,
  'bit-string': 4,
  'double-long': 5,
  'double-long-unsigned': 6,
  'octet-string': 9,
  'visible-string': 10,
  'utf8-string': 12,
  bcd: 13,
  integer: 15,
  long: 16,
  unsigned: 17,
  'long-unsigned': 18,
  'compact-array': 19,
  long64: 20,
  'long64-unsigned': 21,
  enum: 22,
  float32: 23,
  float64: 24,
  'date-time': 25,
  date: 26,
  time: 27,
  'dont-care': 255,
} as const;

export type AxdrType = keyof typeof AXDR_TAGS;

export const AXDR_TYPE_BY_TAG: ReadonlyMap<number, AxdrType> = new Map(
  (Object.entries(AXDR_TAGS) as Array<[AxdrType, number]>).map(([k, v]) => [v, k]),
);

/** Integer types that fit a JS number, with their byte size and range. */
export const INT_TYPES = {
  'double-long': { size: 4, min: -0x80000000, max: 0x7fffffff },
  'double-long-unsigned': { size: 4, min: 0, max: 0xffffffff },
  bcd: { size: 1, min: 0, max: 0xff },
  integer: { size: 1, min: -0x80, max: 0x7f },
  long: { size: 2, min: -0x8000, max: 0x7fff },
  unsigned: { size: 1, min: 0, max: 0xff },
  'long-unsigned': { size: 2, min: 0, max: 0xffff },
  enum: { size: 1, min: 0, max: 0xff },
} as const;

export type IntType = keyof typeof INT_TYPES;

/** Fixed-size octet types (no length prefix): date-time 12, date 5, time 4 octets (Blue Book §4.1.6.1). */
export const FIXED_OCTET_TYPES = { 'date-time': 12, date: 5, time: 4 } as const;
export type FixedOctetType = keyof typeof FIXED_OCTET_TYPES;

export interface LengthMark {
  /** The element count / length used a longer form than needed (accepted by a lenient decode). */
  nonMinimalLength?: true;
}

export type AxdrValue =
  | { type: 'null-data' }
  | { type: 'dont-care' }
  | ({ type: 'array'; value: AxdrValue[] } & LengthMark)
  | ({ type: 'structure'; value: AxdrValue[] } & LengthMark)
  | { type: 'boolean'; value: boolean; raw?: number }
  | ({ type: 'bit-string'; value: string; nonZeroPadding?: true } & LengthMark)
  | { type: IntType; value: number }
  | { type: 'long64' | 'long64-unsigned'; value: bigint }
  | ({ type: 'octet-string'; value: Uint8Array } & LengthMark)
  | ({ type: 'visible-string'; value: string } & LengthMark)
  | ({ type: 'utf8-string'; value: string; bytes?: Uint8Array } & LengthMark)
  | { type: 'float32' | 'float64'; value: number; raw?: Uint8Array }
  | { type: FixedOctetType; value: Uint8Array }
  | ({ type: 'compact-array'; description: TypeDescription; value: AxdrValue[] } & LengthMark);

/** Simple (leaf) types allowed in a compact-array TypeDescription. */
export type SimpleType = Exclude<AxdrType, 'array' | 'structure' | 'compact-array'>;

/** Green Book `TypeDescription ::= CHOICE` used by compact-array (IEC 62056-6-2 §4.1.5 compact-array). */
export type TypeDescription =
  | { type: SimpleType }
  | { type: 'array'; count: number; element: TypeDescription }
  | ({ type: 'structure'; elements: TypeDescription[] } & LengthMark);

/** Small constructors so callers and tests can write values briefly. */
export const ax = {
  null: (): AxdrValue => ({ type: 'null-data' }),
  array: (value: AxdrValue[]): AxdrValue => ({ type: 'array', value }),
  structure: (value: AxdrValue[]): AxdrValue => ({ type: 'structure', value }),
  boolean: (value: boolean): AxdrValue => ({ type: 'boolean', value }),
  octets: (value: Uint8Array): AxdrValue => ({ type: 'octet-string', value }),
  visible: (value: string): AxdrValue => ({ type: 'visible-string', value }),
  int: (type: IntType, value: number): AxdrValue => ({ type, value }),
  unsigned: (value: number): AxdrValue => ({ type: 'unsigned', value }),
  longUnsigned: (value: number): AxdrValue => ({ type: 'long-unsigned', value }),
  doubleLongUnsigned: (value: number): AxdrValue => ({ type: 'double-long-unsigned', value }),
  integer: (value: number): AxdrValue => ({ type: 'integer', value }),
  enum: (value: number): AxdrValue => ({ type: 'enum', value }),
  dateTime: (value: Uint8Array): AxdrValue => ({ type: 'date-time', value }),
};
