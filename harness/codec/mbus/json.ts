/**
 * JSON view of a decoded application layer (the `meterproof decode mbus` vocabulary; schema in
 * decode-schema.json). Codes (CI, DIF, VIF) are hex strings as EN 13757-3 prints them; counts and values
 * are numbers; dates are ISO-8601. Key material (VIF FD 19, DSMR-P2 §6.5.1) is redacted.
 */
import type { MbusApp } from './app.ts';
import type { MbusDataRecord } from './records.ts';
import type { MbusIssue } from './errors.ts';
import { issue } from './errors.ts';
import { mbusMediumName, mbusConfigDecode, mbusIdIsBcd, mbusManufacturerIsLetters, mbusStatusDecode } from './header.ts';
import { dsmrStatusFlags, dsmrConfigFlags } from './values.ts';
import { bytesToHex } from '../bytes.ts';

const hex = (b: number[] | Uint8Array): string => bytesToHex(Uint8Array.from(b));
const h2 = (v: number): string => hex([v]);

export function mbusRecordToJson(r: MbusDataRecord, shift = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {
    offset: r.offset + shift,
    dif: hex([r.dif, ...r.dife]),
    vif: hex([r.vif, ...r.vife]),
    storage: r.storage,
    tariff: r.tariff,
    subunit: r.subunit,
    function: r.function,
    quantity: r.info.quantity,
    unit: r.info.unit,
    exponent: r.info.exponent,
    dataType: r.dataType,
    raw: typeof r.raw === 'bigint' ? r.raw.toString() : r.raw,
    value: r.value,
    description: r.info.description,
  };
  if (r.info.hint === 'key') { out.raw = null; out.value = null; out.redacted = true; }
  if (r.invalid) out.invalid = true;
  if (r.wildcard) out.wildcard = true;
  if (r.encrypted) out.encrypted = true;
  if (r.date) out.dateFields = r.date.fields;
  if (r.info.modifiers.length) out.modifiers = r.info.modifiers;
  if (r.info.action) out.action = r.info.action;
  if (r.info.recordError) out.recordError = r.info.recordError;
  if (r.info.table === 'plain-text') out.unit = r.info.unit;
  const fd = r.vif === 0xfd ? (r.vife[0] ?? 0) & 0x7f : -1;
  if (typeof r.raw === 'number' && r.data.length === 1 && fd === 0x17) out.flags = dsmrStatusFlags(r.raw);
  if (typeof r.raw === 'number' && r.data.length === 1 && fd === 0x67) out.flags = dsmrConfigFlags(r.raw);
  return out;
}

