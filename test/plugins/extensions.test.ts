// BEP 10 extensions as plugins: the registry's ids and routing with a fake
// connection, and two swarmhook clients over loopback exchanging messages of
// an extension of their own, with a plugin's handshake keys, a throwing
// handler reported as plugin_error (the peer stays), and messages nobody
// handles ignored.
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { ExtensionError, ExtensionRegistry, FIRST_EXTENSION_ID, type ExtensionConnection, type ExtensionPeer } from '../../core/extensions/registry.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { ExtendedHandshake } from '../../core/wire/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';
import utMetadata from '../../plugins/ut-metadata/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

function fakeConnection(m: Record<string, number>): ExtensionConnection & { sent: [number, string][] } {
  const sent: [number, string][] = [];
  return {
    sent,
    ip: '127.0.0.9',
    port: 6881,
    protocol: 'tcp4',
    direction: 'incoming',
    encryption: 'none',
    peerId: undefined,
    clientName: undefined,
    amChoking: true,
    amInterested: false,
    peerChoking: true,
    peerInterested: false,
    bytesIn: 0,
    bytesOut: 0,
    infoHash: undefined,
    closed: false,
    extendedHandshake: { m },
    disconnect: () => undefined,
    writableLength: 0,
    extended: (id, payload) => (sent.push([id, payload.toString()]), true),
  };
}

test('ids are assigned by the registry in order; names are unique (ut_metadata is a plugin’s like any other)', (t) => {
  const registry = new ExtensionRegistry(() => undefined);
  t.is(registry.register({ name: 'a_one', onPeer: () => undefined }).id, FIRST_EXTENSION_ID);
  t.is(registry.register({ name: 'a_two', onPeer: () => undefined }).id, FIRST_EXTENSION_ID + 1);
  t.deepEqual(registry.ids, { a_one: FIRST_EXTENSION_ID, a_two: FIRST_EXTENSION_ID + 1 });
  t.is(t.throws(() => registry.register({ name: 'a_one', onPeer: () => undefined }), { instanceOf: ExtensionError })?.code, 'DUPLICATE_EXTENSION');
  t.is(registry.register({ name: 'ut_metadata', onPeer: () => undefined }).id, FIRST_EXTENSION_ID + 2);
  t.is(t.throws(() => registry.register({ name: 'ut_metadata', onPeer: () => undefined }), { instanceOf: ExtensionError })?.code, 'DUPLICATE_EXTENSION');
  t.is(t.throws(() => registry.register({ name: '', onPeer: () => undefined }), { instanceOf: ExtensionError })?.code, 'BAD_EXTENSION_NAME');
});

test('messages reach the peer’s handler; replies go under the peer’s id; unhandled ids are ignored; throws are reported', (t) => {
  const failures: string[] = [];
  const registry = new ExtensionRegistry((plugin, hook, error) => failures.push(`${plugin}/${hook}: ${error.message}`));
  const got: string[] = [];
  const echo = registry.register({
    name: 'x_echo',
    plugin: 'echo-plugin',
    onPeer: (peer: ExtensionPeer) => ({
      onMessage: (payload) => {
        got.push(payload.toString());
        if (payload.toString() === 'boom') throw new Error('boom');
        peer.send(payload);
      },
    }),
  });
  registry.register({ name: 'x_silent', onPeer: () => undefined });
  const connection = fakeConnection({ x_echo: 7 });
  registry.onHandshake(connection, connection.extendedHandshake as ExtendedHandshake);
  registry.onMessage(connection, echo.id, Buffer.from('hi'));
  t.deepEqual(connection.sent, [[7, 'hi']], 'sent under the id the peer chose');
  registry.onMessage(connection, echo.id + 1, Buffer.from('to nobody'));
  registry.onMessage(connection, 200, Buffer.from('unknown id'));
  t.deepEqual(got, ['hi']);
  registry.onMessage(connection, echo.id, Buffer.from('boom'));
  t.deepEqual(failures, ['echo-plugin/extension x_echo onMessage: boom']);
  registry.onClose(connection);
  registry.onMessage(connection, echo.id, Buffer.from('after close'));
  t.deepEqual(got, ['hi', 'boom']);
});

