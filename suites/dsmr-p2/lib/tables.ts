/**
 * Expected values of the dsmr-p2 gas-meter suite, written out from DSMR-P2 (tables, examples) and the
 * research digest's verified examples — never taken from the simulator. Each constant names its source.
 */
import { hexToBytes } from '../../../harness/codec/bytes.ts';

/** Single control character: the positive acknowledgement (DSMR-P2 §4.3.1, Table 5). */
export const E5 = 0xe5;

/** C fields (DSMR-P2 Table 5, §4.3.1–§4.3.5; App. B1 template: 53h / 73h with FCB). */
export const C = {
  SND_NKE: 0x40,
  REQ_UD2: 0x5b,
  REQ_UD2_FCB: 0x7b,
  SND_UD: 0x53,
  SND_UD_FCB: 0x73,
  REQ_UD1: 0x5a,
  RSP_UD: 0x08,
} as const;

/** CI fields of the wired transactions (DSMR-P2 Table 5). */
export const CI = { RSP_UD: 0x72, CONTROL: 0x5a, CLOCK: 0x6c, UNENCRYPTED: 0x51 } as const;

/** CIs Table 5 does not list for wired SND_UD (a sample across EN 13757-3's to-device range). */
export const UNLISTED_CI = [0x00, 0x50, 0x52, 0x53, 0x55, 0x5b, 0x5c, 0x6d, 0x72, 0x7a, 0x80, 0xa0, 0xff] as const;

/** Header lengths by CI (DSMR-P2 §4.2.1): short = ACC ST CW, long = ID MAN VER DEV ACC ST CW. */
export const SHORT_HEADER_LEN = 4;
export const LONG_HEADER_LEN = 12;

/** Largest L (DSMR-P2 §3.1.1); a long frame is L + 6 bytes. */
export const MAX_L = 255;

/** Highest primary address; 251–255 are ignored by slaves (DSMR-P2 §3.1.3). */
export const MAX_PRIMARY = 250;

/** Status byte bits (DSMR-P2 §6.2.3, §6.3.3). */
export const STATUS = {
  POWER_LOW: 0x04,
  PERMANENT: 0x08,
  TEMPORARY: 0x10,
  CLOCK_SYNC: 0x20,
  FRAUD: 0x40,
  RESERVED: 0x80,
  /** The mask the E-meter sends to clear the non-permanent bits: 0111 0011. */
  CLEAR_MASK: 0x73,
} as const;

/** Record heads (DIF [DIFE] VIF [VIFE]) of DSMR-P2 §6.2–§6.4 and §5.2. */
export const REC = {
  status: [0x01, 0xfd, 0x17],
  /** Followed by LVAR 11h (17 characters). */
  equipmentId: [0x0d, 0x78],
  configuration: [0x01, 0xfd, 0x67],
  timeStamp: [0x46, 0x6d],
  volumeG4: [0x4c, 0x13],
  volumeG10: [0x4c, 0x14],
  frameCounter: [0x04, 0xfd, 0x08],
  clearStatus: [0x01, 0xfd, 0x97, 0x06, STATUS.CLEAR_MASK],
} as const;

/** LVAR of the equipment identifier: 17 ASCII characters (DSMR-P2 §6.4.1). */
export const EID_LVAR = 0x11;

/** Mandatory version properties per FD VIFE (DSMR-P2 §6.4.2 table). */
export const VERSION_PROPERTIES: Record<number, string[]> = {
  0x0c: ['dsmr'],
  0x0d: ['met', 'com'],
  0x0e: ['met'],
  0x0f: ['com', 'apl', 'cfg'],
};

/** Meter configuration mask bits (DSMR-P2 §6.4.8); 4.2.2 gas meters have no valve (§9.2). */
export const CONFIG = { CLOCK: 0x01, VALVE: 0x02, CONVERTED: 0x04, VALVE_RELEASE: 0x08, VALVE_OPEN_DIRECT: 0x10 } as const;

/** Encryption method codes (DSMR-P2 §5.1): none and AES-128-CBC mode 15. */
export const METHOD = { NONE: 0, AES: 15 } as const;

/** The clock-sync error threshold (DSMR-P2 §6.2.1): more than 60 s. */
export const CLOCK_THRESHOLD_MS = 60_000;

/** DSMR-P2 App. B example values. */
export const APP_B = {
  defaultKey: hexToBytes('00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF'),
  userKey: hexToBytes('00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F'),
  /** B1.1: the user key encrypted with the default key. */
  wrappedUserKey: hexToBytes('27 9F B7 4A 75 72 13 5E 8F 9B 8E F6 D1 EE E0 03'),
  /** B1.1 set-new-key frame to address 1 with the checksum corrected to 8Eh (digest §5.2 / A3; printed 4Eh). */
  setKeyFrame: hexToBytes('68 19 19 68 53 01 51 07 FD 19 03 E0 EE D1 F6 8E 9B 8F 47 FD 19 5E 13 72 75 4A B7 9F 27 8E 16'),
  identity: { id: '23456789', manufacturer: 'NET', version: 0x42, medium: 0x03 },
  /** §5.2.1 Example 1: the IV for that identity and frame counter 1. */
  iv1: hexToBytes('B4 38 89 67 45 23 42 03 01 00 00 00 01 00 00 00'),
} as const;

/** A second user key for key-change cases (ours; any non-zero 16 bytes). */
export const SECOND_USER_KEY = hexToBytes('F0 E1 D2 C3 B4 A5 96 87 78 69 5A 4B 3C 2D 1E 0F');
/** The zero key: "no user key" (DSMR-P2 §5.1, §6.2.2). */
export const ZERO_KEY = new Uint8Array(16);

/** DSMR compliance level byte from "major.minor" (DSMR-P2 §4.2.3: major in the high nibble; 4.2 → 42h). */
export function versionByte(level: string): number | null {
  const m = /^(\d{1,2})\.(\d{1,2})$/.exec(level.trim());
  if (!m || Number(m[1]) > 15 || Number(m[2]) > 15) return null;
  return (Number(m[1]) << 4) | Number(m[2]);
}

/** Manufacturer code from three letters (DSMR-P2 §3.2.3: each letter − 64 in 5 bits, first letter highest). */
export function manufacturerCode(letters: string): number {
  return ((letters.charCodeAt(0) - 64) << 10) | ((letters.charCodeAt(1) - 64) << 5) | (letters.charCodeAt(2) - 64);
}
