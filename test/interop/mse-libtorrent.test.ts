// MSE/PE against libtorrent 2.0 with forced encryption (RC4 only): it dials
// our responder on a raw TCP listener, and our initiator dials it; in both
// directions the BitTorrent handshake read through the decrypted stream names
// the torrent.
import net from 'node:net';
import { generatePeerId } from '../../core/peer-id.ts';
import { acceptIncoming, initiateMse, respondMse, type MseConnection } from '../../core/transport/mse/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { LibtorrentSession, makeTestTorrent } from '../helpers/libtorrent.ts';
import { MSE_DEFAULTS, readBytes } from '../transport/mse/streams.ts';
import { DEFAULT_SETTINGS } from '../helpers/default-settings.ts';

const test = interopTest(LIBTORRENT);
const HOST = '127.0.0.1';

function bittorrentHandshake(infoHash: Buffer): Buffer {
  const reserved = Buffer.alloc(8);
  return Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol', 'latin1'), reserved, infoHash, generatePeerId(DEFAULT_SETTINGS.peerIdPrefix)]);
}

/** The info hash in a 68-byte BitTorrent handshake, after checking its protocol string. */
function infoHashOf(handshake: Buffer): string {
  if (handshake[0] !== 19 || handshake.subarray(1, 20).toString('latin1') !== 'BitTorrent protocol') throw new Error(`not a BitTorrent handshake: ${handshake.toString('hex')}`);
  return handshake.subarray(28, 48).toString('hex');
}

test('libtorrent (forced encryption) dials our MSE responder: RC4, and its handshake arrives decrypted', async (t) => {
  const torrent = await makeTestTorrent(t, { length: 100_000, pieceLength: 32 * 1024 });
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, HOST, r));
  t.teardown(() => server.close());
  const accepted = new Promise<MseConnection>((resolve, reject) => {
    server.once('connection', (socket) => {
      t.teardown(() => socket.destroy());
      respondMse(socket, { ...MSE_DEFAULTS, infoHashes: () => [Buffer.alloc(20, 1), torrent.metainfo.infoHashBuffer] }).then(resolve, reject);
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir: torrent.dir, mode: 'seed', listen: HOST, peers: [{ host: HOST, port }], forcedEncryption: true });
  const connection = await accepted;
  t.is(connection.method, 'rc4');
  t.deepEqual(connection.infoHash, torrent.metainfo.infoHashBuffer);
  const handshake = await readBytes(connection.stream, 68);
  t.is(infoHashOf(handshake), torrent.metainfo.infoHash);
  // Our handshake back, encrypted; libtorrent answers with its first message (extended handshake, bitfield or have-all).
  connection.stream.write(bittorrentHandshake(torrent.metainfo.infoHashBuffer));
  const header = await readBytes(connection.stream, 5);
  t.true(header.readUInt32BE(0) > 0 && header.readUInt32BE(0) < 100_000, `sane first message length ${header.readUInt32BE(0)}`);
  t.true([5, 14, 20].includes(header[4]!), `first message id ${header[4]}`);
});

test('our MSE initiator dials libtorrent (forced encryption): RC4, and its handshake comes back decrypted', async (t) => {
  const torrent = await makeTestTorrent(t, { length: 100_000, pieceLength: 32 * 1024 });
  const lt = await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir: torrent.dir, mode: 'seed', listen: HOST, forcedEncryption: true });
  const socket = net.connect(lt.port, HOST);
  t.teardown(() => socket.destroy());
  await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
  const connection = await initiateMse(socket, { ...MSE_DEFAULTS, infoHash: torrent.metainfo.infoHashBuffer, initialPayload: bittorrentHandshake(torrent.metainfo.infoHashBuffer) });
  t.is(connection.method, 'rc4');
  t.is(infoHashOf(await readBytes(connection.stream, 68)), torrent.metainfo.infoHash);
});

for (const forced of [false, true]) {
  test(`one port for both: acceptIncoming takes libtorrent's ${forced ? 'MSE (forced)' : 'plain'} handshake`, async (t) => {
    const torrent = await makeTestTorrent(t, { length: 50_000, pieceLength: 32 * 1024 });
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, HOST, r));
    t.teardown(() => server.close());
    const accepted = new Promise<MseConnection>((resolve, reject) => {
      server.once('connection', (socket) => {
        t.teardown(() => socket.destroy());
        acceptIncoming(socket, { ...MSE_DEFAULTS, policy: 'enabled', infoHashes: () => [torrent.metainfo.infoHashBuffer] }).then(resolve, reject);
      });
    });
    const port = (server.address() as net.AddressInfo).port;
    await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir: torrent.dir, mode: 'seed', listen: HOST, peers: [{ host: HOST, port }], forcedEncryption: forced });
    const connection = await accepted;
    t.is(connection.method, forced ? 'rc4' : 'none');
    t.is(infoHashOf(await readBytes(connection.stream, 68)), torrent.metainfo.infoHash);
  });
}
