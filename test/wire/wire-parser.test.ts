import test from 'ava';
import {
  WireError,
  WireParser,
  encodeHandshake,
  encodeMessage,
  extendedHandshakeMessage,
  DEFAULT_MAX_MESSAGE_LENGTH,
  type Handshake,
  type Message,
  type WireParserOptions,
} from '../../core/wire/index.ts';

const INFO_HASH = Buffer.from('0123456789abcdef0123456789abcdef01234567', 'hex');
const PEER_ID = Buffer.from('-LT2080-abcdefghijkl', 'latin1');
const HANDSHAKE_BYTES = encodeHandshake(INFO_HASH, PEER_ID, { extended: true, fast: true, dht: true });

/** One fixture per message type, with a few edge values. */
const MESSAGES: Message[] = [
  { type: 'keep-alive' },
  { type: 'choke' },
  { type: 'unchoke' },
  { type: 'interested' },
  { type: 'not-interested' },
  { type: 'have', index: 0 },
  { type: 'have', index: 0xffffffff },
  { type: 'bitfield', bitfield: Buffer.from([0xff, 0x80]) },
  { type: 'request', index: 3, begin: 16384, length: 16384 },
  { type: 'piece', index: 7, begin: 32768, block: Buffer.from('the block bytes, not really 16 KiB') },
  { type: 'piece', index: 1, begin: 0, block: Buffer.alloc(0) },
  { type: 'cancel', index: 3, begin: 16384, length: 16384 },
  { type: 'port', port: 6881 },
  { type: 'suggest', index: 42 },
  { type: 'have-all' },
  { type: 'have-none' },
  { type: 'reject', index: 3, begin: 0, length: 16384 },
  { type: 'allowed-fast', index: 9 },
  extendedHandshakeMessage({ m: { ut_metadata: 3, ut_pex: 1 }, p: 6881, v: 'swarmhook 0.1.0', reqq: 500, metadata_size: 31337, yourip: Buffer.from([127, 0, 0, 1]) }),
  { type: 'extended', extendedId: 3, payload: Buffer.from('d8:msg_typei0e5:piecei0ee') },
  { type: 'unknown', id: 0x77, payload: Buffer.from([1, 2, 3]) },
];

interface Parsed {
  handshakes: Handshake[];
  messages: Message[];
}

function parse(chunks: Buffer[], options: WireParserOptions = {}): Parsed {
  const out: Parsed = { handshakes: [], messages: [] };
  const parser = new WireParser({ onHandshake: (h) => out.handshakes.push(h), onMessage: (m) => out.messages.push(m) }, options);
  for (const c of chunks) parser.push(c);
  return out;
}

/** Copies every buffer so that comparisons do not depend on subarrays of the input. */
function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const STREAM = Buffer.concat([HANDSHAKE_BYTES, ...MESSAGES.map(encodeMessage)]);

function checkStream(t: import('ava').ExecutionContext, result: Parsed, where: string): void {
  t.is(result.handshakes.length, 1, where);
  const h = result.handshakes[0]!;
  t.true(h.infoHash.equals(INFO_HASH), where);
  t.true(h.peerId.equals(PEER_ID), where);
  t.deepEqual(h.extensions, { extended: true, fast: true, dht: true }, where);
  t.deepEqual(plain(result.messages), plain(MESSAGES), where);
}

test('the whole fixture stream parses in one chunk', (t) => {
  checkStream(t, parse([STREAM]), 'one chunk');
});

test('the stream split at every byte offset parses the same', (t) => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    checkStream(t, parse([STREAM.subarray(0, cut), STREAM.subarray(cut)]), `cut at ${cut}`);
  }
});

test('the stream in 1-byte chunks parses the same', (t) => {
  const bytes: Buffer[] = [];
  for (let i = 0; i < STREAM.length; i++) bytes.push(STREAM.subarray(i, i + 1));
  checkStream(t, parse(bytes), '1-byte chunks');
});

test('every message fixture alone, split at every offset and in three pieces', (t) => {
  for (const message of MESSAGES) {
    const bytes = encodeMessage(message);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += Math.max(1, Math.floor(bytes.length / 7))) {
        const got = parse([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)], { expectHandshake: false });
        t.deepEqual(plain(got.messages), [plain(message)], `${message.type} cut at ${a}/${b}`);
      }
    }
  }
});

test('a piece inside one read is a subarray of it, not a copy', (t) => {
  const chunk = encodeMessage({ type: 'piece', index: 1, begin: 0, block: Buffer.alloc(16384, 7) });
  const got = parse([chunk], { expectHandshake: false });
  const piece = got.messages[0];
  if (piece?.type !== 'piece') return t.fail('no piece');
  t.is(piece.block.buffer, chunk.buffer);
  t.is(piece.block.length, 16384);
});

