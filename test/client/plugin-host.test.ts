// The plugin host: built-ins on by default and switchable, plugins from paths,
// packages, objects, classes and factories, `requires` ordering, and no
// partial application when anything is wrong.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import {
  BUILTIN_PLUGINS,
  Client,
  createClient,
  definePlugin,
  PluginLoadError,
  type Plugin,
  type PluginErrorCode,
} from '../../core/index.ts';
import { applyPlugins, resolvePlugins, TAP_NAME_WARNING_CODE } from '../../core/plugin-host/index.ts';
import { sample } from '../helpers/event-samples.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const INSTALLED_BUILTINS = BUILTIN_PLUGINS.filter((n) => existsSync(join(ROOT, 'plugins', n, 'index.ts')));
const OTHER_BUILTINS = INSTALLED_BUILTINS.filter((n) => n !== 'logger');
const OFF = BUILTIN_PLUGINS.map((n) => [n, false] as const);

/** Names of the taps on listen_success: the fixture plugins tap it, in apply order. */
const listenTaps = (client: Client): string[] => client.hooks.listen_success.taps.map((t) => t.name);

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-plugins-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A plugin that records whether apply ran. */
function spy(name: string, extra: Partial<Plugin<unknown>> = {}): Plugin<unknown> & { applied: number } {
  const p = {
    name,
    applied: 0,
    apply(client: Client) {
      p.applied++;
      client.hooks.listen_success.tap(name, () => undefined);
    },
    ...extra,
  };
  return p;
}

test('built-ins are on by default, in their fixed order, with their default options', async (t) => {
  t.true(INSTALLED_BUILTINS.includes('logger'));
  const resolved = await resolvePlugins({});
  t.deepEqual(
    resolved.map((r) => r.plugin.name),
    INSTALLED_BUILTINS,
  );
  const logger = resolved.find((r) => r.plugin.name === 'logger');
  t.deepEqual(logger?.options, { level: 'info', format: 'text' });
  t.is(logger?.origin, join(ROOT, 'plugins', 'logger', 'index.ts'));
});

test('[name, false] switches a built-in off, [name, options] sets its options, and code overrides the config', async (t) => {
  const config = { entries: [['logger', { level: 'warn' }]] as const, file: join(FIXTURES, 'virtual', '.btrc.json') };
  const fromConfig = await resolvePlugins({ config });
  t.deepEqual(fromConfig.find((r) => r.plugin.name === 'logger')?.options, { level: 'warn', format: 'text' });

  const codeOff = await resolvePlugins({ config, code: [['logger', false]] });
  t.false(codeOff.some((r) => r.plugin.name === 'logger'));
  t.deepEqual(
    codeOff.map((r) => r.plugin.name),
    OTHER_BUILTINS,
  );

  const codeOptions = await resolvePlugins({ config, code: [['logger', { format: 'json' }]] });
  t.deepEqual(codeOptions.find((r) => r.plugin.name === 'logger')?.options, { level: 'info', format: 'json' }, 'the last entry for a built-in wins whole');

  t.deepEqual(await resolvePlugins({ code: OFF }), [], 'all switched off, installed or not');
});

test('naming a built-in that is not installed is an error; leaving it on by default is not', async (t) => {
  for (const name of BUILTIN_PLUGINS) {
    const file = join(ROOT, 'plugins', name, 'index.ts');
    if (existsSync(file)) {
      const resolved = await resolvePlugins({ code: [name] });
      t.true(resolved.some((r) => r.plugin.name === name), name);
    } else {
      const err = await t.throwsAsync(resolvePlugins({ code: [name] }), { instanceOf: PluginLoadError });
      t.is(err?.code, 'PLUGIN_NOT_FOUND');
      t.deepEqual(err?.tried, [file]);
      t.true(err?.message.includes(file));
    }
  }
});

test('path plugins from a config: object with options, class, CommonJS factory, async factory, a switched-off one', async (t) => {
  const file = join(FIXTURES, 'with-plugins', '.btrc.json');
  const client = await createClient({ config: file });
  const names = ['object-plugin', 'class-plugin', 'factory-plugin', 'async-factory-plugin'];
  t.deepEqual([...client.plugins.keys()], [...OTHER_BUILTINS, ...names]);
  t.deepEqual(listenTaps(client), names);
  t.deepEqual(client.plugins.get('object-plugin'), { greeting: 'hi', times: 1 }, 'defaults filled in by the schema');
  t.false(client.plugins.has('apply-throws'), '[path, false] is not even loaded');
  t.false(client.plugins.has('logger'));

  const resolved = await resolvePlugins({ config: { entries: ['../plugins/async-factory-plugin'], file } });
  t.is(resolved.at(-1)?.origin, join(FIXTURES, 'plugins', 'async-factory-plugin.js'), 'extensions are tried');
});

