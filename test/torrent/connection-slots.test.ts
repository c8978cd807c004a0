// Connection slots under pressure, over real loopback sockets from several
// 127.0.0.x addresses: the per-IP cap, silent sockets that must not keep a
// fresh peer out, idle handshaken peers replaced by a useful one in a full
// torrent, the idle timeout, and the reasons given for each refusal.
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import type { ClientSettings } from '../../core/settings.ts';
import { Stage, type EventInfo } from '../../core/hooks.ts';
import { fetchBlock, remotePeer, seededTorrent, silentSocket, until, type RemotePeer } from '../helpers/slot-peers.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import utMetadata from '../../plugins/ut-metadata/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 32768;

interface Seeder {
  readonly client: Client;
  readonly port: number;
  readonly infoHash: string;
  readonly disconnects: string[];
  readonly errors: EventInfo<'peer_error'>[];
}

async function seeder(t: ExecutionContext, settings: Omit<ClientSettings, 'listen'>): Promise<Seeder> {
  const { dir, metainfo } = await seededTorrent(t);
  const disconnects: string[] = [];
  const errors: EventInfo<'peer_error'>[] = [];
  const client = new Client({
    ...LOOPBACK,
    ...settings,
    on_peer_disconnect: (_c, info) => disconnects.push(`${info.peer.ip} ${info.reason}`),
    on_peer_error: (_c, info) => errors.push(info),
  });
  t.teardown(() => client.destroy());
  const torrent = await client.addTorrent(metainfo, { dir });
  t.is(torrent.state, 'seeding');
  return { client, port: client.port!, infoHash: metainfo.infoHash, disconnects, errors };
}

/**
 * A newcomer to a full torrent: the seeder answers its handshake and decides
 * then (attach), so the newcomer sees the handshake and then the close.
 * Resolves with the reason it closed.
 */
async function refusedAfterHandshake(t: ExecutionContext, port: number, infoHash: string, address: string): Promise<string | undefined> {
  const peer = await remotePeer(t, port, infoHash, address);
  await until(() => peer.connection.closed, 'the refusal to reach the newcomer');
  return peer.closedBecause();
}

const firstBlock = bytes('data.bin', 4 * PIECE + 1000).subarray(0, 16384);

async function countsBackToZero(t: ExecutionContext, client: Client, peers: readonly { connection: { disconnect(r: string): void } }[]): Promise<void> {
  for (const p of peers) p.connection.disconnect('test over');
  await until(() => {
    const c = client.connectionCounts;
    return c.connections === 0 && c.established === 0 && c.halfOpen === 0 && c.addresses === 0;
  }, 'every count back to zero');
  t.deepEqual(client.connectionCounts, { connections: 0, established: 0, halfOpen: 0, addresses: 0 });
}

test('one address gets maxConnectionsPerIp connections; the next is refused with peer_error TOO_MANY_CONNECTIONS_FROM_IP', async (t) => {
  const s = await seeder(t, { limits: { maxConnectionsPerIp: 3 } });
  const peers: RemotePeer[] = [];
  for (let i = 0; i < 3; i++) peers.push(await remotePeer(t, s.port, s.infoHash, '127.0.0.2'));
  await t.throwsAsync(remotePeer(t, s.port, s.infoHash, '127.0.0.2'));
  await until(() => s.errors.length === 1, 'the refusal');
  t.like(s.errors[0], { ip: '127.0.0.2', code: 'TOO_MANY_CONNECTIONS_FROM_IP', peer_id: undefined });
  t.regex(s.errors[0]!.error, /too many connections from this address/);
  // Another address is not affected, and gets served.
  const other = await remotePeer(t, s.port, s.infoHash, '127.0.0.3');
  t.deepEqual(await fetchBlock(other), firstBlock);
  t.like(s.client.connectionCounts, { established: 4, addresses: 2 });
  // A slot given back is a slot the address can use again.
  peers.pop()!.connection.disconnect('leaving');
  await until(() => s.client.connectionCounts.established === 3, 'the departure');
  peers.push(await remotePeer(t, s.port, s.infoHash, '127.0.0.2'));
  await countsBackToZero(t, s.client, [...peers, other]);
});

