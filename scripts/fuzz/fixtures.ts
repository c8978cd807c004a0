// Seed material from the test fixtures: the .torrent files made by mktorrent
// and libtorrent, and their info dictionaries.
import { readdirSync, readFileSync } from 'node:fs';
import { bdecode } from '../../core/bencode/index.ts';

const TORRENTS = new URL('../../test/fixtures/torrents/', import.meta.url);

let cached: Buffer[] | undefined;

export function fixtureTorrents(): Buffer[] {
  cached ??= readdirSync(TORRENTS)
    .filter((name) => name.endsWith('.torrent'))
    .sort()
    .map((name) => readFileSync(new URL(name, TORRENTS)));
  return cached;
}

/** The raw info dictionaries of the fixture torrents. */
export function fixtureInfoDictionaries(): Buffer[] {
  return fixtureTorrents().map((file) => {
    const decoded = bdecode(file, { nonCanonical: 'accept' });
    const root = decoded.value as { readonly [key: string]: unknown };
    const span = decoded.spanOf(root['info'] as Buffer)!;
    return file.subarray(span.start, span.end);
  });
}

/** Keys and values that matter somewhere, bencoded, for insertion. */
export const BENCODE_TOKENS: readonly string[] = [
  'd', 'l', 'e', 'i', ':', 'de', 'le', 'i0e', 'i-0e', 'i03e', 'i-1e', '0:', '1:', '4:', '03:',
  '9:__proto__', '11:constructor', '1:\xff', '2:ff', '4:info', '4:name', '6:length', '12:piece length', '6:pieces', '5:files', '4:path',
  '8:announce', '13:announce-list', '8:url-list', '7:private', '10:name.utf-8', '4:attr', '9:file tree',
  '1:m', '1:p', '1:v', '6:yourip', '4:ipv4', '4:ipv6', '4:reqq', '13:metadata_size', '11:upload_only', '11:ut_metadata',
  '8:msg_type', '5:piece', '10:total_size', '5:peers', '6:peers6', '8:interval', '14:failure reason', '5:files', '8:complete', '10:incomplete',
];
