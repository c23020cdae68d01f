/**
 * Control information field (EN 13757-3 Table 2): what follows CI, which header it carries and who
 * sends it. DSMR-P2 Tables 5 and 6 and §4.2.1 use 51h (no header), 5Ah/7Ah/8Ah (short header) and
 * 5Bh/6Ch/72h/80h (long header); the other codes are decoded so that a tester can name what a device sent.
 */
export type MbusHeaderForm = 'none' | 'short' | 'long';
export type MbusBodyKind = 'records' | 'none' | 'clock' | 'selection' | 'app-error' | 'reset' | 'baud' | 'raw';

export interface MbusCiInfo {
  ci: number;
  name: string;
  header: MbusHeaderForm;
  /** to-device: master/other device → meter; from-device: meter → master/other device. */
  direction: 'to-device' | 'from-device';
  body: MbusBodyKind;
  /** Where DSMR-P2 uses it. */
  dsmr?: string;
  /** This decoder knows the body layout (otherwise the body is shown raw with a warning). */
  supported: boolean;
}

const ci = (code: number, name: string, header: MbusHeaderForm, direction: MbusCiInfo['direction'], body: MbusBodyKind, dsmr?: string): MbusCiInfo =>
  ({ ci: code, name, header, direction, body, supported: body !== 'raw', ...(dsmr ? { dsmr } : {}) });

const TABLE: MbusCiInfo[] = [
  ci(0x50, 'application reset', 'none', 'to-device', 'reset'),
  ci(0x51, 'data send (command to device)', 'none', 'to-device', 'records', 'wired unencrypted message: set address, set key (DSMR-P2 §4.3.5)'),
  ci(0x52, 'selection of device (secondary address)', 'none', 'to-device', 'selection', 'not allowed by DSMR-P2 §3.1.3'),
  ci(0x53, 'application reset or select (long header)', 'long', 'to-device', 'reset'),
  ci(0x54, 'request of selected application (no header)', 'none', 'to-device', 'raw'),
  ci(0x55, 'request of selected application (long header)', 'long', 'to-device', 'raw'),
  ci(0x5a, 'command to device (short header)', 'short', 'to-device', 'records', 'wired control message: readout list, status clear (DSMR-P2 §4.3.3)'),
  ci(0x5b, 'command to device (long header)', 'long', 'to-device', 'records', 'wireless control message and set key (DSMR-P2 §4.4.3, §4.4.6)'),
  ci(0x5c, 'synchronise action (no header)', 'none', 'to-device', 'raw'),
  ci(0x6c, 'clock synchronisation, absolute (long header)', 'long', 'to-device', 'clock', 'clock synchronisation message (DSMR-P2 §4.3.4, §4.4.4, §6.2.1)'),
  ci(0x6d, 'clock synchronisation, relative (long header)', 'long', 'to-device', 'raw'),
  ci(0x6e, 'application error from device (short header)', 'short', 'from-device', 'app-error'),
  ci(0x6f, 'application error from device (long header)', 'long', 'from-device', 'app-error'),
  ci(0x70, 'application error from device (no header)', 'none', 'from-device', 'app-error'),
  ci(0x71, 'alarm from device (no header)', 'none', 'from-device', 'raw'),
  ci(0x72, 'response from device (long header)', 'long', 'from-device', 'records', 'wired meter data RSP_UD (DSMR-P2 §4.3.2)'),
  ci(0x73, 'response from device, compact frame (long header)', 'long', 'from-device', 'raw'),
  ci(0x74, 'alarm from device (short header)', 'short', 'from-device', 'raw'),
  ci(0x75, 'alarm from device (long header)', 'long', 'from-device', 'raw'),
  ci(0x78, 'response from device (no header)', 'none', 'from-device', 'records'),
  ci(0x79, 'response from device, compact frame (no header)', 'none', 'from-device', 'raw'),
  ci(0x7a, 'response from device (short header)', 'short', 'from-device', 'records', 'wireless SND_NR / RSP_UD / SND_IR (DSMR-P2 §4.4.2, §4.4.5, §4.4.7)'),
  ci(0x7b, 'response from device, compact frame (short header)', 'short', 'from-device', 'raw'),
  ci(0x80, 'transport layer to device (long header, no application data)', 'long', 'to-device', 'none', 'wireless SND_NKE, REQ_UD2, CNF_IR (DSMR-P2 §4.4.1, §4.4.5, §4.4.7)'),
  ci(0x8a, 'transport layer from device (short header, no application data)', 'short', 'from-device', 'none', 'wireless ACK (DSMR-P2 §4.4.3)'),
  ci(0x8b, 'transport layer from device (long header, no application data)', 'long', 'from-device', 'none'),
];
for (let i = 0; i < 8; i++) TABLE.push(ci(0xb8 + i, `set baud rate to ${300 * 2 ** i} Bd`, 'none', 'to-device', 'baud', 'DSMR-P2 §3.1.4: the baud rate stays 2400'));

const BY_CI = new Map(TABLE.map((x) => [x.ci, x]));

export function mbusCiInfo(code: number): MbusCiInfo {
  const known = BY_CI.get(code);
  if (known) return known;
  const name = code >= 0xa0 && code <= 0xb7 ? 'manufacturer specific' : code >= 0x8c && code <= 0x8f ? 'extended link layer' : code === 0x90 ? 'authentication and fragmentation layer' : 'reserved or unsupported CI';
  return { ci: code, name, header: 'none', direction: 'from-device', body: 'raw', supported: false };
}

export const MBUS_CI_TABLE: readonly MbusCiInfo[] = TABLE;

/** Baud rate a B8h–BFh CI asks for. */
export const mbusCiBaudRate = (code: number): number | null => (code >= 0xb8 && code <= 0xbf ? 300 * 2 ** (code - 0xb8) : null);

/** Application error codes of CI 6Eh/6Fh/70h (EN 13757-3 §6.6). */
export const MBUS_APP_ERRORS: Record<number, string> = {
  0x00: 'unspecified error', 0x01: 'unimplemented CI field', 0x02: 'buffer too long, truncated', 0x03: 'too many records',
  0x04: 'premature end of record', 0x05: 'more than 10 DIFEs', 0x06: 'more than 10 VIFEs', 0x07: 'reserved',
  0x08: 'application busy', 0x09: 'too many readouts',
};
