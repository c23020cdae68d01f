/**
 * What a UART receiver makes of a character sent with other line settings. Used by the in-memory link so
 * that a DUT with the wrong baud rate or character format is observed as it would be on a real line
 * (garbage, parity errors read as NUL — the Linux default without IGNPAR/PARMRK), not silently fixed.
 */
import type { LineSettings } from './transport.ts';

function parityBit(bits: number[], parity: LineSettings['parity']): number {
  const ones = bits.reduce((a, b) => a + b, 0);
  return parity === 'even' ? ones & 1 : (ones & 1) ^ 1;
}

export function sameLine(a: LineSettings, b: LineSettings): boolean {
  return a.baud === b.baud && a.dataBits === b.dataBits && a.parity === b.parity && a.stopBits === b.stopBits;
}

/** Transform bytes sent with `tx` settings into what a receiver configured with `rx` reads. */
export function uartReceive(data: Uint8Array, tx: LineSettings, rx: LineSettings): Uint8Array {
  if (sameLine(tx, rx)) return data;
  if (tx.baud !== rx.baud) {
    // Sampling at the wrong rate yields unrelated characters; the exact values depend on timing, so use
    // a fixed scramble with the high bit set — never valid ASCII, never a valid telegram.
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = 0x80 | ((data[i]! * 37 + 11) & 0x7f);
    return out;
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    const frame: number[] = [];
    const txData: number[] = [];
    for (let k = 0; k < tx.dataBits; k++) txData.push((b >> k) & 1);
    frame.push(...txData);
    if (tx.parity !== 'none') frame.push(parityBit(txData, tx.parity));
    for (let k = 0; k < 3; k++) frame.push(1); // stop bit(s) and idle line
    const rxData = frame.slice(0, rx.dataBits);
    let pos = rx.dataBits;
    let ok = true;
    if (rx.parity !== 'none') ok = frame[pos++] === parityBit(rxData, rx.parity);
    if (frame[pos] !== 1) ok = false; // framing error
    let v = 0;
    rxData.forEach((bit, k) => { v |= bit << k; });
    out[i] = ok ? v : 0x00;
  }
  return out;
}

export function lineLabel(s: LineSettings): string {
  return `${s.baud} ${s.dataBits}${s.parity[0]!.toUpperCase()}${s.stopBits}`;
}
