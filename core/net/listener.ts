// Listening sockets: the first free port of the configured range, once for
// IPv4 and once for IPv6. The IPv6 socket is IPv6-only so that both can hold
// the same port number, which is what trackers and peers are told. With uTP
// on, a UDP socket is bound on each TCP socket's port number (as libtorrent
// does): peers learn one port and reach us over either transport.
import dgram from 'node:dgram';
import net from 'node:net';
import { CodedError } from '../errors.ts';
import type { EventAttributes, EventSink } from '../hooks.ts';
import type { TransportProtocol } from '../types.ts';
import { UtpSocket, type UtpConnection, type UtpSocketOptions } from '../transport/utp/index.ts';
import { SharedUdpPort, type DatagramHandlerFailure } from './shared-udp-socket.ts';

export type ListenProtocol = 'tcp4' | 'tcp6';

/** Ports to try in order: an inclusive range or a list. Port 0 asks the system for any free port. */
export type PortRange = { readonly from: number; readonly to: number } | readonly number[];

export interface ListenerOptions {
  readonly ports: PortRange;
  /** Listen on IPv4 (default true). */
  readonly tcp4?: boolean;
  /** Listen on IPv6 (default true). */
  readonly tcp6?: boolean;
  /** IPv4 address to bind (default 0.0.0.0, every interface). */
  readonly host4?: string;
  /** IPv6 address to bind (default ::, every interface; IPv6 only). */
  readonly host6?: string;
  readonly sink: EventSink;
  /** Receives every accepted socket; the receiver owns it from then on. */
  readonly onConnection: (socket: net.Socket, protocol: ListenProtocol) => void;
  /** uTP on the TCP ports: its sockets' options, and the receiver of each accepted uTP connection. */
  readonly utp?: Omit<UtpSocketOptions, 'onConnection' | 'fallback'> & { readonly onConnection: (connection: UtpConnection) => void };
  /** Where a shared UDP socket's datagram handler that throws is reported. */
  readonly onDatagramHandlerFailure?: DatagramHandlerFailure;
}

/** The port each protocol listens on; absent when off or when no port could be opened. */
export interface BoundPorts {
  tcp4?: number;
  tcp6?: number;
  udp4?: number;
  udp6?: number;
}

export type PortRangeErrorCode = 'INVALID_PORT_RANGE';

export class PortRangeError extends CodedError<PortRangeErrorCode> {
  constructor(message: string) {
    super('INVALID_PORT_RANGE', message);
  }
}

const MAX_PORT = 65535;

/** A protocol for which no port could be opened, until it is reported. */
type Failure = Omit<EventAttributes['listen_failure'], 'listening'>;

/** The ports of a range in the order they are tried. */
export function expandPortRange(range: PortRange): number[] {
  const ports = 'from' in range ? rangeToList(range.from, range.to) : [...range];
  if (ports.length === 0) throw new PortRangeError('the port range is empty');
  for (const p of ports) {
    if (!Number.isInteger(p) || p < 0 || p > MAX_PORT) throw new PortRangeError(`not a port: ${p} (0 to ${MAX_PORT}, 0 for any)`);
  }
  return [...new Set(ports)];
}

function rangeToList(from: number, to: number): number[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > MAX_PORT || from > to) {
    throw new PortRangeError(`invalid port range ${from}-${to} (from <= to, both 0 to ${MAX_PORT})`);
  }
  const list: number[] = [];
  for (let p = from; p <= to; p++) list.push(p);
  return list;
}

/** Ports the system picks for 0 that are tried before one whose UDP port is taken is kept anyway. */
const EPHEMERAL_RETRIES = 8;

/** Whether a UDP socket could bind host:port now (bound, then closed at once). */
function udpPortFree(protocol: 'udp4' | 'udp6', host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: protocol, ipv6Only: protocol === 'udp6' });
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

function boundPort(server: net.Server): number {
  const address = server.address();
  return address !== null && typeof address === 'object' ? address.port : 0;
}

/** Errors that mean this port is taken or forbidden; any other error would repeat on every port. */
const PER_PORT_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EPERM']);

export class Listener {
  readonly #options: ListenerOptions;
  readonly #ports: number[];
  readonly #servers = new Map<ListenProtocol, net.Server>();
  readonly #utp = new Map<'udp4' | 'udp6', UtpSocket>();
  readonly #shared = new Map<'udp4' | 'udp6', SharedUdpPort>();
  #listening: Promise<BoundPorts> | undefined;
  #closed = false;

  /** Throws PortRangeError for an invalid range; binds nothing until listen(). */
  constructor(options: ListenerOptions) {
    this.#options = options;
    this.#ports = expandPortRange(options.ports);
  }

  /**
   * Binds tcp4 then tcp6, each on the first free port of the range (tcp6
   * first tries the port tcp4 got). Fires listen_success per bound socket and,
   * once both were tried, listen_failure per protocol for which no port could
   * be opened, naming every port tried and the sockets that did open. Never
   * rejects: resolves with what was bound.
   */
  listen(): Promise<BoundPorts> {
    this.#listening ??= this.#listenAll();
    return this.#listening;
  }

