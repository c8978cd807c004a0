// `bt --version`, `--help` on every command, `bt completion`: child processes, as a user runs them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const bt = (...args: string[]) => run(process.execPath, [BT, ...args], { timeout: 30_000 });
const COMMANDS = ['info', 'create', 'download', 'seed', 'verify', 'daemon', 'demo', 'completion'];

test('bt --version prints the version of package.json', async (t) => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  t.is((await bt('--version')).stdout, `${version}\n`);
  t.is((await bt('-V')).stdout, `${version}\n`);
});

test('--help on every command prints its usage and exits 0 without running it (the demo does not start)', async (t) => {
  const { stdout: top } = await bt('--help');
  t.deepEqual([...top.matchAll(/^ {2}bt (\S+)/gm)].map((m) => m[1]), COMMANDS);
  for (const command of COMMANDS) {
    const { stdout, stderr } = await bt(command, '--help');
    t.regex(stdout, new RegExp(`^usage: bt ${command}`), command);
    t.is(stderr, '', command);
  }
  const demo = await bt('demo', '-h');
  t.notRegex(demo.stdout, /swarmhook demo:|done in/);
  t.is((await bt('help', 'seed')).stdout.split('\n')[0], 'usage: bt seed <file.torrent> <dir> [options]');
});

test('an argument the demo does not take is refused, not ignored', async (t) => {
  const error = await t.throwsAsync(bt('demo', '--fast'));
  t.is((error as { code?: number }).code, 1);
  t.regex((error as { stderr?: string }).stderr ?? '', /^usage: bt demo/);
});

test('bt completion bash|zsh prints a script with the commands and each command\'s flags', async (t) => {
  const { stdout: bash } = await bt('completion', 'bash');
  t.regex(bash, /complete .*-F _bt bt$/m);
  t.regex(bash, /compgen -W "info create download seed verify daemon demo completion help --help --version"/);
  t.regex(bash, /^ {4}download\) opts="[^"]*--select[^"]*--seed-ratio[^"]*--max-peers[^"]*--json[^"]*"/m);
  t.regex(bash, /^ {4}verify\) opts="--select --json --help" ;;$/m);
  // The bash script parses.
  await t.notThrowsAsync(run('bash', ['-n', '-c', bash]));
  const { stdout: zsh } = await bt('completion', 'zsh');
  t.regex(zsh, /^#compdef bt$/m);
  t.regex(zsh, /'verify:recheck the data/);
  t.regex(zsh, /^ {4}seed\) opts=\([^)]*--seed-time[^)]*\) ;;$/m);
  const error = await t.throwsAsync(bt('completion', 'fish'));
  t.is((error as { code?: number }).code, 1);
});
