// Resume data: what a torrent knew about its files when it last saved, so that
// a restart trusts the files nobody touched since instead of hashing them all
// again. The file format (bencoded, versioned), its strict decoding, and the
// atomic write (temporary file, fsync, rename, folder sync).
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bdecode, bencode, isBencodeDict, isBencodeList, type BencodeValue } from '../bencode/index.ts';
import { CodedError } from '../errors.ts';
import { syncFolder } from './sync.ts';

/** Bumped whenever the format changes; resume data of another version is not trusted. */
export const RESUME_FORMAT_VERSION = 1;

/** Where a file stood when resume data was saved. */
export interface FileStamp {
  /** Bytes on disk, or -1 when the file did not exist. */
  readonly size: number;
  /** Modification time in whole milliseconds since the epoch, after the last write. */
  readonly mtimeMs: number;
}

export interface ResumeData {
  /** Hex info hash, lower case. */
  readonly infoHash: string;
  /** 1 per piece verified and stored when saved. */
  readonly have: Uint8Array;
  /** One per file of the torrent, in its order. */
  readonly files: readonly FileStamp[];
  readonly paused: boolean;
  /** Payload bytes sent and received while the torrent ran before the save. */
  readonly uploaded: number;
  readonly downloaded: number;
}

export type ResumeDataErrorCode = 'RESUME_DATA_CORRUPT' | 'RESUME_DATA_VERSION' | 'RESUME_DATA_MISMATCH';

/** Resume data that cannot be trusted: it is ignored and every piece is checked. */
export class ResumeDataError extends CodedError<ResumeDataErrorCode> {}

/**
 * The resume file of a torrent: in `stateDir` when one is set, as
 * `<infohash>.swarmhook-resume`; else hidden beside the download in its
 * folder, as `.<name>.<first 8 of infohash>.swarmhook-resume`, so that it
 * travels with the data it describes.
 */
export function resumeFilePath(torrent: { dir: string; name: string; infoHash: string; stateDir?: string | undefined }): string {
  const hash = torrent.infoHash.toLowerCase();
  if (torrent.stateDir !== undefined) return join(torrent.stateDir, `${hash}.swarmhook-resume`);
  // The name comes from the .torrent: only its safe characters, and not too many, make the file name.
  const name = torrent.name.replace(/[^\w.-]+/g, '_').slice(0, 64);
  return join(torrent.dir, `.${name}.${hash.slice(0, 8)}.swarmhook-resume`);
}

/** Resume data is small (a bit per piece, two numbers per file); anything past this is not ours. */
const MAX_RESUME_BYTES = 64 * 1024 * 1024;

/** Bencodes resume data: a dictionary with a version, packed bitfield and per-file [size, mtime]. */
export function encodeResumeData(data: ResumeData): Buffer {
  const bits = Buffer.alloc(Math.ceil(data.have.length / 8));
  for (let i = 0; i < data.have.length; i++) if (data.have[i] === 1) bits[i >> 3] |= 0x80 >> (i & 7);
  return bencode({
    version: RESUME_FORMAT_VERSION,
    'info-hash': Buffer.from(data.infoHash, 'hex'),
    pieces: data.have.length,
    bitfield: bits,
    files: data.files.map((f) => [f.size, f.mtimeMs]),
    paused: data.paused ? 1 : 0,
    uploaded: data.uploaded,
    downloaded: data.downloaded,
  });
}

/**
 * Decodes resume data strictly, for the torrent `infoHash` of `pieceCount`
 * pieces and `fileCount` files. Throws ResumeDataError for anything short of
 * a complete record of this version for this torrent.
 */
export function decodeResumeData(bytes: Uint8Array, expected: { infoHash: string; pieceCount: number; fileCount: number }): ResumeData {
  let root: BencodeValue;
  try {
    root = bdecode(bytes, { maxInputLength: MAX_RESUME_BYTES, maxTokens: 10_000_000 }).value;
  } catch (err) {
    throw new ResumeDataError('RESUME_DATA_CORRUPT', `resume data does not decode: ${(err as Error).message}`, { cause: err });
  }
  if (!isBencodeDict(root)) throw corrupt('it is not a dictionary');
  const version = integer(root.version, 'version');
  if (version !== RESUME_FORMAT_VERSION) {
    throw new ResumeDataError('RESUME_DATA_VERSION', `resume data is of format version ${version}, not ${RESUME_FORMAT_VERSION}`);
  }
  const hash = root['info-hash'];
  if (!Buffer.isBuffer(hash) || hash.length !== 20) throw corrupt('its info-hash is not 20 bytes');
  if (hash.toString('hex') !== expected.infoHash.toLowerCase()) {
    throw new ResumeDataError('RESUME_DATA_MISMATCH', `resume data is of torrent ${hash.toString('hex')}, not ${expected.infoHash}`);
  }
  const pieces = integer(root.pieces, 'pieces');
  const bits = root.bitfield;
  if (pieces !== expected.pieceCount) throw mismatch(`${pieces} pieces, not ${expected.pieceCount}`);
  if (!Buffer.isBuffer(bits) || bits.length !== Math.ceil(pieces / 8)) throw corrupt('its bitfield has the wrong length');
  const have = new Uint8Array(pieces);
  for (let i = 0; i < pieces; i++) have[i] = (bits[i >> 3] >> (7 - (i & 7))) & 1;
  // Spare bits past the last piece are zero in what we write: anything else is not ours.
  if (pieces % 8 !== 0 && (bits[bits.length - 1] & (0xff >> pieces % 8)) !== 0) throw corrupt('its bitfield has spare bits set');
  const files = root.files;
  if (!isBencodeList(files)) throw corrupt('its files are not a list');
  if (files.length !== expected.fileCount) throw mismatch(`${files.length} files, not ${expected.fileCount}`);
  const stamps = files.map((f, i): FileStamp => {
    if (!isBencodeList(f) || f.length !== 2) throw corrupt(`file ${i} is not [size, mtime]`);
    const size = integer(f[0], `file ${i} size`, -1);
    return { size, mtimeMs: integer(f[1], `file ${i} mtime`) };
  });
  const paused = integer(root.paused, 'paused');
  if (paused > 1) throw corrupt('paused is neither 0 nor 1');
  return {
    infoHash: expected.infoHash,
    have,
    files: stamps,
    paused: paused === 1,
    uploaded: integer(root.uploaded, 'uploaded'),
    downloaded: integer(root.downloaded, 'downloaded'),
  };
}

function integer(value: BencodeValue | undefined, what: string, min = 0): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw corrupt(`${what} is not an integer of at least ${min}`);
  return n;
}

const corrupt = (why: string): ResumeDataError => new ResumeDataError('RESUME_DATA_CORRUPT', `resume data is corrupt: ${why}`);
const mismatch = (why: string): ResumeDataError => new ResumeDataError('RESUME_DATA_MISMATCH', `resume data does not fit the torrent: ${why}`);

/** Where a file stands now: its size and whole-millisecond mtime; size -1 when it is missing or not a file. */
export async function stampFile(path: string): Promise<FileStamp> {
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) return { size: -1, mtimeMs: 0 };
  return { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
}

/**
 * Writes `bytes` to `path` atomically: a temporary file beside it is written
 * and synced, then renamed over it, so a crash leaves the old file or the new
 * one, never half of one. The temporary file is removed on failure.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw err;
  }
  // The rename is durable once the folder is synced (one sync for the renames that finished before it starts).
  await syncFolder(dirname(path));
}
