/**
 * `meterproof decode <layer> <hex|file|->`: one JSON document per input, names from the standards, an
 * `errors` array (DESIGN.md § Decoders as a product). `--lines` decodes one input per stdin line.
 * Exit 0 when no document has an error-severity entry, 1 otherwise, 2 on usage errors.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { hexToBytes } from '../codec/bytes.ts';
import { DECODER_LAYERS, type DecodeOptions, type DecodedDocument, type DecoderLayer, loadDecoder } from '../codec/decoder.ts';
import { EXIT, UsageError } from './errors.ts';

function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}

const HEXISH = /^[0-9A-Fa-f\s:]*$/;

/** A binary layer's input: hex text (argument, file or stdin) or a binary file. */
function binaryInput(arg: string): Uint8Array {
  let raw: Buffer;
  if (arg === '-') raw = readStdin();
  else if (existsSync(arg) && statSync(arg).isFile()) raw = readFileSync(arg);
  else if (HEXISH.test(arg)) raw = Buffer.from(arg, 'latin1');
  else throw new UsageError(`"${arg}" is neither hex nor a readable file`);
  const text = raw.toString('latin1');
  if (HEXISH.test(text)) {
    try {
      return hexToBytes(text);
    } catch (e) {
      throw new UsageError(`input is not valid hex: ${(e as Error).message}`);
    }
  }
  return new Uint8Array(raw);
}

function textInput(arg: string): Uint8Array {
  if (arg === '-') return new Uint8Array(readStdin());
  if (!existsSync(arg) || !statSync(arg).isFile()) throw new UsageError(`cannot read "${arg}": not a file (give a file or - for stdin)`);
  return new Uint8Array(readFileSync(arg));
}

const hasError = (d: DecodedDocument) => d.errors.some((e) => (e as { severity?: string }).severity !== 'warning');

export function registerDecode(program: Command): void {
  program
    .command('decode <layer> [input]')
    .description(`decode bytes to JSON; layers: ${DECODER_LAYERS.join(', ')}; input: hex, a file, or - for stdin`)
    .option('--lines', 'one input per line on stdin, one JSON document per line (P1: telegrams separated by their !XXXX line)')
    .option('--strict', 'unknown fields and deviations are errors')
    .option('--key <ref>', 'decryption key as env:NAME or file:path (never echoed)')
    .option('--auth-key <ref>', 'authentication key as env:NAME or file:path (never echoed)')
    .option('--system-title <hex>', 'system title of the sender (8 bytes hex)')
    .action(async (layer: string, input: string | undefined, o: { lines?: boolean; strict?: boolean; key?: string; authKey?: string; systemTitle?: string }) => {
      if (!(DECODER_LAYERS as readonly string[]).includes(layer)) throw new UsageError(`unknown layer "${layer}" (expected one of ${DECODER_LAYERS.join(', ')})`);
      let decoder;
      try {
        decoder = await loadDecoder(layer as DecoderLayer);
      } catch (e) {
        throw new UsageError(`the ${layer} decoder is not available in this build (${(e as Error).message.split('\n')[0]})`);
      }
      const { resolveSecret, SecretError } = await import('../runner/secrets.ts');
      const opts: DecodeOptions = { strict: !!o.strict };
      try {
        if (o.key) opts.key = resolveSecret(o.key);
        if (o.authKey) opts.authKey = resolveSecret(o.authKey);
      } catch (e) {
        if (e instanceof SecretError) throw new UsageError(e.message);
        throw e;
      }
      if (o.systemTitle) {
        if (!/^[0-9A-Fa-f]{16}$/.test(o.systemTitle)) throw new UsageError('--system-title: expected 8 bytes as 16 hex digits');
        opts.systemTitle = hexToBytes(o.systemTitle);
      }
      const docs: DecodedDocument[] = [];
      const safeDecode = (bytes: Uint8Array): DecodedDocument => {
        try {
          return decoder.decode(bytes, opts);
        } catch (e) {
          // A decoder must not throw; if one does, the input still gets a document, never a stack trace.
          return { errors: [{ code: 'decoder-crash', message: (e as Error).message }] };
        }
      };
      if (o.lines) {
        if (input && input !== '-') throw new UsageError('--lines reads stdin; give no input or -');
        const text = readStdin().toString('latin1');
        const items = decoder.input === 'text' ? (decoder.split?.(text) ?? [text]) : text.split(/\r?\n/).filter((l) => l.trim() !== '');
        for (const item of items) {
          let bytes: Uint8Array;
          if (decoder.input === 'text') bytes = new Uint8Array(Buffer.from(item, 'latin1'));
          else {
            try {
              bytes = hexToBytes(item);
            } catch (e) {
              const d: DecodedDocument = { errors: [{ code: 'bad-hex', message: (e as Error).message }] };
              docs.push(d);
              process.stdout.write(JSON.stringify(d) + '\n');
              continue;
            }
          }
          const d = safeDecode(bytes);
          docs.push(d);
          process.stdout.write(JSON.stringify(d) + '\n');
        }
      } else {
        if (!input) throw new UsageError('give an input: hex, a file, or - for stdin');
        const bytes = decoder.input === 'text' ? textInput(input) : binaryInput(input);
        const d = safeDecode(bytes);
        docs.push(d);
        process.stdout.write(JSON.stringify(d, null, 2) + '\n');
      }
      process.exitCode = docs.some(hasError) ? EXIT.failures : EXIT.ok;
    });
}
