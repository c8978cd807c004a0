// peer-ban end to end over loopback. Bans are by IP, so each seeder listens on
// its own loopback address (127.0.0.2, .3, .4: all of 127/8 is loopback on
// Linux) and the downloader dials those addresses.
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { BitField } from '../../core/bitfield.ts';
import { Client } from '../../core/client.ts';
import { createClient } from '../../core/create-client.ts';
import { Stage, type BanCandidate, type EventInfo, type EventSink } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { tcpPeerOptions } from '../helpers/default-settings.ts';
import type { Swarm } from '../../core/torrent/swarm.ts';
import { getPeerBan } from '../../plugins/peer-ban/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const BLOCK = 16384;
const EXAMPLE_PLUGIN = new URL('../../examples/custom-ban-policy.ts', import.meta.url).pathname;
const EXAMPLE_BTRC = new URL('../../examples/btrc/custom-ban-policy.btrc.json', import.meta.url).pathname;

const listenOn = (host4: string) => ({ listen: { ports: 0, tcp4: true, tcp6: false, host4 } }) as const;

interface Payload {
  readonly metainfo: Metainfo;
  /** Folder holding the good copy, as the torrent names it. */
  readonly dir: string;
  readonly bytes: Buffer;
}

async function payload(t: ExecutionContext, length: number, pieceLength: number, isPrivate = false): Promise<Payload> {
  const root = await tempDir(t);
  await writeFiles(join(root, 'src'), { 'data.bin': length });
  const { metainfo } = await createTorrent(join(root, 'src', 'data.bin'), { pieceLength, private: isPrivate });
  return { metainfo, dir: join(root, 'src'), bytes: await readFile(join(root, 'src', 'data.bin')) };
}

/** A seeder in seed mode on its own loopback address, serving `bytes` (corrupt or not) without checking them. */
async function seeder(t: ExecutionContext, host: string, p: Payload, bytes?: Buffer): Promise<{ client: Client; swarm: Swarm }> {
  let dir = p.dir; // seed mode only reads: honest seeders share the good copy
  if (bytes !== undefined) {
    dir = await tempDir(t);
    await writeFile(join(dir, p.metainfo.name), bytes);
  }
  const client = new Client(listenOn(host));
  t.teardown(() => client.destroy());
  const swarm = await client.addTorrent(p.metainfo, { dir, seedMode: true });
  return { client, swarm };
}

