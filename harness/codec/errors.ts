/**
 * One error class per codec layer (DESIGN.md § Conventions): every error carries the layer, a stable
 * machine-readable `code`, the byte `offset` (or line/column for text layers) and a human message.
 * Codecs throw nothing else on bad input; the property tests hold them to that.
 */
export class CodecError extends Error {
  readonly layer: string;
  readonly code: string;
  readonly offset: number;
  readonly line?: number;
  readonly column?: number;

  constructor(layer: string, code: string, offset: number, message: string, pos?: { line?: number; column?: number }) {
    const where = pos?.line !== undefined ? `line ${pos.line}${pos.column !== undefined ? `, column ${pos.column}` : ''}` : `offset ${offset}`;
    super(`${layer}: ${message} (${code} at ${where})`);
    this.name = 'CodecError';
    this.layer = layer;
    this.code = code;
    this.offset = offset;
    if (pos?.line !== undefined) this.line = pos.line;
    if (pos?.column !== undefined) this.column = pos.column;
  }

  toJSON(): { code: string; offset: number; line?: number; column?: number; message: string } {
    return {
      code: this.code,
      offset: this.offset,
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.column !== undefined ? { column: this.column } : {}),
      message: this.message,
    };
  }
}

/** Define a layer's error class: `export class HdlcError extends layerError('hdlc') {}`. */
export function layerError(layer: string) {
  return class extends CodecError {
    constructor(code: string, offset: number, message: string, pos?: { line?: number; column?: number }) {
      super(layer, code, offset, message, pos);
      this.name = `${layer[0]!.toUpperCase()}${layer.slice(1)}Error`;
    }
  };
}

export function isCodecError(e: unknown): e is CodecError {
  return e instanceof CodecError;
}
