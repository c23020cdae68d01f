/**
 * Fault switches of the wireless (T2) gas-meter simulator: one per gas-meter-side wireless rule of the
 * dsmr-p2 catalogue (research digest §6.2, §6.3, §6.5, §6.6 and the wireless rows of §6.7–§6.9), named
 * `p2.` + the catalogue's mutant name; where the catalogue gives none (or a rule has a second common way
 * to break it) the name is ours. Rules the wireless meter shares with the wired one (encryption, frame
 * counter, header fields) keep the wired simulator's name, because the same shared code (meter.ts,
 * readout.ts, commands.ts) implements them. Each breaks exactly one rule and leaves everything else
 * conforming.
 */
import type { FaultDef } from '../../types.ts';
import { GAS_SECURITY_FAULTS } from '../faults.ts';

const f = (name: string, rule: string): FaultDef => ({ name: `p2.${name}`, rule });

export const GAS_WIRELESS_FAULTS: FaultDef[] = [
  // link layer: format A, CRC blocks, L, C, M and A fields (DSMR-P2 §3.2, Table 4, §3.2.1–§3.2.4)
  f('wl.crc-wrong', 'the block CRCs are sent least significant byte first'),
  f('wl.accept-bad-crc', 'an E-meter frame with a bad block CRC is acted upon'),
  f('wl.l-counts-crc', 'the L field also counts the CRC bytes'),
  f('wl.emit-acc-nr', 'a FAC slot without a new answer carries an ACC_NR (47h), which DSMR-P2 §3.2.2 does not allow'),
  f('wl.answer-req-ud1', 'REQ_UD1 (5Ah, not allowed) is answered like REQ_UD2'),
  f('wl.fcb-honoured', 'frames with the FCB set (73h, 7Bh) are not taken as SND_UD / REQ_UD2'),
  f('id.man-byte-swap', 'the manufacturer code is sent most significant byte first in the link address'),
  f('wl.lla-varies', 'the ACK carries the Short ID order (ID, MAN) in its A-field instead of the link address'),
  f('wl.check-emeter-lla', 'E-meter frames whose M/A fields are not all zero are ignored'),
  f('wl.ignore-target-id', 'E-meter frames are acted upon whatever Short ID the long header names'),
  // timing and installation (DSMR-P2 §3.2.5, §8.4.2)
  f('inst.no-hourly-fallback', 'after 60 minutes without CNF_IR the device stops sending SND_IR'),
  f('inst.wrong-cadence', 'installation requests come every 90 s instead of every minute'),
  f('inst.ignore-cnf-ir', 'a CNF_IR does not end installation mode'),
  f('sched.outside-window', 'the hourly SND_NR is placed about 12 minutes after the whole hour, outside the 10-minute window'),
  f('sched.stale-value', 'the hourly SND_NR carries the previous hour\'s value and time stamp'),
  f('sched.fixed-offset', 'the hourly SND_NR always goes out at the same offset (no randomised timing)'),
  f('cw.sync-bit-clear', 'SND_NR is sent without the synchronous bit S'),
  f('acc.frozen-snr', 'the access number of successive SND_NR does not advance'),
  f('acc.init-zero', 'the access number starts at 0 at every power-up instead of a random value'),
  f('cw.unlimited-access', 'the configuration word claims unlimited access (A = 1)'),
  f('fac.no-rx-window', 'the receiver is not opened after a SND_NR, so no FAC can start'),
  f('fac.always-listening', 'the receiver stays open between transmissions (frames long after the window are accepted)'),
  // control layer (DSMR-P2 §4.1, §4.2, Table 6)
  f('ctl.accept-unlisted-ci', 'SND_UD with a CI Table 6 does not list (5Ah short header, 51h) is processed'),
  f('ctl.ack-wrong-ci', 'the ACK is sent with CI 7Ah instead of 8Ah'),
  f('hdr.length-ignores-ci', 'CI 5Bh is also accepted with a short header'),
  f('id.not-from-eid', 'the identification number is the first 8 digits of the serial instead of the last 8'),
  f('hdr.version-wrong', 'the link address version byte says 40h (DSMR 4.0) instead of the declared level'),
  f('hdr.status-nonzero', 'the header status byte carries the status bits instead of 00h'),
  f('cw.byte-swap', 'the configuration word is sent high byte first'),
  f('cw.hop-bits-set', 'the configuration word hop counter (bits 1–0) is 1'),
  f('cw.sync-bit-on-async', 'asynchronous frames (ACK, RSP_UD, SND_IR) also carry the synchronous bit S (CW-1 = A0h as the §4.4 tables print it)'),
  // wireless messages and the Frequent Access Cycle (DSMR-P2 §4.4)
  f('fac.unbounded', 'the FAC does not end after 6 device transmissions'),
  f('fac.delay-out-of-range', 'FAC transmissions are 1 s apart (N outside 2–5 s)'),
  f('nke.wl-responds', 'SND_NKE is answered with an ACK'),
  f('fac.nke-ignored', 'SND_NKE does not end the FAC'),
  f('snr.long-header', 'SND_NR uses CI 72h with a long header (the wired form)'),
  f('ack.acc-not-copied', 'the ACK carries the device\'s own access number instead of the SND_UD\'s'),
  f('fac.reject-after-void-req', 'after a REQ_UD2 opened the FAC, the following SND_UD is ignored'),
  f('rsp.wl-long-header', 'the wireless RSP_UD uses CI 72h with a long header (the wired form)'),
  f('ctl.wl-plain-5b-rejected', 'an unencrypted SND_UD CI 5Bh (CW 00 00) is refused, so no key can be set over the air'),
  f('inst.sndir-plain-when-keyed', 'SND_IR is sent with method 0 although a user key is set'),
  f('rol.persist-after-fac', 'the end of a FAC does not restore the default readout list'),
  f('factory.keyed-but-plain', 'a device delivered with a user key sends plain frames until its key is changed'),
  // encryption and frame counter (DSMR-P2 §5), shared with the wired meter
  ...GAS_SECURITY_FAULTS,
];
