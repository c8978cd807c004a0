// addTorrent and readTorrentFile take an http(s) URL of a .torrent file, as
// aria2c and transmission do: fetched within limits.maxTorrentFileBytes and
// timeouts.torrentFileMs; every failure is ClientError TORRENT_URL_FAILED
// with the coded HTTP error as its cause, and the client goes on.
import { join } from 'node:path';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { ClientError } from '../../core/client-error.ts';
import { createTorrent, MetainfoError } from '../../core/metainfo/index.ts';
import { HttpGetError } from '../../core/net/http-get.ts';
import { fileServer } from '../helpers/file-server.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

async function payload(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'one.bin': 70_000 });
  return { dir, ...(await createTorrent(join(dir, 'one.bin'), { pieceLength: 16384 })) };
}

test('a torrent added by its URL seeds what is on disk; readTorrentFile gives the same metainfo', async (t) => {
  const { dir, torrent, metainfo } = await payload(t);
  const base = await fileServer(t, { '/one.torrent': torrent });
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const read = await client.readTorrentFile(`${base}/one.torrent`);
  t.is(read.infoHash, metainfo.infoHash);
  const added = await client.addTorrent(`${base}/one.torrent`, { dir });
  t.is(added.infoHash, metainfo.infoHash);
  t.is(added.state, 'seeding');
});

test('a 404, a reply over maxTorrentFileBytes, no reply within torrentFileMs: TORRENT_URL_FAILED with the HTTP error as cause; the client still adds torrents', async (t) => {
  const { dir, torrent } = await payload(t);
  const base = await fileServer(t, { '/big.torrent': Buffer.alloc(4096, 0x64), '/slow.torrent': 'hang', '/gone.torrent': { status: 404 }, '/one.torrent': torrent });
  const client = new Client({ ...LOOPBACK, limits: { maxTorrentFileBytes: 2048 }, timeouts: { torrentFileMs: 400 } });
  t.teardown(() => client.destroy());
  const gone = await t.throwsAsync(client.addTorrent(`${base}/gone.torrent`, { dir }), { instanceOf: ClientError });
  t.is(gone.code, 'TORRENT_URL_FAILED');
  t.regex(gone.message, /HTTP 404/);
  const big = await t.throwsAsync(client.addTorrent(`${base}/big.torrent`, { dir }), { instanceOf: ClientError });
  t.is(big.code, 'TORRENT_URL_FAILED');
  t.is((big.cause as HttpGetError).code, 'HTTP_TOO_LARGE');
  const slow = await t.throwsAsync(client.readTorrentFile(`${base}/slow.torrent`), { instanceOf: ClientError });
  t.is((slow.cause as HttpGetError).code, 'HTTP_TIMEOUT');
  t.deepEqual(client.torrents, []);
  t.is((await client.addTorrent(`${base}/one.torrent`, { dir })).state, 'seeding');
});

test('what comes back is parsed as any .torrent: garbage is a MetainfoError', async (t) => {
  const base = await fileServer(t, { '/junk.torrent': Buffer.from('<html>not a torrent</html>') });
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  await t.throwsAsync(client.addTorrent(`${base}/junk.torrent`, { dir: await tempDir(t) }), { instanceOf: MetainfoError });
});
