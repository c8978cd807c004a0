// .torrent files (BEP 3, with BEP 12 tiers, BEP 19 web seeds, BEP 27 private,
// BEP 47 padding files) into a checked, frozen Metainfo. Everything is checked
// before anything is returned: a bad file yields one MetainfoError and no
// half-built object.
import { hash } from 'node:crypto';
import { decodeMetainfo } from './decode-bencode.ts';
import { fail } from './errors.ts';
import { checkDistinct, checkSegment } from './paths.ts';
import { ParsedMetainfo } from './parsed-metainfo.ts';
import type { Metainfo, MetainfoFile } from './types.ts';

/** 1 PiB: far above any real torrent, and low enough that sums stay exact in a double. */
export const MAX_TOTAL_LENGTH = 2 ** 50;
/** 256 MiB, the largest piece size mainstream clients create; a piece is held in memory whole. */
export const MAX_PIECE_LENGTH = 2 ** 28;

type Dict = { readonly [key: string]: unknown };

const utf8 = new TextDecoder('utf-8');

const isBytes = (v: unknown): v is Uint8Array => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
// Decoded dictionaries have no prototype; own properties only, all the same,
// so that no inherited name can ever answer for a missing key.
const get = (d: Dict, key: string): unknown => (Object.hasOwn(d, key) ? d[key] : undefined);
const text = (v: unknown): string | undefined => (isBytes(v) ? utf8.decode(v) : undefined);

/** Extra outer-dictionary fields for a Metainfo built from a bare info dictionary. */
export interface OuterFields {
  readonly announce?: readonly (readonly string[])[];
  readonly urlList?: readonly string[];
  readonly comment?: string;
  readonly createdBy?: string;
  readonly creationDate?: number;
}

/**
 * Parses a v1 (or hybrid v1/v2) .torrent file. The info hash is the SHA-1 of
 * the info dictionary's bytes exactly as they stand in `buf`. Throws
 * MetainfoError; never anything else.
 */
export function parseTorrent(buf: Uint8Array): Metainfo {
  // Bytes after the top-level dictionary are ignored, as libtorrent ignores them.
  const { value, scan } = decodeMetainfo(buf, { prefix: true });
  if (!isDict(value)) fail('BAD_TYPE', 'a .torrent file must be a bencoded dictionary');
  const info = get(value, 'info');
  if (info === undefined) fail('MISSING_KEY', 'the torrent has no "info" dictionary');
  if (!isDict(info) || scan.info === undefined) fail('BAD_TYPE', '"info" is not a dictionary');
  const infoBytes = buf.subarray(scan.info.start, scan.info.end);
  return build(info, infoBytes, outerFields(value));
}

/**
 * Builds a Metainfo from the raw bytes of an info dictionary alone, as
 * ut_metadata (BEP 9) delivers it for a magnet link; `outer` supplies what a
 * .torrent file would hold around it (trackers from the magnet, say).
 */
export function parseInfoDictionary(infoBytes: Uint8Array, outer: OuterFields = {}): Metainfo {
  const { value } = decodeMetainfo(infoBytes, { prefix: false });
  if (!isDict(value)) fail('BAD_TYPE', 'an info dictionary must be a bencoded dictionary');
  return build(value, infoBytes, outer);
}

function outerFields(torrent: Dict): OuterFields {
  const creationDate = get(torrent, 'creation date');
  return {
    announce: trackerTiers(torrent),
    urlList: webSeeds(get(torrent, 'url-list')),
    comment: text(get(torrent, 'comment.utf-8')) ?? text(get(torrent, 'comment')),
    createdBy: text(get(torrent, 'created by.utf-8')) ?? text(get(torrent, 'created by')),
    creationDate: typeof creationDate === 'number' && Number.isSafeInteger(creationDate) ? creationDate : undefined,
  };
}

