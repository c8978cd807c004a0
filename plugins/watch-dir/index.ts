// Built-in plugin "watch-dir": adds each .torrent dropped into a folder, as
// Transmission's watch-dir and Deluge's AutoAdd do, then renames it
// (name.torrent.added) or moves it (moveTo), and fires watch_dir_added. A
// file that cannot be added (too big, not a torrent, already added, a
// download folder that fails) fires watch_dir_error once and is left where it
// is, not tried again until it changes. The folder is scanned every
// intervalMs (polling works on every file system, network ones included).
import { mkdir, readFile, rename } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import schema from '../../config-schema/watch-dir.schema.json' with { type: 'json' };
import { CodedError, definePlugin, fillDefaults } from '../../core/index.ts';
import { parseTorrent } from '../../core/metainfo/index.ts';
import type { Client, JsonSchema } from '../../core/index.ts';
import type { ResolvedWatchDirOptions, WatchDirOptions } from './generated/options.ts';
import { readyFiles, type FolderState, type ReadyFile } from './scan.ts';

export type { ResolvedWatchDirOptions, WatchDirOptions } from './generated/options.ts';

export type WatchDirErrorCode = 'WATCH_DIR_TOO_LARGE' | 'WATCH_DIR_NOT_A_TORRENT' | 'WATCH_DIR_ADD_FAILED' | 'WATCH_DIR_UNREADABLE';

export class WatchDirError extends CodedError<WatchDirErrorCode> {}

export const ADDED_SUFFIX = '.added';

export default definePlugin<WatchDirOptions>({
  name: 'watch-dir',
  schema: schema as JsonSchema,
  apply(client: Client, given) {
    const options = fillDefaults<ResolvedWatchDirOptions>(schema, given, 'watch-dir');
    const dir = resolve(options.dir);
    const downloadDir = options.downloadDir === '' ? undefined : resolve(options.downloadDir);
    const moveTo = options.moveTo === '' ? undefined : resolve(options.moveTo);
    const state: FolderState = { seen: new Map(), failed: new Map() };
    let scanning: Promise<void> | undefined;
    let stopped = false;

    const fail = (file: ReadyFile, code: string, error: Error): void => {
      state.failed.set(file.path, file.stamp);
      client.emit('watch_dir_error', { path: file.path, code, error });
    };

    async function addOne(file: ReadyFile): Promise<void> {
      if (file.size > options.maxFileBytes) {
        fail(file, 'WATCH_DIR_TOO_LARGE', new WatchDirError('WATCH_DIR_TOO_LARGE', `${file.size} bytes, over maxFileBytes (${options.maxFileBytes})`));
        return;
      }
      let meta;
      try {
        meta = parseTorrent(await readFile(file.path));
      } catch (err) {
        const e = err as Error & { code?: unknown };
        fail(file, typeof e.code === 'string' ? e.code : 'WATCH_DIR_NOT_A_TORRENT', e);
        return;
      }
      let torrent;
      try {
        torrent = await client.addTorrent(meta, { ...(downloadDir === undefined ? {} : { dir: downloadDir }), paused: options.paused });
      } catch (err) {
        const e = err as Error & { code?: unknown };
        fail(file, typeof e.code === 'string' ? e.code : 'WATCH_DIR_ADD_FAILED', e);
        return;
      }
      const target = moveTo === undefined ? `${file.path}${ADDED_SUFFIX}` : join(moveTo, basename(file.path));
      try {
        if (moveTo !== undefined) await mkdir(moveTo, { recursive: true });
        await rename(file.path, target);
      } catch (err) {
        // Added, but left in place: remembered as failed so that it is not added again at every scan.
        fail(file, 'WATCH_DIR_UNREADABLE', new WatchDirError('WATCH_DIR_UNREADABLE', `added, but could not be moved to ${target}: ${(err as Error).message}`));
        return;
      }
      client.emit('watch_dir_added', { path: target, torrent });
    }

    async function scan(): Promise<void> {
      let ready: ReadyFile[];
      try {
        ready = await readyFiles(dir, state, options.maxFiles);
      } catch (err) {
        // The folder itself is missing or unreadable: said once until it comes back.
        if (!state.failed.has(dir)) client.emit('watch_dir_error', { path: dir, code: 'WATCH_DIR_UNREADABLE', error: err as Error });
        state.failed.set(dir, 'folder');
        return;
      }
      state.failed.delete(dir);
      for (const file of ready) if (!stopped) await addOne(file);
    }

    const timer = setInterval(() => {
      // One scan at a time: a slow add (a big check) delays the next scan rather than overlapping it.
      if (scanning === undefined) scanning = scan().finally(() => (scanning = undefined));
    }, options.intervalMs);
    timer.unref();
    client.onDestroy('watch-dir', async () => {
      stopped = true;
      clearInterval(timer);
      await scanning;
    });
  },
});
