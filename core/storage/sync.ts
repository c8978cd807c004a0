// Flushing to the disk: a file's bytes, or a folder's entries (what makes a
// rename durable). Many resume files saved at once into one folder (a
// thousand torrents checked at start) need not sync it a thousand times: a
// caller joins a folder sync that has not started yet, since that sync
// covers every rename finished before it starts. A sync under way may have
// begun before the caller's rename, so the caller queues the next one.
import { open } from 'node:fs/promises';

/** Flushes a file's data to the disk (reading handle: its mtime stays as the last write left it); a missing file is skipped. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface QueuedSync {
  started: boolean;
  readonly done: Promise<void>;
}

const queued = new Map<string, QueuedSync>();

/** Syncs `folder` (best effort: not every system can open a folder) once every rename done in it before the call has finished. */
export function syncFolder(folder: string): Promise<void> {
  const last = queued.get(folder);
  if (last !== undefined && !last.started) return last.done;
  const previous = last?.done ?? Promise.resolve();
  const sync: QueuedSync = {
    started: false,
    done: previous.then(async () => {
      sync.started = true;
      await syncFile(folder).catch(() => undefined);
      if (queued.get(folder) === sync) queued.delete(folder);
    }),
  };
  queued.set(folder, sync);
  return sync.done;
}
