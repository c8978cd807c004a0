// What a connection may take of its remote before closing it: its timeouts
// and limits. The engine passes them from the resolved settings.
export interface PeerTimeouts {
  /** Close when the remote's handshake has not arrived this long after the start (timeouts.handshakeMs). */
  readonly handshakeMs: number;
  /** Close when nothing at all was received for this long (timeouts.inactivityMs). */
  readonly inactivityMs: number;
  /** Send a keep-alive when nothing was sent for this long (KEEP_ALIVE_MS). */
  readonly keepAliveMs: number;
  /**
   * Close (SEND_BUFFER_STALLED) when bytes wait in the stream and none left
   * it for this long: the remote stopped reading. The engine passes
   * inactivityMs, as a peer that takes nothing from us is as dead as one that
   * sends nothing.
   */
  readonly sendStallMs: number;
}

/** BEP 3 peers drop a connection silent for two minutes: a keep-alive goes out after one. */
export const KEEP_ALIVE_MS = 60_000;

/** What one remote may make this connection hold or do. */
export interface PeerLimits {
  /**
   * Bytes waiting in the stream beyond which the connection is closed
   * (SEND_BUFFER_FULL): the remote does not read what it makes us send. The
   * swarm stops queueing blocks well below it (limits.maxSendBufferPerPeer),
   * so only small messages (rejects, haves) piling up can reach it. The
   * engine passes twice limits.maxSendBufferPerPeer plus the largest block.
   */
  readonly maxSendBuffer: number;
  /** Keep-alives and payload-less messages per second, over EMPTY_MESSAGE_WINDOW_MS; more closes the connection (MESSAGE_FLOOD). */
  readonly maxEmptyMessagesPerSecond: number;
}

/** The window over which maxEmptyMessagesPerSecond is averaged. */
export const EMPTY_MESSAGE_WINDOW_MS = 10_000;
