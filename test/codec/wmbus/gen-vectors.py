#!/usr/bin/env python3
"""Generate vectors/wmbus.json and vectors/mbus-crypto.json independently of the TypeScript code.
CRC: the bitwise CRC-16/EN-13757 below (same as the research digest's p2-examples/crc.py; check value
C2B7); AES: python `cryptography`. Run from anywhere: python3 test/codec/wmbus/gen-vectors.py"""
import json, os
VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'vectors')

def crc_en13757(data, poly=0x3D65):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ poly) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc ^ 0xFFFF
assert crc_en13757(b'123456789') == 0xC2B7
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

H = lambda s: bytes.fromhex(''.join(s.split()))
X = lambda b: b.hex().upper()
def ecb_e(k,p): e=Cipher(algorithms.AES(k),modes.ECB()).encryptor(); return e.update(p)+e.finalize()
def ecb_d(k,c): d=Cipher(algorithms.AES(k),modes.ECB()).decryptor(); return d.update(c)+d.finalize()
def cbc_e(k,iv,p): e=Cipher(algorithms.AES(k),modes.CBC(iv)).encryptor(); return e.update(p)+e.finalize()
def cbc_d(k,iv,c): d=Cipher(algorithms.AES(k),modes.CBC(iv)).decryptor(); return d.update(c)+d.finalize()

DK = H('00112233445566778899AABBCCDDEEFF'); UK = H('000102030405060708090A0B0C0D0E0F')
MAN = H('B4 38'); ID = H('89 67 45 23'); VER = 0x42; DEV = 0x03
LLA = MAN + ID + bytes([VER, DEV])
LINK = dict(manufacturer='NET', id='23456789', version=0x42, medium=3)
def iv15(addr8, fc): f = fc.to_bytes(4,'little'); return addr8 + f + f
def iv5(addr8, acc): return addr8 + bytes([acc])*8
def fc_rec(fc): return H('04 FD 08') + fc.to_bytes(4,'little')
def crc2(b): return crc_en13757(b).to_bytes(2,'big')

def fmtA(c, m2, a6, payload):
    L = 9 + len(payload); assert L <= 255
    b1 = bytes([L, c]) + m2 + a6
    out = b1 + crc2(b1)
    for i in range(0, len(payload), 16):
        blk = payload[i:i+16]; out += blk + crc2(blk)
    return out
def fmtB(c, m2, a6, payload):
    n = len(payload); assert n <= 242
    L = 9 + n + 2 + (2 if n > 116 else 0)
    b12 = bytes([L, c]) + m2 + a6 + payload[:116]
    out = b12 + crc2(b12)
    if n > 116:
        b3 = payload[116:]; out += b3 + crc2(b3)
    return out

MED = {0x03: 'gas', 0x07: 'water'}
CNAME = {0x40:'SND_NKE',0x44:'SND_NR',0x46:'SND_IR',0x5B:'REQ_UD2',0x53:'SND_UD',0x00:'ACK',0x06:'CNF_IR',0x08:'RSP_UD'}
def man_letters(m2):
    v = m2[0] | (m2[1] << 8)
    return ''.join(chr(0x40 + ((v >> s) & 31)) for s in (10, 5, 0))
def link_expect(fmt, frame, c, m2, a6, payload, medium_name):
    return dict(format=fmt, l=frame[0], c=c, cName=CNAME.get(c), manufacturer=man_letters(m2),
                id=X(a6[3::-1]), version=a6[4], medium=a6[5], mediumName=medium_name,
                ci=(payload[0] if payload else None), payload=X(payload))

tc = [0]
def nid(): tc[0] += 1; return tc[0]
def T(comment, hexb, result, flags, ref, expected=None, error=None, params=None):
    t = dict(tcId=nid(), comment=comment, hex=X(hexb) if isinstance(hexb, (bytes, bytearray)) else hexb, result=result, flags=flags, ref=ref)
    if params: t['params'] = params
    if expected is not None: t['expected'] = expected
    if error: t['error'] = error
    return t

# ---------------------------------------------------------------- wmbus.json
groups = []
groups.append(dict(comment='CRC-16/EN-13757 known answers (poly 3D65, init 0, not reflected, xorout FFFF)', params=dict(op='crc'), tests=[
    T('catalogue check value over ASCII "123456789"', b'123456789', 'valid', ['published'],
      'CRC catalogue CRC-16/EN-13757 check value C2B7', expected=dict(crc='C2B7')),
    T('EN 13757-4 annex example telegram (format B, CRC over the whole 19 bytes)', H('1444AE0C7856341201078C2027780B13436587'), 'valid', ['published'],
      'EN 13757-4 annex example as quoted by public wM-Bus test suites; digest §2.2', expected=dict(crc='7AC5')),
]))

