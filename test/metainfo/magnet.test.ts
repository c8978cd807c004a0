// Magnet links end to end between swarmhook clients over loopback: a
// downloader with only the link gets the metadata (BEP 9 ut_metadata) from a
// seeder, then the data; a peer that sends corrupt metadata is dropped and
// the metadata comes from an honest one. `new Client()` applies no built-in,
// so every client here is given the ut-metadata plugin; without it a magnet
// link is refused (NO_METADATA_SOURCE).
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { ClientError } from '../../core/client-error.ts';
import { createTorrent, toMagnetURI, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Message } from '../../core/wire/index.ts';
import { ManagedProcess } from '../helpers/child-process.ts';
import { announced, startPeerListTracker, waitUntil } from '../helpers/interop-swarm.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';
import utMetadata, { UT_METADATA, decodeMetadataMessage, encodeMetadataMessage, metadataPiece, metadataPieceCount } from '../../plugins/ut-metadata/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
/** The id the hand-made lying peer receives ut_metadata under. */
const LIAR_UT_METADATA_ID = 2;

async function seed(t: ExecutionContext, files: Record<string, number>, pieceLength: number): Promise<{ dir: string; metainfo: Metainfo; seeder: Client }> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), files);
  const names = Object.keys(files);
  const source = names.length === 1 ? join(dir, 'payload', names[0]!) : join(dir, 'payload');
  const { metainfo } = await createTorrent(source, { pieceLength });
  const seeder = new Client({ ...LOOPBACK, name: 'seeder' });
  utMetadata.apply(seeder, {});
  t.teardown(() => seeder.destroy());
  const seedDir = names.length === 1 ? join(dir, 'payload') : dir;
  const torrent = await seeder.addTorrent(metainfo, { dir: seedDir });
  t.is(torrent.state, 'seeding');
  return { dir: seedDir, metainfo, seeder };
}

test('a downloader with only a magnet link (x.pe) gets the metadata, then the data byte for byte', async (t) => {
  // Many files make an info dictionary of several 16 KiB metadata pieces.
  const files: Record<string, number> = {};
  for (let i = 0; i < 400; i++) files[`dir-${i % 7}/file-with-a-longish-name-${i}.bin`] = 1000 + ((i * 7919) % 5000);
  const { dir, metainfo, seeder } = await seed(t, files, 32768);
  t.true(metadataPieceCount(metainfo.infoBuffer.length) >= 2, `info dictionary of ${metainfo.infoBuffer.length} bytes`);
  const magnet = `${toMagnetURI(metainfo)}&x.pe=127.0.0.1:${seeder.port}`;
  const leechDir = await tempDir(t);
  const passed = new Set<number>();
  const leecher = new Client({ ...LOOPBACK, name: 'leecher', on_piece_hash_passed: (_c, info) => passed.add(info.index) });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(magnet, { dir: leechDir });
  t.is(torrent.infoHash, metainfo.infoHash);
  t.is(torrent.name, metainfo.name);
  t.is(torrent.meta.pieces.length, metainfo.pieceCount);
  await torrent.whenComplete();
  t.is(torrent.state, 'seeding');
  t.is(passed.size, metainfo.pieceCount);
  t.true(await sameFiles(dir, leechDir, metainfo.files.map((f) => f.path)));
});

test('a magnet link without peers takes them from the peers option; the connection is kept after the metadata', async (t) => {
  const { dir, metainfo, seeder } = await seed(t, { 'one.bin': 5 * 65536 + 77 }, 65536);
  const leechDir = await tempDir(t);
  let handshakes = 0;
  const leecher = new Client({ ...LOOPBACK, on_peer_handshake_complete: () => handshakes++ });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  t.is(torrent.name, 'one.bin');
  await torrent.whenComplete();
  t.true(await sameFiles(dir, leechDir, metainfo.files.map((f) => f.path)));
  // One connection served the metadata and the data.
  t.is(handshakes, 1);
});

/**
 * A peer that has the torrent's pieces (have all) and answers ut_metadata
 * requests with data that does not hash to the info hash.
 */
async function corruptMetadataPeer(t: ExecutionContext, metainfo: Metainfo): Promise<{ port: number; served: () => number }> {
  let served = 0;
  const server = net.createServer((socket) => {
    const peer = new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      protocol: 'tcp4',
      sink: { emit: () => undefined, listens: () => false },
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: {
        onHandshake: (_p, infoHash) => (infoHash === metainfo.infoHash ? { infoHash } : undefined),
        onReady: (p) => {
          p.haveAll();
          p.sendExtendedHandshake({ m: { [UT_METADATA]: LIAR_UT_METADATA_ID }, metadata_size: metainfo.infoBuffer.length });
        },
        onMessage: (p, m: Message) => {
          if (m.type !== 'extended' || m.extendedId !== LIAR_UT_METADATA_ID) return;
          const request = decodeMetadataMessage(m.payload);
          if (request.type !== 'request') return;
          const data = Buffer.from(metadataPiece(metainfo.infoBuffer, request.piece)!);
          data[0] = data[0]! ^ 0xff;
          served++;
          p.extended(p.extendedHandshake!.m[UT_METADATA]!, encodeMetadataMessage({ type: 'data', piece: request.piece, totalSize: metainfo.infoBuffer.length, data }));
        },
      },
    });
    t.teardown(() => peer.disconnect('test over'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as net.AddressInfo).port, served: () => served };
}

