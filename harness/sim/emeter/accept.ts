/**
 * What the simulated E-meter takes over from a RSP_UD: the acceptance rules a receiver applies to meter
 * data (DSMR-P2 §5.2 validation — counter strictly above the last validated one, intact frame, 2F 2F after
 * decryption; §5.1 methods 0 and 15 only, NNNN blocks then the clear counter record, ≥ 2 trailing 2Fh;
 * §6.5 only encrypted data once a user key is set, plain data while none is; §4.1 only C 08h / CI 72h),
 * then the P3 view of the accepted records (DSMR-P2 App. A): values with scaler and unit, the device time
 * stamp as capture time (§5.2), status, versions. Pure: the caller (bus.ts) stores the result.
 */
import { concatBytes } from '../../codec/bytes.ts';
import {
  mbusAppDecode, mbusFrameDecode, mbusIdentityBytes, mbusRecordsParse, MbusError, type MbusDataRecord, type MbusFrame, type MbusIdentity,
} from '../../codec/mbus/index.ts';
import type { MbusReply } from '../../roles/mbus-master.ts';
import { aesCbcDecrypt } from '../../security/mbus/aes.ts';
import { frameCounterRecordDecode, mode15IvFromAddress, mode5IvFromAddress } from '../../security/mbus/index.ts';
import type { Channel, MbusValue } from './types.ts';

export interface Judged {
  ok: boolean;
  why?: string;
  mode?: number;
  fc?: number;
  /** Store this counter even though the frame is refused (only the advance-before-validate fault). */
  storeFcAnyway?: number;
  identity?: MbusIdentity;
  accessNumber?: number;
  status?: number;
  values?: MbusValue[];
  versions?: string[];
}

const refuse = (why: string, extra: Partial<Judged> = {}): Judged => ({ ok: false, why, ...extra });

/** The frame in a reply; with the accept-bad-cs fault a frame with a wrong checksum counts too. */
function frameOf(reply: MbusReply, has: (f: string) => boolean): MbusFrame | null {
  if (reply.kind === 'frame') return reply.frame.frame;
  if (reply.kind === 'garbage' && has('p2.master.accept-bad-cs')) {
    try {
      return mbusFrameDecode(reply.raw, { allowBadChecksum: true, allowTrailing: true }).frame;
    } catch (e) {
      if (!(e instanceof MbusError)) throw e;
    }
  }
  return null;
}

/** Record heads the order-dependent fault insists on (App. B1.3 order): status, E-ID, time stamp, volume, configuration. */
const B13_ORDER: number[][] = [[0x01, 0xfd, 0x17], [0x0d, 0x78], [0x46, 0x6d], [0x4c], [0x01, 0xfd, 0x67]];

function inB13Order(records: ReturnType<typeof mbusRecordsParse>['records']): boolean {
  const heads = records.slice(0, B13_ORDER.length).map((r) => (r.kind === 'data' ? [r.dif, ...r.dife, r.vif, ...r.vife] : [r.dif]));
  return B13_ORDER.every((want, i) => want.every((b, j) => heads[i]?.[j] === b));
}

