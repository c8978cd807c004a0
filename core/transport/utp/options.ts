// The tunables of one uTP connection. Their defaults and descriptions live in
// config-schema/btrc.schema.json (transports.utp), the one source of options;
// the engine passes the resolved values, tests set small timeouts.

export interface UtpConnectionOptions {
  /** Payload bytes per data packet (a 1500-byte MTU less IP, UDP and uTP headers). */
  readonly packetSize: number;
  /** Bytes we hold for the reader (unread plus out-of-order): the receive window we advertise. */
  readonly maxReceiveBuffer: number;
  /** The most bytes in flight, whatever the congestion window says. */
  readonly maxSendWindow: number;
  /** Retransmissions of one packet before the connection is given up (UTP_TIMEOUT). */
  readonly maxRetransmits: number;
  /** SYN retransmissions before a dial fails (UTP_CONNECT_TIMEOUT). */
  readonly maxSynRetransmits: number;
  /** An accepted connection whose initiator sends no data packet within this time is dropped. */
  readonly halfOpenTimeoutMs: number;
  /** The remote advertising a window of 0 this long, while we have data for it, ends the connection (UTP_ZERO_WINDOW). */
  readonly zeroWindowTimeoutMs: number;
  /** A state packet is sent after this long without sending anything, to keep NAT mappings. */
  readonly keepAliveMs: number;
  /** A connection closed with bytes unsent or unacknowledged keeps sending them and its FIN for at most this long. */
  readonly closeTimeoutMs: number;
}

/** What the socket counts and drops: every datagram we refuse is counted here, none crashes us. */
export interface UtpCounters {
  /** Datagrams that are not uTP, given to the fallback handler (or dropped without one). */
  notUtp: number;
  /** uTP-looking datagrams that do not decode. */
  malformed: number;
  /** Packets for no connection we have (a wrong connection id or address). */
  unknownConnection: number;
  /** RESETs sent in answer to those (at most 100 a second). */
  resetsSent: number;
  /** SYNs refused because the connection or half-open limit was reached. */
  synRefused: number;
  /** Acks of sequence numbers we never sent. */
  badAck: number;
  /** Duplicate acks (fast retransmit fires on the third). */
  duplicateAck: number;
  /** Data packets beyond the receive window or the reorder buffer, or duplicates of ones we hold. */
  droppedData: number;
  /** Half-open accepted connections that expired without data. */
  halfOpenExpired: number;
}

export function newCounters(): UtpCounters {
  return { notUtp: 0, malformed: 0, unknownConnection: 0, resetsSent: 0, synRefused: 0, badAck: 0, duplicateAck: 0, droppedData: 0, halfOpenExpired: 0 };
}
