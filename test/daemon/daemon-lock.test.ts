// One daemon per state folder: a second one is refused with DAEMON_LOCKED; a
// lock left by a killed daemon is taken over.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { startDaemon } from '../../core/cli/daemon.ts';
import { LOCK_FILE, lockStateFolder } from '../../core/cli/daemon-lock.ts';
import { startDaemonProcess, writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { freePort } from '../helpers/interop-swarm.ts';
import { tempDir } from '../helpers/payload.ts';

test('a second lock on a folder is refused, naming the owner; released, it can be taken again', async (t) => {
  const dir = await tempDir(t);
  const lock = await lockStateFolder(dir);
  t.is((await readFile(join(dir, LOCK_FILE), 'utf8')).trim(), String(process.pid));
  const second = await t.throwsAsync(lockStateFolder(dir), { code: 'DAEMON_LOCKED' });
  t.regex(second!.message, new RegExp(`pid ${process.pid}`));
  await lock.release();
  await (await lockStateFolder(dir)).release();
});

test('a stale lock (its pid no longer runs) or an empty one is taken over', async (t) => {
  const dir = await tempDir(t);
  // A pid that surely ran and ended: a child that has exited.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  await writeFile(join(dir, LOCK_FILE), `${dead}\n`);
  const lock = await lockStateFolder(dir);
  t.is((await readFile(join(dir, LOCK_FILE), 'utf8')).trim(), String(process.pid));
  await lock.release();
  await writeFile(join(dir, LOCK_FILE), '');
  await (await lockStateFolder(dir)).release();
  t.pass();
});

test('a second daemon on the same state folder is refused with DAEMON_LOCKED; after a kill -9 of the first, a new one starts', async (t) => {
  t.timeout(90_000);
  const state = await tempDir(t, 'swarmhook-daemon-state-');
  const root = await tempDir(t, 'swarmhook-daemon-root-');
  const config = await writeDaemonConfig(await tempDir(t), { rpcPort: await freePort(), root });
  const first = await startDaemonProcess(t, ['--state', state, '--config', config]);
  await t.throwsAsync(startDaemon({ state, config, logLevel: 'off' }), { code: 'DAEMON_LOCKED' });
  process.kill(first.process.pid!, 'SIGKILL');
  await first.process.waitForExit('the killed daemon to go', 10_000);
  const second = await startDaemon({ state, config: await writeDaemonConfig(await tempDir(t), { rpcPort: await freePort(), root }), logLevel: 'off' });
  t.is((await readFile(join(state, LOCK_FILE), 'utf8')).trim(), String(process.pid), 'the stale lock was taken over');
  await second.stop();
});
