// Hostile input to both sides of the MSE handshake: each case ends in a coded
// MseError within the handshake timeout, and the stream is destroyed.
import test from 'ava';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { initiateMse, MseError, respondMse, type MseConnection, type MseErrorCode } from '../../../core/transport/mse/index.ts';
import { KeyExchange } from '../../../core/transport/mse/key-exchange.ts';
import { streamCiphers } from '../../../core/transport/mse/hashes.ts';
import { duplexPair, MSE_DEFAULTS, readBytes, rogueInitiator, type RogueOptions } from './streams.ts';

const INFO_HASH = Buffer.alloc(20, 0x11);
const TIMEOUT = 3000;

async function expectCode(t: import('ava').ExecutionContext, handshake: Promise<MseConnection>, code: MseErrorCode, stream: Duplex): Promise<void> {
  const err = await t.throwsAsync(handshake, { instanceOf: MseError });
  t.is(err?.code, code);
  t.true(stream.destroyed);
}

function responder(): { ours: Duplex; theirs: Duplex; handshake: Promise<MseConnection> } {
  const [theirs, ours] = duplexPair();
  const handshake = respondMse(ours, { ...MSE_DEFAULTS, infoHashes: () => [INFO_HASH], timeoutMs: TIMEOUT });
  handshake.catch(() => {});
  return { ours, theirs, handshake };
}

test('responder: a DH key cut short by the connection closing -> MSE_CLOSED', async (t) => {
  const { ours, theirs, handshake } = responder();
  theirs.end(randomBytes(50));
  await expectCode(t, handshake, 'MSE_CLOSED', ours);
});

test('responder: a handshake that never ends -> MSE_TIMEOUT', async (t) => {
  const [theirs, ours] = duplexPair();
  const handshake = respondMse(ours, { ...MSE_DEFAULTS, infoHashes: () => [INFO_HASH], timeoutMs: 100 });
  theirs.write(new KeyExchange().publicKey);
  await expectCode(t, handshake, 'MSE_TIMEOUT', ours);
});

test('responder: PadA over 512 bytes (no sync hash in the window) -> MSE_NO_SYNC', async (t) => {
  const { ours, theirs, handshake } = responder();
  theirs.write(Buffer.concat([new KeyExchange().publicKey, randomBytes(600)]));
  await expectCode(t, handshake, 'MSE_NO_SYNC', ours);
});

test('responder: endless garbage after the DH key is refused at the window, not buffered', async (t) => {
  const { ours, theirs, handshake } = responder();
  theirs.write(new KeyExchange().publicKey);
  for (let i = 0; i < 100; i++) theirs.write(randomBytes(10));
  await expectCode(t, handshake, 'MSE_NO_SYNC', ours);
});

test('responder: the largest legal PadA (512) still synchronises', async (t) => {
  const { theirs, handshake } = responder();
  await rogueInitiator(theirs, { skey: INFO_HASH, padA: 512 });
  t.is((await handshake).method, 'plaintext');
});

const rogueCases: { name: string; options: RogueOptions; code: MseErrorCode }[] = [
  { name: 'an unknown SKEY', options: { skey: Buffer.alloc(20, 0x99) }, code: 'MSE_UNKNOWN_TORRENT' },
  { name: 'garbage where the verification constant goes', options: { skey: INFO_HASH, vc: Buffer.from('garbage!') }, code: 'MSE_BAD_VC' },
  { name: 'PadC over 512 bytes', options: { skey: INFO_HASH, padCLength: 513 }, code: 'MSE_BAD_PAD' },
  { name: 'crypto_provide naming no known method', options: { skey: INFO_HASH, provide: 0x0c }, code: 'MSE_NO_COMMON_METHOD' },
];
for (const c of rogueCases) {
  test(`responder: ${c.name} -> ${c.code}`, async (t) => {
    const { ours, theirs, handshake } = responder();
    await rogueInitiator(theirs, c.options);
    await expectCode(t, handshake, c.code, ours);
  });
}

test('responder: a DH public key of 1 -> MSE_BAD_KEY', async (t) => {
  const { ours, theirs, handshake } = responder();
  const one = Buffer.alloc(96);
  one[95] = 1;
  theirs.write(one);
  await expectCode(t, handshake, 'MSE_BAD_KEY', ours);
});

/** A responder that answers Yb as told, then the given step-4 bytes (encrypted with keyB when `fields` is set). */
async function rogueResponder(theirs: Duplex, answer: { padB?: number; garbage?: Buffer; select?: number; padDLength?: number }): Promise<void> {
  const keys = new KeyExchange();
  const ya = await readBytes(theirs, 96);
  theirs.write(Buffer.concat([keys.publicKey, randomBytes(answer.padB ?? 0)]));
  if (answer.garbage) {
    theirs.write(answer.garbage);
    return;
  }
  const { send } = streamCiphers(keys.sharedSecret(ya), INFO_HASH, false);
  const fields = Buffer.alloc(14);
  fields.writeUInt32BE(answer.select ?? 0x02, 8);
  fields.writeUInt16BE(answer.padDLength ?? 0, 12);
  theirs.write(send.process(fields));
}

function initiator(): { ours: Duplex; theirs: Duplex; handshake: Promise<MseConnection> } {
  const [ours, theirs] = duplexPair();
  const handshake = initiateMse(ours, { ...MSE_DEFAULTS, infoHash: INFO_HASH, timeoutMs: TIMEOUT });
  handshake.catch(() => {});
  return { ours, theirs, handshake };
}

test('initiator: no encrypted VC within PadB -> MSE_NO_SYNC', async (t) => {
  const { ours, theirs, handshake } = initiator();
  await rogueResponder(theirs, { garbage: randomBytes(700) });
  await expectCode(t, handshake, 'MSE_NO_SYNC', ours);
});

test('initiator: crypto_select of both methods at once -> MSE_BAD_SELECT', async (t) => {
  const { ours, theirs, handshake } = initiator();
  await rogueResponder(theirs, { select: 0x03 });
  await expectCode(t, handshake, 'MSE_BAD_SELECT', ours);
});

test('initiator: PadD over 512 bytes -> MSE_BAD_PAD', async (t) => {
  const { ours, theirs, handshake } = initiator();
  await rogueResponder(theirs, { padDLength: 600 });
  await expectCode(t, handshake, 'MSE_BAD_PAD', ours);
});

test('initiator: a peer that closes after the DH key -> MSE_CLOSED', async (t) => {
  const { ours, theirs, handshake } = initiator();
  await readBytes(theirs, 96);
  theirs.end(new KeyExchange().publicKey);
  await expectCode(t, handshake, 'MSE_CLOSED', ours);
});

test('initiator: a peer that never answers -> MSE_TIMEOUT', async (t) => {
  const [ours] = duplexPair();
  await expectCode(t, initiateMse(ours, { ...MSE_DEFAULTS, infoHash: INFO_HASH, timeoutMs: 100 }), 'MSE_TIMEOUT', ours);
});

test('initiator: a legal answer with the largest PadB (512) is accepted', async (t) => {
  const { theirs, handshake } = initiator();
  await rogueResponder(theirs, { padB: 512 });
  t.is((await handshake).method, 'rc4');
});
