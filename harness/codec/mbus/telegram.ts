/**
 * A whole wired telegram: link frame (link.ts) plus, for long frames, the application layer (app.ts).
 * DSMR-P2 link-level checks (Table 5 C/CI combinations, §3.1.3 addresses, §4.2.6 wired configuration
 * word) are reported separately from EN 13757 errors, as `dsmr` findings.
 */
import { mbusFrameDecode, mbusFrameEncode, mbusControlDecode, mbusAddressInfo } from './link.ts';
import type { MbusFrameDecoded, MbusFrameDecodeOptions, MbusControl, MbusAddressInfo } from './link.ts';
import { mbusAppDecode, mbusAppEncode } from './app.ts';
import type { MbusApp, MbusAppContext } from './app.ts';
import { mbusAppToJson } from './json.ts';
import { issue } from './errors.ts';
import type { MbusIssue } from './errors.ts';
import { bytesToHex } from '../bytes.ts';

export interface MbusTelegram {
  decoded: MbusFrameDecoded;
  control?: MbusControl;
  address?: MbusAddressInfo;
  app?: MbusApp;
}

/** Decode one frame; link faults throw MbusError (use `allowBadChecksum` to look inside a corrupted frame). */
export function mbusTelegramDecode(bytes: Uint8Array, ctx: MbusAppContext & MbusFrameDecodeOptions = {}): MbusTelegram {
  const decoded = mbusFrameDecode(bytes, ctx);
  const f = decoded.frame;
  if (f.format === 'single') return { decoded };
  const t: MbusTelegram = { decoded, control: mbusControlDecode(f.c), address: mbusAddressInfo(f.a) };
  if (f.format === 'long' || f.format === 'control') {
    const data = f.format === 'long' ? f.data : new Uint8Array(0);
    const appBytes = new Uint8Array(1 + data.length);
    appBytes[0] = f.ci;
    appBytes.set(data, 1);
    // Offsets inside t.app count from CI; the JSON view adds 6 (CI is byte 6 of a long frame).
    t.app = mbusAppDecode(appBytes, ctx);
  }
  return t;
}

/** Re-encode a decoded telegram (application layer through mbusAppEncode; L and CS recomputed). */
export function mbusTelegramEncode(t: MbusTelegram): Uint8Array {
  const f = t.decoded.frame;
  if (!t.app || (f.format !== 'long' && f.format !== 'control')) return mbusFrameEncode(f);
  const app = mbusAppEncode(t.app);
  const data = app.subarray(1);
  return mbusFrameEncode(data.length ? { format: 'long', c: f.c, a: f.a, ci: app[0]!, data } : { format: 'control', c: f.c, a: f.a, ci: app[0]! });
}

const SHORT_OK = new Set([0x40, 0x5b, 0x7b, 0x5a, 0x7a, 0x49, 0x59, 0x0b, 0x1b, 0x2b, 0x3b]);
const LONG_OK: Record<number, number[]> = { 0x53: [0x5a, 0x6c, 0x51], 0x73: [0x5a, 0x6c, 0x51], 0x08: [0x72] };

/** DSMR-P2 wired rules visible in one frame (Table 5, §3.1.3, §4.2.6). */
export function mbusDsmrLinkCheck(t: MbusTelegram): MbusIssue[] {
  const f = t.decoded.frame;
  const out: MbusIssue[] = [];
  if (f.format === 'single') return out;
  const h = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');
  if (f.format === 'short' && !SHORT_OK.has(f.c)) out.push(issue('dsmr-c-ci', 1, `short frame with C = ${h(f.c)}h is not in DSMR-P2 Table 5`));
  if (f.format === 'control') out.push(issue('dsmr-c-ci', 1, 'DSMR-P2 Table 5 uses no control frame (L = 3)'));
  if (f.format === 'long' && !(LONG_OK[f.c] ?? []).includes(f.ci)) out.push(issue('dsmr-c-ci', 4, `C = ${h(f.c)}h with CI = ${h(f.ci)}h is not a combination of DSMR-P2 Table 5 (§4.1: reject)`));
  if (f.a > 250) out.push(issue('dsmr-address', 5, `address ${f.a}: DSMR-P2 §3.1.3 uses 0–250 only (slaves ignore higher addresses, no secondary addressing)`));
  const cw = t.app?.header?.configWord;
  if (cw !== undefined && (cw & 0xf00f) !== 0) out.push(issue('dsmr-config-word', 6, 'wired configuration word has bits set outside MMMM and NNNN (DSMR-P2 §4.2.6)'));
  return out;
}

export function mbusLinkToJson(t: MbusTelegram): Record<string, unknown> {
  const d = t.decoded;
  const f = d.frame;
  if (f.format === 'single') return { format: 'single', c: null, cName: 'ACK (single character E5h)', address: null, checksumValid: true };
  const c = t.control!;
  return {
    format: f.format,
    c: bytesToHex(Uint8Array.of(f.c)),
    cName: c.name,
    ...(c.fromMaster ? { fcb: c.fcb, fcv: c.fcv } : { acd: c.acd, dfc: c.dfc }),
    knownC: c.known,
    address: f.a,
    addressKind: t.address!.kind,
    ...(f.format !== 'short' ? { length: d.length - 6 } : {}),
    checksum: bytesToHex(Uint8Array.of(d.checksum!)),
    checksumValid: d.checksumValid,
  };
}

/** The document `meterproof decode mbus` prints for one telegram. */
export function mbusTelegramToJson(t: MbusTelegram): Record<string, unknown> {
  const app = t.app ? mbusAppToJson(t.app, 6) : null;
  const { errors = [], warnings = [], dsmr = [], ...rest } = (app ?? {}) as { errors?: MbusIssue[]; warnings?: MbusIssue[]; dsmr?: MbusIssue[] } & Record<string, unknown>;
  const linkWarnings: MbusIssue[] = [];
  if (t.control && !t.control.known) linkWarnings.push(issue('unknown-c', 4 - (t.decoded.frame.format === 'short' ? 3 : 0), `C = ${bytesToHex(Uint8Array.of(t.control.c))}h is not a C value EN 13757-2 lists`));
  const errs: MbusIssue[] = [...(t.decoded.checksumValid ? [] : [issue('bad-checksum', t.decoded.length - 2, 'checksum does not match')]), ...errors];
  return {
    link: mbusLinkToJson(t),
    ci: null,
    header: null,
    records: [],
    ...rest,
    errors: errs,
    warnings: [...linkWarnings, ...warnings],
    dsmr: [...mbusDsmrLinkCheck(t), ...dsmr],
  };
}