test('a piece spanning reads is assembled into one buffer of its own size', (t) => {
  const bytes = encodeMessage({ type: 'piece', index: 1, begin: 0, block: Buffer.alloc(16384, 7) });
  const got = parse([bytes.subarray(0, 1000), bytes.subarray(1000, 9000), bytes.subarray(9000)], { expectHandshake: false });
  const piece = got.messages[0];
  if (piece?.type !== 'piece') return t.fail('no piece');
  t.is(piece.block.length, 16384);
  t.true(piece.block.every((b) => b === 7));
});

test('the extended handshake is decoded', (t) => {
  const got = parse([encodeMessage(MESSAGES.find((m) => m.type === 'extended')!)], { expectHandshake: false });
  const m = got.messages[0];
  if (m?.type !== 'extended') return t.fail('not extended');
  t.is(m.extendedId, 0);
  t.deepEqual(m.handshake?.m, { ut_metadata: 3, ut_pex: 1 });
  t.is(m.handshake?.p, 6881);
  t.is(m.handshake?.v, 'swarmhook 0.1.0');
  t.is(m.handshake?.reqq, 500);
  t.is(m.handshake?.metadata_size, 31337);
  t.deepEqual(m.handshake?.yourip, Buffer.from([127, 0, 0, 1]));
});

// ------------------------------------------------------------ hostile input

function failure(chunks: Buffer[], options: WireParserOptions = {}): { error: WireError; parsed: Parsed } {
  const parsed: Parsed = { handshakes: [], messages: [] };
  const parser = new WireParser({ onHandshake: (h) => parsed.handshakes.push(h), onMessage: (m) => parsed.messages.push(m) }, options);
  for (const c of chunks) {
    try {
      parser.push(c);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      if (!parser.stopped) throw new Error('parser not stopped after an error');
      // Input after the error is ignored.
      parser.push(Buffer.from([0, 0, 0, 1, 1]));
      return { error: err, parsed };
    }
  }
  throw new Error('no error');
}

test('an HTTP request instead of a handshake fails at its first byte', (t) => {
  const { error } = failure([Buffer.from('G')]);
  t.is(error.code, 'BAD_PROTOCOL');
});

test('a wrong protocol string fails at the first wrong byte, before 68 bytes arrive', (t) => {
  const bad = Buffer.from(HANDSHAKE_BYTES);
  bad.write('BitTorrent protocoX', 1, 'latin1');
  const { error } = failure([bad.subarray(0, 19), bad.subarray(19, 20)]);
  t.is(error.code, 'BAD_PROTOCOL');
  const { error: early } = failure([Buffer.from('\x13BitTorrent', 'latin1'), Buffer.from('-', 'latin1')]);
  t.is(early.code, 'BAD_PROTOCOL');
});

test('a length prefix over the maximum fails on the prefix alone', (t) => {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(DEFAULT_MAX_MESSAGE_LENGTH + 1);
  const { error } = failure([prefix], { expectHandshake: false });
  t.is(error.code, 'MESSAGE_TOO_LONG');
  prefix.writeUInt32BE(0xffffffff);
  t.is(failure([HANDSHAKE_BYTES, prefix]).error.code, 'MESSAGE_TOO_LONG');
  // A smaller configured maximum applies.
  const piece = encodeMessage({ type: 'piece', index: 0, begin: 0, block: Buffer.alloc(100) });
  t.is(failure([piece.subarray(0, 4)], { expectHandshake: false, maxMessageLength: 100 }).error.code, 'MESSAGE_TOO_LONG');
  t.notThrows(() => parse([piece], { expectHandshake: false, maxMessageLength: 109 }));
});

test('fixed-size messages of the wrong size fail with BAD_MESSAGE_LENGTH', (t) => {
  const sized: [id: number, size: number][] = [
    [0, 1], [1, 1], [2, 1], [3, 1], [4, 5], [6, 13], [8, 13], [9, 3], [0x0d, 5], [0x0e, 1], [0x0f, 1], [0x10, 13], [0x11, 5],
  ];
  for (const [id, size] of sized) {
    for (const wrong of [size - 1, size + 1]) {
      if (wrong < 1) continue;
      const body = Buffer.alloc(wrong);
      body[0] = id;
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(wrong);
      const { error } = failure([prefix, body], { expectHandshake: false });
      t.is(error.code, 'BAD_MESSAGE_LENGTH', `id ${id} with ${wrong} bytes`);
    }
  }
  // A piece shorter than its 8-byte header, an extended message without an id.
  t.is(failure([Buffer.from([0, 0, 0, 5, 7, 0, 0, 0, 1])], { expectHandshake: false }).error.code, 'BAD_MESSAGE_LENGTH');
  t.is(failure([Buffer.from([0, 0, 0, 1, 20])], { expectHandshake: false }).error.code, 'BAD_MESSAGE_LENGTH');
});

