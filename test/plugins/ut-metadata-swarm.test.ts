// The ut-metadata built-in between swarmhook clients: a seeder with it
// announces ut_metadata and its metadata_size; switched off (createClient,
// ["ut-metadata", false]) the client neither announces nor serves metadata
// and refuses magnet links with NO_METADATA_SOURCE, as a libtorrent session
// without its ut_metadata plugin cannot add them.
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { ClientError } from '../../core/client-error.ts';
import { createClient } from '../../core/create-client.ts';
import type { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { ExtendedHandshake } from '../../core/wire/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const QUIET = ['logger', false] as const;

async function torrentOf(t: ExecutionContext): Promise<{ dir: string; metainfo: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'one.bin': 3 * 65536 + 5 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'one.bin'), { pieceLength: 65536 });
  return { dir: join(dir, 'payload'), metainfo };
}

/** The extended handshakes `client` receives, through an extension of the test's own. */
function watchHandshakes(client: Client): ExtendedHandshake[] {
  const seen: ExtendedHandshake[] = [];
  client.extensions.register({ name: 'x_watch', onPeer: (peer) => void seen.push(peer.handshake) });
  return seen;
}

async function seederWith(t: ExecutionContext, utMetadata: boolean): Promise<{ seeder: Client; metainfo: Metainfo }> {
  const { dir, metainfo } = await torrentOf(t);
  const seeder = await createClient({ ...LOOPBACK, config: false, plugins: [QUIET, ['ut-metadata', utMetadata]] });
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir });
  return { seeder, metainfo };
}

test('a seeder with the built-in announces ut_metadata and the size of its info dictionary', async (t) => {
  const { seeder, metainfo } = await seederWith(t, true);
  const leecher = await createClient({ ...LOOPBACK, config: false, plugins: [QUIET] });
  t.teardown(() => leecher.destroy());
  const seen = watchHandshakes(leecher);
  await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await waitFor(() => seen.length > 0, 'the seeder’s extended handshake', 10_000);
  t.is(typeof seen[0]!.m['ut_metadata'], 'number');
  t.is(seen[0]!.metadata_size, metainfo.infoBuffer.length);
  t.true(seeder.infoDictionary(metainfo.infoHash)!.equals(metainfo.infoBuffer));
});

test('switched off: no ut_metadata in the handshake, and magnet links are refused with NO_METADATA_SOURCE', async (t) => {
  const { seeder, metainfo } = await seederWith(t, false);
  const leecher = await createClient({ ...LOOPBACK, config: false, plugins: [QUIET] });
  t.teardown(() => leecher.destroy());
  const seen = watchHandshakes(leecher);
  await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await waitFor(() => seen.length > 0, 'the seeder’s extended handshake', 10_000);
  t.false('ut_metadata' in seen[0]!.m);
  t.is(seen[0]!.metadata_size, undefined);
  const err = await t.throwsAsync(seeder.addTorrent(`magnet:?xt=urn:btih:${'ab'.repeat(20)}`, { dir: await tempDir(t) }), { instanceOf: ClientError });
  t.is(err?.code, 'NO_METADATA_SOURCE');
});
