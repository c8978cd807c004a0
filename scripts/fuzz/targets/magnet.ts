// Magnet links: parse → format → parse. An input is the link's UTF-16 code
// units (little-endian), so that mutations make lone surrogates too.
import { parseMagnet, toMagnetURI } from '../../../core/metainfo/index.ts';
import { check, type FuzzTarget } from '../target.ts';

const HEX = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';
const LINKS = [
  `magnet:?xt=urn:btih:${HEX}&dn=a+name%20with%2Bplus&tr=http%3A%2F%2Ft.example%2Fannounce&tr.1=udp://t2:6969&ws=http://w/x&x.pe=1.2.3.4:6881&x.pe=[::1]:80`,
  'magnet:?xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK&dn=%E2%82%AC%F0%9F%98%80',
  `magnet:?dn=\uD800x&xt=urn:btih:${HEX}&tr=\uDC00#frag`,
];
const TOKENS = ['&', '=', '%', '%2', '%ED%A0%80', '%F0%9F', '+', '#', 'dn=', 'tr=', 'ws=', 'x.pe=', 'xt=urn:btih:', '\uD800', '\uDC00', '\uD83D\uDE00', ' ', '[', ']:'];

const utf16 = (s: string): Uint8Array => Buffer.from(s, 'utf16le');

export const magnetTarget: FuzzTarget = {
  name: 'magnet',
  description: 'parseMagnet → toMagnetURI → parseMagnet round trip',
  seeds: () => LINKS.map(utf16),
  tokens: () => TOKENS.map(utf16),
  run(input) {
    const text = Buffer.from(input.buffer, input.byteOffset, input.byteLength & ~1).toString('utf16le');
    const link = parseMagnet(text);
    const uri = toMagnetURI({ infoHash: link.infoHash, name: link.name ?? '', announce: link.trackers.map((url) => [url]), urlList: link.webSeeds });
    const back = parseMagnet(uri);
    check(back.infoHash === link.infoHash, 'the info hash round-trips');
    check(back.name === (link.name ?? ''), 'the name round-trips');
    check(back.trackers.join('\n') === link.trackers.join('\n'), 'the trackers round-trip');
    check(back.webSeeds.join('\n') === link.webSeeds.join('\n'), 'the web seeds round-trip');
  },
};
