// Errors of the MSE/PE handshake. Every way a remote party can make the
// handshake fail ends in one of these codes, so callers can count and branch.
import { CodedError } from '../../errors.ts';

export type MseErrorCode =
  /** The handshake did not finish within the timeout. */
  | 'MSE_TIMEOUT'
  /** The connection ended (or failed) before the handshake finished, e.g. a DH key shorter than 96 bytes. */
  | 'MSE_CLOSED'
  /** The synchronisation pattern (HASH('req1', S) or the encrypted VC) did not appear within 512 bytes of padding. */
  | 'MSE_NO_SYNC'
  /** A padding length over 512. */
  | 'MSE_BAD_PAD'
  /** The verification constant after the sync point is not eight zero bytes. */
  | 'MSE_BAD_VC'
  /** The obfuscated SKEY matches none of the torrents we serve. */
  | 'MSE_UNKNOWN_TORRENT'
  /** The peer provides no method our policy allows. */
  | 'MSE_NO_COMMON_METHOD'
  /** The responder selected a method we did not provide, or more than one. */
  | 'MSE_BAD_SELECT'
  /** The remote DH public key is not a usable number (0, 1, P-1 or beyond P). */
  | 'MSE_BAD_KEY'
  /** Encryption is disabled by policy, or a plaintext peer met a forced policy. */
  | 'MSE_POLICY';

export class MseError extends CodedError<MseErrorCode> {}
