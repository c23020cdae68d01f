/**
 * Fault switches of the wired gas-meter simulator: one per gas-meter-side rule of the dsmr-p2 catalogue
 * (research digest §6), named `p2.` + the catalogue's mutant name; where the catalogue has none (or a rule
 * has a second common way to break it) the name is ours (`p2.<area>.<what>`). Each breaks exactly one
 * rule and leaves everything else conforming.
 */
import type { FaultDef } from '../types.ts';

const f = (name: string, rule: string): FaultDef => ({ name: `p2.${name}`, rule });

/** Encryption and frame-counter rules (DSMR-P2 §5): the same switches in the wired and the wireless meter. */
export const GAS_SECURITY_FAULTS: FaultDef[] = [
  f('enc.plain-when-keyed', 'with a user key the meter data are still sent with method 0'),
  f('enc.accept-mode5', 'commands encrypted with method 5 (access-number IV) are accepted'),
  f('enc.skip-2f2f-check', 'an encrypted command is accepted without checking the 2F 2F check bytes'),
  f('enc.trust-nnnn', 'the number of encrypted blocks is taken from the length, not from CW NNNN'),
  f('enc.no-trailing-filler', 'the last encrypted block is filled with 00h instead of 2Fh'),
  f('enc.skip-trailing-check', 'a received encrypted command needs no trailing 2Fh fillers'),
  f('enc.method-ignores-key', 'after a key change the device keeps the method of its previous key state'),
  f('enc.iv-acc-based', 'IV bytes 8–15 are the access number (mode-5 style) although method 15 is declared'),
  f('fc.record-encrypted', 'the frame-counter record is put inside the encrypted blocks'),
  f('fc.accept-equal', 'a command whose frame counter equals the last validated one is accepted'),
  f('fc.accept-lower', 'a command with any frame counter is accepted'),
  f('fc.require-plus-one', 'only a frame counter of exactly last + 1 is accepted'),
  f('fc.advance-before-validate', 'the received frame counter is stored before the 2F 2F check'),
  f('fc.independent-counters', 'the device counts its own frames without taking over the counter of accepted commands'),
  f('fc.increment-by-2', 'the frame counter advances by 2 per encrypted frame sent'),
  f('fc.not-incremented', 'the frame counter is not advanced for a new encrypted frame'),
  f('fc.in-plain-frame', 'a plain (method 0) frame carries a frame-counter record'),
  f('fc.reset-on-power', 'the frame counter restarts at 0 after a power cycle'),
  f('fc.reset-on-key-change', 'the frame counter restarts at 0 when a new user key is installed'),
];

