/**
 * EN 13757-3 application layer, starting at the CI field: header (none, short, long; DSMR-P2 §4.2.1),
 * encryption (configuration word mode/blocks; DSMR-P2 §5), then the body the CI announces — data
 * records, a clock block, a selection, an application error, a baud-rate request.
 *
 * `mbusAppDecode` never throws: structural faults (truncated record, chain too long …) end the parse and
 * are listed in `errors`, unknown codes in `warnings`; with `strict` the warnings count as errors.
 * `mbusAppAssert` turns the first error into a thrown MbusError. `mbusAppEncode` reproduces the bytes.
 */
import { MbusError, issue, issueFromError } from './errors.ts';
import type { MbusIssue } from './errors.ts';
import { mbusCiInfo, mbusCiBaudRate, MBUS_APP_ERRORS } from './ci.ts';
import type { MbusCiInfo } from './ci.ts';
import { mbusHeaderDecode, mbusHeaderEncode, mbusConfigDecode, mbusIdentityBytes, MBUS_LONG_HEADER_LEN, MBUS_SHORT_HEADER_LEN } from './header.ts';
import type { MbusHeader, MbusConfig, MbusIdentity } from './header.ts';
import { mbusRecordsParse, mbusRecordsEncode } from './records.ts';
import type { MbusRecord, MbusManufacturerData, MbusDataRecord, MbusRecordsResult } from './records.ts';
import { mbusSelectionDecode } from './secondary.ts';
import type { MbusSelection } from './secondary.ts';
import { typeIDecode } from './datatypes.ts';
import type { MbusDateValue } from './datatypes.ts';
import { mbusLoadedDecrypt, mbusMode15Iv, mbusMode5Iv } from './crypto.ts';
import type { MbusDecryptFn } from './crypto.ts';
import { concatBytes } from '../bytes.ts';

export interface MbusAppContext {
  /** AES-128 key for encrypted records (never echoed). */
  key?: Uint8Array;
  /** Device identity for a short header (wireless link address, or the Short ID learnt from RSP_UD). */
  link?: MbusIdentity;
  strict?: boolean;
  /** Decryption function; defaults to harness/security/mbus once loaded (see crypto.ts). */
  decrypt?: MbusDecryptFn;
  /** Identity to put in the IV instead of the header's (quirk vectors: DSMR-P2 App. B examples use VER 40h). */
  ivIdentity?: MbusIdentity;
}

export interface MbusClock {
  /** TC: 00h = set time (DSMR-P2 §6.2.1). */
  tc: number;
  time: MbusDateValue;
  timeBytes: Uint8Array;
  reserved: Uint8Array;
}

export interface MbusApp {
  ci: number;
  ciInfo: MbusCiInfo;
  header: MbusHeader | null;
  config: MbusConfig | null;
  records: MbusRecord[];
  manufacturerData?: MbusManufacturerData;
  moreRecordsFollow: boolean;
  encrypted?: { mode: number; blocks: number; offset: number; ciphertext: Uint8Array; decrypted: boolean; trailingFillers?: number };
  /** Body bytes of a CI without records (clock, selection, reset, app error, unsupported), as on the wire. */
  payload?: Uint8Array;
  clock?: MbusClock;
  selection?: MbusSelection;
  appError?: { code: number; name: string };
  baudRate?: number;
  frameCounter?: number;
  /** Clear bytes from a record that could not be parsed to the end (re-emitted by mbusAppEncode). */
  unparsed?: Uint8Array;
  errors: MbusIssue[];
  warnings: MbusIssue[];
}

const hex2 = (v: number): string => v.toString(16).toUpperCase().padStart(2, '0');

