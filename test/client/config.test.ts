// .btrc discovery and validation: every file form, explicit paths, the upward
// search and its stop, and each kind of bad input with the message it gives.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import {
  Client,
  ConfigError,
  createClient,
  loadConfig,
  OptionsError,
  PluginLoadError,
} from '../../core/index.ts';
import { CONFIG_SCHEMA_PATH, SEARCH_PLACES, validateConfig } from '../../core/config.ts';
import { expandPorts, resolveSettings } from '../../core/settings.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const at = (...parts: string[]): string => join(FIXTURES, ...parts);

/** What every good fixture says, in its own syntax. */
const EXPECTED = {
  listen: { ports: '6881-6889', tcp6: false },
  limits: { maxConnections: 80 },
  plugins: [['logger', { level: 'warn' }]],
};

const FORMS: [folder: string, file: string][] = [
  ['package-json', 'package.json'],
  ['rc-json', '.btrc'],
  ['rc-yaml', '.btrc'],
  ['json', '.btrc.json'],
  ['yaml', '.btrc.yaml'],
  ['yml', '.btrc.yml'],
  ['js', '.btrc.js'],
  ['ts', '.btrc.ts'],
  ['mjs', '.btrc.mjs'],
  ['cjs', '.btrc.cjs'],
  ['bt-config-js', 'bt.config.js'],
  ['bt-config-ts', 'bt.config.ts'],
  ['bt-config-mjs', 'bt.config.mjs'],
  ['bt-config-cjs', 'bt.config.cjs'],
];

test('every search place has a fixture folder', (t) => {
  t.deepEqual(new Set(FORMS.map(([, file]) => file)), new Set(SEARCH_PLACES));
});

for (const [folder, file] of FORMS) {
  test(`finds and reads ${file} (${folder})`, async (t) => {
    const dir = at(folder);
    const loaded = await loadConfig({ cwd: dir, stopDir: dir });
    t.is(loaded?.filepath, join(dir, file));
    t.deepEqual(JSON.parse(JSON.stringify(loaded?.config)), EXPECTED);
  });
}

test('loads one file by path, relative to cwd, whatever its name', async (t) => {
  const loaded = await loadConfig({ cwd: FIXTURES, file: 'explicit/settings-for-tests.yaml' });
  t.is(loaded?.filepath, at('explicit', 'settings-for-tests.yaml'));
  t.deepEqual(loaded?.config, {
    peerIdPrefix: '-TT0001-',
    downloadDir: 'downloads',
    timeouts: { connectMs: 2500 },
    trackers: { udpBaseTimeoutMs: 100, udpRetries: 2 },
  });
  const absolute = await loadConfig({ file: at('yml', '.btrc.yml') });
  t.deepEqual(absolute?.config, EXPECTED);
});

test('YAML keeps a port range a string and reads nested lists', async (t) => {
  const loaded = await loadConfig({ file: at('rc-yaml', '.btrc') });
  t.is(loaded?.config.listen?.ports, '6881-6889');
  t.deepEqual(loaded?.config.plugins, [['logger', { level: 'warn' }]]);
});

test('searches upward from a subfolder to the stop folder', async (t) => {
  const start = at('search', 'project', 'src', 'deep');
  const found = await loadConfig({ cwd: start, stopDir: at('search') });
  t.is(found?.filepath, at('search', '.btrc.json'));
  t.is(await loadConfig({ cwd: start, stopDir: at('search', 'project') }), undefined, 'the stop folder is the last one searched');
});

test('without a stop folder the search ends at the project root (the first package.json upward)', async (t) => {
  const start = at('search', 'project', 'src', 'deep');
  t.is(await loadConfig({ cwd: start }), undefined);
});

test('in one folder the first search place wins', async (t) => {
  const loaded = await loadConfig({ cwd: at('precedence'), stopDir: at('precedence') });
  t.is(loaded?.filepath, at('precedence', '.btrc.json'));
  t.deepEqual(loaded?.config, { limits: { maxConnections: 1 } });
});

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('no config anywhere: undefined; an empty file found by path is an empty config', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
  t.is(await loadConfig({ cwd: dir }), undefined);
  writeFileSync(join(dir, 'empty.yaml'), '');
  t.deepEqual(await loadConfig({ cwd: dir, file: 'empty.yaml' }), { filepath: join(dir, 'empty.yaml'), config: {} });
});

test('a TypeScript config outside an ESM package (compiled as CommonJS) still loads', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, '.btrc.ts'), 'const config = { limits: { maxUploadSlots: 9 } };\nexport default config;\n');
  const loaded = await loadConfig({ cwd: dir, stopDir: dir });
  t.deepEqual(loaded?.config, { limits: { maxUploadSlots: 9 } });
});

