// The README's plugin author's guide stays true to the code: its code blocks
// are copies of files CI type-checks and runs, its option tables are
// generated from the schemas, and its lists (search places, bt commands,
// examples, error messages) are checked against what the code does.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { BUILTIN_PLUGINS, createClient, OPT_IN_BUILTIN_PLUGINS } from '../../core/index.ts';
import { SEARCH_PLACES } from '../../core/config.ts';
import { flagsOf } from '../../core/cli/commands.ts';
import { markers, withCode } from '../../scripts/readme-code.ts';
import { tableNames, withSchemaTables } from '../../scripts/schema-tables.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('code blocks equal the files they come from (run: node --import=tsx scripts/readme-code.ts --write)', (t) => {
  t.is(README, withCode(README));
  const shown = markers(README);
  t.deepEqual(shown[0], ['examples/first-plugin.ts', undefined], 'the ten-line plugin is examples/first-plugin.ts, whole');
  const regions = [...readFileSync(join(ROOT, 'examples/policy-hooks.ts'), 'utf8').matchAll(/\/\/ #region (\S+)/g)].map((m) => m[1]);
  t.deepEqual(
    shown.filter(([path]) => path === 'examples/policy-hooks.ts').map(([, region]) => region),
    regions,
    'every region of examples/policy-hooks.ts is shown, in order',
  );
  t.deepEqual(regions, ['allow_connection', 'ban_peer', 'parole_peer', 'choose_trackers', 'tracker_retry', 'choose_unchoke', 'announce_params', 'stages']);
});

test('the tables of .btrc keys and built-in options are generated from config-schema/ (run: node --import=tsx scripts/schema-tables.ts --write)', (t) => {
  t.is(README, withSchemaTables(README));
  t.deepEqual(tableNames(README), ['btrc', ...BUILTIN_PLUGINS, ...OPT_IN_BUILTIN_PLUGINS]);
});

test('the Install section has the commands to run and to test', (t) => {
  t.true(README.includes('npm install && npm start'));
  t.true(README.includes('npm install && npm test'));
});

test('the search places are listed as the code searches them, in order', (t) => {
  const listed = SEARCH_PLACES.map((p) => (p === 'package.json' ? '`package.json` (its `"bt"` key)' : p === '.btrc' ? '`.btrc` (JSON or YAML)' : `\`${p}\``));
  t.true(README.includes(`<!-- search-places -->${listed.join(', ')}.\n`));
});

test('every bt command is documented, and only those', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/bt.js'), '--help'], { timeout: 30_000 });
  const commands = [...stdout.matchAll(/^ {2}bt (\S+)/gm)].map((m) => m[1]);
  t.deepEqual(commands, ['info', 'create', 'download', 'seed', 'verify', 'daemon', 'demo', 'completion']);
  const documented = [...README.matchAll(/^\| `bt ([a-z]+)/gm)].map((m) => m[1]);
  t.deepEqual(documented, commands);
});

test('every flag of bt download, seed and verify is in the README', async (t) => {
  const section = README.slice(README.indexOf('## Use the CLI'), README.indexOf('## Write a plugin'));
  for (const command of ['download', 'seed', 'verify'] as const) {
    const { USAGE } = (await import(`../../core/cli/${command}.ts`)) as { USAGE: string };
    for (const flag of flagsOf(USAGE)) t.true(section.includes(`\`${flag}`), `bt ${command} ${flag}`);
  }
});

test('the example table lists every example file', async (t) => {
  const files = (await readdir(join(ROOT, 'examples'))).filter((f) => f.endsWith('.ts') && f !== 'local-swarm.ts' && f !== 'make-sample.ts');
  const listed = [...README.matchAll(/^\| `([\w-]+\.ts)` \|/gm)].map((m) => m[1]);
  t.deepEqual([...listed].sort(), files.sort());
});

test('the error messages shown are the ones the code gives (the folder shown as /home/me)', async (t) => {
  const block = README.slice(README.indexOf('```text\n[CONFIG_INVALID]'));
  const shown = block.slice('```text\n'.length, block.indexOf('```', 3)).trim().split('\n');
  const configs = [
    { listen: { port: 6881 } },
    { plugins: [['peer-ban', { maxHashFails: 0 }]] },
    { plugins: ['./my-plugin'] },
    { plugins: ['loger'] },
    { plugins: [['ip-filter', { rules: ['10.0.0.300'] }]] },
  ];
  t.is(shown.length, configs.length);
  for (const [i, config] of configs.entries()) {
    const dir = await mkdtemp(join(tmpdir(), 'swarmhook-readme-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'package.json'), '{}');
    await writeFile(join(dir, '.btrc.json'), JSON.stringify(config));
    const err = await t.throwsAsync<Error & { code: string }>(createClient({ cwd: dir }));
    const actual = `[${err!.code}] ${err!.message}`.replaceAll(dir, '/home/me');
    const expected = shown[i]!;
    if (expected.endsWith(', ...')) t.true(actual.startsWith(expected.slice(0, -', ...'.length)), `${actual}\n!=\n${expected}`);
    else t.is(actual, expected);
  }
});
