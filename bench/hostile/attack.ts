// What an attack module of bench/hostile.ts is: a name, and a function that
// starts attacking a seeder and returns how to stop it. The attackers are raw
// sockets speaking just enough of the wire protocol (test/peer/peer-limits.test.ts
// runs the same ones against a Client).
import net from 'node:net';
import { encodeHandshake, WireParser, type Message } from '../../core/wire/index.ts';

/** The seeder under attack and its torrent. */
export interface AttackTarget {
  readonly host: string;
  readonly port: number;
  /** Hex info hash. */
  readonly infoHash: string;
  readonly pieceCount: number;
  readonly pieceLength: number;
  /** Total bytes of the torrent. */
  readonly length: number;
}

export interface RunningAttack {
  /** Stops attacking and closes every socket. */
  stop(): Promise<void>;
  /** Connections opened so far, and how many the seeder closed. */
  readonly connections: number;
  readonly closedBySeeder: number;
}

export interface Attack {
  /** Short name for the bench's table. */
  readonly name: string;
  readonly description: string;
  start(target: AttackTarget): RunningAttack;
}

/** A raw connection that has exchanged handshakes (fast and extended announced). */
export interface RawPeer {
  readonly socket: net.Socket;
  /** Messages as they come, while the socket is read. */
  onMessage(handler: (message: Message) => void): void;
  /** Resolves once the seeder's handshake arrived. */
  readonly handshaken: Promise<void>;
  readonly closed: Promise<void>;
}

/** Connects and handshakes; the socket is read (and parsed) until the caller pauses it. */
export function rawPeer(
  target: Pick<AttackTarget, 'host' | 'port' | 'infoHash'>,
  peerId: Buffer,
  extensions: { fast: boolean; extended: boolean } = { fast: true, extended: true },
): RawPeer {
  const socket = net.connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  const handlers: ((m: Message) => void)[] = [];
  let handshaken!: () => void;
  const handshakenP = new Promise<void>((resolve) => (handshaken = resolve));
  const parser = new WireParser({ onHandshake: () => handshaken(), onMessage: (m) => handlers.forEach((h) => h(m)) });
  socket.on('data', (chunk: Buffer) => {
    try {
      parser.push(chunk);
    } catch {
      socket.destroy();
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(encodeHandshake(Buffer.from(target.infoHash, 'hex'), peerId, extensions));
  return { socket, onMessage: (h) => handlers.push(h), handshaken: handshakenP, closed };
}

/**
 * Runs `attackOnce` on a fresh connection again and again (the seeder
 * closing one is the point of the limits; a real attacker reconnects), with
 * `retryMs` between, until stopped.
 */
export function repeatedly(target: AttackTarget, attackOnce: (peer: RawPeer, stopped: () => boolean) => Promise<void>, retryMs = 200): RunningAttack {
  let stopped = false;
  let connections = 0;
  let closedBySeeder = 0;
  let current: RawPeer | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    let n = 0;
    while (!stopped) {
      const id = Buffer.from(`-XX0001-${String(n++).padStart(12, '0')}`, 'latin1');
      const peer = (current = rawPeer(target, id));
      connections++;
      await Promise.race([peer.handshaken, peer.closed]);
      if (!peer.socket.destroyed) void attackOnce(peer, () => stopped || peer.socket.destroyed);
      await peer.closed;
      if (!stopped) closedBySeeder++;
      if (!stopped) await new Promise<void>((resolve) => (wake = resolve, setTimeout(resolve, retryMs)));
    }
  })();
  return {
    get connections() {
      return connections;
    },
    get closedBySeeder() {
      return closedBySeeder;
    },
    async stop() {
      stopped = true;
      current?.socket.destroy();
      wake?.();
      await loop;
    },
  };
}