pubB = H('1444AE0C7856341201078C2027780B134365877AC5')
omsA = H('2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A')
def exp_from_frame(fmt, fr, payload, medium_name):
    return link_expect(fmt, fr, fr[1], fr[2:4], fr[4:10], payload, medium_name)
groups.append(dict(comment='published frames with CRCs', params=dict(op='frame-decode'), tests=[
    T('EN 13757-4 annex example: format B, SND_NR, CEN 12345678, water, ELL CI 8Ch + one record', pubB, 'valid', ['published', 'format-b'],
      'EN 13757-4 annex example (format B); CRC 7AC5 checked by research/p2-examples/crc.py', params=dict(format='B'),
      expected=exp_from_frame('B', pubB, pubB[10:19], 'water')),
    T('OMS Vol.2 Annex N.2.1: format A, SND_NR, ELS 12345678 v33h gas, mode 5 encrypted (4 CRC blocks)', omsA, 'valid', ['published'],
      'OMS Specification Vol.2 Annex N.2.1 (wM-Bus meter with security profile A); all 4 CRCs checked by crc.py', params=dict(format='A'),
      expected=exp_from_frame('A', omsA, omsA[12:28] + omsA[30:46] + omsA[48:53], 'gas')),
]))

# DSMR-P2 Table 6 messages from the §4.4 templates (digest §5.5)
pt_b13 = H('''2F 2F 01 FD 17 00 0D 78 11 39 38 37 36 35 34 33 32 31 30 31 31 58 58 58 58 58 46 6D 00 00
0B 32 16 00 4C 13 91 03 00 00 01 FD 67 05 2F 2F 2F 2F''')
ct_b13_printed = H('''F1 80 C5 3E 07 68 C7 6A E6 E2 4A 98 BD D5 94 7F 62 27 32 BF 63 72 AA 2A A9 AF 6D 0F 0C 71
FB 59 7F FC 62 05 A2 5F 50 84 27 87 A6 F0 C2 9D 50 7B''')
ct_b13 = cbc_e(UK, iv15(LLA, 1), pt_b13)
Z2, Z6 = H('00 00'), bytes(6)
SID = ID + MAN + bytes([VER, DEV])
wrapped = ecb_e(DK, UK)
recs = H('07 FD 19') + wrapped[::-1][:8] + H('47 FD 19') + wrapped[::-1][8:]
msgs = [
    ('SND_NR meter data, B1.3 records encrypted (mode 15, IV VER 42h), ACC F6, CW AF30h, FC 1', 0x44, MAN, LLA[2:], H('7A F6 00 30 AF') + ct_b13 + fc_rec(1), 'DSMR-P2 §4.4.2, §5.2, App. B1.3 records'),
    ('SND_NKE from the E-meter (zero link address), long header with the target Short ID, ACC 01', 0x40, Z2, Z6, H('80') + SID + H('01 00 00 00'), 'DSMR-P2 §4.4.1, Table 6'),
    ('REQ_UD2 from the E-meter, ACC 01', 0x5B, Z2, Z6, H('80') + SID + H('01 00 00 00'), 'DSMR-P2 §4.4.5, Table 6'),
    ('CNF_IR, ACC copied from the SND_IR (F6)', 0x06, Z2, Z6, H('80') + SID + H('F6 00 00 00'), 'DSMR-P2 §4.4.7, Table 6'),
    ('ACK, ACC copied (01), CW 00 A0 on the wire (limited access)', 0x00, MAN, LLA[2:], H('8A 01 00 00 A0'), 'DSMR-P2 §4.4.3, Table 6; digest A8'),
    ('SND_UD set new key, CI 5Bh, CW 00 00, records 07/47 FD 19 with the B1.1 wrapped key', 0x53, Z2, Z6, H('5B') + SID + H('01 00 00 00') + recs, 'DSMR-P2 §4.4.6, §6.5.1, App. B1.1'),
    ('SND_IR plain, no records, ACC 10, CW 00 A0', 0x46, MAN, LLA[2:], H('7A 10 00 00 A0'), 'DSMR-P2 §4.4.7, Table 6'),
]
dsmr_tests = []
for comment, c, m2, a6, payload, ref in msgs:
    fr = fmtA(c, m2, a6, payload)
    dsmr_tests.append(T(comment, fr, 'valid', ['derived', 'dsmr-p2'], ref + ' (derived: template filled with the App. B identity; CRCs by crc.py)',
                        params=dict(format='A'), expected=link_expect('A', fr, c, m2, a6, payload, 'gas' if a6[5] == 3 else 'other')))
groups.append(dict(comment='DSMR-P2 Table 6 wireless messages built from the §4.4 templates with the App. B identity', params=dict(op='frame-decode'), tests=dsmr_tests))

