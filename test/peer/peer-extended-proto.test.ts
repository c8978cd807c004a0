// "__proto__" in an extended handshake over a real PeerConnection. The bencode
// package once made the key the decoded dictionary's prototype: a value
// { __proto__: Uint8Array } passed `instanceof Uint8Array`, Buffer.from threw a
// TypeError and the peer was dropped as an "internal error" with a Node
// warning and no peer_error. Decoded dictionaries now have no prototype: such
// a field is a dictionary of the wrong type and is dropped like any other, and
// what is really malformed gives a coded peer_error.
import test, { type ExecutionContext } from 'ava';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { encodeHandshake, encodeMessage, type Message } from '../../core/wire/index.ts';
import { listen, rawClient, recordingClient, waitFor, type AnyEvent } from '../helpers/wire-peers.ts';

const INFO_HASH = 'ef'.repeat(20);
const TORRENT = { infoHash: INFO_HASH, name: 'proto test', state: 'seeding', private: false } as const;
const REMOTE_ID = Buffer.from('-XX0001-protopeer!!!', 'latin1');

const warnings: Error[] = [];
process.on('warning', (w) => warnings.push(w));

interface Server {
  readonly port: number;
  readonly events: AnyEvent[];
  readonly peers: PeerConnection[];
  readonly closed: Map<PeerConnection, string>;
  readonly messages: Message[];
}

async function startServer(t: ExecutionContext): Promise<Server> {
  const { client, events } = recordingClient();
  const peers: PeerConnection[] = [];
  const closed = new Map<PeerConnection, string>();
  const messages: Message[] = [];
  const delegate: PeerDelegate = {
    onHandshake: (_p, hash) => (hash === INFO_HASH ? { infoHash: INFO_HASH, pieceCount: 4, torrent: TORRENT } : undefined),
    onMessage: (_p, m) => messages.push(m),
    onClose: (p, reason) => closed.set(p, reason),
  };
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    const peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate });
    peers.push(peer);
    t.teardown(() => peer.disconnect('test over'));
  });
  return { port, events, peers, closed, messages };
}

function extendedHandshake(payload: string): Buffer {
  return encodeMessage({ type: 'extended', extendedId: 0, payload: Buffer.from(payload, 'latin1') });
}

const FIELDS = ['v', 'yourip', 'ipv4', 'ipv6'] as const;

for (const field of FIELDS) {
  test(`"__proto__" inside ${field}: the field is dropped, the connection carries on, no warning`, async (t) => {
    const server = await startServer(t);
    const raw = await rawClient(t, '127.0.0.1', server.port);
    const dict = `d1:md11:ut_metadatai3ee${field.length}:${field}d9:__proto__3:abcee`;
    raw.socket.write(
      Buffer.concat([encodeHandshake(Buffer.from(INFO_HASH, 'hex'), REMOTE_ID, { extended: true }), extendedHandshake(dict), encodeMessage({ type: 'interested' })]),
    );
    const peer = await waitFor(() => server.peers[0], 'connection');
    await waitFor(() => peer.peerInterested, 'the message after the extended handshake');
    const handshake = peer.extendedHandshake;
    t.deepEqual(handshake?.m, { ut_metadata: 3 });
    t.is(handshake?.[field], undefined);
    t.false(peer.closed);
    t.is(server.events.filter((e) => e.event === 'peer_error').length, 0);
    await new Promise((r) => setImmediate(r));
    t.deepEqual(warnings, []);
  });

  test(`a duplicated "__proto__" inside ${field}: coded peer_error BAD_EXTENDED, no internal error, no warning`, async (t) => {
    const server = await startServer(t);
    const raw = await rawClient(t, '127.0.0.1', server.port);
    const dict = `d${field.length}:${field}d9:__proto__3:abc9:__proto__4:abcdee`;
    raw.socket.write(Buffer.concat([encodeHandshake(Buffer.from(INFO_HASH, 'hex'), REMOTE_ID, { extended: true }), extendedHandshake(dict)]));
    const peer = await waitFor(() => server.peers[0], 'connection');
    const reason = await waitFor(() => server.closed.get(peer), 'disconnect');
    const errors = server.events.filter((e) => e.event === 'peer_error') as (AnyEvent & { code: string; error: string })[];
    t.is(errors.length, 1);
    t.is(errors[0]!.code, 'BAD_EXTENDED');
    t.regex(errors[0]!.error, /__proto__.*twice/);
    t.regex(reason, /\[BAD_EXTENDED\]/);
    t.notRegex(reason, /internal error/);
    await new Promise((r) => setImmediate(r));
    t.deepEqual(warnings, []);
  });
}
