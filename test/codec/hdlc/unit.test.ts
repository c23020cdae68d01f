/** Field-level HDLC checks against hand calculations and the IEC 62056-46 rules. */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, asciiEncode } from '../../../harness/codec/bytes.ts';
import {
  HDLC_DEFAULT_NEGOTIATION,
  HdlcError,
  type HdlcFrame,
  hdlcAddressEncode,
  hdlcClientAddress,
  hdlcClientAddressName,
  hdlcControlDecode,
  hdlcControlEncode,
  hdlcCrc16,
  hdlcFrameDecode,
  hdlcFrameEncode,
  hdlcFrmrInfoDecode,
  hdlcFrmrInfoEncode,
  hdlcLlcDecode,
  hdlcLlcEncode,
  hdlcLowerAddressName,
  hdlcMaxInfoLength,
  hdlcNegotiationDecode,
  hdlcNegotiationEffective,
  hdlcNegotiationEncode,
  hdlcParametersDecode,
  hdlcServerAddress,
  hdlcUpperAddressName,
} from '../../../harness/codec/hdlc/index.ts';
import { refCrc16 } from './reference.ts';

const frame = (over: Partial<HdlcFrame>): HdlcFrame => ({
  segmented: false,
  destination: hdlcServerAddress(1),
  source: hdlcClientAddress(16),
  control: { type: 'SNRM', pf: true },
  info: new Uint8Array(0),
  ...over,
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof HdlcError ? e.code : `not an HdlcError: ${String(e)}`;
  }
  return undefined;
}

describe('CRC-16/X-25', () => {
  it('has the catalogue check value 0x906E over "123456789" (codec and independent reference)', () => {
    expect(refCrc16(asciiEncode('123456789'))).toBe(0x906e);
    expect(hdlcCrc16(asciiEncode('123456789'))).toBe(0x906e);
  });
  it('agrees with the reference on assorted inputs', () => {
    for (let n = 0; n < 64; n++) {
      const b = Uint8Array.from({ length: n * 7 }, (_, i) => (i * 131 + n) & 0xff);
      expect(hdlcCrc16(b)).toBe(refCrc16(b));
    }
  });
  it('puts the low octet first on the line (SNRM FCS 0x010F is sent 0F 01)', () => {
    expect(hdlcCrc16(hexToBytes('A007032193'))).toBe(0x010f);
    expect(bytesToHex(hdlcFrameEncode(frame({})))).toBe('7EA0070321930F017E');
  });
});

describe('addresses', () => {
  it('encodes the forms of the KSMW digest and the Green Book examples', () => {
    expect(bytesToHex(hdlcAddressEncode(hdlcClientAddress(16)))).toBe('21');
    expect(bytesToHex(hdlcAddressEncode(hdlcClientAddress(5)))).toBe('0B');
    expect(bytesToHex(hdlcAddressEncode(hdlcServerAddress(1)))).toBe('03');
    expect(bytesToHex(hdlcAddressEncode(hdlcServerAddress(1, 17)))).toBe('0223');
    expect(bytesToHex(hdlcAddressEncode(hdlcServerAddress(1, 0x10, 4)))).toBe('00020021');
    // 4-octet split: upper 0x3FFF = 7F·2 7F·2, lower 0x3FFE = 7F·2 (7E·2)|1
    expect(bytesToHex(hdlcAddressEncode(hdlcServerAddress(0x3fff, 0x3ffe)))).toBe('FEFEFEFD');
  });
  it('chooses the 4-octet form when a part exceeds 7 bits', () => {
    expect(hdlcServerAddress(1, 128).size).toBe(4);
    expect(hdlcServerAddress(1, 127).size).toBe(2);
  });
  it('rejects out-of-range parts when encoding', () => {
    expect(codeOf(() => hdlcAddressEncode({ size: 1, upper: 128 }))).toBe('bad-value');
    expect(codeOf(() => hdlcAddressEncode({ size: 2, upper: 1, lower: 128 }))).toBe('bad-value');
    expect(codeOf(() => hdlcAddressEncode({ size: 4, upper: 0x4000, lower: 1 }))).toBe('bad-value');
    expect(codeOf(() => hdlcAddressEncode({ size: 1, upper: 1, lower: 1 }))).toBe('bad-value');
    expect(codeOf(() => hdlcAddressEncode({ size: 3 as 1, upper: 1 }))).toBe('bad-value');
  });
  it('names the reserved values (Green Book reserved HDLC addresses)', () => {
    expect(hdlcClientAddressName(0x00)).toBe('no-station');
    expect(hdlcClientAddressName(0x01)).toBe('client-management-process');
    expect(hdlcClientAddressName(0x10)).toBe('public-client');
    expect(hdlcClientAddressName(0x7f)).toBe('all-station');
    expect(hdlcClientAddressName(0x20)).toBeUndefined();
    expect(hdlcUpperAddressName(0x01, 2)).toBe('management-logical-device');
    expect(hdlcUpperAddressName(0x7f, 1)).toBe('all-station');
    expect(hdlcUpperAddressName(0x3fff, 4)).toBe('all-station');
    expect(hdlcUpperAddressName(0x7f, 4)).toBeUndefined();
    expect(hdlcLowerAddressName(0x7e, 2)).toBe('calling-physical-device');
    expect(hdlcLowerAddressName(0x3ffe, 4)).toBe('calling-physical-device');
    expect(hdlcLowerAddressName(0x3fff, 4)).toBe('all-station');
    expect(hdlcLowerAddressName(0x10, 2)).toBeUndefined();
  });
});

