// One file of a torrent on disk, and how it is opened. Opening for writing
// creates the file's folders and the file itself, sized sparsely to its
// length; nothing is ever truncated below the torrent's length. The handle
// pool decides when to open and close and fires the events.
import { constants, promises as fsp, type Stats } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import type { TorrentFile } from '../types.ts';
import { StorageError, systemCode } from './errors.ts';
import { closeFd, openFd, statFd, statPath, truncateFd } from './fd-io.ts';
import type { LayoutFile } from './layout.ts';

export type FileAccess = 'read' | 'write';

/** As in file_open: read-only, read-write of an existing file, or a file just created. */
export type OpenMode = 'r' | 'r+' | 'w+';

export interface OpenedFile {
  /** The open descriptor: its opener closes it. */
  readonly fd: number;
  readonly mode: OpenMode;
}

export class StorageFile implements TorrentFile {
  /** Position in the torrent's file list. */
  readonly index: number;
  readonly path: string;
  readonly absolutePath: string;
  readonly length: number;
  readonly offset: number;
  /** BEP 47 padding file: all zeros, never opened, read or written. */
  readonly padding: boolean;

  constructor(file: LayoutFile, dir: string) {
    this.index = file.index;
    this.padding = file.padding;
    this.path = file.path;
    this.length = file.length;
    this.offset = file.offset;
    this.absolutePath = safeJoin(dir, file.path);
  }

  /** Opens for reading ('r') or for writing ('r+', or 'w+' when it had to be created). */
  async open(access: FileAccess): Promise<OpenedFile> {
    if (access === 'read') {
      // Not blocking: a pipe where the file should be would hold the opening thread until a writer came.
      const fd = await this.#attempt('open', () => openFd(this.absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)));
      return { fd, mode: 'r' };
    }
    let mode: OpenMode = 'r+';
    let fd: number;
    try {
      fd = await openFd(this.absolutePath, 'r+');
    } catch (err) {
      if (systemCode(err) !== 'ENOENT') throw StorageError.fromSystem(err, this, 'open');
      mode = 'w+';
      fd = await this.#attempt('create', async () => {
        await makeFolders(dirname(this.absolutePath));
        // No O_TRUNC: if another writer created it meanwhile, its bytes stay.
        return openFd(this.absolutePath, constants.O_RDWR | constants.O_CREAT, 0o666);
      });
    }
    try {
      const stats = await this.#attempt('stat', () => statFd(fd));
      await this.#fitSize(fd, stats);
    } catch (err) {
      await closeFd(fd).catch(() => {});
      throw err;
    }
    return { fd, mode };
  }

  /** Creates the file if it is missing (for zero-length files), without touching an existing one. */
  async create(): Promise<boolean> {
    const existing = await this.stat();
    if (existing !== undefined) {
      if (existing.isDirectory()) throw StorageError.fromSystem(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), this, 'create');
      return false;
    }
    const { fd } = await this.open('write');
    await this.#attempt('close', () => closeFd(fd));
    return true;
  }

  /** The file's stats (following links), or undefined when it does not exist. */
  async stat(): Promise<Stats | undefined> {
    try {
      return await statPath(this.absolutePath);
    } catch (err) {
      const code = systemCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw StorageError.fromSystem(err, this, 'stat');
    }
  }

  /**
   * A regular file gets exactly the torrent's length: a new or short one is
   * extended sparsely, a longer one loses only bytes that belong to no piece.
   * Devices (a disk, /dev/full) have no size to fit.
   */
  async #fitSize(fd: number, stats: Stats): Promise<void> {
    if (stats.isDirectory()) {
      throw StorageError.fromSystem(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), this, 'open');
    }
    if (stats.isFile() && stats.size !== this.length) await this.#attempt('resize', () => truncateFd(fd, this.length));
  }

  async #attempt<T>(operation: 'open' | 'create' | 'stat' | 'resize' | 'close', fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw StorageError.fromSystem(err, this, operation);
    }
  }
}

/**
 * Creates `dir` and its missing parents, one mkdir each. Not
 * fs.mkdir({ recursive: true }): when a folder cannot be made for any reason
 * but a missing parent (EROFS, EIO...), Node stats the path and reports that
 * stat's ENOENT, so a read-only disk read as "file missing". One folder at a
 * time, the error is the one the system gave.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      await fsp.stat(at);
      break;
    } catch (err) {
      // ENOTDIR: a file is in the way; the mkdir below it says so.
      if (systemCode(err) !== 'ENOENT') break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      await fsp.mkdir(folder);
    } catch (err) {
      // Another writer made it meanwhile; a file of that name fails the open (ENOTDIR) instead.
      if (systemCode(err) !== 'EEXIST') throw err;
    }
  }
}

/** Joins a torrent's '/'-separated relative path to the target folder, refusing any way out of it. */
export function safeJoin(dir: string, path: string): string {
  const parts = path.split('/');
  const bad = (p: string): boolean => p === '' || p === '.' || p === '..' || p.includes('\0') || (sep === '\\' && p.includes('\\'));
  if (isAbsolute(path) || parts.some(bad)) {
    throw new StorageError('UNSAFE_PATH', `file path ${JSON.stringify(path)} is not a safe relative path`);
  }
  const root = resolvedFolder(dir);
  // Plain names (no '', '.', '..' or separator: checked above) joined under a resolved folder stay in it and need no resolving.
  return (root.endsWith(sep) ? root : root + sep) + parts.join(sep);
}

/**
 * path.resolve of the last folder asked for: the torrents of a client mostly
 * share one, and resolving it for each of a thousand torrents' files cost
 * 20-30 ms of adding them (bench/scale.ts). Relative folders are resolved
 * each time: the working directory may change.
 */
let lastFolder: { readonly dir: string; readonly root: string } | undefined;
function resolvedFolder(dir: string): string {
  if (!isAbsolute(dir)) return resolve(dir);
  if (lastFolder?.dir !== dir) lastFolder = { dir, root: resolve(dir) };
  return lastFolder.root;
}
