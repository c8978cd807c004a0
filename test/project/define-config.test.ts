// defineConfig(): the identity at run time, a check at compile time. The
// compile-time cases live in define-config.types.ts (tsc --noEmit checks them
// with the rest); here that file is also type-checked on its own, so that
// `ava` alone catches a directive that no longer meets its error. The option
// types it relies on are generated from the schemas: the map from built-in to
// options type must be up to date, as the per-plugin files are in
// test/client/schema-types.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import ts from 'typescript';
import { BUILTIN_PLUGINS, createClient, OPT_IN_BUILTIN_PLUGINS, defineConfig, loadConfig, PluginLoadError } from '../../core/index.ts';
import { BUILTIN_OPTIONS_OUT, builtinSources, generateBuiltinOptions } from '../../scripts/schema-types.ts';

const ROOT = new URL('../../', import.meta.url);
const TYPES_FILE = fileURLToPath(new URL('test/project/define-config.types.ts', ROOT));

test('defineConfig returns the config it is given, unchanged', (t) => {
  const config = { downloadDir: 'x', plugins: [['logger', { level: 'warn' }]] as const };
  t.is(defineConfig(config), config);
  t.deepEqual(defineConfig({}), {});
});

test(`${BUILTIN_OPTIONS_OUT} is generated from the schemas and up to date`, (t) => {
  t.is(readFileSync(new URL(BUILTIN_OPTIONS_OUT, ROOT), 'utf8'), generateBuiltinOptions(), 'run: node --import=tsx scripts/schema-types.ts --write');
});

test('every built-in has its options generated from a schema, and nothing else is a built-in', (t) => {
  t.deepEqual(builtinSources().map((s) => s.plugin).sort(), [...BUILTIN_PLUGINS, ...OPT_IN_BUILTIN_PLUGINS].sort());
});

test('define-config.types.ts compiles on its own, every expected error where its directive says', (t) => {
  const { config } = ts.readConfigFile(fileURLToPath(new URL('tsconfig.json', ROOT)), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(ROOT));
  const program = ts.createProgram([TYPES_FILE], { ...options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(TYPES_FILE));
  t.deepEqual(
    diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    [],
  );
  const directives = readFileSync(TYPES_FILE, 'utf8').split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error'));
  t.true(directives.length >= 7, `${directives.length} expected errors`);
});

test('a bt.config.ts written with defineConfig loads as .btrc does', async (t) => {
  const dir = fileURLToPath(new URL('test/fixtures/config/bt-config-ts/', ROOT));
  const loaded = await loadConfig({ cwd: dir, stopDir: dir });
  t.deepEqual(loaded?.config.plugins, [['logger', { level: 'warn' }]]);
});

test('what the types let through is still validated at run time', async (t) => {
  // A config read from JavaScript, or cast, reaches the schema check all the same.
  const config = defineConfig({ plugins: [['logger', { level: 'loud' } as object]] });
  const err = await t.throwsAsync(createClient({ config: false, plugins: config.plugins ?? [] }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_OPTIONS');
});