# printed-template defects
nke_payload = H('80') + SID + H('01 00 00 00')
b1_5 = bytes([8 + len(nke_payload), 0x40]) + Z2 + bytes(5)
nke_5 = b1_5 + crc2(b1_5) + nke_payload + crc2(nke_payload)
nke_ok = fmtA(0x40, Z2, Z6, nke_payload)
ack_printed_payload = H('8A 01 00 A0 00')
ack_printed = fmtA(0x00, MAN, LLA[2:], ack_printed_payload)
ack_ok_payload = H('8A 01 00 00 A0')
snr_quirk_payload = H('7A F6 00 30 AF') + ct_b13_printed + fc_rec(1)
snr_quirk = fmtA(0x44, MAN, LLA[2:], snr_quirk_payload)
groups.append(dict(comment='DSMR-P2 printed templates and examples: as printed (defect named) and corrected', params=dict(op='frame-decode'), tests=[
    T('SND_NKE with the E-meter A-field as the §4.4.1 remark prints it (five zero bytes): the sender closes block 1 after 9 bytes, so the receiver finds the CRC at the wrong place', nke_5, 'invalid', ['as-printed'],
      'DSMR-P2 §4.4.1 remark "00 00 00 00 00h" (digest A23); EN 13757-4 block 1 = 10 bytes', params=dict(format='A'), error='bad-crc', expected=dict(block=1)),
    T('SND_NKE with a six-byte zero A-field (corrected)', nke_ok, 'valid', ['corrected'],
      'DSMR-P2 §3.2.4 (A-field 6 bytes), §4.4.1', params=dict(format='A'), expected=link_expect('A', nke_ok, 0x40, Z2, Z6, nke_payload, 'other')),
    T('ACK with CW as §4.4.3 prints it ("A0h, 00h" in wire order): link layer intact, the application layer reads CW 00A0h = 10 blocks, no bidirectional bit', ack_printed, 'acceptable', ['as-printed', 'app-layer-defect'],
      'DSMR-P2 §4.4.3/§4.4.4 ACK table (digest A8); CW low byte first per B1.3', params=dict(format='A'), expected=link_expect('A', ack_printed, 0x00, MAN, LLA[2:], ack_printed_payload, 'gas')),
    T('ACK with CW 00 A0 on the wire (corrected)', fmtA(0x00, MAN, LLA[2:], ack_ok_payload), 'valid', ['corrected'],
      'DSMR-P2 §4.2.6, §4.4.3', params=dict(format='A'), expected=link_expect('A', fmtA(0x00, MAN, LLA[2:], ack_ok_payload), 0x00, MAN, LLA[2:], ack_ok_payload, 'gas')),
    T('SND_NR carrying the B1.3 ciphertext as printed (made with IV VER 40h) under link VER 42h: link layer intact; decryption keeps 2F 2F but garbles byte 6 (see mbus-crypto.json)', snr_quirk, 'acceptable', ['spec-quirk'],
      'DSMR-P2 App. B1.3 and App. B IV list (digest A2, X9)', params=dict(format='A'), expected=link_expect('A', snr_quirk, 0x44, MAN, LLA[2:], snr_quirk_payload, 'gas')),
]))

# boundary frames
def pat(n, seed): return bytes(((i * 37 + seed) & 0xFF) for i in range(n))
bt = []
for fmt, sizes in (('A', [0, 1, 15, 16, 17, 31, 32, 33, 246]), ('B', [0, 1, 115, 116, 117, 118, 242])):
    for n in sizes:
        payload = (H('7A') + pat(n - 1, n)) if n else b''
        fr = (fmtA if fmt == 'A' else fmtB)(0x44, MAN, LLA[2:], payload)
        bt.append(T(f'format {fmt}, {n} payload bytes ({len(fr)} bytes on the wire)', fr, 'valid', ['boundary', 'format-' + fmt.lower()],
                    'EN 13757-4 frame format ' + fmt + ' block layout (derived; CRCs by crc.py)', params=dict(format=fmt),
                    expected=link_expect(fmt, fr, 0x44, MAN, LLA[2:], payload, 'gas')))
groups.append(dict(comment='hand-built frames at block boundaries (payload from CI on: 7Ah then a byte pattern)', params=dict(op='frame-decode'), tests=bt))