  /** Ports bound so far. */
  get ports(): BoundPorts {
    const bound: BoundPorts = {};
    for (const [protocol, server] of this.#servers) {
      const address = server.address();
      if (address !== null && typeof address === 'object') bound[protocol] = address.port;
    }
    for (const [protocol, socket] of this.#utp) bound[protocol] = socket.port;
    return bound;
  }

  /** The uTP socket of a family, once bound: dials go out from it too. */
  utpSocket(protocol: 'udp4' | 'udp6'): UtpSocket | undefined {
    return this.#utp.get(protocol);
  }

  /** The uTP socket of a family as others share it (the DHT), once bound. */
  sharedUdpSocket(protocol: 'udp4' | 'udp6'): SharedUdpPort | undefined {
    return this.#shared.get(protocol);
  }

  /** Port of one protocol, undefined when not listening on it. */
  port(protocol: ListenProtocol): number | undefined {
    return this.ports[protocol];
  }

  /** Stops listening. Connections already handed to onConnection are left to their owner. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#listening;
    const servers = [...this.#servers.values()];
    this.#servers.clear();
    for (const server of servers) server.close();
    const sockets = [...this.#utp.values()];
    this.#utp.clear();
    this.#shared.clear();
    await Promise.all(sockets.map((socket) => socket.close()));
  }

  async #listenAll(): Promise<BoundPorts> {
    const { tcp4 = true, tcp6 = true, host4 = '0.0.0.0', host6 = '::' } = this.#options;
    const failures: Failure[] = [];
    // uTP takes the TCP port's number: a port the system picks (0) is taken only where UDP is free too.
    const udpFree = this.#options.utp === undefined ? undefined : (protocol: 'udp4' | 'udp6', host: string) => (port: number) => udpPortFree(protocol, host, port);
    if (tcp4) await this.#bindFirstFree('tcp4', host4, this.#ports, failures, udpFree?.('udp4', host4));
    if (tcp6) {
      const preferred = this.port('tcp4');
      const order = preferred === undefined ? this.#ports : [preferred, ...this.#ports.filter((p) => p !== preferred)];
      await this.#bindFirstFree('tcp6', host6, order, failures, preferred === undefined ? udpFree?.('udp6', host6) : undefined);
    }
    const tcp4Port = this.port('tcp4');
    const tcp6Port = this.port('tcp6');
    if (tcp4Port !== undefined) await this.#bindUtp('udp4', host4, tcp4Port, failures);
    if (tcp6Port !== undefined) await this.#bindUtp('udp6', host6, tcp6Port, failures);
    // Reported once every protocol was tried, so that each failure can say what still listens.
    const bound = this.ports;
    const listening = Object.entries(bound).map(([protocol, port]) => ({ protocol: protocol as TransportProtocol, port }));
    for (const failure of failures) this.#options.sink.emit('listen_failure', { ...failure, listening });
    return bound;
  }

  /** `alsoFree`, when given, is asked about each port the system picked (for 0): one it says no to is given back and 0 tried again, a few times. */
  async #bindFirstFree(protocol: ListenProtocol, host: string, ports: readonly number[], failures: Failure[], alsoFree?: (port: number) => Promise<boolean>): Promise<void> {
    const tried: number[] = [];
    let lastError: Error | undefined;
    for (const port of ports) {
      if (this.#closed) return;
      tried.push(port);
      try {
        let server = await this.#bind(protocol, host, port);
        for (let again = 0; port === 0 && alsoFree !== undefined && again < EPHEMERAL_RETRIES && !(await alsoFree(boundPort(server))); again++) {
          server.close();
          server = await this.#bind(protocol, host, 0);
        }
        if (this.#closed) {
          server.close();
          return;
        }
        this.#servers.set(protocol, server);
        this.#options.sink.emit('listen_success', { port: this.port(protocol) as number, protocol });
        return;
      } catch (err) {
        lastError = err as Error;
        if (!PER_PORT_ERRORS.has((err as NodeJS.ErrnoException).code ?? '')) break;
      }
    }
    failures.push({ port: tried, protocol, ...(lastError === undefined ? {} : { error: lastError }) });
  }

  /** The uTP socket on the TCP socket's port number: that port or none, since peers are told one port. */
  async #bindUtp(protocol: 'udp4' | 'udp6', host: string, port: number, failures: Failure[]): Promise<void> {
    const utp = this.#options.utp;
    if (utp === undefined || this.#closed) return;
    const onFailure = this.#options.onDatagramHandlerFailure ?? ((name: string, hook: string, error: Error) => process.stderr.write(`swarmhook: ${name} failed in ${hook}: ${error.message}\n`));
    let shared: SharedUdpPort | undefined;
    try {
      // Datagrams that are not uTP (the DHT's KRPC starts with 'd') go to whoever shares the socket.
      const socket = await UtpSocket.bind(protocol, port, host, { ...utp, fallback: (datagram, from) => shared?.deliver(datagram, from) });
      if (this.#closed) return void (await socket.close());
      shared = new SharedUdpPort(socket, onFailure);
      this.#utp.set(protocol, socket);
      this.#shared.set(protocol, shared);
      this.#options.sink.emit('listen_success', { port, protocol });
    } catch (err) {
      failures.push({ port: [port], protocol, error: err as Error });
    }
  }

  #bind(protocol: ListenProtocol, host: string, port: number): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      const server = net.createServer((socket) => this.#options.onConnection(socket, protocol));
      const onError = (err: Error): void => {
        server.close();
        reject(err);
      };
      server.once('error', onError);
      server.listen({ host, port, ipv6Only: protocol === 'tcp6', exclusive: true }, () => {
        server.off('error', onError);
        // After binding, errors are accept() failures (EMFILE...): the server keeps listening.
        server.on('error', () => {});
        resolve(server);
      });
    });
  }
}
