// uTP sockets on 127.0.0.1 for tests, with the schema's defaults
// (transports.utp) unless a test overrides them, and a lossy UDP relay.
import dgram from 'node:dgram';
import { createHash, randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { until } from '../../helpers/until.ts';
import { DEFAULT_SETTINGS } from '../../helpers/default-settings.ts';
import type { UtpConnectionOptions } from '../../../core/transport/utp/options.ts';
import { UtpSocket, type UtpSocketLimits, type UtpSocketOptions } from '../../../core/transport/utp/socket.ts';
import type { UtpConnection } from '../../../core/transport/utp/connection.ts';

export function utpConnectionOptions(overrides: Partial<UtpConnectionOptions> = {}): UtpConnectionOptions {
  return { ...DEFAULT_SETTINGS.transports.utp, ...overrides };
}

export function utpLimits(overrides: Partial<UtpSocketLimits> = {}): UtpSocketLimits {
  const { maxConnections, maxHalfOpen } = DEFAULT_SETTINGS.transports.utp;
  return { maxConnections, maxHalfOpen, ...overrides };
}

/** A socket on a free port of 127.0.0.1, closed when the test ends. */
export async function utpSocket(t: ExecutionContext, options: Partial<UtpSocketOptions> = {}): Promise<UtpSocket> {
  const socket = await UtpSocket.bind('udp4', 0, '127.0.0.1', { connection: utpConnectionOptions(), limits: utpLimits(), ...options });
  t.teardown(() => socket.close());
  return socket;
}

/** Every byte a connection reads until it ends. */
export function readAll(connection: UtpConnection): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    connection.on('data', (c: Buffer) => chunks.push(c));
    connection.on('end', () => resolve(Buffer.concat(chunks)));
    connection.on('error', reject);
  });
}

export function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

export { randomBytes };

export interface Relay {
  readonly port: number;
  /** Datagrams dropped so far. */
  dropped: number;
  close(): void;
}

/**
 * A UDP relay between a client and `target`: the client sends to relay.port;
 * each datagram is dropped with probability `loss` and otherwise forwarded,
 * every `reorderEvery`-th one held back behind the next.
 */
export async function lossyRelay(target: number, loss: number, reorderEvery = 0): Promise<Relay> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', () => r()));
  let client: { port: number } | undefined;
  let count = 0;
  let held: (() => void) | undefined;
  const relay: Relay = { port: front.address().port, dropped: 0, close: () => (front.close(), back.close()) };
  const pass = (send: () => void): void => {
    if (Math.random() < loss) {
      relay.dropped++;
      return;
    }
    count++;
    if (reorderEvery > 0 && count % reorderEvery === 0 && held === undefined) {
      held = send;
      return;
    }
    send();
    const h = held;
    held = undefined;
    h?.();
  };
  front.on('message', (msg, rinfo) => {
    client = { port: rinfo.port };
    pass(() => back.send(msg, target, '127.0.0.1'));
  });
  back.on('message', (msg) => {
    const c = client;
    if (c !== undefined) pass(() => front.send(msg, c.port, '127.0.0.1'));
  });
  return relay;
}

/** Waits (10 s at most) until cond() holds. */
export async function waitFor(cond: () => boolean, what = cond.toString()): Promise<void> {
  await until(what, 10_000, () => (cond() ? true : undefined));
}