test('a peer sending corrupt metadata is dropped with peer_error; the metadata comes from an honest peer', async (t) => {
  const { dir, metainfo, seeder } = await seed(t, { 'one.bin': 3 * 32768 + 5 }, 32768);
  const liar = await corruptMetadataPeer(t, metainfo);
  const errors: { ip: string; code: string; error: string }[] = [];
  const disconnects: string[] = [];
  const leecher = new Client({
    ...LOOPBACK,
    // The liar listens on TCP only: dial TCP first, or the honest seeder (reached over uTP at once) would be asked first.
    transports: { order: ['tcp', 'utp'] },
    on_peer_error: (_c, info) => errors.push(info),
    on_peer_disconnect: (_c, info) => disconnects.push(`${info.peer.port} ${info.reason}`),
  });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  const leechDir = await tempDir(t);
  // The liar comes first, so it is asked first.
  const magnet = `magnet:?xt=urn:btih:${metainfo.infoHash}&x.pe=127.0.0.1:${liar.port}&x.pe=127.0.0.1:${seeder.port}`;
  const torrent = await leecher.addTorrent(magnet, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(dir, leechDir, metainfo.files.map((f) => f.path)));
  t.true(liar.served() >= 1);
  t.is(errors.length, 1);
  t.is(errors[0]!.code, 'BAD_METADATA');
  t.regex(errors[0]!.error, new RegExp(`not the info hash ${metainfo.infoHash}`));
  t.true(disconnects.some((d) => d.startsWith(`${liar.port} invalid data [BAD_METADATA]`)), disconnects.join('\n'));
});

test('removing a magnet torrent before its metadata arrives rejects addTorrent and closes its connections', async (t) => {
  const { metainfo } = await seed(t, { 'one.bin': 1000 }, 16384);
  // A peer that completes the handshake but never offers metadata.
  const server = net.createServer((socket) => {
    const peer = new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      sink: { emit: () => undefined, listens: () => false },
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: { onHandshake: (_p, infoHash) => ({ infoHash }), onMessage: () => undefined },
    });
    t.teardown(() => peer.disconnect('test over'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  const reasons: string[] = [];
  const leecher = new Client({ ...LOOPBACK, on_peer_disconnect: (_c, info) => reasons.push(info.reason) });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  let handshakes = 0;
  leecher.on_peer_handshake_complete(() => handshakes++);
  const adding = leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}&x.pe=127.0.0.1:${port}`, { dir: await tempDir(t) });
  await waitFor(() => handshakes === 1, 'the handshake');
  await leecher.removeTorrent(metainfo.infoHash);
  await t.throwsAsync(adding, { message: /removed before its metadata arrived/ });
  t.deepEqual(reasons, ['torrent removed']);
});

test('bt download with a magnet link and --peer fetches the metadata, then the files', async (t) => {
  const { dir, metainfo, seeder } = await seed(t, { 'a.bin': 70_000, 'sub/b.bin': 30_001 }, 16384);
  const work = await tempDir(t);
  const out = join(work, 'out');
  const config = join(work, 'btrc.json');
  await writeFile(config, JSON.stringify({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } }));
  const bt = ManagedProcess.start(
    t,
    process.execPath,
    [fileURLToPath(new URL('../../bin/bt.js', import.meta.url)), 'download', `magnet:?xt=urn:btih:${metainfo.infoHash}&dn=x`, '-o', out, '--peer', `127.0.0.1:${seeder.port}`, '--config', config],
    { name: 'bt download', cwd: work },
  );
  t.is(await bt.waitForExit('bt download to finish', 60_000), 0, bt.tail());
  t.regex(bt.stdout, /^fetching the metadata from peers\.\.\.$/m);
  t.regex(bt.stdout, new RegExp(`^metadata: payload, 2 file\\(s\\), ${metainfo.length} bytes$`, 'm'));
  t.regex(bt.stdout, /^complete: payload /m);
  t.true(await sameFiles(dir, out, metainfo.files.map((f) => f.path)));
});

test('a magnet link\'s tracker is announced to before the metadata (left unknown); the same announcer goes on after it', async (t) => {
  const { dir, metainfo, seeder } = await seed(t, { 'one.bin': 4 * 32768 + 1 }, 32768);
  const tracker = await startPeerListTracker(t, () => [{ ip: '127.0.0.1', port: seeder.port! }]);
  const states: string[] = [];
  const leecher = new Client({ ...LOOPBACK, on_tracker_announce: (_c, info) => states.push(`${info.announce_event} ${info.torrent.state}`) });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}&tr=${encodeURIComponent(tracker.url)}`, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(dir, leechDir, metainfo.files.map((f) => f.path)));
  t.deepEqual((torrent.meta as Metainfo).announce, [[tracker.url]], 'the magnet\'s tr is in the metainfo');
  t.is(torrent.announcer?.trackers.length, 1);
  await waitUntil(() => states.length >= 2, 5000, 'the completed announce', { explain: () => states.join('\n') });
  const first = tracker.requests[0]!;
  t.is(announced(first, 'event'), 'started');
  t.is(announced(first, 'left'), '16384', 'an unknown size is announced as 16 KiB left, as libtorrent does');
  t.true(first.query.get('info_hash')![0]!.equals(metainfo.infoHashBuffer));
  t.is(Number(announced(first, 'port')), leecher.port!);
  // One announcer for the whole life: started in the metadata phase, completed after; no stopped in between.
  t.deepEqual(states.slice(0, 2), ['started metadata', 'completed seeding']);
  t.deepEqual(tracker.requests.map((r) => announced(r, 'event')).slice(0, 2), ['started', 'completed']);
});

