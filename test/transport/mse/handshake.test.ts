// Initiator <-> responder over an in-memory pair and over loopback TCP: both
// methods, the initial payload, data both ways after the handshake, SKEY
// lookup among several torrents, and every policy combination.
import test from 'ava';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import {
  acceptIncoming,
  initiateMse,
  respondMse,
  type EncryptionPolicy,
  type MseConnection,
  type MseMethod,
} from '../../../core/transport/mse/index.ts';
import { duplexPair, MSE_DEFAULTS, readBytes, tcpPair } from './streams.ts';

const INFO_HASH = Buffer.alloc(20, 0x11);
const OTHERS = [Buffer.alloc(20, 0x22), Buffer.alloc(20, 0x33)];
/** Stands in for a BitTorrent handshake. */
const HANDSHAKE = Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol'), Buffer.alloc(8), INFO_HASH, Buffer.alloc(20, 0x44)]);

async function exchange(t: import('ava').ExecutionContext, a: MseConnection, b: MseConnection): Promise<void> {
  // The responder reads the initial payload first, then what follows.
  t.deepEqual(await readBytes(b.stream, HANDSHAKE.length), HANDSHAKE);
  const fromA = randomBytes(70_000);
  const fromB = randomBytes(50_000);
  a.stream.write(fromA);
  b.stream.write(fromB);
  t.deepEqual(await readBytes(b.stream, fromA.length), fromA);
  t.deepEqual(await readBytes(a.stream, fromB.length), fromB);
}

const cases: { name: string; offer: MseMethod[]; accept: MseMethod[]; preferRc4: boolean; expected: MseMethod }[] = [
  { name: 'both offered, plaintext preferred', offer: ['plaintext', 'rc4'], accept: ['plaintext', 'rc4'], preferRc4: false, expected: 'plaintext' },
  { name: 'both offered, RC4 preferred', offer: ['plaintext', 'rc4'], accept: ['plaintext', 'rc4'], preferRc4: true, expected: 'rc4' },
  { name: 'RC4 only offered', offer: ['rc4'], accept: ['plaintext', 'rc4'], preferRc4: false, expected: 'rc4' },
  { name: 'RC4 only accepted', offer: ['plaintext', 'rc4'], accept: ['rc4'], preferRc4: false, expected: 'rc4' },
  { name: 'plaintext only', offer: ['plaintext'], accept: ['plaintext'], preferRc4: true, expected: 'plaintext' },
];

for (const transport of ['memory', 'tcp'] as const) {
  for (const c of cases) {
    test(`${transport}: ${c.name} -> ${c.expected}`, async (t) => {
      const [dialed, accepted]: [Duplex, Duplex] = transport === 'memory' ? duplexPair() : await tcpPair(t);
      const [a, b] = await Promise.all([
        initiateMse(dialed, { ...MSE_DEFAULTS, infoHash: INFO_HASH, initialPayload: HANDSHAKE, allowedMethods: c.offer }),
        respondMse(accepted, { ...MSE_DEFAULTS, infoHashes: () => [...OTHERS, INFO_HASH], allowedMethods: c.accept, preferRc4: c.preferRc4 }),
      ]);
      t.is(a.method, c.expected);
      t.is(b.method, c.expected);
      t.deepEqual(b.infoHash, INFO_HASH);
      t.deepEqual(b.initialPayload, HANDSHAKE);
      await exchange(t, a, b);
      if (transport === 'tcp') t.is((a.stream as Duplex & { remoteAddress?: string }).remoteAddress, '127.0.0.1');
    });
  }
}

test('SKEY lookup finds the right torrent among several', async (t) => {
  const hashes = Array.from({ length: 50 }, () => randomBytes(20));
  const [dialed, accepted] = duplexPair();
  const [, b] = await Promise.all([
    initiateMse(dialed, { ...MSE_DEFAULTS, infoHash: hashes[37]!, initialPayload: HANDSHAKE }),
    respondMse(accepted, { ...MSE_DEFAULTS, infoHashes: () => hashes }),
  ]);
  t.deepEqual(b.infoHash, hashes[37]);
});

