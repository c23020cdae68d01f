/**
 * The meter data message (DSMR-P2 §4.3.2): readout-list records (§6.3, §6.4) under the 12-byte long
 * header (ID MAN VER DEV ACC ST CW, §4.2.1), plain while no user key is set and method 15 otherwise
 * (§5.1), with the clear frame-counter record after the encrypted blocks (§5.2).
 */
import { concatBytes } from '../../codec/bytes.ts';
import { bcdEncode, textEncode, typeFEncode, typeIEncode, mbusIdEncode, mbusManufacturerEncode, mbusFrameEncode, mbusChecksum } from '../../codec/mbus/index.ts';
import {
  dsmrPlaintext, frameCounterRecord, mbusEncrypt, mode15Iv, mode15Seal, mode5Iv,
} from '../../security/mbus/index.ts';
import { hourlyValue, nextTxFc, type GasMeter } from './meter.ts';

/** Version properties per FD VIFE (DSMR-P2 §6.4.2: name=value, each ended by CR LF). */
const VERSION_TEXT: Record<number, string> = {
  0x0c: 'dsmr=4.2.2\r\n',
  0x0d: 'met=PCB-M1.0\r\ncom=PCB-C2.1\r\n',
  0x0e: 'met=FW1.2.3\r\n',
  0x0f: 'com=FW4.5.6\r\napl=FW7.8.9\r\ncfg=CFG-01\r\n',
};

function versionText(m: GasMeter, vife: number): string {
  let s = VERSION_TEXT[vife]!;
  if (vife === 0x0f && m.has('p2.ver.missing-property')) s = s.replace('cfg=CFG-01\r\n', '');
  // The overlong fault pads the configuration name until the telegram no longer fits in L ≤ 255 (see
  // rspUdFrame); encrypted, it stays within the 15 blocks the configuration word can count.
  if (vife === 0x0f && m.has('p2.link.overlong-frame') && m.selected.size === 4) s += `cfg=${'X'.repeat(m.methodKeyed ? 74 : 94)}\r\n`;
  return s;
}

function versionRecord(m: GasMeter, vife: number): Uint8Array {
  const text = textEncode(versionText(m, vife));
  return Uint8Array.from([0x0d, 0xfd, vife, text.length, ...text]);
}

/** The records of the current readout list (§6.3: status, E-ID, configuration, hourly stamp and volume). */
export function readoutRecords(m: GasMeter): Uint8Array {
  const parts: Uint8Array[] = [];
  parts.push(Uint8Array.of(0x01, 0xfd, 0x17, m.status | (m.has('p2.status.bit7-set') ? 0x80 : 0)));
  if (!m.has('p2.rol.missing-eid')) {
    const eid = m.has('p2.eid.not-reversed') ? Uint8Array.from(m.o.equipmentId, (c) => c.charCodeAt(0)) : textEncode(m.o.equipmentId);
    parts.push(Uint8Array.from([0x0d, 0x78, 0x11, ...eid]));
  }
  const hv = hourlyValue(m);
  const storage = m.has('p2.app.storage-bit-clear') ? 0x00 : 0x40;
  if (m.has('p2.ts.type-f')) parts.push(Uint8Array.from([0x04 | storage, 0x6d, ...typeFEncode(new Date(hv.time))]));
  // Day of week 0 (not given), as the device example App. B1.3 sends it.
  else parts.push(Uint8Array.from([0x06 | storage, 0x6d, ...typeIEncode(new Date(hv.time), { dayOfWeek: 0 })]));
  const big = m.o.meterSize === 'G10-G25';
  const vif = big !== m.has('p2.gas.wrong-scale') ? 0x14 : 0x13;
  const value = big ? Math.floor(hv.litres / 10) : hv.litres;
  parts.push(Uint8Array.from([0x0c | storage, vif, ...bcdEncode(value % 100_000_000, 4, false)]));
  // Meter configuration (§6.4.8): clock present, converted volume; a 4.2.2 gas meter has no valve (§9.2).
  parts.push(Uint8Array.of(0x01, 0xfd, 0x67, 0x05 | (m.has('p2.cfg.valve-bit-set') ? 0x02 : 0)));
  const versions = m.has('p2.ver.in-default-list') ? [0x0c, 0x0d, 0x0e, 0x0f] : [...m.selected].sort((a, b) => a - b);
  for (const v of versions) parts.push(versionRecord(m, v));
  return concatBytes(...parts);
}