test('package plugins resolve from the config file folder: CommonJS main and ESM-only exports', async (t) => {
  const dir = tempDir(t);
  const cjs = join(dir, 'node_modules', 'bt-plugin-cjs');
  const esm = join(dir, 'node_modules', '@acme', 'bt-plugin-esm');
  mkdirSync(join(cjs, 'lib'), { recursive: true });
  mkdirSync(esm, { recursive: true });
  writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'bt-plugin-cjs', main: 'lib/main.js' }));
  writeFileSync(
    join(cjs, 'lib', 'main.js'),
    "module.exports = { name: 'bt-plugin-cjs', apply(client) { client.hooks.listen_success.tap('bt-plugin-cjs', () => {}); } };\n",
  );
  writeFileSync(
    join(esm, 'package.json'),
    JSON.stringify({ name: '@acme/bt-plugin-esm', type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  writeFileSync(
    join(esm, 'index.js'),
    "export default class { static [Symbol.for('swarmhook.plugin-class')] = true; name = '@acme/bt-plugin-esm'; apply(client) { client.hooks.listen_success.tap(this.name, () => {}); } }\n",
  );
  writeFileSync(join(dir, '.btrc.json'), JSON.stringify({ plugins: ['bt-plugin-cjs', ['@acme/bt-plugin-esm', {}], ['logger', false]] }));
  const client = await createClient({ cwd: dir, stopDir: dir });
  t.deepEqual(listenTaps(client), ['bt-plugin-cjs', '@acme/bt-plugin-esm']);
  const resolved = await resolvePlugins({ config: { entries: ['bt-plugin-cjs'], file: join(dir, '.btrc.json') }, code: OFF });
  t.is(resolved[0]?.origin, `package bt-plugin-cjs (${join(cjs, 'lib', 'main.js')})`);
});

test('plugins given in code: object, [object, options], class, factory, class instance', async (t) => {
  const Counter = definePlugin(
    class Counter {
      readonly name: string = 'counter';
      apply(client: Client): void {
        client.hooks.listen_success.tap(this.name, () => undefined);
      }
    },
  );
  const withSchema = definePlugin<{ limit: number }>({
    name: 'with-schema',
    schema: { type: 'object', properties: { limit: { type: 'integer', default: 5 } }, additionalProperties: false },
    apply: (client) => void client.hooks.listen_success.tap('with-schema', () => undefined),
  });
  const factory = () => spy('from-factory');
  const client = await createClient({
    config: false,
    plugins: [...OFF, spy('plain'), [withSchema, { limit: 9 }], Counter, factory, new (class extends Counter {
      override readonly name = 'instance';
    })()],
  });
  t.deepEqual(listenTaps(client), ['plain', 'with-schema', 'counter', 'from-factory', 'instance']);
  t.deepEqual(client.plugins.get('with-schema'), { limit: 9 });
  t.deepEqual(client.plugins.get('plain'), {}, 'no schema, no options: {}');
});

test('options are validated before apply; defaults never write into the caller\'s objects', async (t) => {
  const options = { level: 'debug' };
  const resolved = await resolvePlugins({ code: [...OFF.filter(([n]) => n !== 'logger'), ['logger', options]] });
  t.deepEqual(resolved[0]?.options, { level: 'debug', format: 'text' });
  t.deepEqual(options, { level: 'debug' });

  const p = spy('strict', { schema: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, additionalProperties: false } });
  const bad = await t.throwsAsync(createClient({ config: false, plugins: [...OFF, [p, { n: 0 }]] }), { instanceOf: PluginLoadError });
  t.is(bad?.code, 'PLUGIN_OPTIONS');
  t.is(bad?.message, `plugin "strict": option /n must be >= 1 (plugins[${OFF.length}] given in code)`);
  const unknown = await t.throwsAsync(createClient({ config: false, plugins: [...OFF, [p, { m: 1 }]] }), { instanceOf: PluginLoadError });
  t.is(unknown?.message, `plugin "strict": options has unknown key "m" (allowed: n) (plugins[${OFF.length}] given in code)`);
  t.is(p.applied, 0);
});