/** @param shift added to every offset (6 when the application layer sits in a wired long frame). */
export function mbusAppToJson(app: MbusApp, shift = 0): Record<string, unknown> {
  const sh = (list: MbusIssue[]): MbusIssue[] => list.map((e) => ({ ...e, offset: e.offset + shift }));
  const h = app.header;
  const cfg = app.config;
  const out: Record<string, unknown> = {
    ci: h2(app.ci),
    ciName: app.ciInfo.name,
    headerForm: app.ciInfo.header,
    header: h
      ? {
          id: h.form === 'long' ? h.id : null,
          manufacturer: h.form === 'long' ? h.manufacturer : null,
          version: h.form === 'long' ? h.version : null,
          medium: h.form === 'long' ? h.medium : null,
          mediumName: h.form === 'long' ? mbusMediumName(h.medium) : null,
          accessNumber: h.accessNumber,
          status: h.status,
          statusFlags: (({ value: _v, ...f }) => f)(mbusStatusDecode(h.status)),
          configWord: h.configWord,
          encryption: { mode: cfg!.mode, blocks: cfg!.blocks },
          config: { bidirectional: cfg!.bidirectional, accessibility: cfg!.accessibility, synchronous: cfg!.synchronous, content: cfg!.content, hopCount: cfg!.hopCount },
        }
      : null,
    records: app.records.filter((r): r is MbusDataRecord => r.kind === 'data').map((r) => mbusRecordToJson(r, shift)),
    fillers: app.records.filter((r) => r.kind === 'filler').length,
    moreRecordsFollow: app.moreRecordsFollow,
  };
  if (app.records.some((r) => r.kind === 'global-readout')) out.globalReadout = true;
  if (app.manufacturerData) out.manufacturerData = { offset: app.manufacturerData.offset + shift, dif: h2(app.manufacturerData.dif), hex: bytesToHex(app.manufacturerData.data) };
  if (app.encrypted) {
    const enc = app.encrypted;
    // Without decryption the ciphertext is shown as is (it is not secret; the key never is).
    out.encrypted = { mode: enc.mode, blocks: enc.blocks, decrypted: enc.decrypted, ...(enc.trailingFillers !== undefined ? { trailingFillers: enc.trailingFillers } : {}), ...(enc.decrypted ? {} : { hex: bytesToHex(enc.ciphertext) }) };
  }
  if (app.clock) out.clock = { tc: app.clock.tc, time: app.clock.time.iso, invalid: app.clock.time.invalid, timeFields: app.clock.time.fields, reserved: bytesToHex(app.clock.reserved) };
  if (app.selection) out.selection = { id: app.selection.id, manufacturer: app.selection.manufacturer, version: app.selection.version, medium: app.selection.medium };
  if (app.appError) out.appError = app.appError;
  if (app.baudRate !== undefined) out.baudRate = app.baudRate;
  if (app.payload && !app.clock && !app.selection) out.payload = bytesToHex(app.payload);
  if (app.unparsed) out.unparsed = bytesToHex(app.unparsed);
  if (app.frameCounter !== undefined) out.frameCounter = app.frameCounter;
  out.errors = sh(app.errors);
  out.warnings = sh(app.warnings);
  out.dsmr = sh(mbusDsmrAppCheck(app));
  return out;
}

/**
 * Deviations from DSMR-P2 that the application layer shows on its own (informational; the conformance
 * suite decides what they mean for a verdict).
 */
export function mbusDsmrAppCheck(app: MbusApp): MbusIssue[] {
  const out: MbusIssue[] = [];
  const h = app.header;
  if (h) {
    if (h.status !== 0) out.push(issue('dsmr-status-byte', 0, 'header status byte is not 0 (DSMR-P2 §4.2.5)'));
    const cfg = mbusConfigDecode(h.configWord);
    if (cfg.mode !== 0 && cfg.mode !== 15) out.push(issue('dsmr-encryption-mode', 0, `encryption method ${cfg.mode}; DSMR-P2 §5.1 allows 0 and 15 only`));
    if (h.form === 'long') {
      if (!mbusIdIsBcd(h.id)) out.push(issue('dsmr-id-not-bcd', 1, `identification ${h.id} is not 8 BCD digits (DSMR-P2 §4.2.2)`));
      if (!mbusManufacturerIsLetters(h.manufacturerCode)) out.push(issue('dsmr-manufacturer', 5, 'manufacturer field is not three letters A–Z (EN 13757-3 §5.6)'));
    }
  }
  if (app.encrypted?.mode === 15 && app.frameCounter === undefined) out.push(issue('dsmr-missing-frame-counter', 0, 'encrypted frame without the clear 04 FD 08 frame counter record (DSMR-P2 §5.2)'));
  if (!app.encrypted && app.frameCounter !== undefined) out.push(issue('dsmr-frame-counter-in-plain-frame', 0, 'plain frame carries a frame counter record (DSMR-P2 §5.2: only encrypted messages do)'));
  if (app.encrypted?.decrypted && (app.encrypted.trailingFillers ?? 0) < 2) out.push(issue('dsmr-trailing-fillers', app.encrypted.offset, 'fewer than two 2Fh fillers end the encrypted part (DSMR-P2 §5.1)'));
  for (const r of app.records) {
    if (r.kind === 'data' && r.vif === 0xfd && (r.vife[0] ?? 0) === 0x17 && typeof r.raw === 'number' && r.raw & 0x80) {
      out.push(issue('dsmr-status-bit7', r.offset, 'status record bit 7 is reserved and must be 0 (DSMR-P2 §6.3.3)'));
    }
  }
  return out;
}
