// One scan of the watched folder: which .torrent files are ready to add. A
// file is ready once its size and mtime are the same as at the previous scan
// (it is no longer being written), and it is not one that failed in that
// same state (a broken file is reported once, not every scan).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Size and mtime: what "the file changed" means here. */
export type Stamp = string;

export const stampOf = (s: { size: number; mtimeMs: number }): Stamp => `${s.size}:${Math.floor(s.mtimeMs)}`;

export interface FolderState {
  /** Stamps seen at the last scan, by path. */
  readonly seen: Map<string, Stamp>;
  /** Stamps of files that failed, by path: not tried again until the stamp changes. */
  readonly failed: Map<string, Stamp>;
}

export interface ReadyFile {
  readonly path: string;
  readonly size: number;
  readonly stamp: Stamp;
}

export async function readyFiles(dir: string, state: FolderState, maxFiles: number): Promise<ReadyFile[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.torrent'))
    .slice(0, maxFiles)
    .map((e) => join(dir, e.name));
  const present = new Set(names);
  // Forget files that went away, so that both maps stay as small as the folder.
  for (const map of [state.seen, state.failed]) for (const path of map.keys()) if (!present.has(path)) map.delete(path);
  const ready: ReadyFile[] = [];
  for (const path of names) {
    const s = await stat(path).catch(() => undefined);
    if (s === undefined) continue;
    const stamp = stampOf(s);
    const before = state.seen.get(path);
    state.seen.set(path, stamp);
    if (before !== stamp || state.failed.get(path) === stamp) continue;
    ready.push({ path, size: s.size, stamp });
  }
  return ready;
}
