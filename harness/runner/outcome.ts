/** Control-flow signals a case raises to end with a verdict other than pass. */
export class CaseFailure extends Error {
  constructor(readonly what: string, readonly expected: unknown, readonly actual: unknown) {
    super(`${what}: expected ${show(expected)}, got ${show(actual)}`);
    this.name = 'CaseFailure';
  }
}

export class CaseInconclusive extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CaseInconclusive';
  }
}

export class CaseNotApplicable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CaseNotApplicable';
  }
}

export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 200 ? v.slice(0, 200) + '…' : v);
  if (v instanceof RegExp) return v.toString();
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
    return s === undefined ? String(v) : s.length > 300 ? s.slice(0, 300) + '…' : s;
  } catch {
    return String(v);
  }
}
