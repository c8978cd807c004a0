import { join } from 'node:path';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { Stage } from '../../core/hooks.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import type { Peer } from '../../core/types.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

test('a plugin tapping choose_unchoke decides whom the seeder unchokes', async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'x.bin': 200_000 });
  const { metainfo } = await createTorrent(join(dir, 'x.bin'), { pieceLength: 32768 });
  const seeder = new Client(LOOPBACK);
  let allow = false;
  const asked: number[] = [];
  // Chokes everyone until `allow` is set, then unchokes every interested peer.
  seeder.hooks.choose_unchoke.tap({ name: 'gatekeeper', stage: Stage.POLICY }, (ctx) => {
    asked.push(ctx.peers.length);
    return allow ? ctx.peers.filter((p: Peer) => p.peerInterested) : [];
  });
  const leecher = new Client(LOOPBACK);
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]));
  await seeder.addTorrent(metainfo, { dir });
  const target = await tempDir(t);
  const torrent = await leecher.addTorrent(metainfo, { dir: target, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await waitFor(() => asked.length > 0, 'the policy to be asked');
  await new Promise((r) => setTimeout(r, 300));
  t.is(torrent.downloaded, 0, 'nothing flows while the policy chokes everyone');
  allow = true;
  // A second downloader's interest makes the seeder rechoke, asking the policy again.
  const second = new Client(LOOPBACK);
  t.teardown(() => second.destroy());
  const target2 = await tempDir(t);
  const other = await second.addTorrent(metainfo, { dir: target2, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await Promise.all([torrent.whenComplete(), other.whenComplete()]);
  t.true(await sameFiles(dir, target2, ['x.bin']));
  t.true(await sameFiles(dir, target, ['x.bin']));
});
