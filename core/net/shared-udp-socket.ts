// The UDP socket uTP listens on, offered to others on the same port (the DHT,
// as libtorrent does): peers and DHT nodes learn one port. uTP claims its own
// datagrams first (UtpSocket's looksLikeUtp: type<<4 | version 1); every other
// datagram goes to each registered handler.
import type { TapFailureHandler } from '../hooks.ts';
import type { Address } from '../types.ts';

/** Receives a datagram that uTP did not claim. */
export type DatagramHandler = (datagram: Buffer, from: Address) => void;

/** The client's UDP socket of one family, shared with plugins: `client.udpSocket(4 | 6)`. */
export interface SharedUdpSocket {
  /** The port it is bound on: the client's listen port. */
  readonly port: number;
  /** Sends one datagram; a failure (unreachable host) is silent, the datagram is lost. */
  send(datagram: Buffer, to: Address): void;
  /**
   * Registers a handler for the datagrams uTP does not claim; several may be.
   * `name` is the plugin's: a handler that throws is reported as plugin_error
   * naming it (hook "udp_datagram") and the others still run. Returns the
   * function that unregisters it.
   */
  onDatagram(name: string, handler: DatagramHandler): () => void;
}

/** Where a handler's throw goes (the client reports it as plugin_error); hook is "udp_datagram". */
export type DatagramHandlerFailure = TapFailureHandler;

/** What a SharedUdpPort sends through: the uTP socket, once bound. */
export interface DatagramSender {
  readonly port: number;
  sendDatagram(datagram: Buffer, to: Address): void;
}

/** One family's shared socket: the uTP socket's sender and the handlers of what uTP leaves. */
export class SharedUdpPort implements SharedUdpSocket {
  readonly #sender: DatagramSender;
  readonly #handlers = new Set<{ readonly name: string; readonly handler: DatagramHandler }>();
  readonly #onFailure: DatagramHandlerFailure;

  /** What plugins get: port, send and onDatagram only, so no plugin can deliver() datagrams to the others. */
  readonly handle: SharedUdpSocket;

  constructor(sender: DatagramSender, onFailure: DatagramHandlerFailure) {
    this.#sender = sender;
    this.#onFailure = onFailure;
    const port = this;
    this.handle = Object.freeze({
      get port(): number {
        return port.port;
      },
      send: (datagram: Buffer, to: Address): void => port.send(datagram, to),
      onDatagram: (name: string, handler: DatagramHandler): (() => void) => port.onDatagram(name, handler),
    });
  }

  get port(): number {
    return this.#sender.port;
  }

  send(datagram: Buffer, to: Address): void {
    this.#sender.sendDatagram(datagram, to);
  }

  onDatagram(name: string, handler: DatagramHandler): () => void {
    if (typeof handler !== 'function') throw new TypeError('onDatagram expects a function');
    const entry = { name, handler };
    this.#handlers.add(entry);
    return () => void this.#handlers.delete(entry);
  }

  /** Hands a datagram uTP did not claim to every handler; one that throws does not stop the others. */
  deliver(datagram: Buffer, from: Address): void {
    for (const { name, handler } of [...this.#handlers]) {
      try {
        handler(datagram, from);
      } catch (err) {
        this.#onFailure(name, 'udp_datagram', err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
