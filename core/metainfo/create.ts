// Creating a v1 .torrent from a file or a folder. Files are read in chunks of
// whole pieces, the next chunk being read while the current one is hashed, so
// memory stays at two chunks whatever the size of the data.
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { bencode } from '../bencode/index.ts';
import { encodeTorrent } from './encode.ts';
import { fail, MetainfoError } from './errors.ts';
import { MAX_PIECE_LENGTH, MAX_TOTAL_LENGTH, parseTorrent } from './parse.ts';
import { checkDistinct, checkSegment } from './paths.ts';
import type { Metainfo } from './types.ts';

/** Peers exchange 16 KiB blocks; libtorrent creates only multiples of this. */
export const BLOCK_LENGTH = 16 * 1024;
export const MIN_AUTO_PIECE_LENGTH = 16 * 1024;
export const MAX_AUTO_PIECE_LENGTH = 16 * 1024 * 1024;
/** An automatic piece length is the smallest that keeps the count at or under this. */
export const TARGET_MAX_PIECES = 2000;
/** Bytes read per read call (rounded to whole pieces). */
const CHUNK_LENGTH = 4 * 1024 * 1024;

export interface CreateTorrentOptions {
  /** Bytes per piece: a multiple of 16 KiB up to 256 MiB. Default: choosePieceLength(total). */
  readonly pieceLength?: number;
  /** Trackers: a list of URLs (one tier each, tried in order) or a list of tiers. */
  readonly announce?: readonly string[] | readonly (readonly string[])[];
  /** Web seeds (BEP 19). */
  readonly urlList?: readonly string[];
  readonly private?: boolean;
  readonly comment?: string;
  /** Default "swarmhook". */
  readonly createdBy?: string;
  /** Default: the base name of `path`. */
  readonly name?: string;
  /** Seconds since the Unix epoch; default now, null to leave it out (reproducible output). */
  readonly creationDate?: number | null;
  /** Written into the info dictionary (changes the info hash), as private trackers ask. */
  readonly source?: string;
  /** Called after each chunk is hashed. */
  readonly onProgress?: (hashedBytes: number, totalBytes: number) => void;
}

export interface CreatedTorrent {
  /** The .torrent file's bytes. */
  readonly torrent: Buffer;
  /** The same torrent, parsed. */
  readonly metainfo: Metainfo;
}

interface SourceFile {
  readonly absolutePath: string;
  /** Below the torrent's name; empty for a single-file torrent. */
  readonly segments: readonly string[];
  readonly length: number;
}

/**
 * A power of two between 16 KiB and 16 MiB: the smallest that keeps the
 * piece count at or under 2000 (so between 1000 and 2000 unless clamped).
 */
export function choosePieceLength(totalLength: number): number {
  let pieceLength = MIN_AUTO_PIECE_LENGTH;
  while (pieceLength < MAX_AUTO_PIECE_LENGTH && Math.ceil(totalLength / pieceLength) > TARGET_MAX_PIECES) pieceLength *= 2;
  return pieceLength;
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Every regular file under `dir`, depth first, each folder's entries in byte order of their names. */
async function walk(dir: string, segments: readonly string[], out: SourceFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => byteOrder(a.name, b.name));
  for (const entry of entries) {
    const absolutePath = join(dir, entry.name);
    const below = [...segments, entry.name];
    if (entry.isDirectory()) {
      await walk(absolutePath, below, out);
    } else if (entry.isFile()) {
      out.push({ absolutePath, segments: below, length: (await stat(absolutePath)).size });
    } else if (entry.isSymbolicLink()) {
      // Links to files are followed; links to folders are not (they can loop).
      const target = await stat(absolutePath).catch(() => undefined);
      if (target?.isFile()) out.push({ absolutePath, segments: below, length: target.size });
    }
  }
}

function trackerTiers(announce: CreateTorrentOptions['announce']): string[][] {
  if (announce === undefined) return [];
  const tiers = announce.map((item) => (typeof item === 'string' ? [item] : [...item]));
  for (const url of tiers.flat()) {
    if (typeof url !== 'string' || url.trim() === '') fail('BAD_OPTION', 'a tracker URL is empty or not a string');
  }
  return tiers.map((tier) => tier.map((url) => url.trim())).filter((tier) => tier.length > 0);
}

function checkPieceLength(pieceLength: number): void {
  if (!Number.isSafeInteger(pieceLength) || pieceLength <= 0 || pieceLength % BLOCK_LENGTH !== 0 || pieceLength > MAX_PIECE_LENGTH) {
    fail('BAD_OPTION', `piece length ${pieceLength} is not a multiple of ${BLOCK_LENGTH} between ${BLOCK_LENGTH} and ${MAX_PIECE_LENGTH}`);
  }
}

