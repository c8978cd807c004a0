// A plugin file that does not parse is reported as PLUGIN_SYNTAX naming the
// file, line and column -- also where Node itself reports "Cannot require()
// ES Module ... in a cycle" (a .ts plugin outside a "type": "module" package,
// loaded by bin/bt.js) -- and a plugin that fails for another reason keeps
// Node's own message.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { PluginLoadError } from '../../core/index.ts';
import { resolvePlugins } from '../../core/plugin-host/index.ts';

const run = promisify(execFile);
const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const BUILTINS_OFF = [
  ['logger', false],
  ['peer-ban', false],
  ['tracker-failover', false],
  ['ip-filter', false],
] as const;

/** A folder of CommonJS type (as a user's project without "type": "module") holding the given files. */
function project(t: ExecutionContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-plugin-syntax-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), '{}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BROKEN = 'export default {\n  name: "broken",\n  apply( {\n};\n';

test('a .ts plugin with a syntax error: PLUGIN_SYNTAX with file, line and column', async (t) => {
  const dir = project(t, { 'broken.ts': BROKEN });
  const err = await t.throwsAsync(resolvePlugins({ code: ['./broken.ts', ...BUILTINS_OFF], cwd: dir }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_SYNTAX');
  t.is(err?.plugin, './broken.ts');
  t.like(err?.syntax, { file: join(dir, 'broken.ts'), line: 4 });
  t.regex(err?.message ?? '', /plugin "\.\/broken\.ts" \(plugins\[0\] given in code\) has a syntax error at .*broken\.ts:4:\d+: /);
});

test('a syntax error in a file the plugin imports names that file', async (t) => {
  const dir = project(t, {
    'plugin.ts': 'import { label } from "./helper.ts";\nexport default { name: "p", apply() { return label; } };\n',
    'helper.ts': 'export const label = (;\n',
  });
  const err = await t.throwsAsync(resolvePlugins({ code: ['./plugin.ts', ...BUILTINS_OFF], cwd: dir }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_SYNTAX');
  t.like(err?.syntax, { file: join(dir, 'helper.ts'), line: 1 });
});

test('a plugin that parses but throws while loading stays PLUGIN_INVALID with its own message', async (t) => {
  const dir = project(t, { 'throws.ts': 'throw new Error("no config for me");\nexport default { name: "x", apply() {} };\n' });
  const err = await t.throwsAsync(resolvePlugins({ code: ['./throws.ts', ...BUILTINS_OFF], cwd: dir }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_INVALID');
  t.regex(err?.message ?? '', /no config for me/);
});

test('a plugin importing a file that does not exist is PLUGIN_INVALID naming it, not a syntax error', async (t) => {
  const dir = project(t, { 'lost.ts': 'import "./gone.ts";\nexport default { name: "lost", apply() {} };\n' });
  const err = await t.throwsAsync(resolvePlugins({ code: ['./lost.ts', ...BUILTINS_OFF], cwd: dir }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_INVALID');
  t.regex(err?.message ?? '', /gone\.ts/);
});

test('bt reports the syntax error of a .btrc plugin, not a require() cycle', async (t) => {
  const dir = project(t, { 'broken.ts': BROKEN, '.btrc.json': JSON.stringify({ plugins: ['./broken.ts'] }) });
  const err = await t.throwsAsync<Error & { code: number; stderr: string }>(
    run(process.execPath, [BT, 'seed', 'x.torrent', dir], { cwd: dir, timeout: 30_000 }),
  );
  t.is(err?.code, 1);
  t.regex(err?.stderr ?? '', /^bt seed: \[PLUGIN_SYNTAX\] plugin "\.\/broken\.ts" \(plugins\[0\] in .*\.btrc\.json\) has a syntax error at .*broken\.ts:4:\d+: /m);
  t.notRegex(err?.stderr ?? '', /cycle/);
});

test('bt reports what a CommonJS .ts plugin throws while loading, not a require() cycle', async (t) => {
  const dir = project(t, {
    'throws.ts': 'throw new Error("no config for me");\nexport default { name: "x", apply() {} };\n',
    '.btrc.json': JSON.stringify({ plugins: ['./throws.ts'] }),
  });
  const err = await t.throwsAsync<Error & { code: number; stderr: string }>(
    run(process.execPath, [BT, 'seed', 'x.torrent', dir], { cwd: dir, timeout: 30_000 }),
  );
  t.is(err?.code, 1);
  t.regex(err?.stderr ?? '', /^bt seed: \[PLUGIN_INVALID\] plugin "\.\/throws\.ts" .* failed to load from .*throws\.ts: no config for me$/m);
  t.notRegex(err?.stderr ?? '', /cycle/);
});
