// Coded errors of the wire layer. The code names what was wrong so that a
// caller (the peer, a test, a ban plugin) can tell cases apart without
// parsing messages.
import { CodedError } from '../errors.ts';

export type WireErrorCode =
  /** The first bytes are not "\x13BitTorrent protocol". */
  | 'BAD_PROTOCOL'
  /** A well-formed handshake with the wrong content (e.g. an info hash we did not ask for). */
  | 'BAD_HANDSHAKE'
  /** A length prefix above the configured maximum; refused before buffering the body. */
  | 'MESSAGE_TOO_LONG'
  /** A message whose length does not fit its id (e.g. a have that is not 5 bytes). */
  | 'BAD_MESSAGE_LENGTH'
  /** An extended message (BEP 10) that cannot be decoded, e.g. a handshake that is not a bencoded dictionary. */
  | 'BAD_EXTENDED'
  /** A message that cannot be encoded (a value out of range, a block that does not fit). */
  | 'BAD_VALUE';

export class WireError extends CodedError<WireErrorCode> {}