export const GAS_WIRED_FAULTS: FaultDef[] = [
  // physical and link layer (DSMR-P2 §2.1, §3.1)
  f('phy.odd-parity', 'the UART uses odd parity instead of 2400 8E1 (Table 3)'),
  f('phy.honour-baud-switch', 'a baud-rate CI (B8h–BFh) is acknowledged and the device moves to the new rate'),
  f('link.l-excludes-fc-record', 'in an encrypted RSP_UD the L field leaves out the clear frame-counter record'),
  f('link.accept-bad-cs', 'frames with a wrong checksum are acted upon'),
  f('link.overlong-frame', 'with every version record selected the RSP_UD carries more than 252 user-data bytes (L wraps)'),
  f('link.fcb-repeat', 'a REQ_UD2 with the same FCB as the previous one gets the previous answer again'),
  f('link.answer-broadcast', 'frames to address 254/255 are treated as broadcasts (answered or executed)'),
  f('link.secondary-select', 'secondary addressing works: CI 52h selects the device, which then answers at FDh'),
  f('link.unsolicited-tx', 'the device sends a RSP_UD on its own when a status bit is raised'),
  // control layer (DSMR-P2 §3.1.2, §4.1, §4.2, §4.3)
  f('ctl.accept-unknown-c', 'C is decoded by its function code only: 4Bh acts as REQ_UD2, 43h/63h as SND_UD'),
  f('ctl.req-ud1-silent', 'REQ_UD1 gets no answer (Table 5 names E5h)'),
  f('ctl.wired-wrong-response', 'an accepted SND_UD is acknowledged with a short frame instead of the single character E5h'),
  f('ctl.accept-unlisted-ci', 'records under a CI that Table 5 does not list are processed as unencrypted commands'),
  f('ctl.ack-on-rejected', 'a refused SND_UD is still acknowledged with E5h'),
  f('ctl.5a-long-header', 'a 12-byte long header is expected after CI 5Ah'),
  f('ctl.51-with-header', 'a 4-byte short header is expected after CI 51h'),
  f('hdr.length-ignores-ci', 'CI 5Ah is also accepted with a long header when it starts with the device ID'),
  f('hdr.man-before-id', 'the RSP_UD long header sends MAN before ID (the wireless link order)'),
  f('hdr.version-wrong', 'the header version byte says 40h (DSMR 4.0) instead of the declared level'),
  f('hdr.status-nonzero', 'the header status byte carries the status bits instead of 00h'),
  f('id.man-byte-swap', 'the manufacturer code is sent most significant byte first'),
  f('id.not-from-eid', 'the identification number is the first 8 digits of the serial instead of the last 8'),
  f('acc.frozen-wired', 'the access number is not incremented after a RSP_UD'),
  f('acc.init-zero', 'the access number starts at 0 at every power-up instead of a random value'),
  f('cw.wired-extra-bits', 'the wired configuration word has bit 15 (B) set'),
  f('cw.byte-swap', 'the configuration word is sent high byte first'),
  f('nke.no-e5', 'SND_NKE is not acknowledged with E5h'),
  f('rsp.a-field-zero', 'the RSP_UD A field is 0 whatever the primary address'),
  f('clk.short-header', 'a 4-byte short header is expected after CI 6Ch'),
  // encryption and frame counter (DSMR-P2 §5)
  f('enc.encrypt-without-key', 'without a user key the RSP_UD is encrypted with the default key'),
  ...GAS_SECURITY_FAULTS,
  // application layer (DSMR-P2 §6)
  f('app.storage-bit-clear', 'the hourly time stamp and volume are sent with storage number 0'),
  f('clk.apply-dst', 'the DST flag and deviation of a received time are applied'),
  f('clk.reject-large-step', 'a clock set more than one hour away from the device time is ignored'),
  f('status.clock-threshold', 'the clock-synchronisation error bit is set only for steps above 120 s'),
  f('clk.accept-plain-when-keyed', 'an unencrypted clock synchronisation is accepted while a user key is set'),
  f('addr.ignore-set', 'set-address is acknowledged but the address does not change'),
  f('addr.accept-when-keyed', 'set-address is accepted while a user key is set'),
  f('addr.answer-zero-after-set', 'after getting a primary address the device still answers at address 0'),
  f('status.clear-ignored', 'the clear-status command leaves the status bits set'),
  f('status.clear-all', 'the clear-status command also clears the permanent bits 2 and 3'),
  f('status.bit7-set', 'status bit 7 (reserved, former valve alarm) is reported as 1'),
  f('rol.missing-eid', 'the default readout list lacks the equipment identifier'),
  f('rol.selection-ignored', 'selection records do not change the readout list'),
  f('rol.first-selection-only', 'only the first selection record of a telegram is honoured'),
  f('rol.nke-no-reset', 'SND_NKE does not restore the default readout list'),
  f('eid.not-reversed', 'the equipment identifier is sent first character first'),
  f('ver.in-default-list', 'the version records are part of the default readout list'),
  f('ver.missing-property', 'the other-firmware record (FD 0F) lacks the cfg= property'),
  f('ts.type-f', 'the hourly time stamp is a 4-byte type F (DIF 44h) instead of type I'),
  f('gas.wrong-scale', 'a G4–G6 meter reports its volume with VIF 14h (10 l) instead of 13h'),
  f('cfg.valve-bit-set', 'the meter configuration mask claims a valve (bit 1)'),
  // keys (DSMR-P2 §6.5, §7.2)
  f('key.no-byte-reverse', 'the set-key payload is unwrapped without reversing the 16 bytes'),
  f('key.halves-by-position', 'the key halves are taken by position instead of by the storage bit'),
  f('key.reject-plain-rekey', 'a second set-key is refused while a user key is set'),
  f('key.unwrap-with-user-key', 'a new key is unwrapped with the current user key instead of the default key'),
  f('key.accept-plain-commands', 'unencrypted CI 5Ah commands are accepted while a user key is set'),
  f('key.default-key-for-data', 'meter data are encrypted with the default key'),
  f('key.zero-key-stays-encrypted', 'after a zero user key the device keeps encrypting (with the zero key)'),
  f('factory.user-key-set', 'the device is delivered with a user key already set'),
  f('nv.lose-key', 'the user key is lost at a power cycle'),
  // installation (DSMR-P2 §8.3)
  f('addr0.no-answer', 'an unconfigured device (address 0) does not answer at address 0'),
  f('scan.answer-any-address', 'the device answers at every primary address'),
];