# invalid frames
snr = fmtA(0x44, MAN, LLA[2:], H('7A F6 00 30 AF') + ct_b13 + fc_rec(1))
def flip(b, i, x=0x01): b = bytearray(b); b[i] ^= x; return bytes(b)
big_b = fmtB(0x44, MAN, LLA[2:], H('7A') + pat(199, 7))
inv = [
    T('SND_NR, CRC of block 1 altered', flip(snr, 10), 'invalid', ['bad-crc'], 'EN 13757-4 format A; DSMR-P2 §5.2 item 2', params=dict(format='A'), error='bad-crc', expected=dict(block=1)),
    T('SND_NR, a data byte of block 3 altered', flip(snr, 12 + 18 + 5), 'invalid', ['bad-crc'], 'EN 13757-4 format A', params=dict(format='A'), error='bad-crc', expected=dict(block=3)),
    T('SND_NR, CRC of the last block (5) altered', flip(snr, len(snr) - 1), 'invalid', ['bad-crc'], 'EN 13757-4 format A', params=dict(format='A'), error='bad-crc', expected=dict(block=5)),
    T('format B, a byte of block 1 altered (covered by the CRC closing block 2)', flip(big_b, 5), 'invalid', ['bad-crc', 'format-b'], 'EN 13757-4 format B', params=dict(format='B'), error='bad-crc', expected=dict(block=2)),
    T('format B, a byte of block 3 altered', flip(big_b, 130), 'invalid', ['bad-crc', 'format-b'], 'EN 13757-4 format B', params=dict(format='B'), error='bad-crc', expected=dict(block=3)),
    T('published format B frame with its CRC altered', flip(pubB, 20), 'invalid', ['bad-crc', 'format-b'], 'EN 13757-4 annex example, CRC changed', params=dict(format='B'), error='bad-crc', expected=dict(block=2)),
    T('SND_NR without its last byte: frame ends inside block 5', snr[:-1], 'invalid', ['truncated'], 'DSMR-P2 §3.2.1; EN 13757-4', params=dict(format='A'), error='truncated', expected=dict(offset=len(snr) - 1)),
    T('only 8 bytes: block 1 incomplete', snr[:8], 'invalid', ['truncated'], 'EN 13757-4 block 1 = 10 bytes + CRC', params=dict(format='A'), error='truncated', expected=dict(offset=8)),
    T('SND_NR with one extra byte after the last CRC: L does not match the byte count', snr + b'\x00', 'invalid', ['length-mismatch'], 'DSMR-P2 §3.2.1', params=dict(format='A'), error='length-mismatch', expected=dict(offset=len(snr))),
    T('L-field 5: below the 9 bytes of C, M and A', H('05') + snr[1:], 'invalid', ['l-field'], 'DSMR-P2 §3.2.1', params=dict(format='A'), error='l-field-invalid', expected=dict(offset=0)),
    T('format B with L = 128: block 3 would have no room for data and CRC', bytes([128]) + pat(128, 3), 'invalid', ['l-field', 'format-b'], 'EN 13757-4 format B block sizes', params=dict(format='B'), error='l-field-invalid', expected=dict(offset=0)),
    T('empty input', b'', 'invalid', ['too-short'], 'EN 13757-4', params=dict(format='A'), error='too-short', expected=dict(offset=0)),
]
groups.append(dict(comment='invalid frames', params=dict(op='frame-decode'), tests=inv))

# 3-out-of-6
ENC = [0x16,0x0D,0x0E,0x0B,0x1C,0x19,0x1A,0x13,0x2C,0x25,0x26,0x23,0x34,0x31,0x32,0x29]
def tof6(data):
    bits = ''.join(format(ENC[b >> 4], '06b') + format(ENC[b & 15], '06b') for b in data)
    if len(bits) % 8: bits += '0101'
    return bytes(int(bits[i:i+8], 2) for i in range(0, len(bits), 8))
enc_tests = [T(f'{c}', tof6(d), 'valid', ['derived'], 'EN 13757-4 Table 10 (3 out of 6), high nibble first, postamble chips 0101 fill an odd byte count (derived)', params=dict(data=X(d)), expected=dict(data=X(d)))
             for c, d in (('one byte 12h (odd count: 4 postamble chips)', H('12')), ('two bytes 12 34', H('12 34')), ('all 16 nibbles 0123456789ABCDEF', H('0123456789ABCDEF')))]
ack_frame = fmtA(0x00, MAN, LLA[2:], ack_ok_payload)
tm = tof6(ack_frame)
enc_tests.append(T('T-mode chips of the DSMR ACK frame (19 bytes, odd)', tm, 'valid', ['derived', 't-mode'], 'DSMR-P2 §2.2 (T2), EN 13757-4 Table 10; frame format A',
                   params=dict(data=X(ack_frame), tmode=True), expected=dict(data=X(ack_frame))))
