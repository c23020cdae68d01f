/**
 * Telegram assembly (digest §1.3): `/` + header, an empty line, the data lines, `!` + CRC, every line
 * ended by CR LF — including the CRC line (digest §5 A2: real meters send it; a reader accepts both).
 * Frame-level fault switches (header, blank line, line ends, wrapping, order, CRC, trailing bytes) act here.
 */
import { crcDigits } from './crc.ts';
import { dataLines, type RenderInput } from './lines.ts';

/** Wrap width of p1.line.wrap-96 (the width at which the release-note export broke the text line, digest E7). */
const WRAP = 96;

export function telegramText(r: RenderInput): string {
  const f = r.faults;
  let lines = dataLines(r);
  if (f.has('p1.order.shuffle')) {
    const i = lines.findIndex((l) => l.startsWith('0-0:96.14.0'));
    if (i > 0) {
      const [tariff] = lines.splice(i, 1);
      lines.splice(1, 0, tariff!); // before 0-0:1.0.0 (Annex B rank 9 ahead of rank 3)
    }
  }
  const header = (f.has('p1.header.no-slash') ? '' : '/') + r.m.opts.header;
  let physical = [header, ...(f.has('p1.frame.no-blank-line') ? [] : ['']), ...lines];
  if (f.has('p1.line.wrap-96')) physical = physical.flatMap(wrap);
  const eol = f.has('p1.eol.lf-only') ? '\n' : '\r\n';
  const covered = physical.map((l) => l + eol).join('') + '!';
  let crc = crcDigits(covered, f);
  if (f.has('p1.crc.stale')) crc = r.mem.firstCrc ??= crc;
  const garbage = f.has('p1.frame.trailing-garbage') ? `--${eol}` : '';
  return covered + crc + eol + garbage;
}

function wrap(line: string): string[] {
  if (line.length <= WRAP) return [line];
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += WRAP) parts.push(line.slice(i, i + WRAP));
  return parts;
}
