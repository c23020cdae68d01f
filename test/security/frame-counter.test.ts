/** Frame-counter rules (GB §9.2.3.3.7.3; KSMW §3.5.4; IDIS-P2-IP Table 40 row 3) and their properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOpts } from '../helpers/fc.ts';
import {
  frameCounterAccept, frameCounterCheck, frameCounterNext, frameCounterParse, frameCounterReset, frameCounterSerialize,
  frameCounterSet, frameCounterStateCreate, frameCounterTracker, type FrameCounterState,
} from '../../harness/security/frame-counter.ts';
import { SecurityError } from '../../harness/security/errors.ts';

const MAX = 0xffffffff;

describe('transmit counters', () => {
  it('start at 0, are used then incremented, per key', () => {
    let s = frameCounterStateCreate();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) { const r = frameCounterNext(s, 'mgmt/guek'); seen.push(r.invocationCounter); s = r.state; }
    expect(seen).toEqual([0, 1, 2]);
    expect(frameCounterNext(s, 'mgmt/ded').invocationCounter).toBe(0);
  });
  it('the last usable value is 0xFFFFFFFE; then counter-exhausted, no wrap, state unchanged (KSMW §3.5.4)', () => {
    let s = frameCounterSet(frameCounterStateCreate(), 'k', { tx: MAX - 1 });
    const r = frameCounterNext(s, 'k');
    expect(r.invocationCounter).toBe(MAX - 1);
    s = r.state;
    expect(() => frameCounterNext(s, 'k')).toThrow(expect.objectContaining({ code: 'counter-exhausted', offset: 0 }));
    expect(s.keys.k!.tx).toBe(MAX);
    expect(() => frameCounterNext(s, 'k')).toThrow(SecurityError);
  });
  it('a key change resets the counters of that key only', () => {
    let s = frameCounterSet(frameCounterStateCreate(), 'a', { tx: 10, rx: 20 });
    s = frameCounterSet(s, 'b', { tx: 5 });
    s = frameCounterReset(s, 'a');
    expect(frameCounterNext(s, 'a').invocationCounter).toBe(0);
    expect(frameCounterCheck(s, 'a', 0)).toBe('fresh');
    expect(s.keys.b).toEqual({ tx: 5 });
    expect(frameCounterNext(frameCounterReset(s, 'a', 1), 'a').invocationCounter).toBe(1);
  });
});

describe('receive counters', () => {
  it('accept strictly increasing values with gaps; equal or lower is replay; 0xFFFFFFFF is refused', () => {
    let s = frameCounterStateCreate();
    expect(frameCounterCheck(s, 'k', 0)).toBe('fresh');
    s = frameCounterAccept(s, 'k', 5);
    expect(frameCounterCheck(s, 'k', 5)).toBe('replay');
    expect(frameCounterCheck(s, 'k', 4)).toBe('replay');
    expect(frameCounterCheck(s, 'k', 1005)).toBe('fresh');
    expect(() => frameCounterAccept(s, 'k', 5)).toThrow(expect.objectContaining({ code: 'replay', offset: 0 }));
    expect(() => frameCounterAccept(s, 'k', MAX)).toThrow(expect.objectContaining({ code: 'counter-exhausted' }));
    expect(frameCounterCheck(s, 'k', MAX)).toBe('exhausted');
    expect(frameCounterCheck(s, 'other', 5)).toBe('fresh');
    expect(() => frameCounterCheck(s, 'k', -1)).toThrow(expect.objectContaining({ code: 'bad-invocation-counter' }));
  });
  it('check does not change state (a forged high counter cannot desynchronise before its tag verified)', () => {
    const s = frameCounterAccept(frameCounterStateCreate(), 'k', 7);
    frameCounterCheck(s, 'k', 1_000_000);
    expect(frameCounterCheck(s, 'k', 8)).toBe('fresh');
  });
});

describe('persistence', () => {
  it('state survives serialisation (across associations and power cycles)', () => {
    const t1 = frameCounterTracker();
    t1.next('mgmt/guek'); t1.next('mgmt/guek'); t1.accept('mgmt/guek', 41);
    const saved = frameCounterSerialize(t1.snapshot());
    const t2 = frameCounterTracker(frameCounterParse(saved));
    expect(t2.next('mgmt/guek')).toBe(2);
    expect(t2.check('mgmt/guek', 41)).toBe('replay');
  });
  it('refuses corrupt persisted state with bad-state (never silently zero)', () => {
    for (const bad of ['', '{', '[]', '{"version":2,"keys":{}}', '{"version":1,"keys":{"k":{"tx":-1}}}', '{"version":1,"keys":{"k":{"tx":1.5}}}', '{"version":1,"keys":{"k":{"tx":4294967296}}}', '{"version":1,"keys":{"k":{"x":1}}}', '{"version":1,"keys":[]}']) {
      expect(() => frameCounterParse(bad)).toThrow(expect.objectContaining({ code: 'bad-state' }));
    }
  });
  it('the tracker reports each new state before the value is used', () => {
    const states: FrameCounterState[] = [];
    const t = frameCounterTracker(undefined, (s) => states.push(s));
    expect(t.next('k')).toBe(0);
    expect(states.at(-1)!.keys.k!.tx).toBe(1);
  });
});

describe('frame-counter properties', () => {
  it('transmit counters are strictly increasing and never repeat', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 1, max: 50 }), (start, n) => {
      let s = frameCounterSet(frameCounterStateCreate(), 'k', { tx: start });
      let last = -1;
      for (let i = 0; i < n; i++) {
        let r;
        try { r = frameCounterNext(s, 'k'); } catch (e) {
          expect((e as SecurityError).code).toBe('counter-exhausted');
          expect(start + i).toBe(MAX);
          return;
        }
        expect(r.invocationCounter).toBeGreaterThan(last);
        expect(r.invocationCounter).toBeLessThan(MAX);
        last = r.invocationCounter;
        s = r.state;
      }
    }), fcOpts);
  });
  it('received counters: accepted iff greater than every previously accepted one and below 0xFFFFFFFF', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(MAX - 1, MAX)), { maxLength: 40 }), (ics) => {
      let s = frameCounterStateCreate();
      let max = -1;
      for (const ic of ics) {
        const ok = ic > max && ic !== MAX;
        let accepted = true;
        try { s = frameCounterAccept(s, 'k', ic); } catch (e) {
          accepted = false;
          expect((e as SecurityError).code).toBe(ic === MAX ? 'counter-exhausted' : 'replay');
        }
        expect(accepted).toBe(ok);
        if (accepted) max = ic;
      }
    }), fcOpts);
  });
  it('parse(serialize(s)) = s', () => {
    const entry = fc.record({ tx: fc.integer({ min: 0, max: MAX }), rx: fc.integer({ min: 0, max: MAX }) }, { requiredKeys: [] });
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 12 }), entry), (keys) => {
      const s: FrameCounterState = { version: 1, keys };
      expect(frameCounterParse(frameCounterSerialize(s))).toEqual(s);
    }), fcOpts);
  });
});
