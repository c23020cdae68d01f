/** The wired M-Bus codec's typed error (link layer EN 13757-2 and application layer EN 13757-3). */
import { layerError } from '../errors.ts';

export class MbusError extends layerError('mbus') {}

/** A non-fatal finding attached to a decoded frame: a deviation, an unknown code, a value that cannot be read. */
export interface MbusIssue {
  code: string;
  offset: number;
  message: string;
}

export const issue = (code: string, offset: number, message: string): MbusIssue => ({ code, offset, message });

/** An MbusError as an issue, with the plain message (without the "mbus: … (code at offset n)" wrapping). */
export function issueFromError(e: MbusError): MbusIssue {
  const m = /^mbus: (.*) \([^()]* at offset \d+\)$/s.exec(e.message);
  return { code: e.code, offset: e.offset, message: m ? m[1]! : e.message };
}
