// One daemon per state folder: `daemon.lock` holds the owner's pid. It is
// created with O_EXCL, so two daemons starting together cannot both win. A
// lock whose pid no longer runs (the owner was killed) is stale: it is taken
// over. A lock of a running process refuses with DAEMON_LOCKED.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../errors.ts';

export type DaemonErrorCode = 'DAEMON_LOCKED' | 'DAEMON_BAD_STATE';

export class DaemonError extends CodedError<DaemonErrorCode> {}

export const LOCK_FILE = 'daemon.lock';

export interface StateLock {
  readonly path: string;
  /** Removes the lock (only if it is still ours). */
  release(): Promise<void>;
}

/** Is a process with this pid running (as far as this user can tell)? */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function ownerOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Takes the state folder's lock, or throws DaemonError DAEMON_LOCKED naming the running owner. */
export async function lockStateFolder(dir: string): Promise<StateLock> {
  const path = join(dir, LOCK_FILE);
  // Twice at most: once, and once more after clearing a stale lock (losing that race to another daemon is a refusal).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(path)) {
      return {
        path,
        release: async () => {
          if ((await ownerOf(path)) === process.pid) await rm(path, { force: true });
        },
      };
    }
    const owner = await ownerOf(path);
    // A lock file without a pid is one whose owner died while writing it.
    // Our own pid: another daemon in this very process holds it.
    if (owner !== undefined && (owner === process.pid || isRunning(owner))) {
      throw new DaemonError('DAEMON_LOCKED', `the state folder ${dir} is in use by another bt daemon (pid ${owner}); stop it first, or give another --state`);
    }
    await rm(path, { force: true });
  }
  throw new DaemonError('DAEMON_LOCKED', `the state folder ${dir} was locked by another bt daemon starting at the same time`);
}
