/**
 * The contract every `meterproof decode <layer>` implementation fulfils (DESIGN.md § Decoders as a
 * product). A layer module `harness/codec/<layer>/decoder.ts` exports `decoder: LayerDecoder`.
 * `decode` never throws on bad input: problems go into the document's `errors` array.
 */
export interface DecodeError {
  code: string;
  message: string;
  offset?: number;
  line?: number;
  column?: number;
}

export interface DecodeOptions {
  /** Treat unknown fields / deviations as errors (non-zero exit). */
  strict?: boolean;
  /** Keys resolved by the CLI from `env:NAME` / `file:path`; never echoed in output. */
  key?: Uint8Array;
  authKey?: Uint8Array;
  systemTitle?: Uint8Array;
}

export interface DecodedDocument {
  errors: DecodeError[];
  [field: string]: unknown;
}

export interface LayerDecoder {
  layer: string;
  /** One-line description for `meterproof decode --help`. */
  summary: string;
  /** `text` layers (P1) get the raw bytes of a telegram; `binary` layers get bytes parsed from hex or a binary file. */
  input: 'text' | 'binary';
  decode(input: Uint8Array, opts: DecodeOptions): DecodedDocument;
  /** JSON Schema (draft-07) of the document `decode` returns. */
  schema: object;
  /** For `--lines` on text layers: split a stream into inputs (P1: at each `!XXXX` line). */
  split?(stream: string): string[];
}

/** Layers the CLI knows; each resolves lazily to harness/codec/<layer>/decoder.ts. */
export const DECODER_LAYERS = ['p1', 'mbus', 'wmbus', 'hdlc', 'wrapper', 'apdu', 'acse', 'axdr'] as const;
export type DecoderLayer = (typeof DECODER_LAYERS)[number];

export async function loadDecoder(layer: DecoderLayer): Promise<LayerDecoder> {
  const mod = (await import(`./${layer}/decoder.ts`)) as { decoder: LayerDecoder };
  return mod.decoder;
}
