// Two swarmhook clients over loopback under each side's encryption.policy:
// what the connection is carried by, and the coded refusals.
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import type { PeerEncryption } from '../../core/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

type Policy = 'disabled' | 'enabled' | 'forced';
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

interface Side {
  readonly client: Client;
  readonly encryptions: Set<PeerEncryption>;
  readonly errors: { code: string; error: string }[];
}

function side(t: ExecutionContext, encryption: { policy: Policy; preferRc4?: boolean }, handshakeMs = 5000): Side {
  const encryptions = new Set<PeerEncryption>();
  const errors: { code: string; error: string }[] = [];
  const client = new Client({
    ...LOOPBACK,
    encryption,
    timeouts: { handshakeMs },
    on_peer_data_in: (_c, info) => void encryptions.add(info.peer.encryption),
    on_peer_error: (_c, info) => void errors.push({ code: info.code, error: info.error }),
  });
  t.teardown(() => client.destroy());
  return { client, encryptions, errors };
}

/**
 * The refusals a seeder told: its peer_error codes, less a connection closed
 * before its first byte (MSE_CLOSED). A dialler races TCP against an
 * unanswered uTP dial on loopback (transports.loopbackRaceAfterMs): when uTP
 * answers after the TCP dial went out, the TCP connection is dropped unused,
 * and the seeder sees it close with nothing said.
 */
function refusals(seeder: Side): string[] {
  return seeder.errors.map((e) => e.code).filter((code) => code !== 'MSE_CLOSED');
}

async function torrent(t: ExecutionContext) {
  const seedDir = await tempDir(t);
  await writeFiles(seedDir, { 'one.bin': 3 * 32768 + 1234 });
  const { metainfo } = await createTorrent(join(seedDir, 'one.bin'), { pieceLength: 32768 });
  return { seedDir, metainfo };
}

async function download(t: ExecutionContext, seeder: Side, leecher: Side): Promise<void> {
  const { seedDir, metainfo } = await torrent(t);
  const leechDir = await tempDir(t);
  await seeder.client.addTorrent(metainfo, { dir: seedDir });
  const downloading = await leecher.client.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await downloading.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, ['one.bin']));
}

async function until(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('forced/forced: the download goes over MSE (rc4 when the seeder prefers it), both sides see it', async (t) => {
  const seeder = side(t, { policy: 'forced', preferRc4: true });
  const leecher = side(t, { policy: 'forced' });
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.encryptions], ['rc4']);
  t.deepEqual([...seeder.encryptions], ['rc4']);
});

test('forced leecher, enabled seeder: MSE accepted on the listening port (plaintext method by default)', async (t) => {
  const seeder = side(t, { policy: 'enabled' });
  const leecher = side(t, { policy: 'forced' });
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.encryptions], ['plaintext']);
  t.deepEqual([...seeder.encryptions], ['plaintext']);
});

test('enabled/enabled and disabled/enabled: plain BitTorrent as before', async (t) => {
  const seeder = side(t, { policy: 'enabled' });
  const leecher = side(t, { policy: 'enabled' });
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.encryptions], ['none']);
  const seeder2 = side(t, { policy: 'disabled' });
  const leecher2 = side(t, { policy: 'enabled' });
  await download(t, seeder2, leecher2);
  t.deepEqual([...seeder2.encryptions], ['none']);
});

test('forced leecher, disabled seeder: the seeder refuses the MSE handshake with peer_error MSE_POLICY, the leecher reports a coded MSE error', async (t) => {
  const seeder = side(t, { policy: 'disabled' });
  const leecher = side(t, { policy: 'forced' });
  const { seedDir, metainfo } = await torrent(t);
  await seeder.client.addTorrent(metainfo, { dir: seedDir });
  await leecher.client.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await until(() => refusals(seeder).length > 0 && leecher.errors.length > 0, 'both errors');
  t.is(refusals(seeder)[0], 'MSE_POLICY');
  t.regex(leecher.errors[0]!.code, /^MSE_/);
  t.is(leecher.encryptions.size, 0);
});

test('disabled leecher, forced seeder: the plain handshake is refused with peer_error MSE_POLICY', async (t) => {
  const seeder = side(t, { policy: 'forced' });
  const leecher = side(t, { policy: 'disabled' });
  const { seedDir, metainfo } = await torrent(t);
  await seeder.client.addTorrent(metainfo, { dir: seedDir });
  await leecher.client.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await until(() => refusals(seeder).length > 0, 'the refusal');
  t.is(refusals(seeder)[0], 'MSE_POLICY');
  t.is(leecher.encryptions.size, 0);
});

test('a socket that starts an MSE handshake and stalls is closed within the handshake timeout, and a fresh peer still downloads', async (t) => {
  const seeder = side(t, { policy: 'enabled' }, 1000);
  const { seedDir, metainfo } = await torrent(t);
  await seeder.client.addTorrent(metainfo, { dir: seedDir });
  const socket = net.connect({ host: '127.0.0.1', port: seeder.client.port! });
  socket.on('error', () => undefined);
  t.teardown(() => socket.destroy());
  let closed = false;
  socket.on('close', () => (closed = true));
  // Half of a DH public key: not a BitTorrent handshake, not a finished MSE one.
  await new Promise<void>((resolve) => socket.once('connect', () => socket.write(Buffer.alloc(48, 0x5a), () => resolve())));
  const leecher = side(t, { policy: 'enabled' });
  const leechDir = await tempDir(t);
  const downloading = await leecher.client.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await downloading.whenComplete();
  await until(() => closed, 'the stalled socket closed', 5000);
  t.true(seeder.errors.some((e) => e.code === 'MSE_TIMEOUT'));
});

test('enabled leecher, forced seeder: the plain handshake is refused, the leecher redials once with MSE and downloads', async (t) => {
  const seeder = side(t, { policy: 'forced' });
  const leecher = side(t, { policy: 'enabled' });
  await download(t, seeder, leecher);
  t.is(refusals(seeder)[0], 'MSE_POLICY');
  t.deepEqual([...leecher.encryptions], ['plaintext']);
});