/** Records peer_ban and piece_hash_failed on a client. */
function record(client: Client) {
  const bans: EventInfo<'peer_ban'>[] = [];
  const failed: EventInfo<'piece_hash_failed'>[] = [];
  client.on_peer_ban((_c, info) => bans.push(info));
  client.on_piece_hash_failed((_c, info) => failed.push(info));
  return { bans, failed };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function downloader(t: ExecutionContext, options: Parameters<typeof createClient>[0] = {}): Promise<Client> {
  // createClient applies the built-ins: peer-ban is on by default.
  const client = await createClient({ config: false, plugins: [['logger', false]], ...listenOn('127.0.0.1'), ...options });
  t.teardown(() => client.destroy());
  return client;
}

test('a seeder that serves corrupt pieces is banned; the honest ones are not; the download is byte for byte', async (t) => {
  const p = await payload(t, 64 * 32768, 32768);
  const corrupt = Buffer.from(p.bytes);
  // A wrong byte in every even piece.
  for (let i = 0; i < p.metainfo.pieceCount; i += 2) corrupt[i * 32768 + 1000] ^= 0xff;
  const honest1 = await seeder(t, '127.0.0.2', p);
  const honest2 = await seeder(t, '127.0.0.3', p);
  const bad = await seeder(t, '127.0.0.4', p, corrupt);
  const leecher = await downloader(t);
  t.true(leecher.plugins.has('peer-ban'));
  const { bans, failed } = record(leecher);
  const dir = await tempDir(t);
  // The corrupt seeder first, so that it is surely asked for some pieces.
  const swarm = await leecher.addTorrent(p.metainfo, { dir, peers: [{ ip: '127.0.0.4', port: bad.client.port! }] });
  await waitFor(() => swarm.peers.some((x) => x.ip === '127.0.0.4'), 'the corrupt seeder to connect', 10_000);
  swarm.addPeers([
    { ip: '127.0.0.2', port: honest1.client.port! },
    { ip: '127.0.0.3', port: honest2.client.port! },
  ]);
  await withTimeout(swarm.whenComplete(), 60_000, 'the download');

  t.true((await readFile(join(dir, p.metainfo.name))).equals(p.bytes), 'byte for byte');
  t.true(failed.length >= 1, 'the corrupt seeder did send corrupt pieces');
  for (const f of failed) t.true(f.blocks.some((b) => b.ip === '127.0.0.4'), `piece ${f.index} failed without the corrupt seeder`);
  t.deepEqual(bans.map((b) => [b.ip, b.torrent.infoHash]), [['127.0.0.4', p.metainfo.infoHash]]);
  t.is(bans[0]!.severity, 'info');
  t.true(leecher.isBanned('127.0.0.4', p.metainfo.infoHash));
  t.false(leecher.isBanned('127.0.0.2', p.metainfo.infoHash));
  t.false(leecher.isBanned('127.0.0.3', p.metainfo.infoHash));
  t.false(swarm.peers.some((x) => x.ip === '127.0.0.4'), 'disconnected');
  await waitFor(() => bad.swarm.peers.length === 0, 'the corrupt seeder to see the disconnect');
});

// ------------------------------------------------------------------ a peer that corrupts single blocks

interface FakePeer {
  readonly port: number;
  /** Resolves once the peer has served its blocks and choked us. */
  readonly served: Promise<{ bad: { index: number; begin: number }; good: { index: number; begin: number } }>;
  /** True once the downloader closed the connection. */
  closed(): boolean;
}

const silentSink: EventSink = { emit: () => undefined, listens: () => false };

/**
 * A peer built on PeerConnection that has every piece but, from the first
 * batch of requests, answers only two: the first requested block of the
 * first piece with one byte wrong, and the first requested block of another
 * piece correctly. Then it chokes (without the fast extension, which voids
 * every other request) and never unchokes again. The honest seeder sends the
 * rest of those pieces, so only block-level evidence can name this peer.
 */
async function blockCorrupter(t: ExecutionContext, host: string, p: Payload): Promise<FakePeer> {
  type Served = Awaited<FakePeer['served']>;
  let resolveServed!: (v: Served) => void;
  const served = new Promise<Served>((r) => (resolveServed = r));
  let closed = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const requests: { index: number; begin: number; length: number }[] = [];
    let unchoked = false;
    let done = false;
    new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      sink: silentSink,
      ourPeerId: Buffer.from('-FK0001-corrupter000'),
      extensions: { fast: false, extended: false },
      delegate: {
        onHandshake: (_peer, infoHash) => (infoHash === p.metainfo.infoHash ? { infoHash, pieceCount: p.metainfo.pieceCount } : undefined),
        onReady: (peer) => {
          const all = new BitField(p.metainfo.pieceCount);
          all.setAll();
          peer.bitfield(all);
        },
        onMessage: (peer, message) => {
          if (message.type === 'interested' && !unchoked) {
            unchoked = true;
            peer.unchoke();
          } else if (message.type === 'request' && !done) {
            requests.push(message);
            if (requests.length === 1) setImmediate(() => serve(peer));
          }
        },
        onClose: () => {
          closed = true;
        },
      },
    });
    const serve = (peer: PeerConnection): void => {
      done = true;
      const first = requests[0]!;
      const other = requests.find((r) => r.index !== first.index);
      if (other === undefined) throw new Error('the fake peer needs requests for two pieces');
      const at = (r: { index: number; begin: number; length: number }) => p.bytes.subarray(r.index * p.metainfo.pieceLength + r.begin, r.index * p.metainfo.pieceLength + r.begin + r.length);
      const bad = Buffer.from(at(first));
      bad[10] ^= 0x5a;
      peer.piece(first.index, first.begin, bad);
      peer.piece(other.index, other.begin, Buffer.from(at(other)));
      peer.choke();
      resolveServed({ bad: { index: first.index, begin: first.begin }, good: { index: other.index, begin: other.begin } });
    };
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  t.teardown(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  return { port: (server.address() as net.AddressInfo).port, served, closed: () => closed };
}

/** The downloader dials the corrupter alone, waits for its two blocks, then adds the honest seeder. */
async function shareWithCorrupter(t: ExecutionContext, leecher: Client, p: Payload) {
  const honest = await seeder(t, '127.0.0.2', p);
  const fake = await blockCorrupter(t, '127.0.0.4', p);
  const dir = await tempDir(t);
  const swarm = await leecher.addTorrent(p.metainfo, { dir, peers: [{ ip: '127.0.0.4', port: fake.port }] });
  const served = await withTimeout(fake.served, 20_000, 'the corrupter to serve');
  swarm.addPeers([{ ip: '127.0.0.2', port: honest.client.port! }]);
  await withTimeout(swarm.whenComplete(), 60_000, 'the download');
  t.true((await readFile(join(dir, p.metainfo.name))).equals(p.bytes), 'byte for byte');
  return { swarm, fake, served };
}

