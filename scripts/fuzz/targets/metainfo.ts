// .torrent files and bare info dictionaries: parse, and for what parses, the
// info hash is the SHA-1 of the info bytes and survives re-writing.
import { createHash } from 'node:crypto';
import { encodeTorrent, MetainfoError, parseInfoDictionary, parseTorrent, toMagnetURI } from '../../../core/metainfo/index.ts';
import { BENCODE_TOKENS, fixtureInfoDictionaries, fixtureTorrents } from '../fixtures.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

export const metainfoTarget: FuzzTarget = {
  name: 'metainfo',
  description: 'parseTorrent / parseInfoDictionary on mutated fixture torrents',
  seeds: () => [...fixtureTorrents(), ...fixtureInfoDictionaries()],
  tokens: () => BENCODE_TOKENS.map(latin1),
  run(input) {
    // A bare info dictionary starts like a torrent does ('d'): both readings are tried.
    try {
      const info = parseInfoDictionary(input);
      check(info.infoHash === createHash('sha1').update(input).digest('hex'), 'a bare info dictionary hashes to itself');
    } catch (err) {
      if (!(err instanceof MetainfoError)) throw err;
    }
    const m = parseTorrent(input);
    check(m.infoHash === createHash('sha1').update(m.infoBuffer).digest('hex'), 'the info hash is the SHA-1 of infoBuffer');
    check(parseTorrent(encodeTorrent(m)).infoHash === m.infoHash, 're-writing keeps the info hash');
    check(parseInfoDictionary(m.infoBuffer).infoHash === m.infoHash, 'the info dictionary alone gives the same hash');
    toMagnetURI(m);
  },
};
