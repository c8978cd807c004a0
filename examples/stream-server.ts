// Streaming a file while it downloads: one client seeds a file it holds in
// memory (client.seed), another adds it by magnet link and serves it over
// HTTP (torrent.createServer) before it is complete. A media player asking
// for a byte range deep in the file gets it first: the pieces ahead of each
// reader are fetched by deadline. Run: node --import=tsx examples/stream-server.ts
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Client } from '../core/index.ts';
import utMetadata from '../plugins/ut-metadata/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const SIZE = 8 * 1024 * 1024;

/** Deterministic bytes standing in for a video. */
function movieBytes(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let at = 0, n = 0; at < length; n++) at += createHash('sha256').update(`frame ${n}`).digest().copy(out, at);
  return out;
}

const dir = await mkdtemp(join(tmpdir(), 'swarmhook-stream-'));
const seeder = new Client({ ...LOOPBACK, name: 'seeder' });
// The viewer downloads at 2 MiB/s, so the file is still coming in while we seek in it.
const viewer = new Client({ ...LOOPBACK, name: 'viewer', rates: { maxDownloadRate: 2 * 1024 * 1024 } });
// A bare Client applies no plugin: both sides speak ut_metadata (BEP 9) so that a magnet link works (createClient applies it).
for (const client of [seeder, viewer]) utMetadata.apply(client, {});
try {
  const movie = movieBytes(SIZE);
  // #region stream-server
  const seeded = await seeder.seed([{ path: 'movie.webm', data: movie }], { dir: join(dir, 'seeder'), pieceLength: 64 * 1024 });
  console.log(`seeding ${seeded.name} (${seeded.files[0]!.length} bytes)`);

  viewer.on_file_completed((_client, info) => console.log(`file_completed: ${info.file.path}`));
  const torrent = await viewer.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, {
    dir: join(dir, 'viewer'),
    peers: [{ ip: '127.0.0.1', port: seeder.port! }],
  });
  const server = torrent.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/0/movie.webm`;

  const head = await fetch(url, { method: 'HEAD' });
  console.log(`HEAD ${head.status}: ${head.headers.get('content-length')} bytes of ${head.headers.get('content-type')}, ranges: ${head.headers.get('accept-ranges')}`);

  // Seek to 6 MiB: those pieces are fetched first.
  const start = 6 * 1024 * 1024;
  const part = await fetch(url, { headers: { Range: `bytes=${start}-${start + 99_999}` } });
  const body = Buffer.from(await part.arrayBuffer());
  console.log(`GET ${part.status} ${part.headers.get('content-range')}: ${body.equals(movie.subarray(start, start + 100_000)) ? 'bytes match' : 'WRONG BYTES'}`);
  console.log(`the range came before the file was complete: ${torrent.files[0]!.progress < 1}`);

  const beyond = await fetch(url, { headers: { Range: `bytes=${SIZE}-` } });
  console.log(`GET beyond the end: ${beyond.status} ${beyond.headers.get('content-range')}`);
  await torrent.whenComplete();
  server.close();
  // #endregion
} finally {
  await Promise.all([seeder.destroy(), viewer.destroy()]);
  await rm(dir, { recursive: true, force: true });
}
