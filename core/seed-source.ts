// What client.seed() turns into a torrent: a file or folder on disk, or
// buffers an application holds, written under the download folder first
// (their paths checked as a .torrent's are). Then the torrent is created
// from the files (core/metainfo createTorrent) and seeded where they are.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkDistinct, checkSegment } from './metainfo/paths.ts';
import { createTorrent, type CreatedTorrent, type CreateTorrentOptions } from './metainfo/index.ts';

/** Bytes to seed as one file of the torrent; `path` is '/'-separated, below the torrent's name. */
export interface SeedBuffer {
  readonly path: string;
  readonly data: Uint8Array;
}

/** A file or folder to seed, or buffers to seed (written to disk first). */
export type SeedSource = string | readonly SeedBuffer[];

export interface PreparedSeed extends CreatedTorrent {
  /** The folder the torrent's data lies in (its download folder). */
  readonly dir: string;
}

/**
 * Creates the torrent of `source`. Buffers go to `dir`/name: one buffer is a
 * single-file torrent named after it (unless `name` is given), several are a
 * folder named `name` (then required).
 */
export async function prepareSeed(source: SeedSource, dir: string, options: CreateTorrentOptions): Promise<PreparedSeed> {
  if (typeof source === 'string') {
    const path = resolve(source);
    return { ...(await createTorrent(path, options)), dir: dirname(path) };
  }
  if (source.length === 0) throw new RangeError('seed() needs at least one buffer');
  const segments = source.map((b, i) => {
    const parts = b.path.split('/');
    for (const s of parts) checkSegment(s, `seed buffer ${i} (path "${b.path}")`);
    return parts;
  });
  checkDistinct(segments);
  const single = source.length === 1 && segments[0]!.length === 1;
  const name = options.name ?? (single ? basename(source[0]!.path) : undefined);
  if (name === undefined) throw new RangeError('seed() of several buffers needs options.name, the folder they are in');
  checkSegment(name, 'the torrent name');
  const root = join(dir, name);
  for (const [i, b] of source.entries()) {
    const path = single ? root : join(root, ...segments[i]!);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, b.data);
  }
  return { ...(await createTorrent(root, { ...options, name })), dir };
}