test('requires: a plugin is applied after the plugins it needs, whatever the listed order', async (t) => {
  const dir = join(FIXTURES, 'plugins');
  const client = await createClient({ config: false, cwd: dir, plugins: [...OFF, './needs-object.ts', spy('bystander'), './object-plugin.ts'] });
  t.deepEqual(listenTaps(client), ['bystander', 'object-plugin', 'needs-object']);
});

test('requires: a missing or switched-off requirement, or a circle, is PLUGIN_REQUIRES and nothing is applied', async (t) => {
  const first = spy('first');
  const missing = await t.throwsAsync(
    createClient({ config: false, plugins: [...OFF, first, spy('needy', { requires: ['absent'] })] }),
    { instanceOf: PluginLoadError },
  );
  t.is(missing?.code, 'PLUGIN_REQUIRES');
  t.is(missing?.message, 'plugin "needy" requires plugin "absent", which is not loaded');

  const off = await t.throwsAsync(createClient({ config: false, plugins: [['logger', false], spy('needs-logger', { requires: ['logger'] })] }), {
    instanceOf: PluginLoadError,
  });
  t.is(off?.message, 'plugin "needs-logger" requires plugin "logger", which is switched off (plugins[0] given in code)');

  const circle = await t.throwsAsync(
    createClient({ config: false, plugins: [...OFF, first, spy('a', { requires: ['b'] }), spy('b', { requires: ['a'] })] }),
    { instanceOf: PluginLoadError },
  );
  t.is(circle?.code, 'PLUGIN_REQUIRES');
  t.true(circle?.message.startsWith('plugins require each other in a circle'));
  t.is(first.applied, 0);
});

test('no partial application: a bad entry anywhere means no plugin is applied', async (t) => {
  const early = spy('early');
  const cases: [PluginErrorCode, unknown[]][] = [
    ['PLUGIN_NOT_FOUND', ['./definitely-missing.ts']],
    ['PLUGIN_NOT_FOUND', ['definitely-missing-package']],
    ['PLUGIN_INVALID', ['./not-a-plugin.ts']],
    ['PLUGIN_INVALID', ['./no-default.ts']],
    ['PLUGIN_INVALID', [{ name: 'no-apply' }]],
    ['PLUGIN_INVALID', [42]],
    ['PLUGIN_INVALID', [['./object-plugin.ts', { greeting: 'x' }, 'third']]],
    ['PLUGIN_INVALID', [() => 'not a plugin']],
    ['PLUGIN_OPTIONS', [['./object-plugin.ts', { times: 0 }]]],
    ['PLUGIN_DUPLICATE', [spy('early')]],
  ];
  for (const [code, more] of cases) {
    const err = await t.throwsAsync(
      createClient({ config: false, cwd: join(FIXTURES, 'plugins'), plugins: [...OFF, early, ...(more as never[])] }),
      { instanceOf: PluginLoadError },
    );
    t.is(err?.code, code, JSON.stringify(more));
  }
  t.is(early.applied, 0);
});

test('PLUGIN_INVALID names the file and what was expected', async (t) => {
  const dir = join(FIXTURES, 'plugins');
  const err = await t.throwsAsync(resolvePlugins({ cwd: dir, code: [...OFF, './not-a-plugin.ts'] }), { instanceOf: PluginLoadError });
  t.is(
    err?.message,
    `${join(dir, 'not-a-plugin.ts')} (plugins[${OFF.length}] given in code) is not a plugin (its "apply" is not a function); expected { name, apply(client, options) }, a class of those wrapped in definePlugin(), or a function returning one`,
  );
  const none = await t.throwsAsync(resolvePlugins({ cwd: dir, code: [...OFF, './no-default.ts'] }), { instanceOf: PluginLoadError });
  t.true(none?.message.startsWith(`${join(dir, 'no-default.ts')} (plugins[${OFF.length}] given in code) is not a plugin`), none?.message);
});