export function mbusAppDecode(bytes: Uint8Array, ctx: MbusAppContext = {}): MbusApp {
  const ci = bytes[0];
  if (ci === undefined) {
    const info = mbusCiInfo(0);
    return { ci: 0, ciInfo: info, header: null, config: null, records: [], moreRecordsFollow: false, errors: [issue('truncated', 0, 'no CI field')], warnings: [] };
  }
  const info = mbusCiInfo(ci);
  const app: MbusApp = { ci, ciInfo: info, header: null, config: null, records: [], moreRecordsFollow: false, errors: [], warnings: [] };
  const finish = (): MbusApp => {
    if (ctx.strict) { app.errors.push(...app.warnings); app.warnings = []; }
    return app;
  };
  if (!info.supported) app.warnings.push(issue('unsupported-ci', 0, `CI ${hex2(ci)}h (${info.name}) is not decoded; body kept raw`));
  let off = 1;
  if (info.header !== 'none') {
    try {
      app.header = mbusHeaderDecode(info.header, bytes, 1);
    } catch (e) {
      if (!(e instanceof MbusError)) throw e;
      app.errors.push(issueFromError(e));
      app.payload = bytes.slice(1);
      return finish();
    }
    app.config = mbusConfigDecode(app.header.configWord);
    off += info.header === 'short' ? MBUS_SHORT_HEADER_LEN : MBUS_LONG_HEADER_LEN;
    if (app.config.reserved) app.warnings.push(issue('reserved-bit', off - 1, 'configuration word bit 12 (reserved) is set'));
  }
  const body = bytes.subarray(off);
  const toDevice = info.direction === 'to-device';
  const mode = app.config?.mode ?? 0;

  if (mode !== 0 && (info.body === 'records' || info.body === 'clock')) {
    decodeEncrypted(app, bytes, off, ctx, toDevice);
    return finish();
  }
  if (mode !== 0) app.warnings.push(issue('unexpected-encryption', off - 2, `configuration word declares mode ${mode} for a CI without application data`));
  switch (info.body) {
    case 'records':
      applyRecords(app, mbusRecordsParse(bytes, off, bytes.length, { toDevice }));
      break;
    case 'selection':
      app.payload = bytes.slice(off, off + 8);
      try {
        app.selection = mbusSelectionDecode(bytes, off);
        applyRecords(app, mbusRecordsParse(bytes, off + 8, bytes.length, { toDevice }));
      } catch (e) {
        if (!(e instanceof MbusError)) throw e;
        app.errors.push(issueFromError(e));
      }
      break;
    case 'clock':
      app.payload = body.slice();
      decodeClock(app, body, off);
      break;
    case 'app-error':
      app.payload = body.slice();
      if (body.length) app.appError = { code: body[0]!, name: MBUS_APP_ERRORS[body[0]!] ?? 'reserved' };
      break;
    case 'baud':
      app.baudRate = mbusCiBaudRate(ci)!;
      if (body.length) { app.payload = body.slice(); app.warnings.push(issue('unexpected-data', off, 'a baud-rate CI carries no data')); }
      break;
    case 'reset':
      app.payload = body.slice();
      break;
    case 'none':
      if (body.length) { app.payload = body.slice(); app.warnings.push(issue('unexpected-data', off, `CI ${hex2(ci)}h carries no application data, ${body.length} byte(s) found`)); }
      break;
    default:
      app.payload = body.slice();
  }
  return finish();
}

function applyRecords(app: MbusApp, r: MbusRecordsResult, encrypted = false): void {
  app.records.push(...r.records);
  app.warnings.push(...r.warnings);
  app.errors.push(...r.errors);
  if (r.manufacturerData) {
    app.manufacturerData = r.manufacturerData;
    if (r.manufacturerData.dif === 0x1f) app.moreRecordsFollow = true;
  }
  if (r.fatal) app.errors.push(issueFromError(r.fatal));
  if (r.rest && !encrypted) app.unparsed ??= r.rest;
  const fc = r.records.find((x): x is MbusDataRecord => x.kind === 'data' && !x.encrypted && x.vif === 0xfd && (x.vife[0] ?? 0) === 0x08 && x.data.length === 4);
  if (fc && app.frameCounter === undefined) app.frameCounter = (fc.data[0]! | (fc.data[1]! << 8) | (fc.data[2]! << 16)) + fc.data[3]! * 2 ** 24;
}

/** DSMR-P2 §6.2.1 clock block: [2F…] TC, 6 bytes type I, 3 reserved bytes, [2F…]. */
function decodeClock(app: MbusApp, b: Uint8Array, base: number): void {
  let i = 0;
  while (b[i] === 0x2f) i++;
  if (b.length - i < 10) { app.errors.push(issue('truncated', base + b.length, 'clock block needs TC, 6 time bytes and 3 reserved bytes')); return; }
  const timeBytes = b.slice(i + 1, i + 7);
  app.clock = { tc: b[i]!, time: typeIDecode(timeBytes), timeBytes, reserved: b.slice(i + 7, i + 10) };
  if (b[i] !== 0) app.warnings.push(issue('unknown-tc', base + i, `time change code ${hex2(b[i]!)}h; DSMR-P2 §6.2.1 defines only 00h (set time)`));
  for (let j = i + 10; j < b.length; j++) {
    if (b[j] !== 0x2f) { app.warnings.push(issue('unexpected-data', base + j, 'bytes after the clock block other than 2Fh fillers')); break; }
  }
}

