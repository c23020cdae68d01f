/**
 * Fault switches of the wireless side of the E-meter simulator (DSMR-P2 §3.2, §4.4, §8.4.2): one per
 * wireless E-meter rule of the dsmr-p2 catalogue (research digest §6.2, §6.3, §6.5, §6.9), `p2.` + the
 * catalogue's mutant name. Four rules hold on both media and keep the wired switch's name
 * (`p2.hdr.man-before-id`, `p2.clk.short-header`, `p2.master.unlisted-ci`, `p2.master.accept-unlisted-ci`): when this list joins
 * ../faults.ts, those four are already there.
 */
import type { FaultDef } from '../../types.ts';

const f = (name: string, rule: string): FaultDef => ({ name: `p2.${name}`, rule });

export const EMETER_WIRELESS_FAULTS: FaultDef[] = [
  f('wl.crc-wrong', 'the CRC of block 1 of the E-meter\'s wireless frames is sent with its low byte inverted'),
  f('wl.accept-bad-crc', 'a wireless frame with a wrong block CRC is processed'),
  f('wl.l-counts-crc', 'the L field of the E-meter\'s wireless frames counts the CRC bytes too'),
  f('master.answer-acc-dmd', 'an ACC_DMD (48h) from a bound device is answered with a REQ_UD2'),
  f('cw.emeter-bidir-bit', 'the configuration word of the E-meter\'s wireless frames has bit 15 (B) set'),
  f('master.lla-order', 'the link address of a SND_IR is read as if it were a Short ID (ID before MAN), so no registered device matches'),
  f('cnf.acc-not-copied', 'the CNF_IR carries the E-meter\'s own access number, not the one of the SND_IR'),
  f('cnf.late', 'the CNF_IR is sent 40 ms after the SND_IR, long after the device\'s receive window'),
  f('cnf.to-unregistered', 'a SND_IR from a device whose Short ID is not registered is answered with CNF_IR'),
  f('master.retry-too-early', 'a command not yet acknowledged is repeated after 3 s, before the device\'s next FAC transmission may come (N up to 5 s)'),
  // shared with the wired side (same rule, wireless breakage)
  f('clk.short-header', 'the clock synchronisation (CI 6Ch) carries a 4-byte short header'),
  f('hdr.man-before-id', 'the long header of the CNF_IR sends MAN before ID'),
  f('master.unlisted-ci', 'after a reading the E-meter sends an application reset (SND_UD CI 50h), which Table 6 does not list'),
  f('master.accept-unlisted-ci', 'a SND_NR under CI 72h (not 7Ah) is taken over'),
  f('master.reject-unaligned-first-snr', 'a SND_NR outside the first 10 minutes of the hour is dropped, also the first one after binding'),
];