function extendedHandshakeBytes(payload: string): Buffer {
  return encodeMessage({ type: 'extended', extendedId: 0, payload: Buffer.from(payload, 'latin1') });
}

test('an extended handshake that is not a bencoded dictionary fails with BAD_EXTENDED', (t) => {
  for (const payload of ['', 'garbage', 'le', 'i42e', 'd1:m', 'd1:mi1ee', 'd1:md1:ai1e', 'd1:m3:abce', 'd0:-3:', 'd1:mdee trailing']) {
    const { error } = failure([extendedHandshakeBytes(payload)], { expectHandshake: false });
    t.is(error.code, 'BAD_EXTENDED', JSON.stringify(payload));
  }
  // Nesting deep enough to blow a recursive decoder is refused, not crashed on.
  t.is(failure([extendedHandshakeBytes('d1:v' + 'l'.repeat(100000) + 'e'.repeat(100000) + 'e')], { expectHandshake: false }).error.code, 'BAD_EXTENDED');
});

test('an extended handshake with odd fields keeps only the valid ones', (t) => {
  const got = parse([extendedHandshakeBytes('d9:__proto__d1:pi1ee1:md9:__proto__i1e2:oki2e3:badi999e4:textli1eee1:pi99999e4:reqqi-1e6:yourip3:abc1:v2:ok5:weird3:yese')], {
    expectHandshake: false,
  });
  const m = got.messages[0];
  if (m?.type !== 'extended' || m.handshake === undefined) return t.fail('no handshake');
  t.deepEqual({ ...m.handshake.m }, { ok: 2 });
  t.is(m.handshake.p, undefined);
  t.is(m.handshake.reqq, undefined);
  t.is(m.handshake.yourip, undefined);
  t.is(m.handshake.v, 'ok');
  t.deepEqual(Object.keys(m.handshake.extra ?? {}), ['weird']);
  t.is(Object.getPrototypeOf(m.handshake.m), Object.prototype);
});

test('an unknown message id is reported as unknown and parsing carries on', (t) => {
  const got = parse([Buffer.from([0, 0, 0, 3, 0x99, 1, 2]), encodeMessage({ type: 'have', index: 5 })], { expectHandshake: false });
  t.deepEqual(plain(got.messages), [{ type: 'unknown', id: 0x99, payload: Buffer.from([1, 2]) }, { type: 'have', index: 5 }]);
});

test('stop() from a handler ends parsing in the middle of a read', (t) => {
  const messages: Message[] = [];
  const parser = new WireParser(
    {
      onHandshake: () => t.fail('no handshake expected'),
      onMessage: (m) => {
        messages.push(m);
        parser.stop();
      },
    },
    { expectHandshake: false },
  );
  parser.push(Buffer.concat([encodeMessage({ type: 'have', index: 1 }), encodeMessage({ type: 'have', index: 2 })]));
  t.is(messages.length, 1);
  t.true(parser.stopped);
  t.is(parser.buffered, 0);
});

test('bytes after the handshake in the same read are parsed after onHandshake returns', (t) => {
  const order: string[] = [];
  const parser = new WireParser({ onHandshake: () => order.push('handshake'), onMessage: (m) => order.push(m.type) });
  parser.push(Buffer.concat([HANDSHAKE_BYTES, encodeMessage({ type: 'have-all' })]));
  t.deepEqual(order, ['handshake', 'have-all']);
  t.true(parser.handshakeDone);
});

/** Parses with transientBlocks: the handler keeps copies, as a transient block is valid only during its call. */
function parseTransient(chunks: Buffer[], transient: () => boolean = () => true): Parsed {
  const out: Parsed = { handshakes: [], messages: [] };
  const parser = new WireParser(
    { onHandshake: (h) => out.handshakes.push(plain(h) as Handshake), onMessage: (m) => out.messages.push(plain(m) as Message) },
    { transientBlocks: transient },
  );
  for (const c of chunks) parser.push(c);
  return out;
}

test('with transientBlocks the stream split at every byte offset, and in 1-byte chunks, parses the same', (t) => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    checkStream(t, parseTransient([STREAM.subarray(0, cut), STREAM.subarray(cut)]), `cut at ${cut}`);
  }
  const bytes: Buffer[] = [];
  for (let i = 0; i < STREAM.length; i++) bytes.push(STREAM.subarray(i, i + 1));
  checkStream(t, parseTransient(bytes), '1-byte chunks');
});

/** A piece message of a 16 KiB block of `fill`, in three reads. */
const spanningPiece = (fill: number): Buffer[] => {
  const bytes = encodeMessage({ type: 'piece', index: 1, begin: 0, block: Buffer.alloc(16384, fill) });
  return [bytes.subarray(0, 1001), bytes.subarray(1001, 9000), bytes.subarray(9000)];
};

