// What we allow: the encryption policy (libtorrent's in_enc_policy /
// out_enc_policy) and the methods offered inside an MSE handshake
// (allowed_enc_level, prefer_rc4), and the choice the responder makes.
import type { ResolvedEncryptionSettings } from '../../generated/btrc-options.ts';
import { MseError } from './errors.ts';

/** disabled: plain BitTorrent only; enabled: both (outgoing tries MSE first); forced: MSE only. Defined by config-schema's `encryption.policy`. */
export type EncryptionPolicy = ResolvedEncryptionSettings['policy'];
/** plaintext: MSE handshake, then the stream in the clear; rc4: the whole stream RC4-encrypted. Defined by `encryption.allowedMethods`. */
export type MseMethod = ResolvedEncryptionSettings['allowedMethods'][number];

export interface MethodPolicy {
  /** Methods we provide (initiator) or accept (responder). */
  readonly allowedMethods: readonly MseMethod[];
  /** When the peer provides both and we allow both: pick RC4 (else plaintext, which costs less). */
  readonly preferRc4: boolean;
}

const BITS: Record<MseMethod, number> = { plaintext: 0x01, rc4: 0x02 };

/** crypto_provide as sent on the wire. */
export function cryptoProvide(methods: readonly MseMethod[]): number {
  let field = 0;
  for (const m of methods) field |= BITS[m];
  if (field === 0) throw new MseError('MSE_NO_COMMON_METHOD', 'no MSE method allowed (allowedMethods is empty)');
  return field;
}

/** The responder's crypto_select for the initiator's crypto_provide. */
export function cryptoSelect(provided: number, policy: MethodPolicy): MseMethod {
  const common = provided & cryptoProvide(policy.allowedMethods);
  const rc4 = (common & BITS.rc4) !== 0;
  const plaintext = (common & BITS.plaintext) !== 0;
  if (rc4 && plaintext) return policy.preferRc4 ? 'rc4' : 'plaintext';
  if (rc4) return 'rc4';
  if (plaintext) return 'plaintext';
  throw new MseError('MSE_NO_COMMON_METHOD', `peer provides MSE methods 0x${provided.toString(16)}, we allow ${policy.allowedMethods.join(', ') || 'none'}`);
}

export function methodBit(method: MseMethod): number {
  return BITS[method];
}

/** The method a crypto_select names, if it is exactly one we provided. */
export function selectedMethod(select: number, provided: number): MseMethod {
  for (const m of ['plaintext', 'rc4'] as const) {
    if (select === BITS[m] && (provided & select) !== 0) return m;
  }
  throw new MseError('MSE_BAD_SELECT', `peer selected MSE method 0x${select.toString(16)}, we provided 0x${provided.toString(16)}`);
}
