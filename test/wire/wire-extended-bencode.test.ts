// Extended handshakes through the WireParser, split at every byte offset:
// "__proto__" in a field drops the field, malformed bencode (a duplicated key)
// is a coded BAD_EXTENDED, and no split changes the outcome.
import test from 'ava';
import { encodeMessage, WireError, WireParser, type Message } from '../../core/wire/index.ts';

const FIELDS = ['v', 'yourip', 'ipv4', 'ipv6'] as const;

function extended(payload: string): Buffer {
  return encodeMessage({ type: 'extended', extendedId: 0, payload: Buffer.from(payload, 'latin1') });
}

/** Parses `bytes` pushed in two pieces cut at `cut`; the messages, or the code of the error. */
function parseSplit(bytes: Buffer, cut: number): Message[] | string {
  const messages: Message[] = [];
  const parser = new WireParser({ onHandshake: () => {}, onMessage: (m) => messages.push(m) }, { expectHandshake: false });
  try {
    parser.push(Buffer.from(bytes.subarray(0, cut)));
    parser.push(Buffer.from(bytes.subarray(cut)));
  } catch (err) {
    if (err instanceof WireError) return err.code;
    throw err;
  }
  return messages;
}

for (const field of FIELDS) {
  test(`"__proto__" inside ${field}, split anywhere: the field is dropped, m is kept`, (t) => {
    const bytes = Buffer.concat([extended(`d1:md11:ut_metadatai3ee${field.length}:${field}d9:__proto__3:abcee`), encodeMessage({ type: 'interested' })]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const got = parseSplit(bytes, cut);
      if (typeof got === 'string') return t.fail(`cut ${cut}: ${got}`);
      const [first, second] = got;
      if (first?.type !== 'extended' || first.handshake === undefined) return t.fail(`cut ${cut}: no handshake`);
      t.deepEqual(first.handshake.m, { ut_metadata: 3 });
      t.is(first.handshake[field], undefined);
      t.is(second?.type, 'interested');
    }
  });

  test(`a duplicated "__proto__" inside ${field}, split anywhere: BAD_EXTENDED`, (t) => {
    const bytes = extended(`d${field.length}:${field}d9:__proto__3:abc9:__proto__4:abcdee`);
    for (let cut = 0; cut <= bytes.length; cut++) t.is(parseSplit(bytes, cut), 'BAD_EXTENDED', `cut ${cut}`);
  });
}

test('the extended handshake error keeps the bencode error as its cause', (t) => {
  const err = t.throws(() => new WireParser({ onHandshake: () => {}, onMessage: () => {} }, { expectHandshake: false }).push(extended('d1:ai1e1:ai2ee')), {
    instanceOf: WireError,
  });
  t.is(err?.code, 'BAD_EXTENDED');
  t.is((err?.cause as { code?: string } | undefined)?.code, 'BENCODE_DUPLICATE_KEY');
  t.regex(err?.message ?? '', /appears twice at byte 7/);
});
