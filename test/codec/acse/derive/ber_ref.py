# Independent reference decoder (Python) used to derive/check expected values of vectors/acse.json.
import sys, json
def tlv(b, p, end):
    t = b[p]; p += 1
    l = b[p]; p += 1
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[p:p+n], 'big'); p += n
    assert p + l <= end, 'overflow'
    return t, b[p:p+l], p + l
def oid(c):
    arcs=[]; v=0
    for x in c:
        v = v*128 + (x & 0x7f)
        if not x & 0x80: arcs.append(v); v=0
    f=arcs[0]; head=[0,f] if f<40 else ([1,f-40] if f<80 else [2,f-80])
    return '.'.join(map(str, head+arcs[1:]))
def bits(c):
    u=c[0]; s=''.join(format(x,'08b') for x in c[1:]); return s[:len(s)-u]
def one(c, want):
    t, v, e = tlv(c, 0, len(c)); assert t == want and e == len(c), (hex(t), want); return v
def integer(c): return int.from_bytes(c, 'big', signed=True)
H=lambda c: c.hex().upper()
RES=['accepted','rejected-permanent','rejected-transient']
USR=['null','no-reason-given','application-context-name-not-supported','calling-AP-title-not-recognized','calling-AP-invocation-identifier-not-recognized','calling-AE-qualifier-not-recognized','calling-AE-invocation-identifier-not-recognized','called-AP-title-not-recognized','called-AP-invocation-identifier-not-recognized','called-AE-qualifier-not-recognized','called-AE-invocation-identifier-not-recognized','authentication-mechanism-name-not-recognised','authentication-mechanism-name-required','authentication-failure','authentication-required']
PRV=['null','no-reason-given','no-common-acse-version']
def auth(c):
    t, v, e = tlv(c, 0, len(c)); assert e == len(c)
    if t == 0x80: return {'choice':'charstring','value':H(v)}
    if t == 0x81: return {'choice':'bitstring','value':H(v[1:]),'unusedBits':v[0]}
    raise Exception('auth')
AARQ={0x80:('protocolVersion',lambda c: bits(c)),0xA1:('applicationContextName',lambda c: oid(one(c,6))),0xA2:('calledApTitle',lambda c:H(one(c,4))),0xA3:('calledAeQualifier',lambda c:H(one(c,4))),0xA4:('calledApInvocationId',lambda c:integer(one(c,2))),0xA5:('calledAeInvocationId',lambda c:integer(one(c,2))),0xA6:('callingApTitle',lambda c:H(one(c,4))),0xA7:('callingAeQualifier',lambda c:H(one(c,4))),0xA8:('callingApInvocationId',lambda c:integer(one(c,2))),0xA9:('callingAeInvocationId',lambda c:integer(one(c,2))),0x8A:('senderAcseRequirements',bits),0x8B:('mechanismName',oid),0xAC:('callingAuthenticationValue',auth),0x9D:('implementationInformation',H),0xBE:('userInformation',lambda c:H(one(c,4)))}
def diag(c):
    t,v,e=tlv(c,0,len(c)); x=integer(one(v,2))
    return {'source':'acse-service-user','diagnostic':USR[x]} if t==0xA1 else {'source':'acse-service-provider','diagnostic':PRV[x]}
AARE={0x80:('protocolVersion',bits),0xA1:('applicationContextName',lambda c: oid(one(c,6))),0xA2:('result',lambda c:RES[integer(one(c,2))]),0xA3:('resultSourceDiagnostic',diag),0xA4:('respondingApTitle',lambda c:H(one(c,4))),0xA5:('respondingAeQualifier',lambda c:H(one(c,4))),0xA6:('respondingApInvocationId',lambda c:integer(one(c,2))),0xA7:('respondingAeInvocationId',lambda c:integer(one(c,2))),0x88:('responderAcseRequirements',bits),0x89:('mechanismName',oid),0xAA:('respondingAuthenticationValue',auth),0x9D:('implementationInformation',H),0xBE:('userInformation',lambda c:H(one(c,4)))}
RQ={0:'normal',1:'urgent',30:'user-defined'}; RE={0:'normal',1:'not-finished',30:'user-defined'}
RLRQ={0x80:('reason',lambda c:RQ[integer(c)]),0xBE:('userInformation',lambda c:H(one(c,4)))}
RLRE={0x80:('reason',lambda c:RE[integer(c)]),0xBE:('userInformation',lambda c:H(one(c,4)))}
def dec(h):
    b=bytes.fromhex(h)
    t,c,e=tlv(b,0,len(b)); assert e==len(b)
    typ,tab={0x60:('AARQ',AARQ),0x61:('AARE',AARE),0x62:('RLRQ',RLRQ),0x63:('RLRE',RLRE)}[t]
    out={'type':typ}; p=0
    while p<len(c):
        ft,fv,p2=tlv(c,p,len(c)); k,f=tab[ft]; out[k]=f(fv); p=p2
    return out
for h in sys.argv[1:]: print(json.dumps(dec(h)))
