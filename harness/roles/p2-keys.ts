/**
 * The M-Bus keys a P2 gas-meter session works with: the simulator's bench knows them; for a physical
 * meter they come from the profile's `keys.default` / `keys.user` references (DSMR-P2 §6.5). A reference
 * that does not resolve to 16 bytes counts as absent: the cases that need the key become inconclusive.
 */
import type { Dut } from '../runner/dut.ts';
import { resolveSecret } from '../runner/secrets.ts';
import type { SecretField } from '../transport/redact.ts';

export interface P2Keys {
  default?: Uint8Array;
  user?: Uint8Array | null;
}

function profileKey(dut: Dut, name: 'default' | 'user'): Uint8Array | undefined {
  const ref = dut.profile.keys?.[name];
  if (!ref) return undefined;
  try {
    const k = resolveSecret(ref);
    return k.length === 16 ? k : undefined;
  } catch {
    return undefined;
  }
}

export function p2Keys(dut: Dut, bench?: { keys(): { defaultKey: Uint8Array; userKey: Uint8Array | null } }): P2Keys {
  if (bench) {
    const k = bench.keys();
    return { default: k.defaultKey, user: k.userKey };
  }
  const d = profileKey(dut, 'default');
  return { ...(d ? { default: d } : {}), user: profileKey(dut, 'user') ?? null };
}

/**
 * The key-exchange records (DSMR-P2 §6.5: DIF 07h / 47h, VIF FDh, VIFE 19h, 8 bytes each) carry the new user
 * key wrapped under the default key: traces in reports show them zeroed.
 */
export const P2_KEY_RECORD_FIELDS: readonly SecretField[] = [
  { prefix: [0x07, 0xfd, 0x19], length: 8 },
  { prefix: [0x47, 0xfd, 0x19], length: 8 },
];
