// Coded errors of uTP (BEP 29): a malformed datagram, a connection that failed
// or was reset. Callers branch on `code`.
import { CodedError } from '../../errors.ts';

export type UtpErrorCode =
  /** A datagram too short for the 20-byte header. */
  | 'UTP_TRUNCATED'
  /** A version other than 1 or a packet type above ST_SYN. */
  | 'UTP_BAD_HEADER'
  /** An extension that runs past the datagram's end, or two selective ACKs in one packet. */
  | 'UTP_BAD_EXTENSION'
  /** No answer to our SYN. */
  | 'UTP_CONNECT_TIMEOUT'
  /** The remote reset the connection (ST_RESET). */
  | 'UTP_RESET'
  /** A packet was retransmitted the maximum number of times without being acknowledged. */
  | 'UTP_TIMEOUT'
  /** The remote advertised a window of 0 for longer than the zero-window timeout while we had data to send. */
  | 'UTP_ZERO_WINDOW'
  /** Too many uTP connections or half-open ones: the SYN or dial was refused. */
  | 'UTP_TOO_MANY_CONNECTIONS'
  /** The UDP socket carrying the connection was closed. */
  | 'UTP_SOCKET_CLOSED'
  /** No free connection id towards that address (every id is taken). */
  | 'UTP_NO_CONNECTION_ID';

export class UtpError extends CodedError<UtpErrorCode> {}