// ------------------------------------------------------------------ bad input

test('an unknown key: CONFIG_INVALID naming the file, the path and the key', async (t) => {
  const file = at('bad', 'unknown-key', '.btrc.json');
  const err = await t.throwsAsync(loadConfig({ file }), { instanceOf: ConfigError });
  t.is(err?.code, 'CONFIG_INVALID');
  t.is(err?.file, file);
  t.is(err?.path, '');
  t.true(err?.message.startsWith(`${file}: / has unknown key "speed" (allowed: $schema, plugins, listen,`), err?.message);
});

test('a wrong type: CONFIG_INVALID naming the file, the JSON path and what was expected', async (t) => {
  const file = at('bad', 'wrong-type', '.btrc.json');
  const err = await t.throwsAsync(loadConfig({ cwd: at('bad', 'wrong-type'), stopDir: at('bad', 'wrong-type') }), { instanceOf: ConfigError });
  t.is(err?.code, 'CONFIG_INVALID');
  t.is(err?.path, '/listen/ports/1');
  t.is(err?.message, `${file}: /listen/ports/1 must be integer or string`);
});

test('more wrong values, each named by path and expectation', async (t) => {
  const cases: [unknown, string][] = [
    [{ limits: { maxConnections: 'many' } }, '/limits/maxConnections must be integer'],
    [{ limits: { maxConnections: 0 } }, '/limits/maxConnections must be >= 1'],
    [{ timeouts: { connectMs: 1.5 } }, '/timeouts/connectMs must be integer'],
    [{ listen: { portz: 1 } }, '/listen has unknown key "portz" (allowed: ports, tcp4, tcp6, host4, host6)'],
    [{ listen: { host4: '::1' } }, '/listen/host4 must be an IPv4 address'],
    [{ listen: { host6: '127.0.0.1' } }, '/listen/host6 must be an IPv6 address'],
    [{ listen: { ports: 'any' } }, '/listen/ports must match ^[0-9]{1,5}-[0-9]{1,5}$ (an inclusive range of ports, "from-to")'],
    [{ listen: { ports: 70000 } }, '/listen/ports must be <= 65535'],
    [{ listen: { ports: '7000-6000' } }, '/listen/ports: port range "7000-6000" is empty: 7000 is above 6000'],
    [{ listen: { ports: ['6881-99999'] } }, '/listen/ports: port 6881-99999 is outside 0-65535'],
    [{ trackers: { udpRetries: 9 } }, '/trackers/udpRetries must be <= 8'],
    [{ peerIdPrefix: 'has space' }, '/peerIdPrefix must match ^[\\x21-\\x7e]{1,16}$ (1 to 16 printable ASCII characters, no spaces)'],
    [{ plugins: 'logger' }, '/plugins must be array'],
    [{ plugins: [42] }, '/plugins/0 must be string or object or array'],
    [{ plugins: [['logger', 5]] }, '/plugins/0/1 must be object or boolean'],
    [{ plugins: [['logger', {}, 'extra']] }, '/plugins/0 must NOT have more than 2 items'],
    [{ plugins: [{ name: 'x' }] }, '/plugins/0 must have key "apply"'],
    [[], '/ must be object'],
  ];
  for (const [config, expected] of cases) {
    const err = await t.throwsAsync(validateConfig(config, 'cfg.json'), { instanceOf: ConfigError });
    t.is(err?.message, `cfg.json: ${expected}`, JSON.stringify(config));
  }
});

test('bad syntax: CONFIG_PARSE naming the file, for JSON, YAML and JavaScript', async (t) => {
  for (const file of [at('bad', 'syntax-json', '.btrc.json'), at('bad', 'syntax-yaml', '.btrc.yaml'), at('bad', 'syntax-js', '.btrc.mjs')]) {
    const err = await t.throwsAsync(loadConfig({ file }), { instanceOf: ConfigError });
    t.is(err?.code, 'CONFIG_PARSE', file);
    t.is(err?.file, file);
    t.true(err?.message.startsWith(`${file}: cannot read the configuration: `), err?.message);
  }
  // Found by the search, too.
  const dir = at('bad', 'syntax-json');
  const err = await t.throwsAsync(loadConfig({ cwd: dir, stopDir: dir }), { instanceOf: ConfigError });
  t.is(err?.code, 'CONFIG_PARSE');
  t.is(err?.file, join(dir, '.btrc.json'));
});