bad1 = bytearray(tof6(H('12 34'))); bad1[0] = 0x00
bad2 = bytearray(tof6(H('12 34 56'))); bad2[2] = (bad2[2] & 0xC0) | 0x3F  # symbol 3 (chips 18..23) -> 111111
tm_bad = bytearray(tm); tm_bad[4] ^= 0x20
enc_tests += [
    T('first symbol 000000 is no code word', bytes(bad1), 'invalid', ['bad-3of6'], 'EN 13757-4 Table 10', error='invalid-3of6-symbol', expected=dict(offset=0)),
    T('fourth symbol (chips 18-23) 111111 is no code word', bytes(bad2), 'invalid', ['bad-3of6'], 'EN 13757-4 Table 10', error='invalid-3of6-symbol', expected=dict(offset=2)),
    T('T-mode ACK with chip 34 flipped: symbol 5 then holds two or four ones', bytes(tm_bad), 'invalid', ['bad-3of6', 't-mode'], 'EN 13757-4 Table 10', params=dict(tmode=True), error='invalid-3of6-symbol', expected=dict(offset=3)),
]
groups.append(dict(comment='T-mode 3-out-of-6 chip coding: hex = chips, params.data = the bytes they carry', params=dict(op='three-of-six'), tests=enc_tests))

wm = dict(schema='meterproof-vectors/1', layer='wmbus',
          source='EN 13757-4 frame formats A/B and 3-out-of-6 as DSMR-P2 (DSMR 4.2.2 P2 companion standard) §2.2, §3.2, §4.4, Table 6 use them. '
                 'Published frames: the EN 13757-4 annex format B example and OMS Vol.2 Annex N.2.1. DSMR frames: the §4.4 templates filled with the App. B identity. '
                 'Every CRC was computed in python (test/codec/wmbus/gen-vectors.py, same algorithm as the research digest crc.py), independently of the TypeScript codec; the tests recompute them with their own CRC.',
          notes={'published': 'frame or value printed in a standard or its public annex', 'derived': 'built by us from the cited rules',
                 'dsmr-p2': 'DSMR-P2 Table 6 message', 'as-printed': 'reproduces a defect of the printed spec text; the defect is named in the comment',
                 'corrected': 'the consistent reading of an as-printed vector', 'spec-quirk': 'valid on this layer but inconsistent elsewhere in the spec',
                 'app-layer-defect': 'link layer fine; the defect sits in the application header', 'boundary': 'payload length at a CRC block boundary',
                 'format-a': 'frame format A', 'format-b': 'frame format B (not used by DSMR)', 'bad-crc': 'CRC error; expected.block names the block',
                 'truncated': 'frame shorter than L demands', 'length-mismatch': 'bytes after the frame L describes', 'l-field': 'impossible L-field',
                 'too-short': 'no L-field', 'bad-3of6': 'invalid 6-chip symbol', 't-mode': 'whole T-mode frame (L decides the length)'},
          groups=groups)
json.dump(wm, open(os.path.join(VECTORS, 'wmbus.json'), 'w'), indent=1)

# ---------------------------------------------------------------- mbus-crypto.json
tc[0] = 0
cg = []
ELS = dict(manufacturer='ELS', id='12345678', version=0x33, medium=3)
ELS8 = omsA[2:10]
cg.append(dict(comment='DSMR mode 15 IV: MAN ID VER DEV, frame counter LSB first, twice (hex = the IV)', params=dict(op='iv15'), tests=[
    T('DSMR-P2 §5.2.1 Example 1', H('B4 38 89 67 45 23 42 03 01 00 00 00 01 00 00 00'), 'valid', ['spec-example'], 'DSMR-P2 §5.2, §5.2.1 Example 1',
      params=dict(LINK, frameCounter=1)),
    T('App. B IV list: VER 40h although App. B gives version 42h; reproduced only with version 40h', H('B4 38 89 67 45 23 40 03 01 00 00 00 01 00 00 00'), 'valid', ['spec-quirk'],
      'DSMR-P2 App. B (IV list) vs §5.2 (digest A2, X3)', params=dict(LINK, version=0x40, frameCounter=1)),
    T('frame counter 0x01020304 (byte order check)', LLA + H('04 03 02 01 04 03 02 01'), 'valid', ['derived'], 'DSMR-P2 §5.2 (derived)', params=dict(LINK, frameCounter=0x01020304)),
    T('frame counter 0xFFFFFFFF (largest)', LLA + H('FF')*8, 'valid', ['derived'], 'DSMR-P2 §5.2 (derived; overflow unspecified, digest A20)', params=dict(LINK, frameCounter=0xFFFFFFFF)),
]))
cg.append(dict(comment='mode 5 IV: M A then the access number eight times (hex = the IV)', params=dict(op='iv5'), tests=[
    T('OMS Vol.2 Annex N.2.1 meter (ELS 12345678 v33h gas, ACC 2Ah)', ELS8 + bytes([0x2A])*8, 'valid', ['published'],
      'EN 13757-3 security mode 5; OMS Vol.2 Annex N.2.1 (the published frame decrypts with this IV)', params=dict(ELS, accessNumber=0x2A)),
]))