/** P3 view of the records (DSMR-P2 App. A, §6.4): values, capture time, status, versions. */
function interpret(records: MbusDataRecord[], localTime: number, has: (f: string) => boolean): Pick<Judged, 'status' | 'values' | 'versions'> {
  const stamp = records.find((r) => r.vif === 0x6d && r.storage === 1 && r.date?.iso);
  const captureTime = has('p2.master.capture-time-local') ? new Date(localTime).toISOString().replace('.000Z', 'Z') : stamp?.date?.iso ?? null;
  const values: MbusValue[] = [];
  for (const r of records) {
    if (typeof r.raw !== 'number' || (r.dif & 0x0f) !== 0x0c || r.function !== 'instantaneous') continue;
    // VIF 13h/14h volume 10^-3 / 10^-2 m³ (§6.4.4), 0Fh energy 10^7 J = 0.01 GJ (§6.4.5, subunit 1 = cold), 03h 1 Wh (§6.4.7).
    if (r.vif === 0x13 || r.vif === 0x14) values.push({ quantity: 'volume', raw: r.raw, scaler: r.vif === 0x13 ? -3 : -2, unit: 'm3', captureTime });
    else if (r.vif === 0x0f) values.push({ quantity: r.subunit === 1 ? 'cold' : 'heat', raw: r.raw, scaler: -2, unit: 'GJ', captureTime });
    else if (r.vif === 0x03) values.push({ quantity: 'energy', raw: r.raw, scaler: 0, unit: 'Wh', captureTime });
  }
  const st = records.find((r) => r.dif === 0x01 && r.vif === 0xfd && r.vife[0] === 0x17 && r.data.length === 1);
  // 0-x:24.2.2.255 (DSMR-RN-4.0.4 §5 item 23): model, hardware, metrology firmware, other software, then the
  // configuration byte, each field ended by CR LF; the device's `name=value` texts already end with CR LF (§6.4.2).
  const texts = records.filter((r) => r.vif === 0xfd && (r.dif & 0x0f) === 0x0d && r.vife[0]! >= 0x0c && r.vife[0]! <= 0x0f && typeof r.value === 'string');
  const versions = texts.sort((a, b) => a.vife[0]! - b.vife[0]!).map((r) => String(r.value));
  const cfg = records.find((r) => r.dif === 0x01 && r.vif === 0xfd && r.vife[0] === 0x67 && r.data.length === 1);
  if (versions.length && cfg) versions.push(`${String.fromCharCode(cfg.data[0]!)}\r\n`);
  return { ...(st ? { status: st.data[0]! } : {}), values, versions };
}

