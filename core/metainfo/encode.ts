// Writing .torrent files. The info dictionary is spliced in as raw bytes, never
// re-encoded, so re-writing a parsed torrent (new trackers, say) keeps its info
// hash even when its info dictionary holds keys this module does not know.
import { bencode } from '../bencode/index.ts';
import { fail } from './errors.ts';

/** What a .torrent file holds; a Metainfo satisfies it. */
export interface TorrentFileFields {
  /** The bencoded info dictionary, written as is. */
  readonly infoBuffer: Uint8Array;
  /** Tracker tiers. One URL in all is written as `announce` alone, more add `announce-list`. */
  readonly announce?: readonly (readonly string[])[];
  readonly urlList?: readonly string[];
  readonly comment?: string;
  readonly createdBy?: string;
  /** Seconds since the Unix epoch. */
  readonly creationDate?: number;
}

const KEY_ORDER = ['announce', 'announce-list', 'comment', 'created by', 'creation date', 'info', 'url-list'] as const;

/** Bencodes a .torrent file around a raw info dictionary. */
export function encodeTorrent(fields: TorrentFileFields): Buffer {
  const tiers = (fields.announce ?? []).map((tier) => tier.filter((url) => url !== '')).filter((tier) => tier.length > 0);
  const first = tiers[0]?.[0];
  if (fields.creationDate !== undefined && !Number.isSafeInteger(fields.creationDate)) {
    fail('BAD_OPTION', `creation date ${fields.creationDate} is not an integer`);
  }
  const values: Record<(typeof KEY_ORDER)[number], Uint8Array | undefined> = {
    announce: first === undefined ? undefined : bencode(first),
    'announce-list': tiers.flat().length > 1 ? bencode(tiers) : undefined,
    comment: fields.comment === undefined ? undefined : bencode(fields.comment),
    'created by': fields.createdBy === undefined ? undefined : bencode(fields.createdBy),
    'creation date': fields.creationDate === undefined ? undefined : bencode(fields.creationDate),
    info: fields.infoBuffer,
    'url-list': fields.urlList === undefined || fields.urlList.length === 0 ? undefined : bencode(fields.urlList),
  };
  const parts: Uint8Array[] = [Buffer.from('d')];
  for (const key of KEY_ORDER) {
    const value = values[key];
    if (value === undefined) continue;
    parts.push(bencode(key), value);
  }
  parts.push(Buffer.from('e'));
  return Buffer.concat(parts);
}