test('silent sockets filling the half-open slots do not keep a fresh peer out: the oldest is closed, the rest time out', async (t) => {
  const s = await seeder(t, { limits: { maxHalfOpen: 5, maxConnectionsPerIp: 50 }, timeouts: { handshakeMs: 2000 } });
  const silent: { closed(): boolean }[] = [];
  for (let i = 0; i < 12; i++) silent.push(await silentSocket(t, s.port, `127.0.1.${i + 1}`));
  // The server may accept a socket a little after the client saw it connect: wait for all twelve.
  await until(() => s.disconnects.filter((d) => /half-open connections full \(5\)/.test(d)).length === 7, 'the oldest waiting sockets making room');
  t.is(s.client.connectionCounts.halfOpen, 5);
  // Closed oldest first: the first seven are gone, the last five wait.
  await until(() => silent.slice(0, 7).every((x) => x.closed()), 'the oldest sockets closed');
  t.false(silent.slice(7).some((x) => x.closed()));
  const fresh = await remotePeer(t, s.port, s.infoHash, '127.0.0.9');
  t.deepEqual(await fetchBlock(fresh), firstBlock);
  // Sockets that never spoke are closed after a quarter of handshakeMs, well before the handshake timeout.
  await until(() => silent.every((x) => x.closed()), 'the silent sockets closed', 4000);
  t.true(s.disconnects.some((d) => /no handshake: sent nothing within 500 ms/.test(d)));
  t.like(s.client.connectionCounts, { halfOpen: 0, established: 1 });
  await countsBackToZero(t, s.client, [fresh]);
});