test('a user plugin named like an enabled built-in is a duplicate, with a hint to switch the built-in off', async (t) => {
  const mine = spy('logger');
  const err = await t.throwsAsync(resolvePlugins({ code: [mine] }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_DUPLICATE');
  t.true(err?.message.endsWith('to replace the built-in, switch it off with ["logger", false]'), err?.message);
  const replaced = await createClient({ config: false, plugins: [['logger', false], mine] });
  t.is(mine.applied, 1);
  t.true(replaced.plugins.has('logger'));
});

test('an apply that throws is PLUGIN_APPLY naming the plugin, and createClient rejects', async (t) => {
  const err = await t.throwsAsync(createClient({ config: false, cwd: join(FIXTURES, 'plugins'), plugins: [...OFF, './apply-throws.ts'] }), {
    instanceOf: PluginLoadError,
  });
  t.is(err?.code, 'PLUGIN_APPLY');
  t.is(err?.plugin, 'apply-throws');
  t.is(err?.message, 'plugin "./apply-throws.ts" (apply-throws) failed to apply: cannot start: no database');
});

test('applyPlugins checks every name against the client before applying any', async (t) => {
  const client = new Client();
  const x = spy('x');
  applyPlugins(client, await resolvePlugins({ code: [...OFF, x] }));
  t.deepEqual([...client.plugins.keys()], ['x']);
  const y = spy('y');
  const again = await resolvePlugins({ code: [...OFF, y, spy('x')] });
  const err = t.throws(() => applyPlugins(client, again), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_DUPLICATE');
  t.is(y.applied, 0);
  t.deepEqual(listenTaps(client), ['x']);
});

test('client.plugins lists the applied plugins in apply order, read-only to users', async (t) => {
  const client = await createClient({ config: false, plugins: [spy('one'), spy('two')] });
  t.deepEqual([...client.plugins.keys()], [...INSTALLED_BUILTINS, 'one', 'two']);
  // Compile-time only: a ReadonlyMap has no set.
  const tryToEdit = (): void => {
    // @ts-expect-error client.plugins is a ReadonlyMap
    client.plugins.set('three', {});
  };
  void tryToEdit;
});

test('a plugin tapping under another name is applied, with a process warning saying to use its own name', async (t) => {
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => void warnings.push(w);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const sloppy = definePlugin({
    name: 'sloppy',
    apply(client) {
      client.hooks.peer_ban.tap('sloppy', () => undefined);
      client.hooks.peer_ban.tap('sloppy:audit', () => undefined);
      client.hooks.tracker_success.tap('helper', () => undefined);
    },
  });
  const client = await createClient({ config: false, plugins: [...OFF, sloppy] });
  await new Promise((resolve) => setImmediate(resolve));
  t.true(client.plugins.has('sloppy'));
  const ours = warnings.filter((w) => (w as Error & { code?: string }).code === TAP_NAME_WARNING_CODE);
  t.deepEqual(
    ours.map((w) => w.message),
    ['plugin "sloppy" tapped tracker_success as "helper"; tap with the plugin\'s name ("sloppy") so that plugin_error names the plugin'],
  );
});

test('the class contract: a marked class is constructed, a subclass inherits the mark, an unmarked class is a factory that fails with a hint', async (t) => {
  const Base = definePlugin(
    class Base {
      name = 'base';
      apply(): void {}
    },
  );
  class Derived extends Base {
    override name = 'derived';
  }
  const resolved = await resolvePlugins({ code: [...OFF, Base, Derived] });
  t.deepEqual(
    resolved.map((r) => r.plugin.name),
    ['base', 'derived'],
  );

  class Unmarked {
    name = 'unmarked';
    apply(): void {}
  }
  const err = await t.throwsAsync(resolvePlugins({ code: [...OFF, Unmarked] }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_INVALID');
  t.regex(err?.message ?? '', new RegExp(`^plugins\\[${OFF.length}\\] given in code: calling function Unmarked as a factory failed: Class constructor Unmarked cannot be invoked without 'new'; a class is constructed only when wrapped in definePlugin\\(\\)`));

  const arrow = await t.throwsAsync(resolvePlugins({ code: [...OFF, () => { throw new Error('no'); }] }), { instanceOf: PluginLoadError });
  t.is(arrow?.message, `plugins[${OFF.length}] given in code: calling function (anonymous) as a factory failed: no`, 'no class hint for a function that cannot be one');
});

test('packages resolve as import does from the config folder: the import condition of a dual package; a package exporting nothing usable is named', async (t) => {
  const dir = tempDir(t);
  const dual = join(dir, 'node_modules', 'bt-plugin-dual');
  const closed = join(dir, 'node_modules', 'bt-plugin-closed');
  mkdirSync(dual, { recursive: true });
  mkdirSync(closed, { recursive: true });
  writeFileSync(
    join(dual, 'package.json'),
    JSON.stringify({ name: 'bt-plugin-dual', exports: { '.': { require: './plugin.cjs', import: './plugin.mjs' } } }),
  );
  writeFileSync(join(dual, 'plugin.cjs'), "module.exports = { name: 'dual-require', apply() {} };\n");
  writeFileSync(join(dual, 'plugin.mjs'), "export default { name: 'dual-import', apply() {} };\n");
  writeFileSync(join(closed, 'package.json'), JSON.stringify({ name: 'bt-plugin-closed', exports: { './other': './other.js' } }));
  const file = join(dir, '.btrc.json');

  const resolved = await resolvePlugins({ config: { entries: ['bt-plugin-dual'], file }, code: OFF });
  t.is(resolved[0]?.plugin.name, 'dual-import');
  t.is(resolved[0]?.origin, `package bt-plugin-dual (${join(dual, 'plugin.mjs')})`);

  const err = await t.throwsAsync(resolvePlugins({ config: { entries: ['bt-plugin-closed'], file }, code: OFF }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_NOT_FOUND');
  t.true(err?.message.startsWith(`plugin "bt-plugin-closed" (plugins[0] in ${file}) cannot be resolved: `), err?.message);

  const missing = await t.throwsAsync(resolvePlugins({ config: { entries: ['bt-plugin-absent'], file }, code: OFF }), { instanceOf: PluginLoadError });
  t.is(missing?.tried[0], join(dir, 'node_modules', 'bt-plugin-absent'));
  t.is(missing?.tried.at(-1), join('/', 'node_modules', 'bt-plugin-absent'), 'every folder up to the root, as import looks');
});

test('errors and plugin_error name a plugin by the entry the user wrote and by its own name', async (t) => {
  const cwd = join(FIXTURES, 'plugins');
  const options = await t.throwsAsync(resolvePlugins({ cwd, code: [...OFF, ['./object-plugin.ts', { times: 0 }]] }), { instanceOf: PluginLoadError });
  t.is(options?.message, `plugin "./object-plugin.ts" (object-plugin): option /times must be >= 1 (plugins[${OFF.length}] given in code)`);
  t.is(options?.plugin, 'object-plugin');

  const requires = await t.throwsAsync(resolvePlugins({ cwd, code: [...OFF, './needs-object.ts'] }), { instanceOf: PluginLoadError });
  t.is(requires?.message, 'plugin "./needs-object.ts" (needs-object) requires plugin "object-plugin", which is not loaded');

  const twice = await t.throwsAsync(resolvePlugins({ cwd, code: [...OFF, './object-plugin.ts', spy('object-plugin')] }), { instanceOf: PluginLoadError });
  t.is(twice?.message, `two plugins are named "object-plugin": "./object-plugin.ts" (plugins[${OFF.length}] given in code) and plugins[${OFF.length + 1}] given in code`);

  const dir = tempDir(t);
  writeFileSync(
    join(dir, 'thrower.mjs'),
    "export default { name: 'thrower', apply(client) { client.hooks.tracker_success.tap('thrower:count', () => { throw new Error('boom'); }); } };\n",
  );
  const failures: { plugin: string; reference: string | undefined; message: string }[] = [];
  const client = await createClient({
    config: false,
    cwd: dir,
    plugins: [...OFF, './thrower.mjs', spy('plain')],
    on_plugin_error: (_c, i) => void failures.push({ plugin: i.plugin, reference: i.reference, message: i.message }),
  });
  client.hooks.tracker_success.tap('plain', () => {
    throw new Error('bang');
  });
  client.emit('tracker_success', sample('tracker_success'));
  t.deepEqual(failures, [
    { plugin: 'thrower:count', reference: './thrower.mjs', message: 'plugin "./thrower.mjs" (thrower:count) failed in tracker_success: boom' },
    { plugin: 'plain', reference: undefined, message: 'plugin plain failed in tracker_success: bang' },
  ]);
});
