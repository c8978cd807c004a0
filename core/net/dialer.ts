// Outgoing TCP connections to peers: IP literals only (peers never need DNS),
// a connect timeout, abort through an AbortSignal, Nagle off; and dials that
// try several transports in turn (uTP, then TCP by default). Whether the
// address may be dialled at all is the gate's question, asked by the caller.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { CodedError } from '../errors.ts';
import type { TransportName } from '../hooks.ts';
import { notePooledReads, pooledReads } from '../transport/tcp-reads.ts';
import { tcpProtocol } from '../transport/tcp.ts';
import type { UtpSocket } from '../transport/utp/index.ts';
import type { Address, TransportProtocol } from '../types.ts';
import { AddressError, checkPort, formatAddress, isIp, isLoopback, normalizeIp } from './address.ts';

export type DialErrorCode =
  | 'CONNECT_TIMEOUT'
  | 'CONNECT_REFUSED'
  | 'CONNECT_UNREACHABLE'
  | 'CONNECT_RESET'
  | 'CONNECT_ABORTED'
  | 'CONNECT_FAILED'
  | 'INVALID_ADDRESS'
  | 'INVALID_TIMEOUT'
  | 'NO_TRANSPORT';

export class DialError extends CodedError<DialErrorCode> {
  readonly address: Address;
  constructor(code: DialErrorCode, address: Address, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause });
    this.address = address;
  }
}

export interface DialOptions {
  /** Give up when the TCP handshake has not completed after this many ms. */
  readonly timeoutMs: number;
  /** Local IP to bind the outgoing socket to (must be of the same family as the remote). */
  readonly localAddress?: string;
  readonly signal?: AbortSignal;
  /** Disable Nagle's algorithm (default true: the wire protocol sends many small messages). */
  readonly noDelay?: boolean;
}

const SYSTEM_CODES: Readonly<Record<string, DialErrorCode>> = {
  ECONNREFUSED: 'CONNECT_REFUSED',
  ETIMEDOUT: 'CONNECT_TIMEOUT',
  EHOSTUNREACH: 'CONNECT_UNREACHABLE',
  ENETUNREACH: 'CONNECT_UNREACHABLE',
  EHOSTDOWN: 'CONNECT_UNREACHABLE',
  ENETDOWN: 'CONNECT_UNREACHABLE',
  ECONNRESET: 'CONNECT_RESET',
};

/**
 * Opens a TCP connection to an IP literal. Resolves with the connected socket
 * (no timeout left on it); rejects with a DialError and leaves no socket open.
 */