def dec(comment, ct, key, iv, mode, result, flags, ref, plain=None, error=None, blocks=None, strict=None, offset=None):
    p = dict(mode=mode, key=X(key), iv=X(iv))
    if blocks is not None: p['blocks'] = blocks
    if strict: p['strict'] = True
    e = None
    if plain is not None: e = dict(plaintext=X(plain))
    if offset is not None: e = dict(offset=offset)
    return T(comment, ct, result, flags, ref, expected=e, error=error, params=p)
iv40 = iv15(MAN + ID + bytes([0x40, 3]), 1); iv42 = iv15(LLA, 1)
garbled = cbc_d(UK, iv42, ct_b13_printed)
sel = H('2F 2F 08 FD 0D 08 FD 0E') + b'\x2F'*8
clr = H('2F 2F 01 FD 97 06 73') + b'\x2F'*9
tsync = H('2F 2F 00 00 00 4D B0 17 00 00 00 00 2F 2F 2F 2F')
oms_ct = omsA[17:28] + omsA[30:46] + omsA[48:53]
oms_iv = iv5(ELS8, 0x2A)
oms_pt = cbc_d(H('0102030405060708090A0B0C0D0E0F11'), oms_iv, oms_ct)
assert oms_pt[:2] == b'\x2f\x2f'
b12_plain = H('08 FD 0D 08 FD 0E') + b'\x2F'*10  # as printed: no leading 2F 2F (padded to one block)
no_trail = H('2F 2F') + pat(14, 9)
cg.append(dict(comment='AES-128-CBC step with the 2F 2F check (hex = ciphertext; expected plaintext recomputed by the tests with node:crypto)', params=dict(op='decrypt'), tests=[
    dec('B1.3 ciphertext as printed, IV as App. B lists it (VER 40h)', ct_b13_printed, UK, iv40, 15, 'valid', ['spec-example', 'spec-quirk'], 'DSMR-P2 App. B1.3 and App. B IV list', plain=pt_b13, blocks=3),
    dec('B1.3 ciphertext as printed, IV by the §5.2 rule (VER 42h from the header): 2F 2F survives, byte 6 reads 0Fh instead of 0Dh', ct_b13_printed, UK, iv42, 15, 'acceptable', ['as-printed', 'spec-quirk', 'iv-error-undetected'],
        'DSMR-P2 §5.2 vs App. B1.3 (digest A2, X9)', plain=garbled, blocks=3),
    dec('B1.3 records encrypted with the IV the rule demands (corrected)', ct_b13, UK, iv42, 15, 'valid', ['corrected'], 'DSMR-P2 §5.1, §5.2, App. B1.3 (derived)', plain=pt_b13, blocks=3),
    dec('wired CI 5Ah select hardware + metrology versions, FC 2 (digest §5.3)', cbc_e(UK, iv15(LLA, 2), sel), UK, iv15(LLA, 2), 15, 'valid', ['derived'], 'DSMR-P2 §6.3.1, App. B1.2 step 1 repaired', plain=sel),
    dec('wired CI 5Ah clear status mask 73h, FC 4', cbc_e(UK, iv15(LLA, 4), clr), UK, iv15(LLA, 4), 15, 'valid', ['derived'], 'DSMR-P2 §6.2.3', plain=clr),
    dec('clock sync block 2013-07-16 13:00:00 UTC, FC 6', cbc_e(UK, iv15(LLA, 6), tsync), UK, iv15(LLA, 6), 15, 'valid', ['derived'], 'DSMR-P2 §6.2.1 and footnote 4', plain=tsync, blocks=1),
    dec('OMS Annex N.2.1 mode 5 payload', oms_ct, H('0102030405060708090A0B0C0D0E0F11'), oms_iv, 5, 'valid', ['published'], 'OMS Vol.2 Annex N.2.1; EN 13757-3 mode 5', plain=oms_pt, blocks=2),
    dec('wrong frame counter in the IV (2 instead of 1): only IV bytes 8-15 differ, so 2F 2F survives and block 1 bytes 8 and 12 are garbled', ct_b13, UK, iv15(LLA, 2), 15, 'acceptable', ['iv-error-undetected'],
        'DSMR-P2 §5.1 check bytes cover IV bytes 0-1 only (derived)', plain=cbc_d(UK, iv15(LLA, 2), ct_b13), blocks=3),
    dec('wrong key (the default key instead of the user key)', ct_b13, DK, iv42, 15, 'invalid', ['wrong-key'], 'DSMR-P2 §5.1, §5.2 rule 3', error='check-bytes-missing', blocks=3, offset=0),
    dec('wrong manufacturer in the IV (bytes 0-1): the check bytes catch it', ct_b13, UK, iv15(H('B5 38') + LLA[2:], 1), 15, 'invalid', ['wrong-iv'], 'DSMR-P2 §5.1', error='check-bytes-missing', blocks=3, offset=0),
    dec('B1.2 step 1 plaintext as printed (no leading 2F 2F), encrypted with the right key and IV: the receiver must refuse it', cbc_e(UK, iv15(LLA, 2), b12_plain), UK, iv15(LLA, 2), 15, 'invalid', ['as-printed'],
        'DSMR-P2 App. B1.2 step 1 vs §5.1 (digest A5)', error='check-bytes-missing', blocks=1, offset=0),
    dec('OMS payload with the wrong key', oms_ct, UK, oms_iv, 5, 'invalid', ['wrong-key'], 'EN 13757-3 mode 5 check bytes', error='check-bytes-missing', blocks=2, offset=0),
    dec('40 bytes: not a whole number of blocks', ct_b13[:40], UK, iv42, 15, 'invalid', ['length'], 'DSMR-P2 §5.1 (multiple of 16)', error='not-block-multiple', offset=32),
    dec('CW declares 3 blocks but 64 bytes are given', ct_b13 + pat(16, 1), UK, iv42, 15, 'invalid', ['length'], 'DSMR-P2 §4.2.6, §5.1 (NNNN)', error='trailing-bytes', blocks=3, offset=48),
    dec('CW declares 4 blocks but only 48 bytes are present', ct_b13, UK, iv42, 15, 'invalid', ['length'], 'DSMR-P2 §4.2.6, §5.1 (NNNN)', error='blocks-mismatch', blocks=4, offset=48),
    dec('strict: the block ends in record bytes, not in two 2Fh fillers', cbc_e(UK, iv42, no_trail), UK, iv42, 15, 'invalid', ['strict'], 'DSMR-P2 §5.1 (at least two fillers; digest A19)', error='trailing-filler-missing', blocks=1, strict=True, offset=14),
]))