function decodeEncrypted(app: MbusApp, bytes: Uint8Array, off: number, ctx: MbusAppContext, toDevice: boolean): void {
  const { mode, blocks } = app.config!;
  const encLen = blocks * 16;
  if (blocks === 0) app.warnings.push(issue('no-encrypted-blocks', off - 2, `mode ${mode} with 0 encrypted blocks`));
  if (bytes.length - off < encLen) {
    app.errors.push(issue('encrypted-length', bytes.length, `configuration word declares ${blocks} blocks (${encLen} bytes), ${bytes.length - off} present`));
    app.payload = bytes.slice(off);
    return;
  }
  app.encrypted = { mode, blocks, offset: off, ciphertext: bytes.slice(off, off + encLen), decrypted: false };
  // The clear part after the encrypted blocks holds the frame counter record (DSMR-P2 §5.2, App. B).
  applyRecords(app, mbusRecordsParse(bytes, off + encLen, bytes.length, { toDevice }));
  if (encLen === 0 || !ctx.key) return;
  const plain = decryptBlocks(app, ctx, off);
  if (!plain) return;
  app.encrypted.decrypted = true;
  let t = 0;
  while (t < plain.length && plain[plain.length - 1 - t] === 0x2f) t++;
  app.encrypted.trailingFillers = t;
  if (app.ciInfo.body === 'clock') { decodeClock(app, plain, off); return; }
  const clear = app.records.splice(0);
  const clearMfr = app.manufacturerData;
  delete app.manufacturerData;
  app.moreRecordsFollow = false;
  applyRecords(app, mbusRecordsParse(plain, 0, plain.length, { toDevice, encrypted: true, offsetBase: off }), true);
  app.records.push(...clear);
  if (clearMfr) { app.manufacturerData ??= clearMfr; if (clearMfr.dif === 0x1f) app.moreRecordsFollow = true; }
}

function decryptBlocks(app: MbusApp, ctx: MbusAppContext, off: number): Uint8Array | null {
  const enc = app.encrypted!;
  const fail = (code: string, msg: string): null => { app.errors.push(issue(code, off, msg)); return null; };
  if (enc.mode !== 5 && enc.mode !== 15) return fail('unsupported-encryption-mode', `encryption method ${enc.mode} is not supported (DSMR-P2 §5.1: 0 or 15; EN 13757-3: 5)`);
  let identity: Uint8Array;
  try {
    const src = ctx.ivIdentity ?? (app.header?.form === 'long' ? app.header : ctx.link);
    if (!src) return fail('missing-link-address', 'short header: the IV needs the device identity (ctx.link)');
    identity = mbusIdentityBytes(src);
  } catch (e) {
    if (!(e instanceof MbusError)) throw e;
    return fail('bad-link-address', `IV identity: ${e.message}`);
  }
  let iv: Uint8Array;
  if (enc.mode === 15) {
    if (app.frameCounter === undefined) return fail('missing-frame-counter', 'mode 15 needs the clear frame counter record 04 FD 08 after the encrypted blocks (DSMR-P2 §5.2)');
    iv = mbusMode15Iv(identity, app.frameCounter);
  } else iv = mbusMode5Iv(identity, app.header!.accessNumber);
  const fn = ctx.decrypt ?? mbusLoadedDecrypt();
  if (!fn) return fail('encrypted-not-decrypted', 'the M-Bus security layer (harness/security/mbus) is not available; records left encrypted');
  let plain: Uint8Array;
  try {
    plain = fn({ mode: enc.mode, key: ctx.key!, iv, data: enc.ciphertext, blocks: enc.blocks, ...(ctx.strict ? { strict: true } : {}) });
  } catch (e) {
    const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'decrypt-failed';
    return fail(code, `decryption failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (plain[0] !== 0x2f || plain[1] !== 0x2f) return fail('check-bytes-missing', 'decrypted data does not start with 2F 2F (DSMR-P2 §5.1): wrong key or IV');
  return plain;
}

/** Throw the first error of a decoded application layer as MbusError (strict consumers, vectors). */
export function mbusAppAssert(app: MbusApp): MbusApp {
  const e = app.errors[0];
  if (e) throw new MbusError(e.code, e.offset, e.message);
  return app;
}

/** Wire bytes from CI on. Encrypted frames re-emit their ciphertext; records are written as decoded. */
export function mbusAppEncode(app: MbusApp): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(app.ci)];
  if (app.header) parts.push(mbusHeaderEncode(app.header));
  const mfr = app.manufacturerData;
  if (app.encrypted) {
    parts.push(app.encrypted.ciphertext);
    parts.push(mbusRecordsEncode(app.records.filter((r) => !r.encrypted)));
    if (mfr && !mfr.encrypted) parts.push(mbusRecordsEncode([mfr]));
    if (app.unparsed) parts.push(app.unparsed);
    return concatBytes(...parts);
  }
  if (app.ciInfo.body === 'records' || app.ciInfo.body === 'selection') {
    if (app.ciInfo.body === 'selection' && app.payload) parts.push(app.payload);
    parts.push(mbusRecordsEncode(app.records));
    if (mfr) parts.push(mbusRecordsEncode([mfr]));
    if (app.unparsed) parts.push(app.unparsed);
    if (!app.records.length && !mfr && !app.unparsed && app.payload && app.ciInfo.body === 'records') parts.push(app.payload);
  } else if (app.payload) parts.push(app.payload);
  return concatBytes(...parts);
}
