/**
 * Expected values of the dsmr-p2-emeter suite, written out from DSMR-P2 (tables, App. B examples) and the
 * research digest's verified computations — never taken from the simulator. Each constant names its source.
 */
import { hexToBytes } from '../../../harness/codec/bytes.ts';
import type { MbusIdentity } from '../../../harness/codec/mbus/index.ts';

/** DSMR-P2 App. B: the example device and its keys. */
export const APP_B = {
  identity: { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 0x03 } as MbusIdentity,
  /** 'NET' packed per EN 13757-3 (DSMR-P2 App. B prints 38 B4; wire order LSB first). */
  manufacturerWire: [0xb4, 0x38] as const,
  idWire: [0x89, 0x67, 0x45, 0x23] as const,
  defaultKey: hexToBytes('00112233445566778899AABBCCDDEEFF'),
  userKey: hexToBytes('000102030405060708090A0B0C0D0E0F'),
  /** B1.1: "The User Key encrypted with the Default Key" (AES-128-ECB; digest §5.2 re-computed it). */
  wrappedUserKey: hexToBytes('279FB74A7572135E8F9B8EF6D1EEE003'),
  /** B1.1 set-key telegram to address 01 with DIF 47h and the checksum recomputed (8Eh; printed 4Eh, digest A3). */
  setKeyFrame: hexToBytes('6819196853015107FD1903E0EED1F68E9B8F47FD195E1372754AB79F278E16'),
};

/** A key no device holds (for frames that must fail the 2F 2F check). */
export const WRONG_KEY = hexToBytes('F0E1D2C3B4A5968778695A4B3C2D1E0F');

/** Wired C fields (DSMR-P2 Table 5; the FCB variants 7Bh/73h of App. B1) and CIs. */
export const C = { SND_NKE: 0x40, REQ_UD2: 0x5b, SND_UD: 0x53, REQ_UD1: 0x5a, REQ_SKE: 0x49 } as const;
export const CI = { CONTROL: 0x5a, CLOCK: 0x6c, UNENCRYPTED: 0x51, SELECT: 0x52 } as const;
/** Short C values an E-meter may send (Table 5 rows SND_NKE, REQ_UD2, REQ_UD1, REQ_SKE as printed 59h and as EN 60870-5-2 49h, digest A15). */
export const LISTED_SHORT_C = [0x40, 0x5b, 0x7b, 0x5a, 0x7a, 0x49, 0x59] as const;
/** Long-frame C/CI pairs of Table 5 (SND_UD 53h, FCB variant 73h). */
export const LISTED_SND_UD_CI = [0x5a, 0x6c, 0x51] as const;

/** Records (DSMR-P2 §6.2.3, §5.2, §9.1). */
export const REC = {
  clearStatus: [0x01, 0xfd, 0x97, 0x06, 0x73],
  frameCounterHead: [0x04, 0xfd, 0x08],
  valveStatus: [0x89, 0x40, 0xfd, 0x1a],
  valveCommandHead: [0x01, 0xfd, 0x1f],
} as const;

/** Non-permanent status bits the E-meter clears (§6.2.3 mask 73h) and the reserved bit 7 (§6.3.3, §9.1). */
export const STATUS = { clockError: 0x20, valveAlarm: 0x80 } as const;