def op15(comment, body, result, flags, ref, key=UK, blocks=3, last=None, plain=None, fc=None, error=None, offset=None, link=LINK):
    p = dict(key=X(key), link=link, blocks=blocks)
    if last is not None: p['lastFrameCounter'] = last
    e = dict(plaintext=X(plain), frameCounter=fc) if plain is not None else (dict(offset=offset) if offset is not None else None)
    return T(comment, body, result, flags, ref, expected=e, error=error, params=p)
body = ct_b13 + fc_rec(1)
cg.append(dict(comment='DSMR mode 15 body after the CW: N encrypted blocks then the clear 04 FD 08 frame counter (hex = body)', params=dict(op='open15'), tests=[
    op15('B1.3 records, FC 1 (the SND_NR payload of wmbus.json)', body, 'valid', ['derived'], 'DSMR-P2 §5.2, App. B1.3 (corrected IV)', plain=pt_b13, fc=1),
    op15('same, last accepted FC 0', body, 'valid', ['derived'], 'DSMR-P2 §5.2 rule 1', last=0, plain=pt_b13, fc=1),
    op15('B1.3 as printed under VER 42h: opens (2F 2F intact) with byte 6 garbled', ct_b13_printed + fc_rec(1), 'acceptable', ['as-printed', 'spec-quirk'], 'DSMR-P2 App. B1.3 (digest A2)', plain=garbled, fc=1),
    op15('frame counter equal to the last accepted one (replay)', body, 'invalid', ['replay'], 'DSMR-P2 §5.2 rule 1 (strictly greater)', last=1, error='frame-counter-stale', offset=51),
    op15('frame-counter record missing', ct_b13, 'invalid', ['frame-counter'], 'DSMR-P2 §5.2, App. B1 template', error='frame-counter', offset=48),
    op15('frame-counter record with DIF 0Ch instead of 04h', ct_b13 + H('0C FD 08 01 00 00 00'), 'invalid', ['frame-counter'], 'DSMR-P2 §5.2', error='frame-counter', offset=48),
    op15('a byte after the frame-counter record', body + b'\x2F', 'invalid', ['length'], 'DSMR-P2 App. B1 template (CS follows the record)', error='trailing-bytes', offset=55),
    op15('CW declares 4 blocks, 3 present', body, 'invalid', ['length'], 'DSMR-P2 §4.2.6', blocks=4, error='blocks-mismatch', offset=55),
    op15('wrong key', body, 'invalid', ['wrong-key'], 'DSMR-P2 §5.2 rule 3', key=DK, error='check-bytes-missing', offset=0),
]))
cg.append(dict(comment='mode 5 body after the CW (hex = body)', params=dict(op='open5'), tests=[
    T('OMS Annex N.2.1', oms_ct, 'valid', ['published'], 'OMS Vol.2 Annex N.2.1', params=dict(key='0102030405060708090A0B0C0D0E0F11', link=ELS, accessNumber=0x2A, blocks=2),
      expected=dict(plaintext=X(oms_pt), trailer='')),
    T('OMS Annex N.2.1 with a clear record after the encrypted blocks', oms_ct + H('02 FD 17 00 00'), 'valid', ['derived'], 'EN 13757-3 (unencrypted data may follow the encrypted blocks)',
      params=dict(key='0102030405060708090A0B0C0D0E0F11', link=ELS, accessNumber=0x2A, blocks=2), expected=dict(plaintext=X(oms_pt), trailer='02FD170000')),
]))
cg.append(dict(comment='key exchange: wrapped key = AES-128-ECB-Encrypt(default key, new key) (hex = new key)', params=dict(op='key-wrap'), tests=[
    T('App. B1.1 user key under the App. B default key', UK, 'valid', ['spec-example'], 'DSMR-P2 §6.5.1, App. B1.1', params=dict(defaultKey=X(DK)), expected=dict(wrapped=X(wrapped))),
    T('all-zero user key (returns the device to plain mode)', bytes(16), 'valid', ['derived'], 'DSMR-P2 §5.1, §6.5 (derived)', params=dict(defaultKey=X(DK)), expected=dict(wrapped=X(ecb_e(DK, bytes(16))))),
]))
b11_recs = H('07 FD 19 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A B7 9F 27')
assert b11_recs == recs
s651 = H('07 FD 19 19 1E 12 D8 0C 00 F6 70 47 FD 19 32 99 85 71 39 22 48 69')
cg.append(dict(comment='key exchange records 07 FD 19 + 47 FD 19, value bytes = wrapped key reversed (hex = the 22 record bytes)', params=dict(op='key-records'), tests=[
    T('App. B1.1 records', b11_recs, 'valid', ['spec-example'], 'DSMR-P2 App. B1.1 (records verified: unwrap gives the App. B user key)', params=dict(defaultKey=X(DK)),
      expected=dict(wrapped=X(wrapped), newKey=X(UK))),
    T('§6.5.1 illustrative records (no key material given, so only the byte order is checked)', s651, 'valid', ['spec-example'], 'DSMR-P2 §6.5.1 table',
      expected=dict(wrapped=X((s651[3:11] + s651[14:22])[::-1]))),
    T('B1.1 with the second DIF 07h as the table remark ("Storage 0") and the printed checksum 4Eh imply', b11_recs[:11] + H('07') + b11_recs[12:], 'invalid', ['as-printed'],
      'DSMR-P2 App. B1.1 remark and CS 4Eh vs §6.5.1 (digest A3, §5.2)', error='key-record-dif', expected=dict(offset=11)),
    T('halves swapped (47h record first)', b11_recs[11:] + b11_recs[:11], 'invalid', ['order'], 'DSMR-P2 §6.5.1 order (digest A42)', error='key-record-order', expected=dict(offset=0)),
    T('VIFE 18h instead of 19h', b11_recs[:2] + H('18') + b11_recs[3:], 'invalid', ['vif'], 'DSMR-P2 §6.5.1 (VIF FDh VIFE 19h)', error='key-record-vif', expected=dict(offset=1)),
    T('21 bytes', b11_recs[:21], 'invalid', ['length'], 'DSMR-P2 §6.5.1 (two 64-bit records)', error='key-records-truncated', expected=dict(offset=21)),
]))
mc = dict(schema='meterproof-vectors/1', layer='mbus-crypto',
          source='DSMR-P2 §5 (mode 15 IV, check bytes, frame counter), §6.5.1 and App. B (B1.1 key exchange, B1.3 gas meter RSP_UD); EN 13757-3 mode 5 with the OMS Vol.2 Annex N.2.1 frame. '
                 'Ciphertexts and plaintexts were computed with python `cryptography` (test/codec/wmbus/gen-vectors.py) independently of the TypeScript code; the tests recompute them with node:crypto (aes-128-cbc / aes-128-ecb).',
          notes={'spec-example': 'printed in DSMR-P2', 'published': 'printed in a public standard annex (OMS)', 'derived': 'built by us from the cited rules',
                 'as-printed': 'reproduces a defect of the printed spec; the defect is named', 'corrected': 'consistent reading of an as-printed vector',
                 'spec-quirk': 'the spec example only works under a reading the rule does not give', 'iv-error-undetected': 'a wrong IV that the 2F 2F check cannot catch',
                 'wrong-key': 'wrong key', 'wrong-iv': 'wrong IV caught by the check bytes', 'length': 'length check', 'strict': 'only with strict checking',
                 'replay': 'frame counter not above the last accepted one', 'frame-counter': 'clear frame-counter record missing or malformed',
                 'order': 'record order', 'vif': 'VIF/VIFE check'},
          groups=cg)
json.dump(mc, open(os.path.join(VECTORS, 'mbus-crypto.json'), 'w'), indent=1)
print('wmbus', sum(len(g['tests']) for g in groups), 'mbus-crypto', sum(len(g['tests']) for g in cg))