// Optional fields of the outer dictionary are read leniently, as libtorrent
// reads them: a malformed tracker entry is skipped, not fatal.
function trackerTiers(torrent: Dict): string[][] {
  const seen = new Set<string>();
  const keep = (v: unknown): string | undefined => {
    const url = text(v)?.trim();
    if (url === undefined || url === '' || seen.has(url)) return undefined;
    seen.add(url);
    return url;
  };
  const tiers: string[][] = [];
  const list = get(torrent, 'announce-list');
  if (Array.isArray(list)) {
    for (const tier of list) {
      if (!Array.isArray(tier)) continue;
      const urls = tier.map(keep).filter((u): u is string => u !== undefined);
      if (urls.length > 0) tiers.push(urls);
    }
  }
  if (tiers.length === 0) {
    const single = keep(get(torrent, 'announce'));
    if (single !== undefined) tiers.push([single]);
  }
  return tiers;
}

function webSeeds(v: unknown): string[] {
  const items = Array.isArray(v) ? v : [v];
  const urls = items.map((u) => text(u)?.trim()).filter((u): u is string => u !== undefined && u !== '');
  return [...new Set(urls)];
}

function integer(v: unknown, what: string, code: 'BAD_LENGTH' | 'BAD_PIECE_LENGTH', max: number): number {
  if (v === undefined) fail('MISSING_KEY', `${what} is missing`);
  if (typeof v === 'bigint') fail(code, `${what} (${v}) is not an exact integer`);
  if (typeof v !== 'number') fail(code, `${what} is not an integer`);
  if (!Number.isSafeInteger(v)) fail(code, `${what} (${v}) is not an exact integer`);
  if (v < 0) fail(code, `${what} (${v}) is negative`);
  if (v > max) fail(code, `${what} (${v}) is larger than ${max}`);
  return v;
}

function nameOf(info: Dict): string {
  // The .utf-8 variants win when they are well-formed (BEP 3 leaves the encoding open).
  const utf8Name = get(info, 'name.utf-8');
  const raw = isBytes(utf8Name) ? utf8Name : get(info, 'name');
  if (raw === undefined) fail('MISSING_KEY', 'the info dictionary has no "name"');
  const name = text(raw);
  if (name === undefined) fail('BAD_TYPE', '"name" is not a string');
  checkSegment(name, 'the torrent name');
  return name;
}

interface RawFile {
  readonly segments: string[];
  readonly length: number;
  readonly attr: string;
}

function fileList(files: unknown): RawFile[] {
  if (!Array.isArray(files)) fail('BAD_FILES', '"files" is not a list');
  if (files.length === 0) fail('BAD_FILES', '"files" is empty');
  return files.map((entry, i): RawFile => {
    const where = `file ${i}`;
    if (!isDict(entry)) fail('BAD_FILES', `${where} is not a dictionary`);
    const length = integer(get(entry, 'length'), `the length of ${where}`, 'BAD_LENGTH', MAX_TOTAL_LENGTH);
    const utf8Path = get(entry, 'path.utf-8');
    const rawPath = Array.isArray(utf8Path) && utf8Path.every(isBytes) ? utf8Path : get(entry, 'path');
    if (rawPath === undefined) fail('MISSING_KEY', `${where} has no "path"`);
    if (!Array.isArray(rawPath)) fail('BAD_TYPE', `the path of ${where} is not a list`);
    if (rawPath.length === 0) fail('UNSAFE_PATH', `the path of ${where} is empty`);
    const segments = rawPath.map((s) => {
      const segment = text(s);
      if (segment === undefined) fail('BAD_TYPE', `the path of ${where} has a component that is not a string`);
      return segment;
    });
    for (const s of segments) checkSegment(s, `the path of ${where}`);
    return { segments, length, attr: text(get(entry, 'attr')) ?? '' };
  });
}

