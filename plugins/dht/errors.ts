// Coded errors of the DHT: every malformed datagram, refused query and failed
// lookup has a code, so that a test (or a plugin) branches on it, and no
// remote input ends as a TypeError.
import { CodedError } from '../../core/index.ts';

export type DhtErrorCode =
  /** The datagram is not bencode, or not a dictionary (BEP 5 error 203). */
  | 'DHT_MALFORMED'
  /** A KRPC message without `t`, `y`, or with a `y` other than q, r, e. */
  | 'DHT_BAD_MESSAGE'
  /** A query's arguments are missing or of the wrong type (error 203). */
  | 'DHT_BAD_ARGUMENT'
  /** A query names a method we do not know (error 204). */
  | 'DHT_UNKNOWN_METHOD'
  /** A compact nodes or peers string whose length is not a multiple of its entry size. */
  | 'DHT_BAD_COMPACT'
  /** A port outside 1..65535. */
  | 'DHT_BAD_PORT'
  /** announce_peer with a token we did not give to that address (error 203). */
  | 'DHT_BAD_TOKEN'
  /** A reply or error whose transaction id we are not waiting for, or from another address. */
  | 'DHT_UNEXPECTED_REPLY'
  /** The remote node answered with a KRPC error (201-204). */
  | 'DHT_REMOTE_ERROR'
  /** A query got no reply in time. */
  | 'DHT_TIMEOUT'
  /** An address sends more queries than allowed; it is ignored for a while. */
  | 'DHT_RATE_LIMITED'
  /** A bootstrap node's name could not be resolved, or is not HOST:PORT. */
  | 'DHT_BOOTSTRAP'
  /** The UDP socket failed (bind or send). */
  | 'DHT_SOCKET'
  /** The saved routing table could not be read or written. */
  | 'DHT_STATE';

export class DhtError extends CodedError<DhtErrorCode> {
  /** The message's transaction id, when it was read before the error: a query's error reply carries it. */
  readonly transaction: Buffer | undefined;

  constructor(code: DhtErrorCode, message: string, options: { cause?: unknown; transaction?: Buffer } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transaction = options.transaction;
  }
}
