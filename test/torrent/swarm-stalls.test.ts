// What left a swarm's peers waiting (issue 13): an upload slot freed by a
// peer that leaves goes to a waiting peer at once, not at the next 10 s
// rechoke; and a fast-extension peer that chokes us without rejecting our
// requests (BEP 6) has them cancelled within a grace, not held for the
// 30 s request timeout; and a peer whose dial failed is dialled again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { CHOKED_GRACE_MS } from '../../core/torrent/block-requests.ts';
import type { Message } from '../../core/wire/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { tempDir } from '../helpers/payload.ts';
import { remotePeer, seededTorrent, until, type RemotePeer } from '../helpers/slot-peers.ts';
import { listen } from '../helpers/wire-peers.ts';
import { freePort } from '../helpers/interop-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const quiet = { emit: () => undefined, listens: () => false };

/** Three interested remotes of a seeder with one regular slot: the first holds it, the second the optimistic one, the third waits. */
async function fullSlots(t: import('ava').ExecutionContext) {
  const { dir, metainfo } = await seededTorrent(t);
  const client = new Client({ ...LOOPBACK, limits: { maxUploadSlots: 1 } });
  t.teardown(() => client.destroy());
  const torrent = await client.addTorrent(metainfo, { dir });
  const remotes: RemotePeer[] = [];
  for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
    const remote = await remotePeer(t, client.port!, metainfo.infoHash, address);
    await until(() => torrent.peers.length === remotes.length + 1, 'the seeder to attach the remote');
    remote.connection.interested();
    await until(() => torrent.peers.filter((p) => p.peerInterested).length === remotes.length + 1, 'the seeder to see the interest');
    remotes.push(remote);
  }
  await until(() => !remotes[0]!.connection.peerChoking && !remotes[1]!.connection.peerChoking, 'the first two unchokes');
  t.true(remotes[2]!.connection.peerChoking, 'the third waits: both slots are taken');
  t.is(torrent.peers.filter((p) => !p.amChoking).length, 2);
  return { torrent, remotes };
}

for (const [leaving, slot] of [[0, 'regular'], [1, 'optimistic']] as const) {
  test(`a peer leaving its ${slot} slot hands it to a waiting peer at once, not at the next rechoke`, async (t) => {
    const { torrent, remotes } = await fullSlots(t);
    remotes[leaving]!.connection.disconnect('done');
    // The seeder rechokes as it detaches the peer, in the same call: when it is gone, the slot is given.
    await until(() => torrent.peers.length === 2, 'the seeder to drop the peer that left');
    t.deepEqual(
      torrent.peers.map((p) => p.amChoking),
      [false, false],
      'both remaining peers are unchoked',
    );
    await until(() => !remotes[2]!.connection.peerChoking, 'the unchoke on the wire', 5000);
    t.pass();
  });
}

type Request = Extract<Message, { type: 'request' }>;
const key = (m: { index: number; begin: number; length: number }): string => `${m.index}:${m.begin}:${m.length}`;

test('requests a fast peer neither answers nor rejects after choking us are cancelled after the grace and asked again', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const data = await readFile(join(dir, 'data.bin'));
  // A fast seeder that takes the first batch of requests, chokes without rejecting any,
  // and unchokes (and serves) once every one of them is cancelled.
  const held: Request[] = [];
  const cancelled: string[] = [];
  let phase: 'taking' | 'choked' | 'serving' = 'taking';
  let chokedAt = 0;
  let cancelledAt = 0;
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    const peer: PeerConnection = new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      sink: quiet,
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: {
        onHandshake: (_p, infoHash) => ({ infoHash, pieceCount: metainfo.pieceCount }),
        onReady: () => void peer.haveAll(),
        onMessage: (_p, m) => {
          if (m.type === 'interested') peer.unchoke();
          if (m.type === 'request' && phase === 'taking') {
            if (held.length === 0) {
              // The batch arrives in one read: choke once it is all in.
              setImmediate(() => {
                phase = 'choked';
                chokedAt = Date.now();
                peer.choke();
              });
            }
            held.push(m);
          }
          if (m.type === 'cancel' && phase === 'choked') {
            cancelled.push(key(m));
            if (cancelled.length === held.length) {
              cancelledAt = Date.now();
              phase = 'serving';
              peer.unchoke();
            }
          }
          if (m.type === 'request' && phase === 'serving') {
            const at = m.index * metainfo.pieceLength + m.begin;
            peer.piece(m.index, m.begin, data.subarray(at, at + m.length));
          }
        },
      },
    });
    t.teardown(() => peer.disconnect('test over'));
  });
  // The folder first: teardowns run last first, so the client is gone before its folder is removed.
  const target = await tempDir(t);
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const torrent = await client.addTorrent(metainfo, { dir: target, peers: [{ ip: '127.0.0.1', port }] });
  // Well below the 30 s request timeout that held them before.
  await until(() => phase === 'serving', 'the cancels of every held request', 10_000);
  t.true(held.length > 0);
  t.deepEqual(new Set(cancelled), new Set(held.map(key)), 'exactly the held requests are cancelled, each once');
  t.is(cancelled.length, held.length);
  t.true(cancelledAt - chokedAt >= CHOKED_GRACE_MS - 50, 'not before the grace: a compliant peer rejects right behind its choke');
  await until(() => torrent.complete, 'the download, asked again after the unchoke', 10_000);
  t.pass();
});

test('a peer whose dial failed is dialled again (10 s later, Transmission\'s schedule): a seeder that starts late is still reached', async (t) => {
  t.timeout(60_000);
  const { dir, metainfo } = await seededTorrent(t);
  const port = await freePort();
  const leecher = new Client(LOOPBACK);
  t.teardown(() => leecher.destroy());
  const downloading = await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port }] });
  // Nobody listens there yet: the first dial fails (refused over TCP; uTP gets no answer).
  await new Promise((resolve) => setTimeout(resolve, 4000));
  t.is(downloading.progress, 0);
  const seeder = new Client({ listen: { ...LOOPBACK.listen, ports: [port] } });
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir });
  t.is(seeder.port, port);
  // Without a second dial this never completes (the seeder knows nothing of the leecher): the test's timeout ends it.
  await downloading.whenComplete();
  t.is(downloading.progress, 1);
});