test('spanning pieces with transientBlocks share one reused buffer, the block 8-byte aligned; without, each has its own', (t) => {
  const seen: { buffer: ArrayBufferLike; aligned: boolean; intact: boolean }[] = [];
  const handler = (fill: number) => (m: Message): void => {
    if (m.type !== 'piece') return;
    seen.push({ buffer: m.block.buffer, aligned: m.block.byteOffset % 8 === 0, intact: m.block.length === 16384 && m.block.every((b) => b === fill) });
  };
  let transient = true;
  for (const fill of [1, 2, 3]) {
    const parser = new WireParser({ onHandshake: () => undefined, onMessage: handler(fill) }, { expectHandshake: false, transientBlocks: () => transient });
    for (const c of spanningPiece(fill)) parser.push(c);
    transient = fill < 2;
  }
  t.true(seen.every((s) => s.intact), 'each block is whole during its call');
  t.is(seen[0]!.buffer, seen[1]!.buffer, 'the second transient block reuses the first one\'s buffer');
  t.true(seen[0]!.aligned && seen[1]!.aligned);
  t.not(seen[2]!.buffer, seen[1]!.buffer, 'refused (a listener may keep it): a buffer of its own');
});

test('a parser fed from inside another parser\'s handler does not overwrite the transient block being handled', (t) => {
  const inner = new WireParser({ onHandshake: () => undefined, onMessage: () => undefined }, { expectHandshake: false, transientBlocks: () => true });
  let intactAfterNested = false;
  const outer = new WireParser(
    {
      onHandshake: () => undefined,
      onMessage: (m) => {
        if (m.type !== 'piece') return;
        for (const c of spanningPiece(9)) inner.push(c);
        intactAfterNested = m.block.every((b) => b === 4);
      },
    },
    { expectHandshake: false, transientBlocks: () => true },
  );
  for (const c of spanningPiece(4)) outer.push(c);
  t.true(intactAfterNested);
});

/**
 * Feeds each chunk as a transient read: copied into one reused buffer, pushed, then the buffer is
 * scribbled over, as the next socket read would. The handler keeps messages as they are handed out
 * (no copy) except blocks when `transientBlocks` lets it have them as views.
 */
function parseReused(chunks: Buffer[], transientBlocks: boolean): Parsed {
  const out: Parsed = { handshakes: [], messages: [] };
  const reads = Buffer.alloc(Math.max(...chunks.map((c) => c.length), 1));
  const parser = new WireParser(
    { onHandshake: (h) => out.handshakes.push(h), onMessage: (m) => out.messages.push(m.type === 'piece' && transientBlocks ? (plain(m) as Message) : m) },
    { transientBlocks: () => transientBlocks },
  );
  for (const c of chunks) {
    c.copy(reads);
    parser.push(reads.subarray(0, c.length), true);
    reads.fill(0xee);
  }
  return out;
}

test('transient chunks (a reused read buffer), split at every byte offset and in 1-byte chunks: nothing handed out or kept points into them', (t) => {
  for (const transientBlocks of [true, false]) {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      checkStream(t, parseReused([STREAM.subarray(0, cut), STREAM.subarray(cut)], transientBlocks), `cut at ${cut}, transientBlocks ${transientBlocks}`);
    }
    const bytes: Buffer[] = [];
    for (let i = 0; i < STREAM.length; i++) bytes.push(STREAM.subarray(i, i + 1));
    checkStream(t, parseReused(bytes, transientBlocks), `1-byte chunks, transientBlocks ${transientBlocks}`);
  }
});

test('a block inside a transient chunk is handed out as a view of it only when transientBlocks allows; other messages are copies', (t) => {
  const reads = Buffer.alloc(64 * 1024);
  const bytes = Buffer.concat([encodeMessage({ type: 'piece', index: 2, begin: 16384, block: Buffer.alloc(16384, 5) }), encodeMessage({ type: 'bitfield', bitfield: Buffer.from([0xf0]) })]);
  for (const allowed of [true, false]) {
    const got: Message[] = [];
    const parser = new WireParser({ onHandshake: () => undefined, onMessage: (m) => got.push(m) }, { expectHandshake: false, transientBlocks: () => allowed });
    bytes.copy(reads);
    parser.push(reads.subarray(0, bytes.length), true);
    const [piece, bitfield] = got;
    t.is(piece?.type === 'piece' && piece.block.buffer === reads.buffer, allowed);
    t.true(bitfield?.type === 'bitfield' && bitfield.bitfield.buffer !== reads.buffer && bitfield.bitfield[0] === 0xf0);
  }
});
