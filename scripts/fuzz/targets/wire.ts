// The peer wire parser fed a mutated stream in random chunks. The first four
// bytes of an input seed the chunking (and whether a handshake is expected),
// so that a saved input replays exactly.
import { encodeHandshake, encodeMessage, extendedHandshakeMessage, WireParser, type Message } from '../../../core/wire/index.ts';
import { createRng } from '../rng.ts';
import { BENCODE_TOKENS } from '../fixtures.ts';
import { latin1, type FuzzTarget } from '../target.ts';

const INFO_HASH = Buffer.alloc(20, 0xab);
const PEER_ID = Buffer.from('-SH0100-fuzzfuzzfuzz', 'latin1');

const MESSAGES: Message[] = [
  { type: 'keep-alive' },
  { type: 'choke' },
  { type: 'unchoke' },
  { type: 'interested' },
  { type: 'have', index: 0xffffffff },
  { type: 'bitfield', bitfield: Buffer.from([0xff, 0x80]) },
  { type: 'request', index: 3, begin: 16384, length: 16384 },
  { type: 'piece', index: 7, begin: 32768, block: Buffer.from('block bytes') },
  { type: 'cancel', index: 3, begin: 16384, length: 16384 },
  { type: 'port', port: 6881 },
  { type: 'have-all' },
  { type: 'reject', index: 3, begin: 0, length: 16384 },
  { type: 'allowed-fast', index: 9 },
  extendedHandshakeMessage({ m: { ut_metadata: 3, ut_pex: 1 }, p: 6881, v: 'swarmhook', reqq: 500, metadata_size: 31337, yourip: Buffer.from([127, 0, 0, 1]) }),
  { type: 'extended', extendedId: 3, payload: Buffer.from('d8:msg_typei1e5:piecei0e10:total_sizei3eexyz') },
];

function stream(withHandshake: boolean, messages: Message[]): Uint8Array {
  const parts = messages.map((m) => encodeMessage(m));
  const body = withHandshake ? [encodeHandshake(INFO_HASH, PEER_ID, { extended: true, fast: true }), ...parts] : parts;
  return Buffer.concat([Buffer.from([0, 0, 0, withHandshake ? 0 : 1]), ...body]);
}

export const wireTarget: FuzzTarget = {
  name: 'wire',
  description: 'core/wire WireParser with random chunking',
  seeds: () => [stream(true, MESSAGES), stream(false, MESSAGES), stream(true, MESSAGES.slice(13)), stream(false, MESSAGES.slice(0, 6))],
  tokens: () => [...BENCODE_TOKENS.map(latin1), Buffer.from([0, 0, 0, 0]), Buffer.from([0, 0, 0, 2, 20, 0]), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from([0x13])],
  run(input) {
    if (input.length < 4) return;
    const seed = Buffer.from(input.buffer, input.byteOffset, 4).readUInt32BE(0);
    const rng = createRng(seed);
    const data = Buffer.from(input.buffer, input.byteOffset + 4, input.length - 4);
    const parser = new WireParser({ onHandshake: () => {}, onMessage: () => {} }, { expectHandshake: (seed & 1) === 0, maxMessageLength: 1 << 16 });
    for (let at = 0; at < data.length; ) {
      const size = rng.chance(0.3) ? 1 : 1 + rng.below(64);
      // A copy per chunk: the parser keeps chunks it still needs, as a socket's would be.
      parser.push(Buffer.from(data.subarray(at, at + size)));
      at += size;
    }
  },
};