describe('control field', () => {
  it('round-trips every octet (encode ∘ decode = identity)', () => {
    for (let v = 0; v < 256; v++) expect(hdlcControlEncode(hdlcControlDecode(v))).toBe(v);
  });
  it('decodes the values used by IEC 62056-46 (hand-derived bit layouts)', () => {
    expect(hdlcControlDecode(0x93)).toEqual({ type: 'SNRM', pf: true });
    expect(hdlcControlDecode(0x73)).toEqual({ type: 'UA', pf: true });
    expect(hdlcControlDecode(0x53)).toEqual({ type: 'DISC', pf: true });
    expect(hdlcControlDecode(0x1f)).toEqual({ type: 'DM', pf: true });
    expect(hdlcControlDecode(0x97)).toEqual({ type: 'FRMR', pf: true });
    expect(hdlcControlDecode(0x13)).toEqual({ type: 'UI', pf: true });
    expect(hdlcControlDecode(0x03)).toEqual({ type: 'UI', pf: false });
    expect(hdlcControlDecode(0x10)).toEqual({ type: 'I', ns: 0, nr: 0, pf: true });
    expect(hdlcControlDecode(0x32)).toEqual({ type: 'I', ns: 1, nr: 1, pf: true });
    expect(hdlcControlDecode(0xfe)).toEqual({ type: 'I', ns: 7, nr: 7, pf: true });
    expect(hdlcControlDecode(0x31)).toEqual({ type: 'RR', nr: 1, pf: true });
    expect(hdlcControlDecode(0x11)).toEqual({ type: 'RR', nr: 0, pf: true });
    expect(hdlcControlDecode(0xb5)).toEqual({ type: 'RNR', nr: 5, pf: true });
    expect(hdlcControlDecode(0x09)).toEqual({ type: 'unknown', value: 0x09 }); // REJ
    expect(hdlcControlDecode(0xff)).toEqual({ type: 'unknown', value: 0xff });
  });
  it('rejects sequence numbers outside 0..7 when encoding', () => {
    expect(codeOf(() => hdlcControlEncode({ type: 'I', ns: 8, nr: 0, pf: false }))).toBe('bad-value');
    expect(codeOf(() => hdlcControlEncode({ type: 'RR', nr: -1, pf: false }))).toBe('bad-value');
    expect(codeOf(() => hdlcControlEncode({ type: 'unknown', value: 256 }))).toBe('bad-value');
  });
});

describe('frame length boundaries (11-bit length sub-field)', () => {
  const ifr = (n: number, seg = false): HdlcFrame => frame({ control: { type: 'I', ns: 0, nr: 0, pf: true }, info: new Uint8Array(n).fill(0x7e), segmented: seg });
  it('255 → A0 FF, 256 → A1 00, 2047 → A7 FF (AF FF segmented), both directions', () => {
    for (const [info, fmt] of [[246, 'A0FF'], [247, 'A100'], [2038, 'A7FF']] as const) {
      const b = hdlcFrameEncode(ifr(info));
      expect(bytesToHex(b.subarray(1, 3))).toBe(fmt);
      expect(b.length).toBe(((parseInt(fmt, 16) & 0x7ff) + 2));
      expect(hdlcFrameDecode(b).info.length).toBe(info);
    }
    expect(bytesToHex(hdlcFrameEncode(ifr(2038, true)).subarray(1, 3))).toBe('AFFF');
  });
  it('refuses to encode a frame longer than 2047 octets', () => {
    expect(hdlcMaxInfoLength(1, 1)).toBe(2038);
    expect(hdlcMaxInfoLength(4, 4)).toBe(2032);
    expect(codeOf(() => hdlcFrameEncode(ifr(2039)))).toBe('bad-length');
  });
  it('an information field made only of 0x7E octets survives: no stuffing', () => {
    const b = hdlcFrameEncode(ifr(300));
    expect(b.length).toBe(300 + 11); // flags 2, format 2, addresses 2, control 1, HCS 2, FCS 2
    expect(hdlcFrameDecode(b).info.every((x) => x === 0x7e)).toBe(true);
  });
  it('a frame without information field has no HCS (length 7 for one-octet addresses)', () => {
    expect(hdlcFrameEncode(frame({ control: { type: 'DISC', pf: true } })).length).toBe(9);
  });
});

