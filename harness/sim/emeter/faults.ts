/**
 * Fault switches of the E-meter simulator: one per E-meter-side rule of the dsmr-p2 catalogue (research
 * digest §6, rows whose DUT is E or both), named `p2.` + the catalogue's mutant name; where the catalogue
 * has none, or a rule has a second common way to break, the name is ours. Each breaks exactly one rule
 * and leaves everything else conforming.
 */
import type { FaultDef } from '../types.ts';

const f = (name: string, rule: string): FaultDef => ({ name: `p2.${name}`, rule });

export const EMETER_FAULTS: FaultDef[] = [
  // physical and link layer (DSMR-P2 §2.1, §3.1)
  f('phy.odd-parity', 'the E-meter UART uses odd parity instead of 2400 8E1 (Table 3)'),
  f('link.l-excludes-fc-record', 'in an encrypted SND_UD the L field leaves out the clear frame-counter record'),
  f('link.short-cs-wrong', 'short frames (SND_NKE, REQ_UD2) carry C + A + 1 as checksum'),
  f('master.accept-bad-cs', 'a RSP_UD with a wrong checksum is taken over'),
  f('master.max-length-overflow', 'a RSP_UD longer than L = 200 is dropped (receive buffer too small for L = 255)'),
  f('master.uses-secondary', 'the scan starts with a secondary-address search (CI 52h to address FDh)'),
  // control layer (DSMR-P2 §4)
  f('master.unlisted-ci', 'a newly bound device gets an application reset (SND_UD CI 50h), which Table 5 does not list'),
  f('master.accept-unlisted-ci', 'a RSP_UD under CI 7Ah or 78h (not 72h) is taken over'),
  f('hdr.man-before-id', 'the long header of a clock synchronisation sends MAN before ID'),
  f('hdr.status-nonzero', 'the header status byte of E-meter commands is 10h instead of 00h'),
  f('cw.wired-extra-bits', 'the configuration word of E-meter commands has bit 15 (B) set'),
  f('cw.byte-swap', 'the configuration word of E-meter commands is sent high byte first'),
  f('master.no-hourly-poll', 'registered devices are read every second hour only'),
  f('ctl.5a-long-header', 'the readout-list command (CI 5Ah) carries a 12-byte long header'),
  f('clk.short-header', 'the clock synchronisation (CI 6Ch) carries a 4-byte short header'),
  f('ctl.51-with-header', 'the set-key command (CI 51h) carries a 4-byte short header'),
  // encryption and frame counter (DSMR-P2 §5)
  f('enc.plain-when-keyed', 'commands to a keyed device are sent with method 0'),
  f('enc.accept-mode5', 'a RSP_UD with encryption method 5 is decrypted and taken over'),
  f('enc.skip-2f2f-check', 'a decrypted RSP_UD is taken over without checking the 2F 2F check bytes'),
  f('enc.trust-nnnn', 'the number of encrypted blocks is taken from the frame length, not from CW NNNN'),
  f('enc.no-trailing-filler', 'the last encrypted block of a command is filled with 00h instead of 2Fh'),
  f('enc.skip-trailing-check', 'a decrypted RSP_UD needs no trailing 2Fh fillers'),
  f('enc.iv-acc-based', 'RSP_UDs are decrypted with the access number in IV bytes 8–15 (mode-5 style)'),
  f('enc.iv-id-before-man', 'RSP_UDs are decrypted with IV bytes 0–7 in the order ID, MAN, VER, DEV'),
  f('enc.iv-from-emeter-address', 'commands are encrypted with the E-meter\'s own identity in IV bytes 0–7'),
  f('fc.record-encrypted', 'the frame-counter record of a command is put inside the encrypted blocks'),
  f('fc.accept-equal', 'a RSP_UD whose frame counter equals the last validated one is taken over'),
  f('fc.accept-lower', 'a RSP_UD with any frame counter is taken over'),
  f('fc.require-plus-one', 'only a RSP_UD whose frame counter is exactly last + 1 is taken over'),
  f('fc.advance-before-validate', 'the received frame counter is stored before the 2F 2F check'),
  f('fc.in-plain-frame', 'the unencrypted set-key command carries a frame-counter record'),
  f('master.fc-plus-two', 'commands carry the last validated frame counter + 2'),
  f('master.no-fc-resync', 'an unanswered command is repeated with the next counter without reading the device first'),
  f('master.capture-time-local', 'a reading is stored with the E-meter\'s reception time instead of the device time stamp'),
  // application layer (DSMR-P2 §6)
  f('clk.tc-nonzero', 'the clock block carries time change code 01h instead of 00h'),
  f('clk.local-time', 'the clock block carries Dutch local time with the DST flag instead of UTC'),
  f('master.no-daily-sync', 'devices are synchronised only after a change of the E-meter clock, never daily'),
  f('master.addr-collision', 'a new device at address 0 gets the address of an already registered device'),
  f('master.assign-253', 'a new device at address 0 gets address 253 (FDh)'),
  f('master.no-status-clear', 'non-permanent status bits are never cleared'),
  f('parse.order-dependent', 'a RSP_UD is taken over only with the records in the order of DSMR-P2 App. B1.3 and no fillers between them'),
  f('master.no-rol-restore', 'the default readout list is not restored (no SND_NKE) after reading the versions'),
  f('master.unbounded-retries', 'an unacknowledged readout-list change is tried 8 times'),
  f('master.drop-plain-data', 'plain meter data are dropped even while no user key is set'),
  f('master.accept-plain-when-keyed', 'plain meter data are taken over after the user key is set'),
  f('master.key-halves-swapped', 'the set-key command carries the two 64-bit halves of the wrapped key swapped'),
  f('master.rol-before-key', 'after binding, the readout list is changed and the clock set before the key is sent'),
  // installation (DSMR-P2 §8.3)
  f('scan.skips-addresses', 'the scan probes only the addresses 1–200'),
  f('scan.cover-close-ignored', 'installation-mode scanning goes on after the cover is replaced'),
  f('scan.fifth-device', 'a fifth device is registered'),
  f('scan.slave-install-hour', 'slave_install() scans every minute for an hour instead of one cycle'),
  // backwards compatibility (DSMR-P2 §9.1)
  f('bc.send-valve-command', 'after binding, a valve-release command (01 FD 1F 02) is sent'),
  f('bc.reject-valve-record', 'a RSP_UD with the DSMR 4.0 valve-status record 89 40 FD 1A is dropped'),
  f('bc.valve-alarm-raised', 'status bit 7 (the old valve alarm) raises an M-Bus alarm'),
];