/** Hashes the concatenation of `files` piece by piece; returns the 20-byte hashes back to back. */
async function hashPieces(
  files: readonly SourceFile[],
  pieceLength: number,
  total: number,
  onProgress: CreateTorrentOptions['onProgress'],
): Promise<Buffer> {
  const pieceCount = Math.ceil(total / pieceLength);
  const hashes = Buffer.alloc(pieceCount * 20);
  const chunkLength = Math.min(Math.max(1, Math.floor(CHUNK_LENGTH / pieceLength)) * pieceLength, pieceCount * pieceLength);
  let piece = 0;
  let hashed = 0;
  const hashChunk = (chunk: Buffer, length: number): void => {
    for (let at = 0; at < length; at += pieceLength) {
      createHash('sha1').update(chunk.subarray(at, Math.min(at + pieceLength, length))).digest().copy(hashes, piece++ * 20);
    }
    hashed += length;
    onProgress?.(hashed, total);
  };

  // Two buffers: one being filled from disk while the other is hashed.
  const buffers = [Buffer.allocUnsafe(chunkLength), Buffer.allocUnsafe(chunkLength)];
  let current = 0;
  let filled = 0;
  let pendingHash: (() => void) | undefined;
  for (const file of files) {
    if (file.length === 0) continue;
    const handle = await open(file.absolutePath, 'r');
    try {
      let position = 0;
      while (position < file.length) {
        const buffer = buffers[current]!;
        const want = Math.min(chunkLength - filled, file.length - position);
        const read = handle.read(buffer, filled, want, position);
        // Hash the previous chunk while this read is under way.
        pendingHash?.();
        pendingHash = undefined;
        const { bytesRead } = await read;
        if (bytesRead === 0) fail('FILE_CHANGED', `${file.absolutePath} became shorter than ${file.length} bytes while being hashed`);
        filled += bytesRead;
        position += bytesRead;
        if (filled === chunkLength) {
          const full = buffer;
          pendingHash = () => hashChunk(full, chunkLength);
          current ^= 1;
          filled = 0;
        }
      }
      const { size } = await handle.stat();
      if (size !== file.length) fail('FILE_CHANGED', `${file.absolutePath} changed size (${file.length} -> ${size}) while being hashed`);
    } finally {
      await handle.close();
    }
  }
  pendingHash?.();
  if (filled > 0) hashChunk(buffers[current]!, filled);
  if (piece !== pieceCount) fail('FILE_CHANGED', `hashed ${piece} pieces, expected ${pieceCount}`);
  return hashes;
}

/**
 * Creates a v1 .torrent from a file or a folder (all files below it, sorted by
 * path, zero-length ones included). Throws MetainfoError: EMPTY_TORRENT when
 * there is no byte to share, BAD_OPTION for bad options, UNSAFE_PATH for a
 * file name that cannot go into a torrent, FILE_CHANGED when a file changes
 * size while it is read; and the file system's errors (ENOENT...) as they are.
 */
export async function createTorrent(path: string, options: CreateTorrentOptions = {}): Promise<CreatedTorrent> {
  const root = resolve(path);
  const rootStat = await stat(root);
  const name = options.name ?? basename(root);
  checkSegment(name, 'the torrent name');

  const files: SourceFile[] = [];
  let multiFile: boolean;
  if (rootStat.isDirectory()) {
    multiFile = true;
    await walk(root, [], files);
  } else if (rootStat.isFile()) {
    multiFile = false;
    files.push({ absolutePath: root, segments: [], length: rootStat.size });
  } else {
    fail('BAD_OPTION', `${root} is neither a file nor a folder`);
  }
  for (const file of files) for (const segment of file.segments) checkSegment(segment, `the file ${file.absolutePath}`);
  checkDistinct(files.map((f) => f.segments));

  const total = files.reduce((sum, f) => sum + f.length, 0);
  if (total === 0) fail('EMPTY_TORRENT', `${root} holds no data (${files.length} files, 0 bytes)`);
  if (total > MAX_TOTAL_LENGTH) fail('BAD_LENGTH', `${root} holds ${total} bytes, more than ${MAX_TOTAL_LENGTH}`);
  const pieceLength = options.pieceLength ?? choosePieceLength(total);
  checkPieceLength(pieceLength);
  const tiers = trackerTiers(options.announce);
  const urlList = (options.urlList ?? []).map((url) => url.trim()).filter((url) => url !== '');

  const pieces = await hashPieces(files, pieceLength, total, options.onProgress);
  const info = {
    ...(multiFile
      ? { files: files.map((f) => ({ length: f.length, path: [...f.segments] })) }
      : { length: total }),
    name,
    'piece length': pieceLength,
    pieces,
    ...(options.private === true && { private: 1 }),
    ...(options.source !== undefined && { source: options.source }),
  };
  const creationDate = options.creationDate === undefined ? Math.floor(Date.now() / 1000) : options.creationDate;
  const torrent = encodeTorrent({
    infoBuffer: bencode(info),
    announce: tiers,
    urlList,
    ...(options.comment !== undefined && { comment: options.comment }),
    createdBy: options.createdBy ?? 'swarmhook',
    ...(creationDate !== null && { creationDate }),
  });
  try {
    return { torrent, metainfo: parseTorrent(torrent) };
  } catch (err) {
    // What we wrote must parse; if not, that is our bug, said plainly.
    if (err instanceof MetainfoError) throw new MetainfoError(err.code, `created torrent does not parse: ${err.message}`, { cause: err });
    throw err;
  }
}