test('a peer that sends one corrupt block into a piece shared with an honest seeder is named by block evidence', async (t) => {
  const p = await payload(t, 16 * 4 * BLOCK, 4 * BLOCK);
  const leecher = await downloader(t);
  const { bans, failed } = record(leecher);
  const candidates: BanCandidate[] = [];
  leecher.hooks.ban_peer.tap({ name: 'spy', stage: Stage.POLICY }, (c) => void candidates.push(c));
  const { swarm, fake, served } = await shareWithCorrupter(t, leecher, p);

  const failure = failed.find((f) => f.index === served.bad.index);
  t.truthy(failure, 'the piece with the corrupt block failed');
  t.deepEqual(
    [...new Set(failure!.blocks.map((b) => b.ip))].sort(),
    ['127.0.0.2', '127.0.0.4'],
    'the honest seeder sent the rest of it: no sole sender',
  );
  t.deepEqual(bans.map((b) => b.ip), ['127.0.0.4']);
  t.regex(bans[0]!.reason, new RegExp(`offset ${served.bad.begin} of piece ${served.bad.index}: it differs from the piece that passed`));
  // At the failure both senders were merely suspects; the proof came when the piece passed.
  t.deepEqual(
    candidates.filter((c) => !c.proven).map((c) => c.ip).sort(),
    ['127.0.0.2', '127.0.0.4'],
  );
  t.true(candidates.some((c) => c.ip === '127.0.0.4' && c.proven));
  t.false(candidates.some((c) => c.ip === '127.0.0.2' && c.proven));
  t.false(leecher.isBanned('127.0.0.2', p.metainfo.infoHash));
  const honestTrust = getPeerBan(leecher)!.trustOf(swarm, '127.0.0.2');
  t.true(honestTrust!.score > 0, `the honest seeder's penalty was given back (trust ${honestTrust?.score})`);
  await waitFor(() => fake.closed(), 'the banned peer to be disconnected');
});

// ------------------------------------------------------------------ a user policy from .btrc

async function btrc(t: ExecutionContext, plugins: unknown[]): Promise<string> {
  const dir = await tempDir(t);
  const file = join(dir, '.btrc.json');
  await writeFile(file, JSON.stringify({ plugins }));
  return file;
}

test('a user policy from .btrc vetoes the built-in: a trusted address is never banned, even when proven', async (t) => {
  const p = await payload(t, 16 * 4 * BLOCK, 4 * BLOCK);
  const config = await btrc(t, [['logger', false], [EXAMPLE_PLUGIN, { trusted: ['::ffff:127.0.0.4'] }]]);
  const leecher = await downloader(t, { config, plugins: [] });
  t.deepEqual(leecher.plugins.get('custom-ban-policy'), { trusted: ['::ffff:127.0.0.4'], strictOnPrivate: true });
  const { bans, failed } = record(leecher);
  const proven: string[] = [];
  leecher.hooks.ban_peer.tap({ name: 'spy', stage: Stage.POLICY - 1 }, (c) => void (c.proven && proven.push(c.ip)));
  await shareWithCorrupter(t, leecher, p);
  t.true(failed.length >= 1);
  t.deepEqual(proven, ['127.0.0.4'], 'peer-ban proved it and asked');
  t.deepEqual(bans, [], 'the policy said no');
  t.false(leecher.isBanned('127.0.0.4', p.metainfo.infoHash));
});

test('a user policy from .btrc decides first: on a private torrent an untrusted sender is banned at the first failure', async (t) => {
  const p = await payload(t, 16 * 4 * BLOCK, 4 * BLOCK, true);
  t.true(p.metainfo.private);
  const config = await btrc(t, [[EXAMPLE_PLUGIN, { trusted: ['127.0.0.2'] }]]);
  const leecher = await downloader(t, { config, plugins: [['logger', false]] });
  const { bans, failed } = record(leecher);
  const { served } = await shareWithCorrupter(t, leecher, p);
  t.deepEqual(bans.map((b) => b.ip), ['127.0.0.4']);
  t.regex(bans[0]!.reason, new RegExp(`took part in 1 piece that failed the hash check \\(piece ${served.bad.index} the latest\\)`), 'banned for the failure, before any proof');
  t.is(failed.filter((f) => f.index === served.bad.index).length, 1);
  t.false(leecher.isBanned('127.0.0.2', p.metainfo.infoHash), 'the trusted seeder shared the failed piece and stays');
});

test('the example .btrc loads the example policy next to peer-ban', async (t) => {
  const client = await createClient({ config: EXAMPLE_BTRC, plugins: [['logger', false]], ...listenOn('127.0.0.1') });
  t.teardown(() => client.destroy());
  t.like(client.plugins.get('peer-ban'), { scope: 'torrent', banDurationMs: 3_600_000, banThreshold: -7 });
  t.deepEqual(client.plugins.get('custom-ban-policy'), { trusted: ['192.168.1.20', '2001:db8::20'], strictOnPrivate: true });
  const torrent = { infoHash: 'ef'.repeat(20), name: 'x', state: 'downloading', private: false } as const;
  const ask = (ip: string, proven: boolean) =>
    client.hooks.ban_peer.call({ torrent, ip, proven, failedPieces: 1, passedPieces: 0, reason: 'test' });
  t.is(ask('2001:0db8:0:0::20', true), false);
  t.is(ask('203.0.113.1', true), true);
  t.is(ask('203.0.113.1', false), undefined);
});