export function judgeRsp(reply: MbusReply, ch: Channel, has: (f: string) => boolean, localTime: number): Judged {
  const f = frameOf(reply, has);
  if (!f) return refuse(reply.kind === 'silent' ? 'no answer' : 'not one valid M-Bus frame (checksum, length or stop byte)');
  if (f.format !== 'long') return refuse('not a long frame');
  // A receive buffer that only holds L ≤ 200 (the fault) drops a maximum-length frame (§3.1.1: L up to 255).
  if (has('p2.master.max-length-overflow') && f.data.length + 3 > 200) return refuse('frame longer than the receive buffer');
  if ((f.c & 0xcf) !== 0x08) return refuse(`C ${f.c.toString(16)}h is not RSP_UD`);
  const ciOk = f.ci === 0x72 || (has('p2.master.accept-unlisted-ci') && (f.ci === 0x7a || f.ci === 0x78));
  if (!ciOk) return refuse(`CI ${f.ci.toString(16)}h is not 72h (DSMR-P2 Table 5)`);
  const app = mbusAppDecode(concatBytes(Uint8Array.of(f.ci), f.data));
  const h = app.header;
  const identity: MbusIdentity | null = h?.form === 'long' ? { id: h.id, manufacturer: h.manufacturer, version: h.version, medium: h.medium } : ch.identity;
  if (!identity) return refuse('no device identity for this reading');
  if (ch.identity && (ch.identity.id !== identity.id || ch.identity.manufacturer !== identity.manufacturer || ch.identity.medium !== identity.medium)) {
    return refuse('the Short ID is not the registered device');
  }
  const mode = app.config?.mode ?? 0;
  const base = { mode, identity, ...(h ? { accessNumber: h.accessNumber } : {}) };
  const headerLen = !h ? 0 : h.form === 'long' ? 12 : 4;
  const body = f.data.subarray(headerLen);
  let records: MbusDataRecord[];
  let fc: number | undefined;

  if (mode === 0) {
    // DSMR-P2 §6.4 / §6.5: plain data count while no user key is set, never after.
    if (has('p2.master.drop-plain-data')) return refuse('plain data dropped', base);
    if (ch.userKey && !has('p2.master.accept-plain-when-keyed')) return refuse('plain data from a device with a user key (DSMR-P2 §6.5)', base);
    if (app.errors.length) return refuse(`records: ${app.errors[0]!.message}`, base);
    const parsed = mbusRecordsParse(body, 0, body.length, { toDevice: false });
    if (has('p2.parse.order-dependent') && !inB13Order(parsed.records)) return refuse('records not in the expected order', base);
    records = parsed.records.filter((r): r is MbusDataRecord => r.kind === 'data');
  } else {
    if (mode !== 15 && !(mode === 5 && has('p2.enc.accept-mode5'))) return refuse(`encryption method ${mode} (DSMR-P2 §5.1: 0 or 15 only)`, base);
    if (!ch.userKey) return refuse('encrypted data but no user key for the device', base);
    let blocks = app.config!.blocks;
    if (has('p2.enc.trust-nnnn')) blocks = Math.floor((body.length - (mode === 15 ? 7 : 0)) / 16);
    if (blocks < 1 || body.length < blocks * 16) return refuse(`CW declares ${blocks} blocks, ${body.length} bytes follow the header`, base);
    const addr = mbusIdentityBytes(identity);
    let iv: Uint8Array;
    if (mode === 15) {
      try {
        fc = frameCounterRecordDecode(body, blocks * 16);
      } catch {
        return refuse('no clear frame-counter record right after the encrypted blocks (DSMR-P2 §5.2)', base);
      }
      if (body.length !== blocks * 16 + 7) return refuse('bytes after the frame-counter record', base);
      const last = ch.lastFc;
      // DSMR-P2 §5.2 item 1: strictly higher than the last validated counter (any value for the first one, digest A21).
      const fresh = last === null || has('p2.fc.accept-lower') ? true
        : has('p2.fc.accept-equal') ? fc >= last
        : has('p2.fc.require-plus-one') ? fc === last + 1
        : fc > last;
      if (!fresh) return refuse(`frame counter ${fc} is not above the last validated ${last} (DSMR-P2 §5.2)`, { ...base, fc });
      const ivAddr = has('p2.enc.iv-id-before-man') ? concatBytes(addr.subarray(2, 6), addr.subarray(0, 2), addr.subarray(6)) : addr;
      iv = has('p2.enc.iv-acc-based') ? mode5IvFromAddress(ivAddr, h?.accessNumber ?? 0) : mode15IvFromAddress(ivAddr, fc);
    } else iv = mode5IvFromAddress(addr, h?.accessNumber ?? 0);
    const storeFcAnyway = has('p2.fc.advance-before-validate') ? fc : undefined;
    const refused = (why: string) => refuse(why, { ...base, ...(fc !== undefined ? { fc } : {}), ...(storeFcAnyway !== undefined ? { storeFcAnyway } : {}) });
    const plain = aesCbcDecrypt(ch.userKey, iv, body.subarray(0, blocks * 16));
    const checked = plain[0] === 0x2f && plain[1] === 0x2f;
    if (!checked && !has('p2.enc.skip-2f2f-check')) return refused('decrypted data do not start with 2F 2F (DSMR-P2 §5.1)');
    // DSMR-P2 §5.1: at least two trailing fillers (receiver check; digest A19 reads it as strict-only).
    if ((plain[plain.length - 1] !== 0x2f || plain[plain.length - 2] !== 0x2f) && !has('p2.enc.skip-trailing-check')) {
      return refused('fewer than two trailing 2Fh fillers in the encrypted part (DSMR-P2 §5.1)');
    }
    const parsed = mbusRecordsParse(plain, checked ? 2 : 0, plain.length, { toDevice: false, encrypted: true });
    if (parsed.fatal) return refused(`records: ${parsed.fatal.message}`);
    if (has('p2.parse.order-dependent') && !inB13Order(parsed.records)) return refused('records not in the expected order');
    records = parsed.records.filter((r): r is MbusDataRecord => r.kind === 'data');
  }
  // DSMR-P2 §9.1: a DSMR 4.0 valve-status record (89 40 FD 1A) is accepted and its content discarded.
  if (has('p2.bc.reject-valve-record') && records.some((r) => r.dif === 0x89 && r.dife[0] === 0x40 && r.vif === 0xfd && r.vife[0] === 0x1a)) {
    return refuse('unknown valve record', base);
  }
  return { ok: true, ...base, ...(fc !== undefined ? { fc } : {}), ...interpret(records, localTime, has) };
}
