// Remote peers for the connection-slot tests: real PeerConnections dialled
// from a chosen loopback address (127.0.0.0/8 is all ours on Linux), which
// either sit idle after the handshake or ask for a block and wait for it.
import net from 'node:net';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from './default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Message } from '../../core/wire/index.ts';
import { tempDir, writeFiles } from './payload.ts';

export const PIECE = 32768;
const quiet = { emit: () => undefined, listens: () => false };

/** A torrent of a few pieces, its files written in a temp dir (removed at teardown). */
export async function seededTorrent(t: ExecutionContext): Promise<{ dir: string; metainfo: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'data.bin': 4 * PIECE + 1000 });
  const { metainfo } = await createTorrent(join(dir, 'data.bin'), { pieceLength: PIECE });
  return { dir, metainfo };
}

/** One remote peer: the connection, what it received, and why it closed. */
export interface RemotePeer {
  readonly connection: PeerConnection;
  readonly messages: Message[];
  /** The reason it closed, once it did. */
  closedBecause(): string | undefined;
}

/**
 * Dials the client from `localAddress` and shakes hands for `infoHash`.
 * Resolves once both handshakes are done; rejects with the reason when the
 * connection ends first. Disconnected at teardown.
 */
export function remotePeer(t: ExecutionContext, port: number, infoHash: string, localAddress: string): Promise<RemotePeer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    socket.once('error', (err) => reject(err));
    socket.once('connect', () => {
      const messages: Message[] = [];
      let closedBecause: string | undefined;
      const connection: PeerConnection = new PeerConnection({
        ...tcpPeerOptions(socket),
        stream: socket,
        direction: 'outgoing',
        protocol: 'tcp4',
        sink: quiet,
        ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
        torrent: { infoHash },
        delegate: {
          onMessage: (_p, m) => messages.push(m),
          onReady: () => resolve(remote),
          onClose: (_p, reason) => {
            closedBecause = reason;
            reject(new Error(`closed before the handshake: ${reason}`));
          },
        },
      });
      const remote: RemotePeer = { connection, messages, closedBecause: () => closedBecause };
      t.teardown(() => connection.disconnect('test over'));
    });
  });
}

/** A socket from `localAddress` that connects and never says a word; destroyed at teardown. */
export function silentSocket(t: ExecutionContext, port: number, localAddress: string): Promise<{ socket: net.Socket; closed(): boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    let closed = false;
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed: () => closed }));
    socket.once('error', reject);
    t.teardown(() => {
      socket.destroy();
    });
  });
}

/** Polls until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Says interested, waits to be unchoked, asks for the first block of piece `index` and waits for it. */
export async function fetchBlock(peer: RemotePeer, index = 0, ms = 8000): Promise<Buffer> {
  peer.connection.interested();
  await until(() => !peer.connection.peerChoking || peer.connection.closed, 'an unchoke', ms);
  if (peer.connection.closed) throw new Error(`closed while waiting for an unchoke: ${peer.closedBecause()}`);
  peer.connection.request(index, 0, 16384);
  const isBlock = (m: Message): m is Extract<Message, { type: 'piece' }> => m.type === 'piece' && m.index === index;
  await until(() => peer.messages.some(isBlock) || peer.connection.closed, 'the block', ms);
  const block = peer.messages.find(isBlock);
  if (block === undefined) throw new Error(`closed while waiting for the block: ${peer.closedBecause()}`);
  return block.block;
}
