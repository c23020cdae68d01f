/**
 * Framing of protected APDUs (IEC 62056-5-3 / Green Book §9 security): this codec only finds where such
 * an APDU ends, so a ciphered APDU can be kept whole, re-encoded exactly and handed to the security layer
 * (harness/security/ciphering.ts), which owns the envelope fields and the cryptography.
 *   glo-xxx / ded-xxx [33…215]   ::= OCTET STRING (security header ‖ ciphered or authenticated content)
 *   general-glo/ded-ciphering    ::= SEQUENCE { system-title OCTET STRING, ciphered-content OCTET STRING }
 *   general-ciphering [221]      ::= SEQUENCE { transaction-id, originator-system-title,
 *                                    recipient-system-title, date-time, other-information (OCTET STRINGs),
 *                                    key-info Key-Info OPTIONAL, ciphered-content OCTET STRING }
 *   general-signing [223]        ::= SEQUENCE { the same five OCTET STRINGs, content, signature }
 *   Key-Info ::= CHOICE { identified-key [0] { key-id ENUMERATED }, wrapped-key [1] { kek-id ENUMERATED,
 *                key-ciphered-data OCTET STRING }, agreed-key [2] { key-parameters, key-ciphered-data } }
 */
import { type Cursor, type DecodeCtx, left, readLength, u8 } from '../axdr/cursor.ts';
import { readPresence } from './common.ts';
import { apduFail } from './errors.ts';

function skipOctets(c: Cursor, ctx: DecodeCtx, what: string): void {
  const at = c.o;
  const { n } = readLength(c, ctx, what);
  if (n > left(c)) apduFail('length-exceeds-input', at, `${what} declares ${n} octets, only ${left(c)} byte(s) follow`);
  c.o += n;
}

/** Advance the cursor (positioned after the tag) to the end of the protected APDU. */
export function frameCiphered(c: Cursor, ctx: DecodeCtx, tag: number): void {
  if (tag === 0xdb || tag === 0xdc) {
    skipOctets(c, ctx, 'system-title');
    skipOctets(c, ctx, 'ciphered-content');
    return;
  }
  if (tag === 0xdd || tag === 0xdf) {
    for (const f of ['transaction-id', 'originator-system-title', 'recipient-system-title', 'date-time', 'other-information']) skipOctets(c, ctx, f);
    if (tag === 0xdf) {
      skipOctets(c, ctx, 'content');
      skipOctets(c, ctx, 'signature');
      return;
    }
    if (readPresence(c, 'key-info')) {
      const at = c.o;
      const choice = u8(c, 'Key-Info choice');
      if (choice === 0) u8(c, 'key-id');
      else if (choice === 1) { u8(c, 'kek-id'); skipOctets(c, ctx, 'key-ciphered-data'); }
      else if (choice === 2) { skipOctets(c, ctx, 'key-parameters'); skipOctets(c, ctx, 'key-ciphered-data'); }
      else apduFail('unknown-choice', at, `Key-Info alternative ${choice} is not identified-key [0], wrapped-key [1] or agreed-key [2]`);
    }
    skipOctets(c, ctx, 'ciphered-content');
    return;
  }
  skipOctets(c, ctx, 'ciphered content');
}