test('a method neither side shares fails with MSE_NO_COMMON_METHOD at the responder', async (t) => {
  const [dialed, accepted] = duplexPair();
  const [a, b] = await Promise.allSettled([
    initiateMse(dialed, { ...MSE_DEFAULTS, infoHash: INFO_HASH, allowedMethods: ['plaintext'], timeoutMs: 5000 }),
    respondMse(accepted, { ...MSE_DEFAULTS, infoHashes: () => [INFO_HASH], allowedMethods: ['rc4'] }),
  ]);
  t.is(b.status === 'rejected' && (b.reason as { code: string }).code, 'MSE_NO_COMMON_METHOD');
  t.is(a.status === 'rejected' && (a.reason as { code: string }).code, 'MSE_CLOSED');
});

/** What the dialing side does under its outgoing policy; `enabled` falls back to plaintext once (the engine's job; modelled here). */
async function dial(t: import('ava').ExecutionContext, connect: () => Promise<Duplex>, policy: EncryptionPolicy): Promise<MseConnection | 'plain'> {
  if (policy !== 'disabled') {
    try {
      return await initiateMse(await connect(), { ...MSE_DEFAULTS, infoHash: INFO_HASH, initialPayload: HANDSHAKE, timeoutMs: 5000 });
    } catch (err) {
      t.is((err as { code: string }).code, 'MSE_CLOSED');
      if (policy === 'forced') throw err;
    }
  }
  const socket = await connect();
  socket.write(HANDSHAKE);
  return 'plain';
}

const policies: EncryptionPolicy[] = ['disabled', 'enabled', 'forced'];
for (const out of policies) {
  for (const into of policies) {
    const works = !(out === 'disabled' && into === 'forced') && !(out === 'forced' && into === 'disabled');
    test(`tcp policies: outgoing ${out}, incoming ${into} -> ${works ? 'connects' : 'refused'}`, async (t) => {
      const results: Promise<MseConnection>[] = [];
      const connect = async (): Promise<Duplex> => {
        const [dialed, accepted] = await tcpPair(t);
        const r = acceptIncoming(accepted, { ...MSE_DEFAULTS, policy: into, infoHashes: () => [INFO_HASH], timeoutMs: 5000 });
        r.catch(() => {});
        results.push(r);
        return dialed;
      };
      const outcome = await dial(t, connect, out).catch((err: { code: string }) => err);
      const last = await Promise.allSettled(results);
      const final = last.at(-1)!;
      if (!works) {
        t.is(final.status, 'rejected');
        t.is(final.status === 'rejected' && (final.reason as { code: string }).code, 'MSE_POLICY');
        return;
      }
      t.is(final.status, 'fulfilled');
      const accepted = (final as PromiseFulfilledResult<MseConnection>).value;
      const expectMse = out !== 'disabled' && into !== 'disabled';
      t.is(accepted.method, expectMse ? 'plaintext' : 'none');
      t.is(outcome === 'plain', !expectMse);
      t.deepEqual(await readBytes(accepted.stream, HANDSHAKE.length), HANDSHAKE);
    });
  }
}

for (const chunk of [1, 7, 97]) {
  test(`the handshake survives a transport that delivers ${chunk}-byte pieces`, async (t) => {
    const [dialed, accepted] = duplexPair(chunk);
    const [a, b] = await Promise.all([
      initiateMse(dialed, { ...MSE_DEFAULTS, infoHash: INFO_HASH, initialPayload: HANDSHAKE, allowedMethods: ['rc4'] }),
      acceptIncoming(accepted, { ...MSE_DEFAULTS, policy: 'enabled', infoHashes: () => [INFO_HASH] }),
    ]);
    t.is(b.method, 'rc4');
    await exchange(t, a, b);
  });

  test(`a plain BitTorrent handshake in ${chunk}-byte pieces is told apart and passed through whole`, async (t) => {
    const [dialed, accepted] = duplexPair(chunk);
    dialed.write(HANDSHAKE);
    const b = await acceptIncoming(accepted, { ...MSE_DEFAULTS, policy: 'enabled', infoHashes: () => [INFO_HASH] });
    t.is(b.method, 'none');
    t.deepEqual(await readBytes(b.stream, HANDSHAKE.length), HANDSHAKE);
  });
}
