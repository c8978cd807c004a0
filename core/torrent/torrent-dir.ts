// The folder a torrent's files are in (the `dir` it was added with), read
// back from its files: a file's absolute path less its torrent-relative path.
import { sep } from 'node:path';
import type { TorrentFile } from '../types.ts';

export function torrentDir(torrent: { readonly files: readonly TorrentFile[] }): string | undefined {
  const file = torrent.files[0];
  if (file === undefined) return undefined;
  const relative = file.path.split('/').join(sep);
  return file.absolutePath.slice(0, file.absolutePath.length - relative.length - 1);
}