describe('SNRM/UA parameters', () => {
  it('encodes the canonical form: 1- or 2-octet lengths, 4-octet windows', () => {
    expect(bytesToHex(hdlcNegotiationEncode({ maxInfoTransmit: 128, maxInfoReceive: 128, windowTransmit: 1, windowReceive: 1 })))
      .toBe('818012050180060180070400000001080400000001');
    expect(bytesToHex(hdlcNegotiationEncode({ maxInfoReceive: 2030 }))).toBe('8180040602' + '07EE');
    expect(hdlcNegotiationEncode({}).length).toBe(0);
  });
  it('decodes the UA of the dlms-cosem capture and fills in defaults', () => {
    const n = hdlcNegotiationDecode(hexToBytes('81801205019A06019A070400000001080400000001'));
    expect(n).toEqual({ maxInfoTransmit: 154, maxInfoReceive: 154, windowTransmit: 1, windowReceive: 1 });
    expect(hdlcNegotiationEffective({ windowReceive: 7 })).toEqual({ ...HDLC_DEFAULT_NEGOTIATION, windowReceive: 7 });
    expect(hdlcNegotiationDecode(new Uint8Array(0))).toEqual({});
  });
  it.each([
    ['82801205018006018007040000000108040000000', 0, 'format identifier not 0x81'],
    ['81811205', 1, 'group identifier not 0x80'],
    ['8180', 2, 'shorter than the 3-octet header'],
    ['818004050180', 2, 'group length larger than the octets that follow'],
    ['81800205018006', 2, 'group length smaller than the octets that follow'],
    ['818006050180050180', 6, 'the same parameter twice'],
    ['8180050503000080', 4, 'a 3-octet value'],
    ['818003050280', 4, 'value runs past the group'],
    ['81800105', 3, 'parameter header runs past the group'],
  ])('rejects %s with bad-parameter at %i (%s)', (h, offset) => {
    let err: unknown;
    try {
      hdlcParametersDecode(hexToBytes(h.length % 2 ? h + '1' : h));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HdlcError);
    expect((err as HdlcError).code).toBe('bad-parameter');
    expect((err as HdlcError).offset).toBe(offset);
  });
});

describe('LLC and FRMR', () => {
  it('adds and strips E6 E6 00 / E6 E7 00', () => {
    expect(bytesToHex(hdlcLlcEncode(hexToBytes('C001'), 'command'))).toBe('E6E600C001');
    expect(bytesToHex(hdlcLlcEncode(hexToBytes('C401'), 'response'))).toBe('E6E700C401');
    expect(hdlcLlcDecode(hexToBytes('E6E700C401'))).toEqual({ role: 'response', apdu: hexToBytes('C401') });
    expect(codeOf(() => hdlcLlcDecode(hexToBytes('E6E501')))).toBe('bad-llc');
    expect(codeOf(() => hdlcLlcDecode(hexToBytes('E6')))).toBe('bad-llc');
  });
  it('decodes the FRMR reason bits (ISO/IEC 13239 modulo-8 layout)', () => {
    // rejected control 0x32, V(S)=2 (bits 2-4 → 0x04), C/R=1 (0x10), V(R)=3 (bits 6-8 → 0x60); Z (0x08)
    const f = hdlcFrmrInfoDecode(hexToBytes('327408'))!;
    expect(f).toEqual({ rejectedControl: 0x32, vs: 2, cr: true, vr: 3, w: false, x: false, y: false, z: true });
    expect(bytesToHex(hdlcFrmrInfoEncode(f))).toBe('327408');
    expect(hdlcFrmrInfoDecode(hexToBytes('3274'))).toBeUndefined();
  });
});