/** Encrypt the records the way the (possibly faulty) device does; returns CW blocks and the body after CW. */
function sealRecords(m: GasMeter, key: Uint8Array, records: Uint8Array): { blocks: number; body: Uint8Array } {
  const link = m.identity;
  const fc = nextTxFc(m);
  if (m.has('p2.fc.record-encrypted')) {
    const plain = dsmrPlaintext(concatBytes(records, frameCounterRecord(fc)));
    const ct = mbusEncrypt({ mode: 15, key, iv: mode15Iv({ ...link, frameCounter: fc }), data: plain });
    return { blocks: ct.length / 16, body: ct };
  }
  if (m.has('p2.enc.no-trailing-filler') || m.has('p2.enc.iv-acc-based')) {
    let plain = dsmrPlaintext(records);
    if (m.has('p2.enc.no-trailing-filler')) {
      const len = Math.ceil((records.length + 2) / 16) * 16;
      plain = new Uint8Array(len);
      plain.set([0x2f, 0x2f], 0);
      plain.set(records, 2);
    }
    const iv = m.has('p2.enc.iv-acc-based') ? mode5Iv({ ...link, accessNumber: m.acc }) : mode15Iv({ ...link, frameCounter: fc });
    const ct = mbusEncrypt({ mode: 15, key, iv, data: plain });
    return { blocks: ct.length / 16, body: concatBytes(ct, frameCounterRecord(fc)) };
  }
  return mode15Seal({ key, link, frameCounter: fc, records });
}

/** The long header in wire order (§4.2.1), with the header faults applied. */
export function longHeader(m: GasMeter, cw: number): Uint8Array {
  const id = mbusIdEncode(m.identity.id);
  const man = mbusManufacturerEncode(m.identity.manufacturer);
  const manBytes = m.has('p2.id.man-byte-swap') ? [man >> 8, man & 0xff] : [man & 0xff, man >> 8];
  const ident = m.has('p2.hdr.man-before-id') ? [...manBytes, ...id] : [...id, ...manBytes];
  const ver = m.has('p2.hdr.version-wrong') ? 0x40 : m.identity.version;
  const st = m.has('p2.hdr.status-nonzero') ? m.status : 0;
  const w = cw | (m.has('p2.cw.wired-extra-bits') ? 0x8000 : 0);
  const cwBytes = m.has('p2.cw.byte-swap') ? [w >> 8, w & 0xff] : [w & 0xff, w >> 8];
  return Uint8Array.from([...ident, ver, m.identity.medium, m.acc, st, ...cwBytes]);
}

/**
 * Meter data after the header (shared with the wireless meter): the records, encrypted the way the key
 * state says (§5.1), with the clear frame-counter record (§5.2); the configuration word's method and block
 * bits. Advances the frame counter when it encrypts.
 */
export function meterDataBody(m: GasMeter, records: Uint8Array = readoutRecords(m)): { cw: number; body: Uint8Array; fcRecordLength: number } {
  let key: Uint8Array | null = null;
  if (m.methodKeyed && !m.has('p2.enc.plain-when-keyed')) {
    key = m.has('p2.key.default-key-for-data') ? m.defaultKey : m.userKey ?? new Uint8Array(16);
  } else if (!m.methodKeyed && m.has('p2.enc.encrypt-without-key')) key = m.defaultKey;
  if (m.has('p2.key.zero-key-stays-encrypted') && m.userKey === null && m.methodKeyed) key = new Uint8Array(16);
  let cw = 0;
  let body: Uint8Array = records;
  let fcRecordLength = 0;
  if (key) {
    const sealed = sealRecords(m, key, records);
    cw = 0x0f00 | (sealed.blocks << 4);
    body = sealed.body;
    fcRecordLength = m.has('p2.fc.record-encrypted') ? 0 : 7;
  } else if (m.has('p2.fc.in-plain-frame')) {
    body = concatBytes(records, frameCounterRecord(nextTxFc(m)));
  }
  return { cw, body, fcRecordLength };
}

/** Application part (after CI 72h) of the next RSP_UD; advances the frame counter when it encrypts. */
export function rspUdData(m: GasMeter): { data: Uint8Array; fcRecordLength: number } {
  const { cw, body, fcRecordLength } = meterDataBody(m);
  const data = concatBytes(longHeader(m, cw), body);
  if (!m.has('p2.acc.frozen-wired')) m.acc = (m.acc + 1) & 0xff;
  return { data, fcRecordLength };
}

/** The whole RSP_UD frame (C 08h, A own address, CI 72h) with the link-layer faults applied. */
export function rspUdFrame(m: GasMeter): Uint8Array {
  const { data, fcRecordLength } = rspUdData(m);
  const a = m.has('p2.rsp.a-field-zero') ? 0 : m.address;
  const overlong = data.length > 252;
  if (!overlong && !(m.has('p2.link.l-excludes-fc-record') && fcRecordLength)) {
    return mbusFrameEncode({ format: 'long', c: 0x08, a, ci: 0x72, data });
  }
  // Hand-built on purpose: these faults produce a frame the codec's encoder refuses to make.
  const l = overlong ? (3 + data.length) & 0xff : 3 + data.length - fcRecordLength;
  const out = new Uint8Array(data.length + 9);
  out.set([0x68, l, l, 0x68, 0x08, a, 0x72]);
  out.set(data, 7);
  out[data.length + 7] = mbusChecksum(out, 4, data.length + 7);
  out[data.length + 8] = 0x16;
  return out;
}