function build(info: Dict, infoBytes: Uint8Array, outer: OuterFields): Metainfo {
  if (get(info, 'pieces') === undefined && get(info, 'file tree') !== undefined) {
    fail('V2_ONLY', 'a BitTorrent v2-only torrent: it has no v1 piece hashes');
  }
  const name = nameOf(info);
  const pieceLength = integer(get(info, 'piece length'), '"piece length"', 'BAD_PIECE_LENGTH', MAX_PIECE_LENGTH);
  if (pieceLength === 0) fail('BAD_PIECE_LENGTH', '"piece length" is zero');

  const hasLength = get(info, 'length') !== undefined;
  const hasFiles = get(info, 'files') !== undefined;
  if (hasLength && hasFiles) fail('BAD_FILES', 'the info dictionary has both "length" and "files"');
  if (!hasLength && !hasFiles) fail('MISSING_KEY', 'the info dictionary has neither "length" nor "files"');
  const raw: RawFile[] = hasFiles
    ? fileList(get(info, 'files'))
    : [{ segments: [], length: integer(get(info, 'length'), '"length"', 'BAD_LENGTH', MAX_TOTAL_LENGTH), attr: '' }];

  const files: MetainfoFile[] = [];
  let total = 0;
  for (const f of raw) {
    const pathSegments = Object.freeze([name, ...f.segments]);
    const padding = f.attr.includes('p');
    files.push(Object.freeze({ path: pathSegments.join('/'), pathSegments, length: f.length, offset: total, padding, attr: f.attr }));
    total += f.length;
    if (total > MAX_TOTAL_LENGTH) fail('BAD_LENGTH', `the total length exceeds ${MAX_TOTAL_LENGTH} bytes`);
  }
  // Padding files are synthetic and may share a path (".pad/16384").
  checkDistinct(files.filter((f) => !f.padding).map((f) => f.pathSegments));
  if (total === 0) fail('EMPTY_TORRENT', 'the torrent holds no data (total length 0)');

  const piecesRaw = get(info, 'pieces');
  if (piecesRaw === undefined) fail('MISSING_KEY', 'the info dictionary has no "pieces"');
  if (!isBytes(piecesRaw)) fail('BAD_TYPE', '"pieces" is not a string');
  if (piecesRaw.length % 20 !== 0) fail('BAD_PIECES_LENGTH', `"pieces" is ${piecesRaw.length} bytes, not a multiple of 20`);
  const pieceCount = piecesRaw.length / 20;
  const expected = Math.ceil(total / pieceLength);
  if (pieceCount !== expected) {
    fail('PIECES_MISMATCH', `"pieces" holds ${pieceCount} hashes but ${total} bytes in pieces of ${pieceLength} make ${expected}`);
  }
  const lastPieceLength = total - (pieceCount - 1) * pieceLength;

  const privateFlag = get(info, 'private');
  const source = text(get(info, 'source'));
  const infoBuffer = Buffer.from(infoBytes);
  // The decoder's strings are views of the bytes it was given: the hashes are then read from infoBuffer, not copied again.
  const at = piecesRaw.buffer === infoBytes.buffer ? piecesRaw.byteOffset - infoBytes.byteOffset : -1;
  const pieceHashes = at >= 0 && at + piecesRaw.length <= infoBytes.length ? infoBuffer.subarray(at, at + piecesRaw.length) : Buffer.from(piecesRaw);
  // One-shot: no Hash object (half the cost for a small info dictionary, and a thousand torrents are parsed at start).
  const infoHashBuffer = hash('sha1', infoBuffer, 'buffer');
  const announce = Object.freeze((outer.announce ?? []).map((tier) => Object.freeze([...tier])));

  return new ParsedMetainfo({
    infoHash: infoHashBuffer.toString('hex'),
    infoHashBuffer,
    infoBuffer,
    name,
    pieceLength,
    pieceHashes,
    pieceCount,
    lastPieceLength,
    length: total,
    files: Object.freeze(files),
    multiFile: hasFiles,
    announce,
    urlList: Object.freeze([...(outer.urlList ?? [])]),
    private: typeof privateFlag === 'number' && privateFlag !== 0,
    ...(outer.comment !== undefined && { comment: outer.comment }),
    ...(outer.createdBy !== undefined && { createdBy: outer.createdBy }),
    ...(outer.creationDate !== undefined && { creationDate: outer.creationDate }),
    ...(source !== undefined && { source }),
  });
}
