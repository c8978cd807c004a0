// The connection's error codes: misuse by its caller (PeerError) and what
// peer_error reports of a remote that sent invalid data or went over a limit.
import { CodedError } from '../errors.ts';

export type PeerErrorCode = 'NOT_READY' | 'NOT_NEGOTIATED' | 'BAD_VALUE';

/** Misuse of a connection by its caller (sending before the handshake, a piece index out of range...). */
export class PeerError extends CodedError<PeerErrorCode> {}

/** Codes of peer_error beyond the WireError ones. */
export type PeerDataErrorCode =
  | 'BAD_BITFIELD'
  | 'BAD_INDEX'
  | 'NOT_NEGOTIATED'
  | 'BAD_HANDSHAKE';

/** Codes of peer_error for a peer that went over a limit (see PeerConnection#fail). */
export type PeerLimitCode =
  /** More requests than we hold (limits.maxQueuedRequestsPerPeer), or while choked, again and again. */
  | 'REQUEST_QUEUE_FULL'
  /** Bytes wait in the stream and none left it for timeouts.sendStallMs. */
  | 'SEND_BUFFER_STALLED'
  /** The stream holds more than limits.maxSendBuffer: the remote does not read. */
  | 'SEND_BUFFER_FULL'
  /** Keep-alives or payload-less messages faster than limits.maxEmptyMessagesPerSecond. */
  | 'MESSAGE_FLOOD';