export function dial(address: Address, options: DialOptions): Promise<net.Socket> {
  let target: Address;
  try {
    if (!isIp(address.ip)) throw new AddressError('INVALID_ADDRESS', `not an IP address: ${JSON.stringify(address.ip)}`);
    target = { ip: normalizeIp(address.ip), port: checkPort(address.port) };
  } catch (err) {
    return Promise.reject(new DialError('INVALID_ADDRESS', address, `cannot dial ${formatAddress(address)}: ${(err as Error).message}`, err));
  }
  if (!(options.timeoutMs > 0)) {
    return Promise.reject(new DialError('INVALID_TIMEOUT', target, `timeoutMs must be a positive number, got ${options.timeoutMs}`));
  }
  const { signal } = options;
  if (signal?.aborted) {
    return Promise.reject(new DialError('CONNECT_ABORTED', target, `connecting to ${formatAddress(target)} was aborted`, signal.reason));
  }

  return new Promise<net.Socket>((resolve, reject) => {
    const family = target.ip.includes(':') ? 6 : 4;
    const socket = net.connect({
      host: target.ip,
      port: target.port,
      family,
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      // Reads into one shared buffer: a peer connection takes them as views, anyone else gets copies (tcp-reads.ts).
      ...pooledReads(),
    });
    notePooledReads(socket);
    let settled = false;

    const finish = (error: DialError | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (error !== undefined) {
        socket.on('error', () => {}); // a late error of a socket we gave up on is no one's business
        socket.destroy();
        reject(error);
        return;
      }
      socket.setNoDelay(options.noDelay ?? true);
      resolve(socket);
    };

    const onConnect = (): void => finish(undefined);
    const onError = (err: NodeJS.ErrnoException): void => {
      const code = SYSTEM_CODES[err.code ?? ''] ?? 'CONNECT_FAILED';
      finish(new DialError(code, target, `connecting to ${formatAddress(target)} failed: ${err.message}`, err));
    };
    const onAbort = (): void =>
      finish(new DialError('CONNECT_ABORTED', target, `connecting to ${formatAddress(target)} was aborted`, signal?.reason));
    const timer = setTimeout(
      () => finish(new DialError('CONNECT_TIMEOUT', target, `connecting to ${formatAddress(target)} timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );

    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A connected stream to a peer and how it is carried. */
export interface DialedStream {
  readonly stream: Duplex;
  readonly transport: TransportName;
  readonly protocol: TransportProtocol;
}

export interface TransportDialOptions {
  /** TCP's connect timeout. */
  readonly tcpTimeoutMs: number;
  /** The uTP socket to dial from (the listening one of the address's family); without it uTP is skipped. */
  readonly utpSocket: UtpSocket | undefined;
  /** A uTP dial with no answer by then fails. */
  readonly utpTimeoutMs: number;
  /** A dial not connected after this long has the next transport dialled beside it (0: only once it failed). */
  readonly raceAfterMs: number;
  /** raceAfterMs for a loopback address, where an answer takes a millisecond, not a round trip across the Internet. */
  readonly loopbackRaceAfterMs: number;
}

/**
 * Dials the transports in order, each once the one before failed or has not
 * connected within raceAfterMs (happy eyeballs, RFC 8305): a TCP-only peer
 * costs a uTP-first dial a fraction of a second, not the uTP timeout.
 * RFC 8305 lets the delay follow the path's round trip: to this host's own
 * addresses it is loopbackRaceAfterMs, so that a local peer whose UDP port
 * drops uTP (libtorrent with uTP off) is not kept waiting for an answer that
 * any uTP peer on the same host would have sent within a millisecond or two.
 * Resolves with the first to connect; the dials still under way are aborted
 * and any that connects later is closed. Rejects with the last failure (a
 * DialError, or a UtpError for uTP) when none connects, or with DialError
 * NO_TRANSPORT when none could be tried.
 */
export function dialTransports(address: Address, order: readonly TransportName[], options: TransportDialOptions): Promise<DialedStream> {
  const dials = order.filter((t) => t === 'tcp' || options.utpSocket !== undefined);
  if (dials.length === 0) {
    return Promise.reject(new DialError('NO_TRANSPORT', address, `no transport to dial ${formatAddress(address)} with (order: ${order.join(', ') || 'empty'})`));
  }
  const raceAfterMs = isLoopback(address.ip) ? options.loopbackRaceAfterMs : options.raceAfterMs;
  return new Promise((resolve, reject) => {
    const aborts: AbortController[] = [];
    let started = 0;
    let ended = 0;
    let won = false;
    let raceTimer: NodeJS.Timeout | undefined;
    const startNext = (): void => {
      clearTimeout(raceTimer);
      if (won || started >= dials.length) return;
      const transport = dials[started++]!;
      const abort = new AbortController();
      aborts.push(abort);
      dialOne(transport, address, options, abort.signal).then(
        (dialed) => {
          if (won) return void dialed.stream.destroy();
          won = true;
          clearTimeout(raceTimer);
          for (const other of aborts) if (other !== abort) other.abort();
          resolve(dialed);
        },
        (err: unknown) => {
          ended++;
          if (won) return;
          if (ended === dials.length) return reject(err);
          // The newest dial failed: the next one need not wait for the race timer.
          if (ended === started) startNext();
        },
      );
      if (raceAfterMs > 0 && started < dials.length) raceTimer = setTimeout(startNext, raceAfterMs);
    };
    startNext();
  });
}

async function dialOne(transport: TransportName, address: Address, options: TransportDialOptions, signal: AbortSignal): Promise<DialedStream> {
  if (transport === 'tcp') {
    const socket = await dial(address, { timeoutMs: options.tcpTimeoutMs, signal });
    return { stream: socket, transport, protocol: tcpProtocol(socket) };
  }
  const connection = await options.utpSocket!.connect(address, { signal: AbortSignal.any([signal, AbortSignal.timeout(options.utpTimeoutMs)]) });
  return { stream: connection, transport, protocol: connection.protocol };
}
