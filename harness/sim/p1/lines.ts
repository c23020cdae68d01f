/**
 * The data lines of one telegram, in the order of the DSMR-RN-4.0.4 example (Annex B P1 output order,
 * then the per-phase lines between the text and the M-Bus block as the example places them), each object
 * with its value format. Object-level fault switches act here; frame-level ones in telegram.ts.
 */
import { fixed, digits, hexOf } from './format.ts';
import { tstOf } from './localtime.ts';
import { meterFailureLog, meterMbusReadout, meterNow, meterPower, meterRegisters, meterTariff, PFL_MAX, type MeterState } from './meter.ts';
import type { MbusChannel, PowerFailureEntry, PowerReadout } from './types.ts';

/** What a telegram shows that is not plain meter state (P1 text as forwarded, first-telegram memories). */
export interface RenderMemory {
  /** Text message as forwarded to P1 (differs from the P3 value only under text faults). */
  p1Text: string;
  firstTst?: string;
  firstPower?: PowerReadout;
  firstCrc?: string;
}

export interface RenderInput {
  m: MeterState;
  clockNow: number;
  faults: ReadonlySet<string>;
  mem: RenderMemory;
}

/** P1 version information by variant (digest §1.9/A14: 40 for 4.0.x, 42 for 4.2.x by CRC evidence). */
const VERSION = { '4.0.4': '40', '4.2.2': '42' } as const;
const PHASE_C = [[31, 21, 22], [51, 41, 42], [71, 61, 62]] as const;
const SAG_C = [32, 52, 72] as const;

export function dataLines(r: RenderInput): string[] {
  const { m, clockNow, faults: f, mem } = r;
  const has = (n: string) => f.has(n);
  const now = meterNow(m, clockNow);
  const lower = has('p1.hex.lowercase');
  const out: string[] = [];

  out.push(`1-3:0.2.8(${has('p1.version.50') ? '50' : VERSION[m.opts.variant]})`);
  let tst = tstOf(now, has('p1.tst.dst-flag-inverted'));
  if (has('p1.tst.frozen')) tst = mem.firstTst ??= tst;
  out.push(`0-0:1.0.0(${tst})`);
  out.push(`0-0:96.1.1(${has('p1.eqid.ascii') ? m.opts.equipmentId : hexOf(m.opts.equipmentId, lower)})`);

  const reg = meterRegisters(m);
  const kwh = (wh: number) => (has('p1.energy.f9-2') ? fixed(wh / 1000, 7, 2) : fixed(wh / 1000, 6, 3)) + (has('p1.unit.missing') ? '' : '*kWh');
  out.push(`1-0:1.8.1(${kwh(reg.importT1Wh)})`, `1-0:1.8.2(${kwh(reg.importT2Wh)})`);
  out.push(`1-0:2.8.1(${kwh(reg.exportT1Wh)})`, `1-0:2.8.2(${kwh(reg.exportT2Wh)})`);
  const tariff = meterTariff(m, clockNow);
  out.push(`0-0:96.14.0(${has('p1.tariff.s1') ? String(tariff) : digits(tariff, 4)})`);

  let pw = meterPower(m);
  if (has('p1.values.stale')) pw = mem.firstPower ??= pw;
  const kw = (w: number) => `${fixed(w / 1000, 2, 3)}*kW`;
  const total = (w: number) => (has('p1.power.w-unit') ? `${digits(Math.round(w), 5)}*W` : kw(w));
  out.push(`1-0:1.7.0(${total(pw.importW)})`, `1-0:2.7.0(${total(pw.exportW)})`);

  // Limiter threshold and switch position: 4.0.4 only (removed by DSMR-RN-4.2.2 §3 item 2).
  const v404 = m.opts.variant === '4.0.4';
  if ((v404 && !has('p1.v404.threshold-missing')) || (!v404 && has('p1.v422.breaker-lines'))) {
    out.push(`0-0:17.0.0(${fixed(m.limiter.thresholdKw, 3, 1)}*kW)`);
  }
  if (v404 || has('p1.v422.breaker-lines')) out.push(`0-0:96.3.10(${m.limiter.switchPosition})`);

  const longShown = m.longFailures + (has('p1.pf.short-counted-long') ? m.shortLog.length : 0);
  out.push(`0-0:96.7.21(${digits(m.shortFailures, 5)})`, `0-0:96.7.9(${digits(longShown, 5)})`);
  out.push(powerFailureLine(r));

  // L2/L3 items exist on poly-phase meters only (DSMR-RN-4.0.4 Annex B note 1).
  const nPh = m.opts.phases === 3 || has('p1.phase.ghost-l2l3') ? 3 : 1;
  for (const [arr, c] of [[m.sags, 32], [m.swells, 36]] as const) {
    for (let p = 0; p < nPh; p++) {
      let id = `1-0:${SAG_C[p]}.${c}.0`;
      if (c === 32 && p === 0 && has('p1.obis.colon-for-dot')) id = '1-0:32:32.0';
      out.push(`${id}(${digits(arr[p] ?? 0, 5)})`);
    }
  }

  const code = m.messageCode;
  out.push(`0-0:96.13.1(${has('p1.msgcode.raw-ascii') ? code : hexOf(code, lower)})`);
  const text = has('p1.telegram.oversize') ? 'X'.repeat(12_000) : mem.p1Text;
  out.push(`0-0:96.13.0(${hexOf(has('p1.text.truncate-512') ? text.slice(0, 512) : text, lower)})`);

  const phase = (p: number) => pw.phases[p] ?? { importW: 0, exportW: 0, currentA: 0 };
  const exact = meterPower(m);
  for (let p = 0; p < nPh; p++) {
    const amps = has('p1.current.decimals') ? fixed(Math.abs(m.loadW[p] ?? 0) / 230, 3, 1) : digits(exact.phases[p]?.currentA ?? 0, 3);
    out.push(`1-0:${PHASE_C[p]![0]}.7.0(${amps}*A)`);
  }
  for (let p = 0; p < nPh; p++) out.push(`1-0:${PHASE_C[p]![1]}.7.0(${kw(phase(p).importW)})`);
  if (!has('p1.phasepower.missing-minus')) {
    for (let p = 0; p < nPh; p++) out.push(`1-0:${PHASE_C[p]![2]}.7.0(${kw(phase(p).exportW)})`);
  }

  out.push(...mbusLines(r, tst));
  return has('p1.obis.f-group') ? out.map((l) => l.replace('(', '.255(')) : out;
}

