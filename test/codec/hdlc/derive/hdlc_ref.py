# Independent HDLC reference (Python): CRC-16/X-25, frame builder and parser used to derive vectors/hdlc.json.
def crc(data):
    c = 0xFFFF
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ 0x8408 if c & 1 else c >> 1
    return c ^ 0xFFFF
def le(c): return bytes([c & 0xff, c >> 8])
def addr(size, upper, lower=None):
    if size == 1: return bytes([(upper << 1) | 1])
    if size == 2: return bytes([upper << 1, (lower << 1) | 1])
    return bytes([(upper >> 7) << 1, (upper & 0x7f) << 1, (lower >> 7) << 1, ((lower & 0x7f) << 1) | 1])
def build(dst, src, ctrl, info=b'', seg=False, fmt_type=0xA):
    hdr_len = 2 + len(dst) + len(src) + 1
    L = hdr_len + (2 + len(info) if info else 0) + 2
    f = bytes([(fmt_type << 4) | (0x08 if seg else 0) | (L >> 8), L & 0xff]) + dst + src + bytes([ctrl])
    if info: f += le(crc(f)) + info
    f += le(crc(f))
    return b'\x7e' + f + b'\x7e'
def ctrl_json(v):
    pf = bool(v & 0x10)
    if v & 1 == 0: return {'type': 'I', 'ns': (v >> 1) & 7, 'nr': v >> 5, 'pf': pf}
    if v & 3 == 1:
        s = v & 0x0f
        if s == 1: return {'type': 'RR', 'nr': v >> 5, 'pf': pf}
        if s == 5: return {'type': 'RNR', 'nr': v >> 5, 'pf': pf}
        return {'type': 'unknown', 'value': v}
    u = {0x83: 'SNRM', 0x43: 'DISC', 0x63: 'UA', 0x0F: 'DM', 0x87: 'FRMR', 0x03: 'UI'}.get(v & 0xEF)
    return {'type': u, 'pf': pf} if u else {'type': 'unknown', 'value': v}
def parse_addr(b, p):
    s = p
    while not b[p] & 1: p += 1
    p += 1
    o = [x >> 1 for x in b[s:p]]
    n = p - s
    assert n in (1, 2, 4)
    if n == 1: a = {'size': 1, 'upper': o[0]}
    elif n == 2: a = {'size': 2, 'upper': o[0], 'lower': o[1]}
    else: a = {'size': 4, 'upper': (o[0] << 7) | o[1], 'lower': (o[2] << 7) | o[3]}
    return a, p
def parse(b):
    assert b[0] == 0x7e and b[-1] == 0x7e
    L = ((b[1] & 7) << 8) | b[2]
    assert b[1] >> 4 == 0xA and L == len(b) - 2
    d, p = parse_addr(b, 3)
    s, p = parse_addr(b, p)
    c = b[p]; p += 1
    fcs_at = L - 1
    assert b[fcs_at:fcs_at + 2] == le(crc(b[1:fcs_at]))
    info = b''
    if p < fcs_at:
        assert b[p:p + 2] == le(crc(b[1:p]))
        info = b[p + 2:fcs_at]
    out = {'segmented': bool(b[1] & 8), 'destination': d, 'source': s, 'control': ctrl_json(c), 'info': info.hex().upper(), 'frameLength': L}
    if info[:3] in (b'\xe6\xe6\x00', b'\xe6\xe7\x00'): out['llc'] = 'command' if info[1] == 0xe6 else 'response'
    if out['control']['type'] in ('SNRM', 'UA') and info:
        assert info[0] == 0x81 and info[1] == 0x80 and info[2] == len(info) - 3
        q = 3; ps = []
        while q < len(info):
            i, n = info[q], info[q + 1]
            ps.append({'id': i, 'value': int.from_bytes(info[q + 2:q + 2 + n], 'big'), 'size': n}); q += 2 + n
        out['parameters'] = ps
    return out
