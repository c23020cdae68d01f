/**
 * Value information block (VIF + up to 10 VIFEs, EN 13757-3 §6.4): what a record's value means.
 * `mbusVibDescribe` resolves the primary, FDh and FBh tables, the plain-text VIF (7Ch/FCh), the
 * manufacturer-specific VIF (7Fh/FFh), "any VIF" (7Eh/FEh, readout selection) and the combinable VIFEs
 * (actions towards the device, record errors from it, unit modifiers, dates, correction factors).
 */
import { primaryVif, fdVif, fbVif, combinableVife, MBUS_ACTIONS, MBUS_RECORD_ERRORS, MBUS_COMBINABLE_EXT } from './vif-tables.ts';
import type { MbusValueHint } from './vif-tables.ts';

export interface MbusVibInfo {
  table: 'primary' | 'FD' | 'FB' | 'plain-text' | 'manufacturer' | 'any' | 'unknown';
  quantity: string;
  unit: string;
  exponent: number;
  description: string;
  hint: MbusValueHint;
  /** Descriptions of combinable VIFEs (unit modifiers, "uncorrected", limits …). */
  modifiers: string[];
  /** Object action requested from the device (master → slave records). */
  action?: string;
  /** Record error reported by the device (slave → master records). */
  recordError?: string;
  /** Codes this decoder does not know (each raises a warning; an error in strict mode). */
  unknown: string[];
}

const h2 = (v: number): string => v.toString(16).toUpperCase().padStart(2, '0');

/**
 * @param toDevice the record travels master → slave, so VIFE 00h–0Fh are actions, not record errors.
 * @param plainTextUnit the unit string of a 7Ch/FCh VIF.
 */
export function mbusVibDescribe(vif: number, vife: number[], toDevice: boolean, plainTextUnit?: string): MbusVibInfo {
  const v = vif & 0x7f;
  const info: MbusVibInfo = { table: 'primary', quantity: 'unknown', unit: '', exponent: 0, description: '', hint: 'number', modifiers: [], unknown: [] };
  let next = 0;
  if (vif === 0xfd || vif === 0xfb) {
    const first = vife[0];
    if (first === undefined) {
      info.table = 'unknown';
      info.unknown.push(`VIF ${h2(vif)}h without its extension VIFE`);
      return info;
    }
    const entry = vif === 0xfd ? fdVif(first & 0x7f) : fbVif(first & 0x7f);
    Object.assign(info, { table: vif === 0xfd ? 'FD' : 'FB', quantity: entry.quantity, unit: entry.unit, exponent: entry.exponent, description: entry.description, hint: entry.hint ?? 'number' });
    if (entry.reserved) info.unknown.push(entry.description);
    next = 1;
  } else if (v === 0x7c) {
    Object.assign(info, { table: 'plain-text', quantity: 'plain-text-unit', unit: plainTextUnit ?? '', description: 'unit given as plain text' });
  } else if (v === 0x7e) {
    Object.assign(info, { table: 'any', quantity: 'any', description: 'any VIF (readout selection of all values)' });
  } else if (v === 0x7f) {
    Object.assign(info, { table: 'manufacturer', quantity: 'manufacturer-specific', description: 'manufacturer-specific VIF' });
    // Every VIFE after a manufacturer-specific VIF is manufacturer specific too.
    if (vife.length) info.modifiers.push(`manufacturer-specific VIFEs ${vife.map(h2).join(' ')}`);
    return info;
  } else if (v === 0x7b || v === 0x7d) {
    info.table = 'unknown';
    info.unknown.push(`VIF ${h2(vif)}h announces an extension table but has no extension bit`);
    return info;
  } else {
    const entry = primaryVif(v);
    Object.assign(info, { quantity: entry.quantity, unit: entry.unit, exponent: entry.exponent, description: entry.description, hint: entry.hint ?? 'number' });
    if (entry.reserved) { info.table = 'unknown'; info.unknown.push(entry.description); }
  }
  for (let i = next; i < vife.length; i++) {
    const c = vife[i]! & 0x7f;
    if (c === 0x7f) {
      info.modifiers.push(`manufacturer-specific VIFEs follow${i + 1 < vife.length ? `: ${vife.slice(i + 1).map(h2).join(' ')}` : ''}`);
      break;
    }
    if (c === 0x7c) {
      const ext = vife[i + 1];
      i++;
      const name = ext === undefined ? undefined : MBUS_COMBINABLE_EXT[ext & 0x7f];
      if (name) info.modifiers.push(name);
      else info.unknown.push(`combinable extension VIFE ${ext === undefined ? '(missing)' : `${h2(ext)}h`}`);
      continue;
    }
    if (c <= 0x1f) {
      if (toDevice && c <= 0x0f) {
        const a = MBUS_ACTIONS[c];
        if (a) info.action = a; else info.unknown.push(`reserved action VIFE ${h2(vife[i]!)}h`);
      } else if (c === 0x12) info.modifiers.push('average value');
      else if (c === 0x13) info.modifiers.push('inverse compact profile');
      else if (c === 0x14) info.modifiers.push('relative deviation');
      else if (c === 0x1d) info.modifiers.push('standard conform data content');
      else if (c === 0x1e) info.modifiers.push('compact profile with register numbers');
      else if (c === 0x1f) info.modifiers.push('compact profile');
      else {
        const r = MBUS_RECORD_ERRORS[c];
        if (r) info.recordError = r; else info.unknown.push(`reserved record-error VIFE ${h2(vife[i]!)}h`);
      }
      continue;
    }
    const m = combinableVife(c);
    if (!m.known) { info.unknown.push(m.description); continue; }
    info.modifiers.push(m.description);
    if (m.unitSuffix) info.unit = info.unit ? `${info.unit}${m.unitSuffix}` : m.unitSuffix.replace(/^\//, '1/');
    if (m.exponentDelta) info.exponent += m.exponentDelta;
    if (m.durationUnit) { info.unit = m.durationUnit; info.exponent = 0; }
    if (m.date) { info.hint = 'date'; info.unit = ''; info.exponent = 0; }
  }
  return info;
}