function powerFailureLine(r: RenderInput): string {
  const { m, faults: f } = r;
  let entries: PowerFailureEntry[];
  if (f.has('p1.pfl.logs-short')) entries = [...m.failures, ...m.shortLog].sort((a, b) => a.end - b.end).slice(-PFL_MAX);
  else if (f.has('p1.pfl.unbounded')) entries = m.failures.slice();
  else entries = meterFailureLog(m);
  if (f.has('p1.pfl.drop-entry')) entries = entries.slice(0, -1);
  const n = entries.length + (f.has('p1.pfl.count-off-by-one') ? 1 : 0);
  // The log captures 0-0:96.7.19.255 (DSMR-RN-4.0.4 §5 item 12); durations are F10(0,0) seconds [ext].
  let s = `1-0:99.97.0(${n})(${f.has('p1.pfl.ref-1-0') ? '1-0:96.7.19' : '0-0:96.7.19'})`;
  for (const e of entries) {
    const stamp = f.has('p1.pfl.start-stamp') ? e.end - e.durationS * 1000 : e.end;
    s += `(${tstOf(stamp)})(${digits(e.durationS, f.has('p1.pfl.duration-11') ? 11 : 10)}*s)`;
  }
  return s;
}

function mbusLines(r: RenderInput, telegramTst: string): string[] {
  const { m, clockNow, faults: f } = r;
  const has = (n: string) => f.has(n);
  const lower = has('p1.hex.lowercase');
  const out: string[] = [];
  const installed = [...m.mbus.keys()].sort();
  for (let ch = 1 as MbusChannel; ch <= 4; ch = (ch + 1) as MbusChannel) {
    const rd = meterMbusReadout(m, ch, clockNow);
    const n = has('p1.mbus.channel-renumber') && rd ? installed.indexOf(ch) + 1 : ch;
    if (!rd) {
      if (has('p1.mbus.ghost-channel')) out.push(`0-${n}:24.1.0(000)`, `0-${n}:96.1.0()`, `0-${n}:24.2.1(000101000000W)(00000.000*m3)`);
      continue;
    }
    const st = m.mbus.get(ch)!;
    out.push(`0-${n}:24.1.0(${digits(rd.type, has('p1.mbus.devtype-2digit') ? 2 : 3)})`);
    out.push(`0-${n}:96.1.0(${has('p1.mbus.eqid-ascii') ? rd.equipmentId : hexOf(rd.equipmentId, lower)})`);
    let stamp = tstOf(rd.captureTime);
    if (has('p1.mbus.meter-time')) stamp = telegramTst;
    else if (has('p1.mbus.fake-fresh-time') && st.silencedAt !== null) {
      const skew = (st.spec.skewS ?? 0) * 1000;
      stamp = tstOf(Math.floor((meterNow(m, clockNow) + skew) / 3_600_000) * 3_600_000);
    }
    const dec = st.spec.decimals ?? 3;
    out.push(`0-${n}:24.2.1(${stamp})(${fixed(rd.value, 8 - dec, dec)}*${rd.unit})`);
    // Valve position: 4.0.4 only, and only for a device with a valve (DSMR-RN-4.2.2 §3 items 2–3).
    const v404 = m.opts.variant === '4.0.4';
    if ((v404 && (rd.valve || has('p1.v404.valve-line-no-valve'))) || (!v404 && has('p1.v422.breaker-lines'))) {
      out.push(`0-${n}:24.4.0(1)`);
    }
  }
  return out;
}
