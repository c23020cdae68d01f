/**
 * SND_UD application handling of the simulated gas meter: which CI is accepted with which header
 * (DSMR-P2 Table 5, §4.2.1), decryption and frame-counter validation (§5.1, §5.2), and the commands:
 * readout-list selection and clear status (CI 5Ah, §6.2.3, §6.3.1), clock synchronisation (CI 6Ch,
 * §6.2.1), set address and set new key (CI 51h, §6.2.2, §6.5.1) with the acceptance rules of §6.5.
 * Everything else is refused (no processing, §4.1). Returns whether the command was accepted.
 */
import { bytesEqual, concatBytes } from '../../codec/bytes.ts';
import { mbusAppDecode, mbusHeaderDecode, mbusIdEncode, mbusManufacturerEncode, type MbusHeader, mbusRecordsParse, type MbusDataRecord, mbusSelectionDecode, mbusSelectionMatches } from '../../codec/mbus/index.ts';
import {
  frameCounterRecordDecode, keyExchangeDecrypt, keyExchangeRecordsDecode, mode15Open, mode5Open, MbusCryptoError,
} from '../../security/mbus/index.ts';
import { deviceNow, raiseStatus, storeRxFc, type GasMeter } from './meter.ts';

const PERMANENT_BITS = 0x0c; // power low, permanent error (DSMR-P2 §6.2.3)

export function dataRecords(bytes: Uint8Array, start: number): MbusDataRecord[] | null {
  const r = mbusRecordsParse(bytes, start, bytes.length, { toDevice: true });
  if (r.fatal || r.manufacturerData) return null;
  return r.records.filter((x): x is MbusDataRecord => x.kind === 'data');
}

/** Open the body after the CW (DSMR-P2 §5.2 validation): plaintext records, or null when refused. */
export function openBody(m: GasMeter, h: MbusHeader, body: Uint8Array): Uint8Array | null {
  const mode = (h.configWord >> 8) & 0x0f;
  let blocks = (h.configWord >> 4) & 0x0f;
  if (mode === 0) return body;
  if (!m.userKey) return null; // nothing to decrypt with: the command cannot be for this key state
  const link = m.identity;
  if (mode === 5 && m.has('p2.enc.accept-mode5')) {
    try {
      return mode5Open({ key: m.userKey, link, accessNumber: h.accessNumber, blocks, body }).plaintext;
    } catch {
      return null;
    }
  }
  if (mode !== 15) return null; // DSMR-P2 §5.1: methods 0 and 15 only
  if (m.has('p2.enc.trust-nnnn')) blocks = Math.max(1, Math.floor((body.length - 7) / 16));
  let fc: number;
  try {
    fc = frameCounterRecordDecode(body, blocks * 16);
  } catch {
    return null;
  }
  const last = m.rxFc;
  const fresh = m.has('p2.fc.accept-lower') ? true
    : m.has('p2.fc.accept-equal') ? fc >= last
    : m.has('p2.fc.require-plus-one') ? fc === last + 1
    : fc > last;
  if (!fresh) return null;
  try {
    const { plaintext } = mode15Open({ key: m.userKey, link, blocks, body, strict: !m.has('p2.enc.skip-trailing-check') });
    storeRxFc(m, fc);
    return plaintext;
  } catch (e) {
    if (!(e instanceof MbusCryptoError)) throw e;
    if (e.code === 'check-bytes-missing' && m.has('p2.enc.skip-2f2f-check')) {
      storeRxFc(m, fc);
      return Uint8Array.of(0x2f, 0x2f); // garbage in, nothing that parses as a command
    }
    if (m.has('p2.fc.advance-before-validate')) storeRxFc(m, fc);
    return null;
  }
}

/** Method 0 commands (other than CI 51h) are allowed only while no user key is set (DSMR-P2 §6.5, §4.3.4). */
export const plainAllowed = (m: GasMeter, h: MbusHeader): boolean => ((h.configWord >> 8) & 0x0f) !== 0 || !m.userKey;

export function applyControl(m: GasMeter, records: MbusDataRecord[]): void {
  let selections = 0;
  for (const r of records) {
    if (r.dataField === 8 && r.vif === 0xfd && r.vife.length === 1 && r.vife[0]! >= 0x0c && r.vife[0]! <= 0x0f) {
      selections++;
      if (m.has('p2.rol.selection-ignored') || (selections > 1 && m.has('p2.rol.first-selection-only'))) continue;
      m.selected.add(r.vife[0]!);
    } else if (r.dif === 0x01 && r.vif === 0xfd && r.vife[0] === 0x97 && r.vife[1] === 0x06 && r.data.length === 1) {
      // `01 FD 97 06 mm`: clear (AND NOT) the masked bits; the permanent bits reflect a condition, not an event.
      if (m.has('p2.status.clear-ignored')) continue;
      m.status = m.has('p2.status.clear-all') ? 0 : m.status & ~(r.data[0]! & ~PERMANENT_BITS);
    }
  }
}

function ci5a(m: GasMeter, data: Uint8Array): boolean {
  let form: 'short' | 'long' = m.has('p2.ctl.5a-long-header') ? 'long' : 'short';
  if (m.has('p2.hdr.length-ignores-ci') && data.length >= 12 && bytesEqual(data.subarray(0, 4), mbusIdEncode(m.identity.id))) form = 'long';
  let h: MbusHeader;
  try {
    h = mbusHeaderDecode(form, data, 0);
  } catch {
    return false;
  }
  if (!plainAllowed(m, h) && !m.has('p2.key.accept-plain-commands')) return false;
  const plain = openBody(m, h, data.subarray(form === 'long' ? 12 : 4));
  if (!plain) return false;
  const records = dataRecords(plain, 0);
  if (!records) return false;
  applyControl(m, records);
  return true;
}

