// Whatever bytes arrive, parseTorrent either returns a checked Metainfo or
// throws a MetainfoError: never a TypeError, a RangeError, a stack overflow
// or a hang. Same for parseMagnet with any string.
import { readdirSync, readFileSync } from 'node:fs';
import test from 'ava';
import bencode from 'bencode';
import fc from 'fast-check';
import { MetainfoError, parseMagnet, parseTorrent } from '../../core/metainfo/index.ts';

const FIXTURES = new URL('../fixtures/torrents/', import.meta.url);
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.torrent'))
  .map((name) => readFileSync(new URL(name, FIXTURES)));

/** Runs the parser; returns what escaped it that is not a MetainfoError. */
function escapes(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (err) {
    return err instanceof MetainfoError ? undefined : err;
  }
}

const noEscape = (run: () => unknown): boolean => {
  const err = escapes(run);
  if (err !== undefined) throw err;
  return true;
};

test('random bytes', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => noEscape(() => parseTorrent(bytes))), { numRuns: 3000 });
  t.pass();
});

test('random bytes that start like a torrent', (t) => {
  const prefix = fc.constantFrom('d', 'd4:info', 'd4:infod', 'd4:infod5:filesl', 'd4:infod6:pieces', 'l', 'i');
  fc.assert(
    fc.property(prefix, fc.uint8Array({ maxLength: 500 }), (p, rest) => noEscape(() => parseTorrent(Buffer.concat([Buffer.from(p), rest])))),
    { numRuns: 3000 },
  );
  t.pass();
});

// Edits of a real torrent: byte flips, insertions, deletions, cuts.
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(source: Buffer, edits: Mutation[]): Buffer {
  let buf = Buffer.from(source);
  for (const edit of edits) {
    const at = buf.length === 0 ? 0 : edit.at % (buf.length + 1);
    if (edit.kind === 'set' && at < buf.length) buf[at] = edit.byte;
    else if (edit.kind === 'insert') buf = Buffer.concat([buf.subarray(0, at), edit.bytes, buf.subarray(at)]);
    else if (edit.kind === 'delete') buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + edit.count)]);
    else if (edit.kind === 'cut') buf = buf.subarray(0, at);
  }
  return buf;
}

test('mutated fixtures', (t) => {
  let parsed = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: fixtures.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, edits) => {
      const bytes = mutate(fixtures[i]!, edits);
      return noEscape(() => {
        const m = parseTorrent(bytes);
        parsed++;
        // What parses must be consistent.
        if (m.pieces.length !== Math.ceil(m.length / m.pieceLength)) throw new Error('piece count does not match the length');
        if (m.files.reduce((s, f) => s + f.length, 0) !== m.length) throw new Error('file lengths do not add up');
      });
    }),
    { numRuns: 5000 },
  );
  t.log(`${parsed} of 5000 mutated torrents still parsed`);
  t.pass();
});

// Well-formed bencode of arbitrary shape in the places a torrent's fields go.
const { value: bvalue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.constantFrom(0, -1, 16384, 2 ** 50, 2 ** 53),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('..', '.', '', '/', 'a/b', '\0', 'C:', 'p'),
    fc.uint8Array({ maxLength: 60 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('name', 'length', 'path', 'files', 'pieces', 'piece length', 'attr', 'x', '__proto__'), tie('value'), {
      maxKeys: 5,
    }),
  ),
}));

test('bencoded torrents with fields of random shape', (t) => {
  const info = fc.record(
    {
      name: bvalue,
      'piece length': fc.oneof(bvalue, fc.constantFrom(1, 16384)),
      length: fc.oneof(bvalue, fc.integer({ min: 0, max: 100000 })),
      files: fc.array(fc.record({ length: bvalue, path: fc.oneof(bvalue, fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 })), attr: bvalue }, { requiredKeys: [] }), {
        maxLength: 4,
      }),
      pieces: fc.oneof(bvalue, fc.uint8Array({ maxLength: 100 })),
      private: bvalue,
    },
    { requiredKeys: [] },
  );
  const outer = fc.record({ announce: bvalue, 'announce-list': bvalue, 'url-list': bvalue, comment: bvalue, 'creation date': bvalue }, { requiredKeys: [] });
  fc.assert(
    fc.property(info, outer, (i, o) => noEscape(() => parseTorrent(bencode.encode({ ...o, info: i } as Parameters<typeof bencode.encode>[0])))),
    { numRuns: 3000 },
  );
  t.pass();
});

test('parseMagnet with random strings and mutated magnets', (t) => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => noEscape(() => parseMagnet(s))), { numRuns: 2000 });
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => noEscape(() => parseMagnet(`magnet:?xt=urn:btih:${s}`))),
    { numRuns: 2000 },
  );
  const key = fc.constantFrom('xt', 'dn', 'tr', 'ws', 'x.pe', 'tr.1', 'XT');
  const pairs = fc.array(fc.tuple(key, fc.fullUnicodeString({ maxLength: 60 })), { maxLength: 6 });
  fc.assert(
    fc.property(pairs, (ps) => noEscape(() => parseMagnet(`magnet:?xt=urn:btih:${'a'.repeat(40)}&${ps.map(([k, v]) => `${k}=${v}`).join('&')}`))),
    { numRuns: 2000 },
  );
  t.pass();
});