test('a peer that dials a torrent still fetching its metadata is taken, asked for the metadata, and kept', async (t) => {
  const seedDir = await tempDir(t);
  await writeFiles(seedDir, { 'data.bin': 3 * 16384 + 99 });
  const { metainfo } = await createTorrent(join(seedDir, 'data.bin'), { pieceLength: 16384 });
  const directions: string[] = [];
  const leecher = new Client({ ...LOOPBACK, on_peer_handshake_complete: (_c, info) => directions.push(info.peer.direction) });
  utMetadata.apply(leecher, {});
  t.teardown(() => leecher.destroy());
  const leechDir = await tempDir(t);
  await leecher.listen();
  const adding = leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir });
  // The seeder dials the leecher (seeders dial the peers they are given).
  const seeder = new Client(LOOPBACK);
  utMetadata.apply(seeder, {});
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir: seedDir, peers: [{ ip: '127.0.0.1', port: leecher.port! }] });
  const torrent = await adding;
  await torrent.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, ['data.bin']));
  // One connection, the seeder's, served the metadata and the data.
  t.deepEqual(directions, ['incoming']);
});

test('a client with no metadata source refuses a magnet link at once (NO_METADATA_SOURCE); a torrent file still works', async (t) => {
  const { dir, metainfo } = await seed(t, { 'one.bin': 1000 }, 16384);
  const bare = new Client(LOOPBACK);
  t.teardown(() => bare.destroy());
  const err = await t.throwsAsync(bare.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: await tempDir(t) }), { instanceOf: ClientError });
  t.is(err?.code, 'NO_METADATA_SOURCE');
  t.regex(err!.message, /ut-metadata/);
  t.deepEqual(bare.magnets, []);
  t.is((await bare.addTorrent(metainfo, { dir })).state, 'seeding');
});

test('supplyMetadata takes only a dictionary that hashes to the info hash, and only for a magnet link waiting for it', async (t) => {
  const { metainfo } = await seed(t, { 'one.bin': 1000 }, 16384);
  const leecher = new Client(LOOPBACK);
  // A metadata source of our own: it offers nothing; the test supplies the dictionary.
  leecher.addMetadataSource({ name: 'test-source', offersMetadata: () => false });
  t.teardown(() => leecher.destroy());
  t.false(leecher.supplyMetadata(metainfo.infoHash, Buffer.from(metainfo.infoBuffer)), 'nothing waits for it yet');
  const adding = leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: await tempDir(t) });
  await waitFor(() => leecher.magnets.length === 1, 'the magnet link waiting');
  const wrong = Buffer.from(metainfo.infoBuffer);
  wrong[wrong.length - 2] = wrong[wrong.length - 2]! ^ 1;
  t.is(t.throws(() => leecher.supplyMetadata(metainfo.infoHash, wrong), { instanceOf: ClientError })?.code, 'METADATA_MISMATCH');
  t.true(leecher.supplyMetadata(metainfo.infoHash.toUpperCase(), Buffer.from(metainfo.infoBuffer)));
  const torrent = await adding;
  t.is(torrent.infoHash, metainfo.infoHash);
  t.true(leecher.infoDictionary(metainfo.infoHash)!.equals(metainfo.infoBuffer));
  t.false(leecher.supplyMetadata(metainfo.infoHash, Buffer.from(metainfo.infoBuffer)), 'supplied already');
});
