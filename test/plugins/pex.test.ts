// The pex built-in (BEP 11) between three swarmhook clients over loopback:
// A knows only B, and learns C through B's PEX; private torrents carry no
// ut_pex; hostile PEX messages are reported, coded, and the peer stays.
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { Address, EventInfo } from '../../core/index.ts';
import pex from '../../plugins/pex/index.ts';
import utMetadata from '../../plugins/ut-metadata/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const FAST = { intervalMs: 200 };

/**
 * A torrent, and a folder with its data. The PEX tests add it on empty
 * folders: leechers without data stay connected (seeds drop each other, and a
 * download would end before the first PEX message).
 */
async function torrentOf(t: ExecutionContext, isPrivate = false): Promise<{ dir: string; metainfo: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'one.bin': 4 * 65536 + 3 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'one.bin'), { pieceLength: 65536, private: isPrivate });
  return { dir: join(dir, 'payload'), metainfo };
}

function client(t: ExecutionContext): Client {
  const c = new Client({ ...LOOPBACK });
  pex.apply(c, FAST);
  // Magnet links need a metadata source; the built-ins are not applied to a bare Client.
  utMetadata.apply(c, {});
  t.teardown(() => c.destroy());
  return c;
}

test('A, knowing only B, learns C from B’s PEX and connects to it', async (t) => {
  const { metainfo } = await torrentOf(t);
  const [a, b, c] = [client(t), client(t), client(t)];
  const learnt: EventInfo<'pex_peers'>[] = [];
  a.on_pex_peers((_client, info) => learnt.push(info));
  const aConnectedTo: number[] = [];
  a.on_peer_handshake_complete((_client, { peer }) => aConnectedTo.push(peer.port));
  await b.addTorrent(metainfo, { dir: await tempDir(t) });
  const toB: Address[] = [{ ip: '127.0.0.1', port: b.port! }];
  await c.addTorrent(metainfo, { dir: await tempDir(t), peers: toB });
  await a.addTorrent(metainfo, { dir: await tempDir(t), peers: toB });
  await waitFor(() => learnt.some((e) => e.added.some((p) => p.port === c.port)), 'A hears of C', 15_000);
  t.true(learnt.every((e) => e.peer.port === b.port), 'only B told A of peers');
  t.false(learnt.some((e) => e.added.some((p) => p.port === a.port)), 'A is not told of itself');
  await waitFor(() => aConnectedTo.includes(c.port!), 'A connects to C', 15_000);
  t.pass();
});

test('no ut_pex on a private torrent: not announced, nothing learnt', async (t) => {
  const { dir, metainfo } = await torrentOf(t, true);
  const [a, b] = [client(t), client(t)];
  const learnt: unknown[] = [];
  a.on_pex_peers((_client, info) => learnt.push(info));
  const handshakes: Record<string, number>[] = [];
  b.extensions.register({ name: 'x_watch', onPeer: (peer) => void handshakes.push({ ...peer.handshake.m }) });
  await b.addTorrent(metainfo, { dir });
  const torrent = await a.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: b.port! }] });
  await torrent.whenComplete();
  await waitFor(() => handshakes.length > 0, 'A’s handshake', 10_000);
  t.false('ut_pex' in handshakes[0]!, 'A did not announce ut_pex');
  t.deepEqual(learnt, []);
});

test('hostile PEX from a peer: coded peer_error, the peer stays, floods and banned addresses ignored', async (t) => {
  const { metainfo } = await torrentOf(t);
  const a = client(t);
  const b = new Client({ ...LOOPBACK });
  t.teardown(() => b.destroy());
  const errors: string[] = [];
  a.on_peer_error((_client, info) => errors.push(info.code));
  const learnt: EventInfo<'pex_peers'>[] = [];
  a.on_pex_peers((_client, info) => learnt.push(info));
  const disconnects: string[] = [];
  a.on_peer_disconnect((_client, info) => disconnects.push(info.reason));
  a.banPeer('10.9.9.9');
  // B speaks ut_pex by hand: what it sends is up to the test.
  let send: ((payload: Buffer) => boolean) | undefined;
  b.extensions.register({ name: 'ut_pex', onPeer: (peer) => void (send = peer.send) });
  await b.addTorrent(metainfo, { dir: await tempDir(t) });
  await a.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: b.port! }] });
  await waitFor(() => send, 'B sees A', 10_000);
  const pause = (): Promise<void> => new Promise((r) => setTimeout(r, FAST.intervalMs));
  send!(Buffer.from('d5:added7:1234567e'));
  await waitFor(() => errors.length === 1, 'the bad length reported', 5000);
  for (let i = 0; i < 20; i++) send!(Buffer.from('d5:added6:\x0a\x09\x09\x09\x1a\xe1e', 'latin1'));
  await pause();
  send!(Buffer.from('d5:added6:\x0a\x09\x09\x09\x1a\xe1e', 'latin1'));
  await waitFor(() => learnt.length > 0, 'a PEX message taken', 5000);
  t.deepEqual(errors, ['BAD_PEX_LENGTH']);
  t.true(learnt.length <= 2, `a flood of 21 messages was taken ${learnt.length} times`);
  t.deepEqual(learnt[0]!.added, [], 'the banned address is left out');
  t.deepEqual(disconnects, [], 'the peer stayed');
});

test('a magnet link’s torrent announces ut_pex before its metadata and learns peers once it is known to be public', async (t) => {
  const { metainfo } = await torrentOf(t);
  const [a, b, c] = [client(t), client(t), client(t)];
  const learnt: EventInfo<'pex_peers'>[] = [];
  a.on_pex_peers((_client, info) => learnt.push(info));
  await b.addTorrent(metainfo, { dir: await tempDir(t) });
  const toB: Address[] = [{ ip: '127.0.0.1', port: b.port! }];
  await c.addTorrent(metainfo, { dir: await tempDir(t), peers: toB });
  await a.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: await tempDir(t), peers: toB });
  await waitFor(() => learnt.some((e) => e.added.some((p) => p.port === c.port)), 'A hears of C', 15_000);
  t.pass();
});
