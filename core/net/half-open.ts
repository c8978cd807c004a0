// Connections that are not handshaken yet: dials in progress, dialled
// connections waiting for the remote's handshake, and accepted sockets
// waiting for one (limits.maxHalfOpen in all). Accepting must never stall:
// when the slots are full, the oldest accepted socket still waiting is closed
// to make room for the new one, so sockets that never handshake cannot keep a
// fresh peer out; and an accepted socket that sends nothing at all is closed
// early (see silentMs), well before the handshake timeout. A fifth of the
// slots is kept from our own dials, so that dials to unreachable addresses
// (each held up to the connect timeout) cannot leave incoming sockets a single
// slot to push each other out of.


/** What the slots need of a connection (PeerConnection has it). */
export interface HalfOpenConnection {
  /** Bytes received so far: zero means the remote has said nothing at all. */
  readonly bytesIn: number;
  readonly closed: boolean;
  disconnect(reason: string): void;
}

export interface HalfOpenOptions {
  readonly maxHalfOpen: number;
  /** An accepted socket that has sent no byte for this long is closed. */
  readonly silentMs: number;
}

/** Share of the slots only accepted sockets may take. */
export const INCOMING_RESERVE = 1 / 5;

export class HalfOpenSlots<T extends HalfOpenConnection> {
  readonly #max: number;
  /** Slots our dials (and the dialled connections awaiting a handshake) may hold. */
  readonly #maxOutgoing: number;
  readonly #silentMs: number;
  #dials = 0;
  /** Accepted connections awaiting a handshake, oldest first (a Map keeps insertion order), with their silence timers. */
  readonly #incoming = new Map<T, NodeJS.Timeout>();
  readonly #outgoing = new Set<T>();

  constructor(options: HalfOpenOptions) {
    this.#max = options.maxHalfOpen;
    this.#maxOutgoing = options.maxHalfOpen - Math.floor(options.maxHalfOpen * INCOMING_RESERVE);
    this.#silentMs = options.silentMs;
  }

  /** Slots taken. */
  get count(): number {
    return this.#dials + this.#incoming.size + this.#outgoing.size;
  }

  get max(): number {
    return this.#max;
  }

  /** Accepted sockets still waiting for a handshake. */
  get waiting(): number {
    return this.#incoming.size;
  }

  /** Takes a slot for a dial; false when none is free to dials (dials never push anyone out). */
  tryDial(): boolean {
    if (this.count >= this.#max || this.#dials + this.#outgoing.size >= this.#maxOutgoing) return false;
    this.#dials++;
    return true;
  }

  /** The dial failed or its socket was not used: its slot is free. */
  dialEnded(): void {
    if (this.#dials > 0) this.#dials--;
  }

  /** The dial connected: the connection keeps the dial's slot until its handshake. */
  dialConnected(connection: T): void {
    this.dialEnded();
    this.#outgoing.add(connection);
  }

  /**
   * Called for each accepted socket before it is admitted: when the slots are
   * full, closes the oldest accepted connection still waiting for its
   * handshake. Dials are not closed: when they hold every slot the newcomer
   * still gets in, so the slots overflow by at most one accepted socket.
   */
  makeRoomForIncoming(): void {
    if (this.count < this.#max) return;
    const oldest = this.#incoming.keys().next();
    if (oldest.done === true) return;
    const connection = oldest.value;
    this.release(connection);
    connection.disconnect(`half-open connections full (${this.#max}): closed the oldest one still awaiting a handshake`);
  }

  /** An accepted connection starts waiting for its handshake. */
  addIncoming(connection: T): void {
    const timer = setTimeout(() => {
      if (connection.closed || !this.#incoming.has(connection) || connection.bytesIn > 0) return;
      this.release(connection);
      connection.disconnect(`no handshake: sent nothing within ${this.#silentMs} ms`);
    }, this.#silentMs);
    timer.unref();
    this.#incoming.set(connection, timer);
  }

  /** The connection handshook or closed: its slot is free. */
  release(connection: T): void {
    const timer = this.#incoming.get(connection);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#incoming.delete(connection);
      return;
    }
    this.#outgoing.delete(connection);
  }
}

/**
 * An accepted socket whose MSE/PE handshake is still running: it holds a slot
 * (and meets the silent-socket rule) like a connection awaiting its BitTorrent
 * handshake; evicting it destroys the socket, which fails the MSE handshake.
 */
/** What the slots need of an accepted stream: a TCP socket or a uTP connection. */
export interface HandshakingStream {
  readonly bytesRead: number;
  readonly destroyed: boolean;
  destroy(): unknown;
}

export class SocketInHandshake implements HalfOpenConnection {
  readonly #socket: HandshakingStream;
  /** Why the slots closed it, if they did. */
  evictedFor: string | undefined;

  constructor(socket: HandshakingStream) {
    this.#socket = socket;
  }

  get bytesIn(): number {
    return this.#socket.bytesRead;
  }

  get closed(): boolean {
    return this.#socket.destroyed;
  }

  disconnect(reason: string): void {
    this.evictedFor ??= reason;
    this.#socket.destroy();
  }
}