test('a config file given by path that does not exist: CONFIG_NOT_FOUND', async (t) => {
  const err = await t.throwsAsync(loadConfig({ cwd: FIXTURES, file: 'nope/.btrc.json' }), { instanceOf: ConfigError });
  t.is(err?.code, 'CONFIG_NOT_FOUND');
  t.is(err?.file, at('nope', '.btrc.json'));
});

test('an unknown plugin: PLUGIN_NOT_FOUND naming what was looked for and where', async (t) => {
  const dir = at('bad', 'unknown-plugin');
  const err = await t.throwsAsync(createClient({ cwd: dir, stopDir: dir }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_NOT_FOUND');
  t.is(err?.plugin, 'no-such-plugin-anywhere');
  t.true(err?.message.includes(`plugin "no-such-plugin-anywhere" (plugins[0] in ${join(dir, '.btrc.json')}) not found`), err?.message);
  t.true(err?.message.includes('not a built-in (logger, peer-ban, tracker-failover, ip-filter, ut-metadata, pex, dht, lsd)'), err?.message);
  t.true(err?.tried.includes(join(dir, 'node_modules', 'no-such-plugin-anywhere')));
  t.true(err?.message.includes(join(dir, 'node_modules', 'no-such-plugin-anywhere')));
});

test('a missing plugin file: PLUGIN_NOT_FOUND listing the paths tried, relative to the config file', async (t) => {
  const dir = at('bad', 'missing-plugin-file');
  const err = await t.throwsAsync(createClient({ config: join(dir, '.btrc.json') }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_NOT_FOUND');
  t.is(err?.tried[0], join(dir, 'plugins', 'missing.ts'));
  t.true(err?.tried.includes(join(dir, 'plugins', 'missing.ts', 'index.ts')));
  t.true(err?.message.includes(join(dir, 'plugins', 'missing.ts')));
});

test('plugin options failing the schema: PLUGIN_OPTIONS naming the plugin, the option and the file', async (t) => {
  const file = at('bad', 'plugin-options', '.btrc.json');
  const err = await t.throwsAsync(createClient({ config: file }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_OPTIONS');
  t.is(err?.plugin, 'logger');
  t.is(err?.optionPath, '/level');
  t.is(
    err?.message,
    `plugin "logger": option /level must be one of "debug", "info", "warn", "warning", "error", "critical", "fatal", "off" (plugins[0] in ${file})`,
  );
});

// ------------------------------------------------------------------ schema and settings

test('the schema accepts its own $schema key, and the example .btrc.json is valid', async (t) => {
  const loaded = await loadConfig({ file: join(ROOT, 'examples', 'btrc', '.btrc.json') });
  t.is(typeof loaded?.config.$schema, 'string');
  t.true(Array.isArray(loaded?.config.plugins));
  t.notThrows(() => validateConfig({ $schema: './node_modules/swarmhook/config-schema/btrc.schema.json' }, 'x'));
});

/** The defaults config-schema/btrc.schema.json declares, section by section (nested sections too), read straight off the file. */
function schemaDefaults(): Record<string, unknown> {
  interface Def {
    default?: unknown;
    properties?: Record<string, Def>;
  }
  const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as { properties: Record<string, Def> };
  // A key without a default (resume.dir) has none in the resolved settings either.
  const section = (properties: Record<string, Def>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(properties).flatMap(([k, v]) => (v.properties !== undefined ? [[k, section(v.properties)]] : v.default === undefined ? [] : [[k, v.default]])),
    );
  const fromSchema: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(schema.properties)) {
    if (def.properties !== undefined) fromSchema[key] = section(def.properties);
    else if (def.default !== undefined) fromSchema[key] = def.default;
  }
  return fromSchema;
}

test('resolveSettings() is exactly the schema\'s defaults (ports expanded), frozen all the way down, and the defaults are valid', async (t) => {
  const defaults = schemaDefaults();
  await t.notThrowsAsync(validateConfig(structuredClone(defaults), 'defaults'));
  const resolved = resolveSettings();
  const listen = defaults['listen'] as { ports: string };
  t.deepEqual(JSON.parse(JSON.stringify(resolved)), { ...defaults, listen: { ...listen, ports: expandPorts(listen.ports) } });
  t.true(Object.isFrozen(resolved));
  t.true(Object.isFrozen(resolved.limits));
  t.true(Object.isFrozen(resolved.listen.ports));
  t.is(resolved.limits.maxUploadSlots, 8, 'the one value the Swarm had drifted from (8, as libtorrent)');
});

test('resolveSettings fills every default and expands the ports', (t) => {
  const defaults = schemaDefaults() as { limits: { maxConnections: number }; timeouts: object };
  const s = resolveSettings({ listen: { ports: [6881, '7000-7002', 6881], tcp6: false }, limits: { maxUploadSlots: 8 } });
  t.deepEqual(s.listen, { ports: [6881, 7000, 7001, 7002], tcp4: true, tcp6: false, host4: '0.0.0.0', host6: '::' });
  t.is(s.limits.maxUploadSlots, 8);
  t.is(s.limits.maxConnections, defaults.limits.maxConnections);
  t.deepEqual(s.timeouts, defaults.timeouts);
  t.deepEqual(resolveSettings().listen.ports, expandPorts('6881-6889'));
  t.deepEqual(expandPorts(0), [0]);
});

test('resolveSettings: keys set to undefined take the default, client options that are no settings are left out, the input is not touched', (t) => {
  const given = { limits: { maxConnections: undefined, maxHalfOpen: 7 }, name: 'x', on_peer_ban: () => undefined };
  const s = resolveSettings(given);
  t.is(s.limits.maxConnections, 200);
  t.is(s.limits.maxHalfOpen, 7);
  t.false('name' in s);
  t.false('on_peer_ban' in s);
  t.deepEqual(Object.keys(given.limits), ['maxConnections', 'maxHalfOpen']);
  t.is(given.limits.maxConnections, undefined);
});

test('settings given in code that the schema rejects: OptionsError naming the path, from new Client() and from createClient', async (t) => {
  for (const [settings, message] of [
    [{ limits: { maxConnections: 0 } }, 'settings: /limits/maxConnections must be >= 1'],
    [{ timeouts: { connectMs: 'soon' } }, 'settings: /timeouts/connectMs must be integer'],
    [{ limits: { maxConections: 5 } }, 'settings: /limits has unknown key "maxConections"'],
    [{ listen: { ports: '7000-6000' } }, 'settings: /listen/ports port range "7000-6000" is empty: 7000 is above 6000'],
  ] as const) {
    const err = t.throws(() => resolveSettings(settings as never), { instanceOf: OptionsError });
    t.is(err?.code, 'OPTIONS_INVALID');
    t.true(err?.message.startsWith(message), err?.message);
  }
  t.throws(() => new Client({ limits: { maxConnections: 0 } }).settings, { instanceOf: OptionsError });
  const err = await t.throwsAsync(createClient({ config: false, limits: { maxHalfOpen: 0 } }), { instanceOf: OptionsError });
  t.is(err?.path, '/limits/maxHalfOpen');
});

test('createClient: the config sets the client options, code wins key by key, downloadDir is relative to the config file', async (t) => {
  const file = at('explicit', 'settings-for-tests.yaml');
  const client = await createClient({ config: file, timeouts: { handshakeMs: 1234 }, plugins: [['logger', false]] });
  t.deepEqual(client.options.timeouts, { connectMs: 2500, handshakeMs: 1234 });
  t.deepEqual(client.options.trackers, { udpBaseTimeoutMs: 100, udpRetries: 2 });
  t.is(client.options.peerIdPrefix, '-TT0001-');
  t.is(client.options.downloadDir, at('explicit', 'downloads'));
  t.false(client.plugins.has('logger'));

  const cwd = tempDir(t);
  const fromCode = await createClient({ config: false, cwd, downloadDir: 'here', peerIdPrefix: '-XX0000-' });
  t.is(fromCode.options.downloadDir, resolve(cwd, 'here'));
  t.is(fromCode.options.peerIdPrefix, '-XX0000-');
  t.is(resolveSettings(fromCode.options).limits.maxConnections, 200);
});

test('createClient with config: false reads no file even when one is there', async (t) => {
  const dir = at('json');
  const client = await createClient({ config: false, cwd: dir, stopDir: dir });
  t.is(client.options.limits, undefined);
  const withConfig = await createClient({ cwd: dir, stopDir: dir });
  t.deepEqual(withConfig.options.limits, { maxConnections: 80 });
  t.deepEqual(withConfig.plugins.get('logger'), { level: 'warn', format: 'text' });
});

test('a config file in a fresh folder is found from the working directory', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, '.btrc.yml'), 'limits:\n  maxConnectionsPerTorrent: 7\n');
  const loaded = await loadConfig({ cwd: join(dir, 'a', 'b'), stopDir: dir });
  t.deepEqual(loaded, { filepath: join(dir, '.btrc.yml'), config: { limits: { maxConnectionsPerTorrent: 7 } } });
});
