// Creating a file's folders fails with the system's own reason (a file in the
// way, permission denied, a read-only file system), never "file missing".
// Tests may run as root: the permission case needs a normal user, the
// read-only case a mount namespace (root); each runs where it can and says so
// where it cannot. The file-in-the-way case runs everywhere.
import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { StorageError } from '../../core/storage/errors.ts';
import { StorageFile } from '../../core/storage/file.ts';
import { tempDir } from '../helpers/payload.ts';

const run = promisify(execFile);
const IS_ROOT = process.getuid?.() === 0;
const CREATE_FILE_IN = fileURLToPath(new URL('../helpers/create-file-in.ts', import.meta.url));
const NESTED = { index: 0, path: 'made/deeper/file.bin', length: 10, offset: 0, padding: false } as const;

test('a regular file where a folder should be: NOT_A_DIRECTORY (ENOTDIR), for root too', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'made'), 'in the way');
  const err = await t.throwsAsync(new StorageFile(NESTED, dir).open('write'), { instanceOf: StorageError });
  t.is(err?.code, 'NOT_A_DIRECTORY');
  t.is(err?.errno, 'ENOTDIR');
  t.regex(err?.message ?? '', /a file is in the way of its folder \(ENOTDIR/);
});

test('a folder without write permission: ACCESS_DENIED (EACCES) naming the folder it could not make', async (t) => {
  if (IS_ROOT) {
    t.log('skipped: root may write into a 0555 folder (the read-only file system case below covers root)');
    t.pass();
    return;
  }
  const dir = await tempDir(t);
  const locked = join(dir, 'locked');
  await mkdir(locked, { mode: 0o555 });
  t.teardown(() => chmod(locked, 0o755));
  const err = await t.throwsAsync(new StorageFile(NESTED, locked).open('write'), { instanceOf: StorageError });
  t.is(err?.code, 'ACCESS_DENIED');
  t.is(err?.errno, 'EACCES');
  t.true(err?.message.includes(`mkdir ${join(locked, 'made')}`), err?.message);
});

test('a read-only file system: READ_ONLY (EROFS), not FILE_MISSING', async (t) => {
  const dir = await tempDir(t);
  const mountPoint = join(dir, 'ro');
  await mkdir(mountPoint);
  // A private mount namespace: the read-only tmpfs is seen by this child alone and vanishes with it.
  const script = `mount -t tmpfs -o ro tmpfs "$1" || exit 77; exec "$2" --import tsx "$3" "$1"`;
  let stdout: string;
  try {
    ({ stdout } = await run('unshare', ['--mount', 'sh', '-c', script, 'sh', mountPoint, process.execPath, CREATE_FILE_IN], {
      timeout: 20_000,
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    }));
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string };
    if (e.code === 'ENOENT' || e.code === 77 || (e.code === 1 && /unshare/.test(e.stderr ?? ''))) {
      t.log(`skipped: no read-only mount possible here (unshare/mount: ${e.stderr?.trim() || String(e.code)})`);
      t.pass();
      return;
    }
    throw err;
  }
  const outcome = JSON.parse(stdout) as { code?: string; errno?: string; message?: string };
  t.is(outcome.code, 'READ_ONLY', outcome.message);
  t.is(outcome.errno, 'EROFS');
  t.true(outcome.message?.includes(`mkdir ${join(mountPoint, 'made')}`), outcome.message);
});
