import test, { type ExecutionContext } from 'ava';
import {
  decodeInfoHash,
  MetainfoError,
  parseMagnet,
  parseTorrent,
  toMagnetURI,
  type MetainfoErrorCode,
} from '../../core/metainfo/index.ts';
import { readFileSync } from 'node:fs';

const HEX = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';
// The same 20 bytes in RFC 4648 base32.
const BASE32 = 'YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK';

function refuses(t: ExecutionContext, uri: string, code: MetainfoErrorCode): void {
  const err = t.throws(() => parseMagnet(uri), { instanceOf: MetainfoError }, uri);
  t.is(err?.code, code, `${uri}: ${err?.message ?? ''}`);
}

test('hex info hash, any case, comes back lowercase', (t) => {
  const m = parseMagnet(`magnet:?xt=urn:btih:${HEX.toUpperCase()}`);
  t.is(m.infoHash, HEX);
  t.true(m.infoHashBuffer.equals(Buffer.from(HEX, 'hex')));
  t.is(m.name, undefined);
  t.deepEqual([m.trackers, m.webSeeds, m.peers], [[], [], []]);
});

test('base32 info hash decodes to the same bytes', (t) => {
  t.is(parseMagnet(`magnet:?xt=urn:btih:${BASE32}`).infoHash, HEX);
  t.is(parseMagnet(`magnet:?xt=urn:btih:${BASE32.toLowerCase()}`).infoHash, HEX);
  t.is(decodeInfoHash('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').toString('hex'), '0'.repeat(40));
  t.is(decodeInfoHash('77777777777777777777777777777777').toString('hex'), 'f'.repeat(40));
});

test('dn, tr (repeated and numbered), ws, x.pe with IPv4 and IPv6', (t) => {
  const uri =
    `magnet:?xt=urn:btih:${HEX}&dn=Some+Name%20%C3%A9` +
    '&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce%3Fkey%3Da%2Bb' +
    '&tr.1=udp%3A%2F%2F127.0.0.1%3A6969' +
    '&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce%3Fkey%3Da%2Bb' +
    '&ws=http%3A%2F%2F127.0.0.1%3A8080%2Ffiles%2F' +
    '&x.pe=127.0.0.1:6881&x.pe=%5B::1%5D:6882&x.pe=[2001:DB8::1]:51413&x.pe=127.0.0.1:6881' +
    '&xl=12345&so=0-3&unknown=whatever';
  const m = parseMagnet(uri);
  t.is(m.name, 'Some Name é');
  t.deepEqual(m.trackers, ['http://127.0.0.1:6969/announce?key=a+b', 'udp://127.0.0.1:6969'], "'+' in a tracker stays '+'");
  t.deepEqual(m.webSeeds, ['http://127.0.0.1:8080/files/']);
  t.deepEqual(m.peers, [
    { ip: '127.0.0.1', port: 6881 },
    { ip: '::1', port: 6882 },
    { ip: '2001:db8::1', port: 51413 },
  ]);
});

test('other urns beside btih are ignored; two different btih are an error', (t) => {
  const v2 = `xt=urn:btmh:1220${'ab'.repeat(32)}`;
  t.is(parseMagnet(`magnet:?${v2}&xt=urn:btih:${HEX}`).infoHash, HEX);
  t.is(parseMagnet(`magnet:?xt=urn:btih:${HEX}&xt=urn:btih:${BASE32}`).infoHash, HEX, 'the same hash twice is fine');
  refuses(t, `magnet:?xt=urn:btih:${HEX}&xt=urn:btih:${'0'.repeat(40)}`, 'BAD_MAGNET');
  refuses(t, `magnet:?${v2}`, 'MISSING_INFO_HASH');
});

test('bad magnets get their codes', (t) => {
  refuses(t, '', 'BAD_MAGNET');
  refuses(t, 'http://127.0.0.1/x.torrent', 'BAD_MAGNET');
  refuses(t, 'magnet:', 'BAD_MAGNET');
  refuses(t, 'magnet:?', 'MISSING_INFO_HASH');
  refuses(t, 'magnet:?dn=x&tr=udp%3A%2F%2F127.0.0.1%3A1', 'MISSING_INFO_HASH');
  refuses(t, 'magnet:?xt=urn:btih:', 'BAD_INFO_HASH');
  refuses(t, `magnet:?xt=urn:btih:${HEX.slice(1)}`, 'BAD_INFO_HASH');
  refuses(t, `magnet:?xt=urn:btih:${HEX}0`, 'BAD_INFO_HASH');
  refuses(t, `magnet:?xt=urn:btih:${HEX.slice(0, 39)}g`, 'BAD_INFO_HASH');
  refuses(t, `magnet:?xt=urn:btih:${BASE32.slice(0, 31)}1`, 'BAD_INFO_HASH');
  refuses(t, `magnet:?xt=urn:btih:${HEX}&dn=%E0%A4%A`, 'BAD_MAGNET');
  for (const peer of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:x', '::1:80', '[::1]', '[::1]80', '[zz]:80', 'example.com:80', '1.2.3:80']) {
    refuses(t, `magnet:?xt=urn:btih:${HEX}&x.pe=${encodeURIComponent(peer)}`, 'BAD_PEER');
  }
});

test('toMagnetURI round-trips through parseMagnet', (t) => {
  const m = parseTorrent(readFileSync(new URL('../fixtures/torrents/mktorrent-multi.torrent', import.meta.url)));
  const back = parseMagnet(toMagnetURI(m));
  t.is(back.infoHash, m.infoHash);
  t.is(back.name, m.name);
  t.deepEqual(back.trackers, m.announce.flat());
  t.deepEqual(back.webSeeds, m.urlList);
});

test('lone surrogates in dn, tr and ws become U+FFFD; parse → format → parse never throws', (t) => {
  const uri = `magnet:?xt=urn:btih:${HEX}&dn=a\uD800b&tr=http://t/\uDC00&ws=http://w/\uD83D`;
  const m = parseMagnet(uri);
  t.is(m.name, 'a\uFFFDb');
  t.deepEqual(m.trackers, ['http://t/\uFFFD']);
  t.deepEqual(m.webSeeds, ['http://w/\uFFFD']);
  const back = parseMagnet(toMagnetURI({ infoHash: m.infoHash, name: m.name!, announce: m.trackers.map((u) => [u]), urlList: m.webSeeds }));
  t.is(back.name, m.name);
  t.deepEqual(back.trackers, m.trackers);
  t.deepEqual(back.webSeeds, m.webSeeds);
  // A pair stays a pair; formatting a name that was never parsed does not throw either.
  t.is(parseMagnet(`magnet:?xt=urn:btih:${HEX}&dn=\uD83D\uDE00`).name, '\uD83D\uDE00');
  t.regex(toMagnetURI({ infoHash: m.infoHash, name: '\uDFFFx\uD800', announce: [], urlList: [] }), /dn=%EF%BF%BDx%EF%BF%BD/);
});