test('idle handshaken peers filling the torrent are replaced by a fresh peer, which gets served', async (t) => {
  const s = await seeder(t, { limits: { maxConnectionsPerTorrent: 5, maxConnectionsPerIp: 3 } });
  const idle: RemotePeer[] = [];
  for (let i = 0; i < 5; i++) idle.push(await remotePeer(t, s.port, s.infoHash, `127.0.2.${i + 1}`));
  t.is(s.client.torrents[0]!.peers.length, 5);
  const fresh = await remotePeer(t, s.port, s.infoHash, '127.0.2.100');
  t.deepEqual(await fetchBlock(fresh), firstBlock);
  t.is(s.client.torrents[0]!.peers.length, 5);
  // The one replaced is the first idle peer (the longest without a block), and it was told why.
  await until(() => idle[0]!.connection.closed, 'the oldest idle peer dropped');
  t.false(idle.slice(1).some((p) => p.connection.closed));
  t.true(s.disconnects.some((d) => /^127\.0\.2\.1 replaced by a new connection: the torrent is full and this peer was the least useful \(neither side interested/.test(d)));
  // More newcomers replace the other idle peers, never the one exchanging data.
  const more: RemotePeer[] = [];
  for (let i = 0; i < 6; i++) more.push(await remotePeer(t, s.port, s.infoHash, `127.0.3.${i + 1}`));
  t.false(fresh.connection.closed, 'the peer that got data is kept');
  t.true(idle.every((p) => p.connection.closed));
  await countsBackToZero(t, s.client, [...idle, ...more, fresh]);
});

test('a full torrent whose peers all exchange data refuses a newcomer with "torrent full"; "unknown info hash" only when unknown', async (t) => {
  const s = await seeder(t, { limits: { maxConnectionsPerTorrent: 3, maxUploadSlots: 4 } });
  const busy: RemotePeer[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await remotePeer(t, s.port, s.infoHash, `127.0.4.${i + 1}`);
    await fetchBlock(p);
    busy.push(p);
  }
  t.is(await refusedAfterHandshake(t, s.port, s.infoHash, '127.0.4.10'), 'connection closed by peer');
  await until(() => s.disconnects.some((d) => d.startsWith('127.0.4.10 ')), 'the refusal');
  t.true(s.disconnects.includes('127.0.4.10 torrent full (3 connections, none idle enough to replace)'), s.disconnects.join('\n'));
  t.false(busy.some((p) => p.connection.closed));
  await t.throwsAsync(remotePeer(t, s.port, 'ab'.repeat(20), '127.0.4.11'));
  await until(() => s.disconnects.some((d) => d.startsWith('127.0.4.11 ')), 'the second refusal');
  t.true(s.disconnects.includes(`127.0.4.11 unknown info hash ${'ab'.repeat(20)}`));
  await countsBackToZero(t, s.client, busy);
});

test('a peer neither interested nor interesting, with no block for timeouts.idleMs, is dropped; an interested one stays', async (t) => {
  const s = await seeder(t, { timeouts: { idleMs: 1500 } });
  const idle = await remotePeer(t, s.port, s.infoHash, '127.0.5.1');
  const interested = await remotePeer(t, s.port, s.infoHash, '127.0.5.2');
  interested.connection.interested();
  await until(() => idle.connection.closed, 'the idle peer dropped', 6000);
  t.true(s.disconnects.some((d) => /^127\.0\.5\.1 idle timeout \(neither side interested, no block for \d+ s\)$/.test(d)), s.disconnects.join('\n'));
  t.false(interested.connection.closed);
  await countsBackToZero(t, s.client, [interested]);
});

test('when the client holds limits.maxConnections, a newcomer replaces an idle peer even though the torrent has room', async (t) => {
  const s = await seeder(t, { limits: { maxConnections: 3 } });
  const idle: RemotePeer[] = [];
  for (let i = 0; i < 3; i++) idle.push(await remotePeer(t, s.port, s.infoHash, `127.0.6.${i + 1}`));
  const fresh = await remotePeer(t, s.port, s.infoHash, '127.0.6.10');
  t.deepEqual(await fetchBlock(fresh), firstBlock);
  await until(() => idle[0]!.connection.closed, 'the oldest idle peer dropped');
  t.true(s.disconnects.some((d) => d.startsWith('127.0.6.1 replaced by a new connection: the client holds its maximum of connections and this peer was the least useful')), s.disconnects.join('\n'));
  t.is(s.client.connectionCounts.established, 3);
  await countsBackToZero(t, s.client, [...idle, fresh]);
});

test('choose_peer_to_replace decides whom a newcomer replaces, or refuses it (null)', async (t) => {
  const s = await seeder(t, { limits: { maxConnectionsPerTorrent: 2 } });
  let refuse = false;
  const asked: string[] = [];
  s.client.hooks.choose_peer_to_replace.tap({ name: 'keep-the-first', stage: Stage.POLICY }, (ctx) => {
    asked.push(`${ctx.full} ${ctx.newcomer.ip} ${ctx.peers.map((p) => `${p.ip}:${ctx.exchangingData(p)}:${ctx.quietMsOf(p) >= 0}`).join(' ')}`);
    // Keeps the oldest connection, whatever the default would say: replaces the newest.
    return refuse ? null : ctx.peers[ctx.peers.length - 1];
  });
  const first = await remotePeer(t, s.port, s.infoHash, '127.0.7.1');
  const second = await remotePeer(t, s.port, s.infoHash, '127.0.7.2');
  const third = await remotePeer(t, s.port, s.infoHash, '127.0.7.3');
  await until(() => second.connection.closed, 'the newest peer replaced');
  t.false(first.connection.closed);
  t.deepEqual(asked, ['torrent 127.0.7.3 127.0.7.1:false:true 127.0.7.2:false:true']);
  t.true(s.disconnects.includes("127.0.7.2 replaced by a new connection: torrent full (2 connections), chosen by a plugin's choose_peer_to_replace"), s.disconnects.join('\n'));
  refuse = true;
  t.is(await refusedAfterHandshake(t, s.port, s.infoHash, '127.0.7.4'), 'connection closed by peer');
  await until(() => s.disconnects.some((d) => d.startsWith('127.0.7.4 ')), 'the refusal');
  t.true(s.disconnects.includes("127.0.7.4 torrent full (2 connections, and a plugin's choose_peer_to_replace refused to replace any)"), s.disconnects.join('\n'));
  await countsBackToZero(t, s.client, [first, second, third]);
});

test('with one half-open slot, a leecher dials its peers one at a time and still reaches them all', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const seeders: Client[] = [];
  const reached = new Set<number>();
  for (let i = 0; i < 3; i++) {
    const c = new Client({ ...LOOPBACK, on_peer_handshake_complete: () => reached.add(i) });
    t.teardown(() => c.destroy());
    await c.addTorrent(metainfo, { dir });
    seeders.push(c);
  }
  const leecher = new Client({ listen: { tcp4: false, tcp6: false }, limits: { maxHalfOpen: 1 } });
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: seeders.map((c) => ({ ip: '127.0.0.1', port: c.port! })) });
  let most = 0;
  // An address that found no free slot is offered again at the next tick (once a second), not lost.
  await until(() => {
    most = Math.max(most, leecher.connectionCounts.halfOpen);
    return reached.size === 3;
  }, 'every seeder reached', 10_000);
  t.true(most <= 1, `half-open peaked at ${most}`);
  await torrent.whenComplete();
});

test('a magnet link still fetching its metadata: a peer offering it replaces an idle connection that does not', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const seederClient = new Client(LOOPBACK);
  utMetadata.apply(seederClient, {});
  t.teardown(() => seederClient.destroy());
  const seeded = await seederClient.addTorrent(metainfo, { dir });
  const disconnects: string[] = [];
  const leecher = new Client({ ...LOOPBACK, limits: { maxConnectionsPerTorrent: 2 }, on_peer_disconnect: (_c, info) => disconnects.push(`${info.peer.ip} ${info.reason}`) });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  await leecher.listen();
  const adding = leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: await tempDir(t) });
  adding.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  // Two connections that never send an extension handshake hold both slots of the metadata phase.
  const idle = [await remotePeer(t, leecher.port!, metainfo.infoHash, '127.0.8.1'), await remotePeer(t, leecher.port!, metainfo.infoHash, '127.0.8.2')];
  seeded.addPeers([{ ip: '127.0.0.1', port: leecher.port! }]);
  const torrent = await adding;
  await torrent.whenComplete();
  t.true(idle[0]!.connection.closed);
  t.true(disconnects.includes('127.0.8.1 replaced by a new connection: the torrent is full while fetching its metadata and this peer does not offer it'), disconnects.join('\n'));
});
