// A directory where a config file should be (`.btrc/`, `--config DIR`) is a
// coded error naming the path, not a silently ignored configuration.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { ConfigError, loadConfig } from '../../core/index.ts';

const run = promisify(execFile);
const BT = new URL('../../bin/bt.js', import.meta.url).pathname;

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-config-dir-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('--config naming a directory: CONFIG_NOT_A_FILE naming it', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, '.btrc'));
  const err = await t.throwsAsync(loadConfig({ cwd: dir, file: '.btrc' }), { instanceOf: ConfigError });
  t.is(err?.code, 'CONFIG_NOT_A_FILE');
  t.is(err?.file, join(dir, '.btrc'));
  t.is(err?.message, `config file ${join(dir, '.btrc')} is a directory, not a file`);
});

test('a .btrc directory met by the search: CONFIG_NOT_A_FILE naming it, also from a subfolder', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, '.btrc'));
  mkdirSync(join(dir, 'sub'));
  for (const cwd of [dir, join(dir, 'sub')]) {
    const err = await t.throwsAsync(loadConfig({ cwd, stopDir: dir }), { instanceOf: ConfigError });
    t.is(err?.code, 'CONFIG_NOT_A_FILE');
    t.is(err?.file, join(dir, '.btrc'));
    t.regex(err?.message ?? '', /\.btrc is a directory, not a config file/);
  }
});

test('a config file in a nearer folder is used; the directory further up is never reached', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, '.btrc.json'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', '.btrc.json'), '{"peerIdPrefix":"-XX0001-"}');
  const loaded = await loadConfig({ cwd: join(dir, 'sub'), stopDir: dir });
  t.is(loaded?.filepath, join(dir, 'sub', '.btrc.json'));
});

test('bt prints the coded error for --config DIR and exits 1', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'conf'));
  const err = await t.throwsAsync<Error & { code: number; stderr: string }>(
    run(process.execPath, [BT, 'seed', 'x.torrent', dir, '--config', 'conf'], { cwd: dir, timeout: 30_000 }),
  );
  t.is(err?.code, 1);
  t.is(err?.stderr, `bt seed: [CONFIG_NOT_A_FILE] config file ${join(dir, 'conf')} is a directory, not a file\n`);
});