/** Registers sh_hello on a client: greets every peer that speaks it, records greetings. */
function hello(client: Client, greeting: string): { heard: string[]; handshakes: ExtendedHandshake[] } {
  const heard: string[] = [];
  const handshakes: ExtendedHandshake[] = [];
  client.extensions.register({
    name: 'sh_hello',
    plugin: 'hello-plugin',
    onPeer: (peer) => {
      handshakes.push(peer.handshake);
      if (peer.remoteId === undefined) return undefined;
      peer.send(Buffer.from(greeting));
      return { onMessage: (payload) => void heard.push(payload.toString()) };
    },
  });
  client.hooks.extended_handshake.tap('hello-plugin', (h) => ({ ...h, extra: { ...h.extra, hello_lang: 'en' } }));
  return { heard, handshakes };
}

async function pair(t: ExecutionContext): Promise<{ dir: string; metainfo: Metainfo; seeder: Client; leecher: Client; leechDir: string }> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'one.bin': 3 * 65536 + 11 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'one.bin'), { pieceLength: 65536 });
  const seeder = new Client({ ...LOOPBACK });
  const leecher = new Client({ ...LOOPBACK });
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]).then(() => undefined));
  return { dir: join(dir, 'payload'), metainfo, seeder, leecher, leechDir: await tempDir(t) };
}

test('two clients exchange a plugin extension’s messages and see each other’s handshake keys', async (t) => {
  const { dir, metainfo, seeder, leecher, leechDir } = await pair(t);
  const s = hello(seeder, 'hello from the seeder');
  const l = hello(leecher, 'hello from the leecher');
  await seeder.addTorrent(metainfo, { dir });
  const torrent = await leecher.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await waitFor(() => s.heard.length > 0 && l.heard.length > 0, 'both greetings', 10_000);
  t.deepEqual(s.heard, ['hello from the leecher']);
  t.deepEqual(l.heard, ['hello from the seeder']);
  t.is((s.handshakes[0]?.extra?.['hello_lang'] as Buffer | undefined)?.toString(), 'en', 'the waterfall’s key reached the peer');
  await torrent.whenComplete();
  t.true(await sameFiles(dir, leechDir, ['one.bin']));
});

test('an extension that throws is reported as plugin_error and the peer is not dropped; a peer without it is not greeted', async (t) => {
  const { dir, metainfo, seeder, leecher, leechDir } = await pair(t);
  const errors: string[] = [];
  leecher.on_plugin_error((_c, info) => errors.push(`${info.plugin} ${info.hook}: ${info.error.message}`));
  const disconnects: string[] = [];
  leecher.on_peer_disconnect((_c, info) => disconnects.push(info.reason));
  leecher.extensions.register({
    name: 'sh_broken',
    plugin: 'broken-plugin',
    onPeer: () => {
      throw new Error('broken on purpose');
    },
  });
  const s = hello(seeder, 'hello from the seeder');
  await seeder.addTorrent(metainfo, { dir });
  const torrent = await leecher.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await waitFor(() => s.handshakes.length > 0 && errors.length > 0, 'both handshakes', 10_000);
  t.deepEqual(errors, ['broken-plugin extension sh_broken onPeer: broken on purpose']);
  t.deepEqual(disconnects, [], 'the peer stayed');
  await torrent.whenComplete();
  t.is(s.handshakes.length, 1);
  t.deepEqual(s.heard, [], 'the leecher does not speak sh_hello: nothing sent, nothing heard');
  t.true(await sameFiles(dir, leechDir, ['one.bin']));
});

test('extensions work in a magnet link’s metadata phase too, and the handler outlives the hand-over to the swarm', async (t) => {
  const { dir, metainfo, seeder, leecher, leechDir } = await pair(t);
  // The metadata comes through the ut-metadata built-in, an extension beside this one.
  for (const c of [seeder, leecher]) utMetadata.apply(c, {});
  const s = hello(seeder, 'hello from the seeder');
  const l = hello(leecher, 'hello from the leecher');
  await seeder.addTorrent(metainfo, { dir });
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await torrent.whenComplete();
  await waitFor(() => s.heard.length > 0 && l.heard.length > 0, 'both greetings', 10_000);
  t.deepEqual(l.heard, ['hello from the seeder']);
  t.deepEqual(s.heard, ['hello from the leecher']);
  t.is(l.handshakes.length, 1, 'one handler per connection, kept across the hand-over');
  t.true(await sameFiles(dir, leechDir, ['one.bin']));
});