export function ci6c(m: GasMeter, data: Uint8Array): boolean {
  const form = m.has('p2.clk.short-header') ? 'short' : 'long';
  let h: MbusHeader;
  try {
    h = mbusHeaderDecode(form, data, 0);
  } catch {
    return false;
  }
  if (h.form === 'long') {
    const me = m.identity;
    if (h.id !== me.id || h.manufacturerCode !== mbusManufacturerEncode(me.manufacturer) || h.version !== me.version || h.medium !== me.medium) return false;
  }
  if (!plainAllowed(m, h) && !m.has('p2.clk.accept-plain-when-keyed')) return false;
  const plain = openBody(m, h, data.subarray(form === 'long' ? 12 : 4));
  if (!plain) return false;
  // Let the codec read the clock block (DSMR-P2 §6.2.1) from a plain copy of the telegram.
  const app = mbusAppDecode(concatBytes(Uint8Array.of(0x6c), data.subarray(0, 10), Uint8Array.of(0, 0), plain));
  const clk = app.clock;
  if (!clk || clk.tc !== 0 || clk.time.invalid || clk.time.wildcard || !clk.time.iso) return false;
  let t = Date.parse(clk.time.iso);
  const f = clk.time.fields;
  // DSMR-P2 §6.2.1 fn 4: the DST flag and deviation are ignored by the device (the fault applies them).
  if (m.has('p2.clk.apply-dst') && f['dstActive']) t -= (f['dstNegative'] ? -1 : 1) * Number(f['dstDeviation'] || 1) * 3_600_000;
  const step = t - deviceNow(m);
  if (m.has('p2.clk.reject-large-step') && Math.abs(step) > 3_600_000) return false;
  m.offsetMs = t - m.clock.now();
  if (Math.abs(step) > (m.has('p2.status.clock-threshold') ? 120_000 : 60_000)) raiseStatus(m, 0x20);
  return true;
}

export function installKey(m: GasMeter, k: MbusDataRecord[]): boolean {
  if (m.userKey && m.has('p2.key.reject-plain-rekey')) return false;
  let wrapped: Uint8Array;
  if (m.has('p2.key.halves-by-position') || m.has('p2.key.no-byte-reverse')) {
    const [lo, hi] = m.has('p2.key.halves-by-position') ? [k[0]!, k[1]!] : k[0]!.dif === 0x07 ? [k[0]!, k[1]!] : [k[1]!, k[0]!];
    const wire = concatBytes(lo.data, hi.data);
    wrapped = m.has('p2.key.no-byte-reverse') ? wire : wire.slice().reverse();
  } else {
    try {
      wrapped = keyExchangeRecordsDecode(concatBytes(...k.map((r) => Uint8Array.from([r.dif, r.vif, ...r.vife, ...r.data]))), { allowSwapped: true }).wrapped;
    } catch {
      return false;
    }
  }
  const unwrapKey = m.has('p2.key.unwrap-with-user-key') && m.userKey ? m.userKey : m.defaultKey;
  const key = keyExchangeDecrypt(wrapped, unwrapKey);
  const zero = key.every((b) => b === 0);
  m.userKey = zero ? null : key;
  if (zero && m.has('p2.key.zero-key-stays-encrypted')) m.methodKeyed = true;
  else if (!m.has('p2.enc.method-ignores-key')) m.methodKeyed = !zero;
  if (m.has('p2.fc.reset-on-key-change')) m.txFc = m.rxFc = 0;
  return true;
}

function ci51(m: GasMeter, data: Uint8Array): boolean {
  const records = dataRecords(data, m.has('p2.ctl.51-with-header') ? 4 : 0);
  if (!records || records.length === 0) return false;
  const keyRecs = records.filter((r) => (r.dif === 0x07 || r.dif === 0x47) && r.vif === 0xfd && r.vife[0] === 0x19 && r.data.length === 8);
  const addr = records.filter((r) => r.dif === 0x01 && r.vif === 0x7a && r.data.length === 1);
  if (keyRecs.length + addr.length !== records.length || (keyRecs.length !== 0 && keyRecs.length !== 2) || addr.length > 1) return false;
  let done = false;
  if (keyRecs.length === 2) done = installKey(m, keyRecs);
  const a = addr[0]?.data[0];
  // DSMR-P2 §6.2.2 / §6.5: set-address only while the user key is zero; addresses above 250 do not exist.
  if (a !== undefined && a <= 250 && (!m.userKey || m.has('p2.addr.accept-when-keyed'))) {
    if (!m.has('p2.addr.ignore-set')) m.address = a;
    done = true;
  }
  return done;
}

/** A SND_UD addressed to this device; `ci` and `data` as framed. */
export function handleSndUd(m: GasMeter, ci: number, data: Uint8Array): boolean {
  switch (ci) {
    case 0x51:
      return ci51(m, data);
    case 0x5a:
      return ci5a(m, data);
    case 0x6c:
      return ci6c(m, data);
    default:
      break;
  }
  if (ci === 0x52 && m.has('p2.link.secondary-select') && data.length === 8) {
    const sel = mbusSelectionDecode(data, 0);
    m.secondarySelected = mbusSelectionMatches(sel, m.identity);
    return m.secondarySelected;
  }
  if (ci >= 0xb8 && ci <= 0xbf && m.has('p2.phy.honour-baud-switch')) {
    m.baud = 300 * 2 ** (ci - 0xb8);
    return true;
  }
  if (m.has('p2.ctl.accept-unlisted-ci') && ci !== 0x52 && (ci < 0xb8 || ci > 0xbf)) {
    return ci51(m, data) || (!m.userKey && (() => { const r = dataRecords(data, 0); if (r) applyControl(m, r); return !!r; })());
  }
  return false;
}
