/**
 * Value formatting of the simulator's telegram text: the Fn(x,y) fixed-point format, hex-encoded octet
 * strings, OBIS with its optional F group. The simulator writes text itself (not through the codec's
 * serializer) so that every fault switch can break exactly one rule.
 */

/** Fixed point with `intDigits` integer digits (zero-padded) and `decimals` decimals; clamps at the maximum. */
export function fixed(value: number, intDigits: number, decimals: number): string {
  const max = 10 ** intDigits - 10 ** -decimals;
  const v = Math.min(Math.max(0, value), max);
  const s = v.toFixed(decimals);
  const [i, f] = s.split('.');
  return f === undefined ? i!.padStart(intDigits, '0') : `${i!.padStart(intDigits, '0')}.${f}`;
}

/** Octet string written as hex digit pairs (one byte per character, latin1). */
export function hexOf(text: string, lower = false): string {
  let s = '';
  for (let i = 0; i < text.length; i++) s += (text.charCodeAt(i) & 0xff).toString(16).padStart(2, '0');
  return lower ? s : s.toUpperCase();
}

export function digits(n: number, width: number): string {
  return String(Math.max(0, Math.trunc(n))).padStart(width, '0');
}
