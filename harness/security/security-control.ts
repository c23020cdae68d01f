/**
 * Security control byte SC (GB §9.2.7.2.4.2 Table 37): bits 0–3 security suite id, bit 4 "A"
 * (authentication), bit 5 "E" (encryption), bit 6 key set (0 unicast, 1 broadcast), bit 7 compression.
 * The security header is SH = SC ‖ IC (4-byte big-endian invocation counter).
 */
import { fail } from './errors.ts';

export interface SecurityControl {
  /** Bits 0–3; 0, 1, 2 are defined, 3–15 reserved. */
  suite: number;
  authentication: boolean;
  encryption: boolean;
  /** Key set: false = unicast key, true = broadcast key. */
  broadcast: boolean;
  compression: boolean;
}

export function securityControlEncode(sc: SecurityControl): number {
  if (!Number.isInteger(sc.suite) || sc.suite < 0 || sc.suite > 15) fail('bad-security-control', 0, `suite id ${sc.suite} does not fit in 4 bits`);
  return (sc.suite & 0x0f) | (sc.authentication ? 0x10 : 0) | (sc.encryption ? 0x20 : 0) | (sc.broadcast ? 0x40 : 0) | (sc.compression ? 0x80 : 0);
}

export function securityControlDecode(byte: number): SecurityControl {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) fail('bad-security-control', 0, `security control ${byte} is not a byte`);
  return {
    suite: byte & 0x0f,
    authentication: (byte & 0x10) !== 0,
    encryption: (byte & 0x20) !== 0,
    broadcast: (byte & 0x40) !== 0,
    compression: (byte & 0x80) !== 0,
  };
}

/** The ASN.1-style JSON view used by decoders (`security-control` with named bits). */
export interface SecurityControlJson {
  value: number;
  'security-suite-id': number;
  authentication: boolean;
  encryption: boolean;
  'key-set': 'unicast' | 'broadcast';
  compression: boolean;
}

export function securityControlJson(byte: number): SecurityControlJson {
  const sc = securityControlDecode(byte);
  return {
    value: byte,
    'security-suite-id': sc.suite,
    authentication: sc.authentication,
    encryption: sc.encryption,
    'key-set': sc.broadcast ? 'broadcast' : 'unicast',
    compression: sc.compression,
  };
}

/** Protection kind named as the GB names the three modes (plus "none", legal only in general-ciphering). */
export function protectionKind(byte: number): 'none' | 'authentication' | 'encryption' | 'authenticated-encryption' {
  const sc = securityControlDecode(byte);
  if (sc.authentication && sc.encryption) return 'authenticated-encryption';
  if (sc.authentication) return 'authentication';
  if (sc.encryption) return 'encryption';
  return 'none';
}
