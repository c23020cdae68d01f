import { describe, expect, it } from 'vitest';
import { parseProfileText, ProfileError } from '../../harness/runner/profile.ts';
import { redact, resolveSecret, SecretError } from '../../harness/runner/secrets.ts';

const good = `
name: kitchen-meter
protocols: [dsmr-p1]
transport: { kind: serial, path: /dev/ttyUSB0, baud: 115200, dataBits: 7, parity: even, stopBits: 1 }
features: { p1.variant: "4.2.2", p1.phases: 3 }
keys: { p2user: "env:GAS_KEY" }
deviations:
  - case: dsmr-p1/frame/10
    justification: order differs from Annex B; advisory only (digest A10)
`;

function err(text: string, source = 'dut.yaml'): string {
  try {
    parseProfileText(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('expected a ProfileError');
}

describe('DUT profile', () => {
  it('accepts a well-formed YAML profile', () => {
    const p = parseProfileText(good, 'dut.yaml');
    expect(p.transport).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baud: 115200, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(p.deviations?.[0]?.case).toBe('dsmr-p1/frame/10');
  });

  it('accepts JSON too', () => {
    const p = parseProfileText(JSON.stringify({ name: 'x', protocols: ['dsmr-p1'], transport: { kind: 'tcp', host: '127.0.0.1', port: 2001 } }), 'dut.json');
    expect(p.transport.kind).toBe('tcp');
  });

  it.each([
    ['a bad baud rate', good.replace('baud: 115200', 'baud: 115201'), 'dut.yaml: transport.baud: expected one of 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, found 115201'],
    ['a missing path', good.replace('path: /dev/ttyUSB0, ', ''), 'dut.yaml: transport.path: expected a value (required), found nothing'],
    ['an unknown transport kind', good.replace('kind: serial', 'kind: bluetooth'), 'dut.yaml: transport.kind: expected one of serial, tcp, udp, sim, found "bluetooth"'],
    ['a misspelt field', good.replace('features:', 'featurs:'), 'dut.yaml: featurs: expected no such field (unknown name; check spelling), found {"p1.variant":"4.2.2","p1.phases":3}'],
    ['a tcp port out of range', 'name: a\nprotocols: [dsmr-p1]\ntransport: { kind: tcp, host: h, port: 70000 }', 'dut.yaml: transport.port: expected a number <= 65535, found 70000'],
    ['a key given as a value', good.replace('"env:GAS_KEY"', '"000102030405060708090A0B0C0D0E0F"'), 'dut.yaml: keys.p2user: expected a reference env:NAME or file:path (never the key itself), found a value that is not a reference (not shown)'],
    ['no name', good.replace('name: kitchen-meter', ''), 'dut.yaml: name: expected a value (required), found nothing'],
  ])('rejects %s with one line naming the field, expected and found', (_what, text, message) => {
    const m = err(text);
    expect(m).toBe(message);
    expect(m).not.toContain('000102030405');
  });

  it('reports YAML syntax errors in one line', () => {
    const m = err('name: [unclosed\n');
    expect(m).toMatch(/^dut\.yaml: not valid YAML: /);
    expect(m.split('\n')).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('resolves env: references to bytes', () => {
    process.env['MP_TEST_KEY'] = '000102030405060708090A0B0C0D0E0F';
    expect(resolveSecret('env:MP_TEST_KEY')).toEqual(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]));
  });

  it('a missing variable or a non-hex value is a SecretError that never shows the value', () => {
    expect(() => resolveSecret('env:MP_NOT_SET_EVER')).toThrow(SecretError);
    process.env['MP_BAD_KEY'] = 'supersecret-not-hex';
    try { resolveSecret('env:MP_BAD_KEY'); } catch (e) { expect((e as Error).message).not.toContain('supersecret'); }
  });

  it('redact scrubs secret-looking values but keeps references', () => {
    const r = redact({ keys: { user: 'env:K' }, password: 'hunter2', nested: [{ authKey: 'AA' }], name: 'x' });
    expect(r).toEqual({ keys: { user: 'env:K' }, password: '[redacted]', nested: [{ authKey: '[redacted]' }], name: 'x' });
  });
});
