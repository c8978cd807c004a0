// Loopback plumbing for peer connection tests: socket pairs, raw hostile
// clients, an event recorder on a real Client, bounded waits.
import net from 'node:net';
import type { ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { EVENT_NAMES, type EventInfo, type EventName } from '../../core/hooks.ts';

export type AnyEvent = EventInfo<EventName>;

/** A Client that records every event it fires, in order. */
export function recordingClient(): { client: Client; events: AnyEvent[] } {
  const client = new Client({ name: 'test' });
  const events: AnyEvent[] = [];
  for (const name of EVENT_NAMES) {
    (client.hooks[name] as unknown as { tap(n: string, fn: (c: Client, info: AnyEvent) => void): void }).tap('recorder', (_c, info) => {
      events.push(info);
    });
  }
  return { client, events };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Listening {
  readonly server: net.Server;
  readonly port: number;
  readonly host: string;
}

/** A TCP server on loopback port 0, closed at teardown with every socket it accepted. */
export async function listen(t: ExecutionContext, host: '127.0.0.1' | '::1', onSocket: (socket: net.Socket) => void): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  t.teardown(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  return { server, port: (server.address() as net.AddressInfo).port, host };
}

/** A connected client socket, destroyed at teardown. */
export async function connect(t: ExecutionContext, host: string, port: number): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  t.teardown(() => {
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** A client socket that records what it receives and whether it was closed. */
export interface RawClient {
  readonly socket: net.Socket;
  received(): Buffer;
  readonly closed: () => boolean;
}

export async function rawClient(t: ExecutionContext, host: string, port: number): Promise<RawClient> {
  const socket = await connect(t, host, port);
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('data', (c) => chunks.push(c));
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
  });
  return { socket, received: () => Buffer.concat(chunks), closed: () => closed };
}
