/**
 * Fault switches of the P1 simulator: one per rule of the dsmr-p1 catalogue (digest §4.1), named as the
 * catalogue names them, plus liveness faults for the harness's own robustness tests. Each breaks exactly
 * one rule and leaves the rest of the telegram conforming.
 */
import type { FaultDef } from '../types.ts';

export const P1_FAULTS: FaultDef[] = [
  // frame
  { name: 'p1.header.no-slash', rule: 'the header line lacks its leading `/`' },
  { name: 'p1.frame.no-blank-line', rule: 'no empty line between the header and the data lines' },
  { name: 'p1.eol.lf-only', rule: 'lines end with a bare LF instead of CR LF' },
  { name: 'p1.obis.f-group', rule: 'data lines carry the F group (`.255`) although P1 uses reduced ids' },
  { name: 'p1.obis.colon-for-dot', rule: 'the L1 sag counter is written `1-0:32:32.0` (colon between C and D)' },
  { name: 'p1.line.wrap-96', rule: 'physical lines longer than 96 characters are wrapped onto several lines' },
  { name: 'p1.crc.lowercase', rule: 'the CRC is written in lower-case hex (spec-ambiguous, digest A33)' },
  { name: 'p1.frame.trailing-garbage', rule: 'stray bytes follow the CRC line before the next telegram' },
  { name: 'p1.unit.missing', rule: 'energy values are written without their `*kWh` unit' },
  { name: 'p1.order.shuffle', rule: 'the tariff indicator line is moved before the date-time line (Annex B order broken)' },
  // crc
  { name: 'p1.crc.exclude-bang', rule: 'the CRC is computed without the `!`' },
  { name: 'p1.crc.init-ffff', rule: 'the CRC register starts at 0xFFFF (CRC-16/MODBUS) instead of 0' },
  { name: 'p1.crc.ccitt-1021', rule: 'the CRC uses the CCITT polynomial 0x1021 (CRC-16/XMODEM) instead of 0x8005 reflected' },
  { name: 'p1.crc.byte-swap', rule: 'the CRC is printed low byte first' },
  { name: 'p1.crc.lf-basis', rule: 'the CRC is computed over the text with LF line ends although CR LF is sent' },
  { name: 'p1.crc.stale', rule: 'the CRC of the first telegram is repeated in every later telegram' },
  // serial / request line / interval
  { name: 'p1.serial.baud-9600', rule: 'the port runs at 9600 baud instead of 115200' },
  { name: 'p1.serial.8n1', rule: 'the port sends 8N1 characters instead of 7E1' },
  { name: 'p1.req.ignored', rule: 'telegrams are sent whether or not the data-request line is asserted' },
  { name: 'p1.req.latched', rule: 'once requested, telegrams keep coming after the request line is released' },
  { name: 'p1.interval.1s', rule: 'a telegram is sent every second instead of every 10 s' },
  { name: 'p1.tst.frozen', rule: 'the telegram time stamp 0-0:1.0.0 keeps the value of the first telegram' },
  { name: 'p1.tst.dst-flag-inverted', rule: 'the TST suffix is W in summer time and S in winter time' },
  { name: 'p1.values.stale', rule: 'the instantaneous power lines keep the values of the first telegram' },
  // objects
  { name: 'p1.version.50', rule: 'the version line 1-3:0.2.8 says 50 (DSMR 5.0) on a DSMR 4 meter' },
  { name: 'p1.eqid.ascii', rule: 'the equipment identifier 0-0:96.1.1 is written as plain text, not hex' },
  { name: 'p1.energy.f9-2', rule: 'energy registers are written with 2 decimals (F9(2,2)) instead of F9(3,3)' },
  { name: 'p1.tariff.s1', rule: 'the tariff indicator is written with 1 digit instead of 4 (S4)' },
  { name: 'p1.power.w-unit', rule: 'total +P/−P are written as whole W with unit `W` instead of F5(3,3) kW' },
  { name: 'p1.current.decimals', rule: 'per-phase currents are written with a decimal (F4(1,1)) instead of F3(0,0)' },
  { name: 'p1.phasepower.missing-minus', rule: 'the per-phase −P lines (22/42/62.7.0) are not written' },
  { name: 'p1.phase.ghost-l2l3', rule: 'a single-phase meter writes L2/L3 lines' },
  { name: 'p1.pf.short-counted-long', rule: 'short power failures are counted in 0-0:96.7.9 (long failures)' },
  { name: 'p1.sag.not-counted', rule: 'voltage sags are not counted' },
  { name: 'p1.v404.threshold-missing', rule: 'a 4.0.4 meter omits the limiter threshold line 0-0:17.0.0' },
  { name: 'p1.v422.breaker-lines', rule: 'a 4.2.2 meter still writes threshold, switch and valve lines' },
  // power-failure log
  { name: 'p1.pfl.count-off-by-one', rule: 'the power-failure log count is one more than the entries written' },
  { name: 'p1.pfl.ref-1-0', rule: 'the power-failure log names the captured object 1-0:96.7.19 instead of 0-0:96.7.19' },
  { name: 'p1.pfl.duration-11', rule: 'power-failure durations are written with 11 digits instead of F10(0,0)' },
  { name: 'p1.pfl.unbounded', rule: 'the power-failure log keeps more than 10 entries' },
  { name: 'p1.pfl.start-stamp', rule: 'power-failure entries are stamped with the start of the failure, not its end' },
  { name: 'p1.pfl.logs-short', rule: 'short power failures are entered in the power-failure log' },
  { name: 'p1.pfl.drop-entry', rule: 'the P1 line omits the newest entry of the power-failure log' },
  // M-Bus
  { name: 'p1.mbus.devtype-2digit', rule: 'the M-Bus device type is written with 2 digits instead of F3(0,0)' },
  { name: 'p1.mbus.eqid-ascii', rule: 'the M-Bus equipment identifier is written as plain text, not hex' },
  { name: 'p1.mbus.meter-time', rule: 'the M-Bus value carries the E-meter time instead of the device capture time' },
  { name: 'p1.mbus.ghost-channel', rule: 'lines are written for M-Bus channels without a device' },
  { name: 'p1.mbus.channel-renumber', rule: 'installed channels are renumbered 1..k instead of keeping their channel number' },
  { name: 'p1.mbus.fake-fresh-time', rule: 'a silent device\'s value is re-stamped with the latest hour' },
  { name: 'p1.v404.valve-line-no-valve', rule: 'a 4.0.4 meter writes 0-n:24.4.0 for a device without a valve' },
  // text
  { name: 'p1.text.not-forwarded', rule: 'a text message set over P3 never appears on P1' },
  { name: 'p1.text.truncate-512', rule: 'text messages are cut to 512 characters' },
  { name: 'p1.text.sticky', rule: 'setting an empty text does not clear the previous message' },
  { name: 'p1.msgcode.raw-ascii', rule: 'the message code is written as plain text, not hex' },
  { name: 'p1.hex.lowercase', rule: 'octet-string values are written in lower-case hex (spec-ambiguous, digest A33)' },
  // liveness (harness robustness; no conformance case names these)
  { name: 'p1.link.silent', rule: 'the port never sends anything', liveness: true },
  { name: 'p1.link.stall-mid-telegram', rule: 'the first telegram stops half way and the port goes silent', liveness: true },
  { name: 'p1.link.garbage', rule: 'the port sends random bytes (never `/` or `!`) instead of telegrams', liveness: true },
  { name: 'p1.telegram.oversize', rule: 'every telegram carries a 12000-character text (beyond any size limit a reader applies)', liveness: true },
];

export const P1_FAULT_NAMES: ReadonlySet<string> = new Set(P1_FAULTS.map((f) => f.name));
