// The npm package as a user gets it: `npm pack` (whose `prepare` builds dist/),
// installed with `npm install` into a fresh project, then used there the four
// ways users use it: plain `node` with no tsx imports it and runs plugins; a
// `tsc --strict` consumer compiles against its declarations; the `bt` command
// runs; a plugin published as its own package is loaded from `.btrc`.
// TypeScript files (a `.ts` plugin, `bt.config.ts`) need the user's tsx: the
// errors without it, and loading with it, are checked here too.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPO_MODULES = join(ROOT, 'node_modules');
const TSC = join(REPO_MODULES, 'typescript', 'bin', 'tsc');
const NPM = 'npm';
// Children run as a user's would: no --import=tsx inherited from ava, no NODE_OPTIONS.
const ENV = { ...process.env, NODE_OPTIONS: '' };
const SETUP_TIMEOUT_MS = 180_000;
const BUILTINS = ['logger', 'peer-ban', 'tracker-failover', 'ip-filter', 'ut-metadata', 'pex', 'dht', 'lsd'];

const run = promisify(execFile);

interface Output {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion; a non-zero exit is an answer, not an exception. */
async function exec(file: string, args: readonly string[], cwd: string, timeout = 60_000): Promise<Output> {
  try {
    const { stdout, stderr } = await run(file, [...args], { cwd, env: ENV, timeout, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message };
  }
}

async function node(script: string, cwd: string): Promise<Output> {
  return exec(process.execPath, ['--input-type=module', '-e', script], cwd);
}

/** The JSON a child printed on its last line. */
function lastJson<T>(out: Output): T {
  const lines = out.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

let work = '';
let project = '';

// A plugin package as someone would publish it: ESM only, an `exports` map, an options schema.
const PLUGIN_PACKAGE = {
  'package.json': JSON.stringify({
    name: 'swarmhook-plugin-greeter',
    version: '1.0.0',
    type: 'module',
    exports: { '.': './index.js' },
    files: ['index.js'],
  }),
  'index.js': `export default {
  name: 'greeter',
  schema: { type: 'object', properties: { greeting: { type: 'string', default: 'hello' }, times: { type: 'integer', default: 1 } }, additionalProperties: false },
  apply(client, options) {
    client.hooks.listen_success.tap('greeter', () => console.log(options.greeting.repeat(options.times)));
  },
};
`,
};

test.before('pack the package and install it into a fresh project', async (t) => {
  t.timeout(SETUP_TIMEOUT_MS);
  work = await mkdtemp(join(tmpdir(), 'swarmhook-package-'));
  project = join(work, 'project');
  const packs = join(work, 'packs');
  await mkdir(project);
  await mkdir(packs);

  // --ignore-scripts=false: the repository's .npmrc switches scripts off (for a
  // dependency's install script), and `prepare` is what builds dist/ for the tarball.
  const packed = await exec(NPM, ['pack', '--ignore-scripts=false', '--pack-destination', packs], ROOT, SETUP_TIMEOUT_MS);
  t.is(packed.code, 0, packed.stderr);
  const pluginDir = join(work, 'greeter');
  await mkdir(pluginDir);
  for (const [name, text] of Object.entries(PLUGIN_PACKAGE)) await writeFile(join(pluginDir, name), text);
  const pluginPacked = await exec(NPM, ['pack', '--pack-destination', packs], pluginDir);
  t.is(pluginPacked.code, 0, pluginPacked.stderr);
  const tarballs = (await readdir(packs)).map((f) => join(packs, f));
  t.is(tarballs.length, 2, tarballs.join(', '));

  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  // @types/node at the repository's version (the package's declarations use Node's types); the npm cache usually has it.
  const typesNode = (JSON.parse(readFileSync(join(REPO_MODULES, '@types', 'node', 'package.json'), 'utf8')) as { version: string }).version;
  const installed = await exec(
    NPM,
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', ...tarballs, `@types/node@${typesNode}`],
    project,
    SETUP_TIMEOUT_MS,
  );
  t.is(installed.code, 0, installed.stderr);
});

test.after.always('remove the temporary project', async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

test('the tarball holds what users need and nothing else', async (t) => {
  const pkg = join(project, 'node_modules', 'swarmhook');
  const top = (await readdir(pkg)).sort();
  t.deepEqual(top, ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin', 'config-schema', 'dist', 'package.json']);
  const files = (await readdir(join(pkg, 'dist'), { recursive: true })).map(String);
  t.true(files.includes(join('core', 'index.js')) && files.includes(join('core', 'index.d.ts')));
  // Every file package.json "exports" names is in the package (plugins/*: each built-in's; another pattern: its folder).
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of targets) {
    const paths = !target.includes('*') ? [target] : target.startsWith('./dist/plugins/') ? BUILTINS.map((name) => target.replace('*', name)) : [target.slice(0, target.indexOf('*'))];
    for (const path of paths) t.true(existsSync(join(pkg, path)), path);
  }
  for (const name of BUILTINS) t.true(files.includes(join('plugins', name, 'index.js')), name);
  for (const name of ['index.html', 'app.js', 'style.css']) t.true(files.includes(join('plugins', 'web-ui', 'static', name)), `web-ui's ${name} (no build step: copied as it is)`);
  t.deepEqual(
    files.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.d.ts.map')),
    [],
    'no TypeScript sources, and no declaration maps (they would point at the sources)',
  );
  const engineMap = JSON.parse(readFileSync(join(pkg, 'dist', 'core', 'engine.js.map'), 'utf8')) as { sourcesContent?: unknown[] };
  t.is(engineMap.sourcesContent?.length, 1, 'source maps carry their sources');
  t.deepEqual((await readdir(join(pkg, 'config-schema'))).sort(), (await readdir(join(ROOT, 'config-schema'))).sort());
  t.false(existsSync(join(project, 'node_modules', 'tsx')), 'tsx is not a dependency');
  t.false(existsSync(join(project, 'node_modules', 'esbuild')), 'esbuild is not a dependency');
});

test('plain node imports it and runs a plugin object next to the built-ins', async (t) => {
  const out = await node(
    `
import { createClient, definePlugin } from 'swarmhook';
import { getPeerBan } from 'swarmhook/plugins/peer-ban';
import schema from 'swarmhook/config-schema/btrc.schema.json' with { type: 'json' };
import { bdecode } from 'swarmhook/bencode';
import { parseTorrent } from 'swarmhook/metainfo';
import { encodeHandshake } from 'swarmhook/wire';
import { PeerConnection } from 'swarmhook/peer';
import { normalizeIp } from 'swarmhook/net';
import { Tracker } from 'swarmhook/tracker';
import { fetchRange } from 'swarmhook/webseed';
let tsx = 'not installed';
try { import.meta.resolve('tsx'); tsx = 'installed'; } catch {}
const heard = [];
const probe = definePlugin({
  name: 'probe',
  apply(client) { client.hooks.listen_success.tap('probe', (_client, info) => heard.push(info.message)); },
});
const client = await createClient({ config: false, plugins: [['logger', { level: 'off' }], probe], listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
await client.listen();
const subpaths = [bdecode, parseTorrent, encodeHandshake, PeerConnection, normalizeIp, Tracker, fetchRange].map((f) => typeof f);
const result = { tsx, plugins: [...client.plugins.keys()], heard: heard.length, peerBan: typeof getPeerBan(client), schema: typeof schema.properties, subpaths, ip: normalizeIp('::ffff:127.0.0.1') };
await client.destroy();
console.log(JSON.stringify(result));
`,
    project,
  );
  t.is(out.code, 0, out.stderr);
  t.deepEqual(lastJson(out), {
    tsx: 'not installed',
    plugins: ['logger', 'peer-ban', 'tracker-failover', 'ip-filter', 'ut-metadata', 'pex', 'dht', 'lsd', 'probe'],
    heard: 2, // tcp4, and udp4 for uTP on the same port
    peerBan: 'object',
    schema: 'object',
    subpaths: ['function', 'function', 'function', 'function', 'function', 'function', 'function'],
    ip: '127.0.0.1',
  });
});

// A consumer that touches the public API broadly: with skipLibCheck off every declaration it reaches is checked.
const CONSUMER_TS = `
import {
  createClient,
  defineConfig,
  definePlugin,
  loadConfig,
  PluginLoadError,
  Stage,
  type AddTorrentOptions,
  type BtConfig,
  type Client,
  type CreateClientOptions,
  type EventInfo,
  type Plugin,
  type Swarm,
} from 'swarmhook';
import { parseTorrent, type Metainfo } from 'swarmhook/metainfo';
import { encodeHandshake, WireParser } from 'swarmhook/wire';
import { normalizeIp } from 'swarmhook/net';
import logger from 'swarmhook/plugins/logger';
import { getIpFilter } from 'swarmhook/plugins/ip-filter';
import { getPeerBan } from 'swarmhook/plugins/peer-ban';
import tracker from 'swarmhook/plugins/tracker-failover';

interface CounterOptions {
  readonly every?: number;
}

const counter: Plugin<CounterOptions> = definePlugin<CounterOptions>({
  name: 'counter',
  schema: { type: 'object', properties: { every: { type: 'integer', minimum: 1 } } },
  apply(client: Client, options: CounterOptions) {
    let passed = 0;
    client.hooks.piece_hash_passed.tap('counter', (_c, info: EventInfo<'piece_hash_passed'>) => {
      if (++passed % (options.every ?? 1) === 0) console.log(info.torrent.name, passed);
    });
    client.hooks.ban_peer.tap({ name: 'counter', stage: Stage.POLICY }, (candidate) => (candidate.ip === '127.0.0.1' ? false : undefined));
  },
});

const options: CreateClientOptions = {
  config: false,
  plugins: [['logger', { level: 'warn' }], counter, ['peer-ban', { maxHashFails: 3 }]],
  listen: { ports: '6881-6889' },
  on_torrent_complete: (_client, info) => console.log(info.message),
};

// A bt.config.ts: each built-in's options typed from its schema.
export const config: BtConfig = defineConfig({
  listen: { ports: 0 },
  plugins: [['logger', { level: 'warn', include: ['peer_ban'] }], ['peer-ban', false], './my-plugin.js', counter, ['some-package', { any: 1 }]],
});
// @ts-expect-error 'loud' is not a level of the logger
defineConfig({ plugins: [['logger', { level: 'loud' }]] });
// @ts-expect-error peer-ban has no option maxHashFail
defineConfig({ plugins: [['peer-ban', { maxHashFail: 3 }]] });

export function handshakeFor(meta: Metainfo, peerId: Buffer): Buffer {
  void new WireParser({ onHandshake: () => {}, onMessage: () => {} });
  return encodeHandshake(meta.infoHashBuffer, peerId, { extended: true });
}

export async function main(file: string): Promise<void> {
  console.log(normalizeIp('::ffff:10.0.0.1'));
  const client = await createClient(options);
  getIpFilter(client)?.add('10.0.0.0/8');
  void getPeerBan(client);
  const add: AddTorrentOptions = { dir: '.', paused: true };
  const torrent: Swarm = await client.addTorrent(parseTorrent(Buffer.alloc(0)), add);
  await torrent.whenComplete();
  await client.destroy();
  const loaded = await loadConfig({ cwd: file });
  if (loaded?.config.plugins !== undefined) console.log(loaded.filepath);
  console.log(logger.name, tracker.name, new PluginLoadError('PLUGIN_INVALID', 'x', 'y').code);
}
`;

for (const [resolution, module] of [
  ['nodenext', 'nodenext'],
  ['bundler', 'esnext'],
] as const) {
  test(`a consumer's tsc --strict --exactOptionalPropertyTypes compiles against it (moduleResolution ${resolution})`, async (t) => {
    // Type-checking all of @types/node and the package's declarations takes a while on a busy machine.
    t.timeout(SETUP_TIMEOUT_MS);
    const dir = join(project, `tsc-${resolution}`);
    await mkdir(dir);
    await writeFile(join(dir, 'consumer.ts'), CONSUMER_TS);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module,
          moduleResolution: resolution,
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const out = await exec(process.execPath, [TSC, '-p', dir], dir, SETUP_TIMEOUT_MS);
    t.is(out.stdout + out.stderr, '');
    t.is(out.code, 0);
  });
}

test('the bt command runs from the package: --help, create, info, download', async (t) => {
  const bt = join(project, 'node_modules', '.bin', 'bt');
  const help = await exec(bt, ['--help'], project);
  t.is(help.code, 0, help.stderr);
  t.regex(help.stdout, /^ {2}bt info /m);

  const data = join(project, 'data');
  await mkdir(data);
  await writeFile(join(data, 'a.txt'), 'swarmhook '.repeat(10_000));
  const created = await exec(bt, ['create', data, '-o', join(project, 'data.torrent')], project);
  t.is(created.code, 0, created.stderr);
  const info = await exec(bt, ['info', join(project, 'data.torrent'), '--json'], project);
  t.is(info.code, 0, info.stderr);
  t.like(JSON.parse(info.stdout) as object, { name: 'data', length: 100_000 });

  // bt download from a seeder in another process: the engine, storage and hasher run compiled.
  const downloaded = await node(
    `
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { createClient } from 'swarmhook';
const seeder = await createClient({ config: false, plugins: [['logger', false]], listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
await seeder.addTorrent('data.torrent', { dir: '.' });
try {
  await promisify(execFile)(${JSON.stringify(bt)}, ['download', 'data.torrent', '-o', 'out', '--peer', '127.0.0.1:' + seeder.port, '--port', '0', '--quiet'], { timeout: 60_000 });
} finally {
  await seeder.destroy();
}
console.log(JSON.stringify(readFileSync('out/data/a.txt').equals(readFileSync('data/a.txt'))));
`,
    project,
  );
  t.is(downloaded.code, 0, downloaded.stderr);
  t.true(lastJson<boolean>(downloaded), 'the downloaded file equals the seeded one');

  const demo = await exec(bt, ['demo'], project);
  t.is(demo.code, 1);
  t.regex(demo.stderr, /^bt demo: \[DEMO_NO_SAMPLE\] /);
});

test('a plugin published as its own package is loaded from .btrc by its name, its options validated', async (t) => {
  const dir = join(project, 'with-btrc');
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'with-btrc', private: true, type: 'module' }));
  await writeFile(join(dir, '.btrc.json'), JSON.stringify({ plugins: [['logger', false], ['swarmhook-plugin-greeter', { greeting: 'hi ' }]] }));
  const out = await node(
    `
import { createClient } from 'swarmhook';
const client = await createClient({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
await client.listen();
console.log(JSON.stringify(Object.fromEntries(client.plugins)));
await client.destroy();
`,
    dir,
  );
  t.is(out.code, 0, out.stderr);
  t.true(out.stdout.startsWith('hi \n'), out.stdout);
  t.deepEqual(lastJson<Record<string, unknown>>(out)['greeter'], { greeting: 'hi ', times: 1 });
});

const TS_PLUGIN = `
import type { Plugin } from 'swarmhook';
const plugin: Plugin<{ label?: string }> = { name: 'typed', apply(client, options) { void client; void options; } };
export default plugin;
`;
const TS_CONFIG = `
import { defineConfig } from 'swarmhook';
export default defineConfig({ plugins: [['logger', false], './typed-plugin.ts'] });
`;
const LOAD_TS = `
import { createClient, loadConfig } from 'swarmhook';
const errorOf = (err) => ({ code: err.code, message: err.message });
const result = {};
try {
  await loadConfig({ file: 'bt.config.ts' });
  result.config = 'loaded';
} catch (err) { result.config = errorOf(err); }
try {
  const client = await createClient({ config: false, plugins: [['logger', false], './typed-plugin.ts'] });
  result.plugin = [...client.plugins.keys()].join(',');
  await client.destroy();
} catch (err) { result.plugin = errorOf(err); }
console.log(JSON.stringify(result));
`;

test(".ts plugins and configs: a coded error saying to install tsx without it, loaded with the user's tsx", async (t) => {
  const dir = join(project, 'typescript');
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'typescript-user', private: true, type: 'module' }));
  await writeFile(join(dir, 'typed-plugin.ts'), TS_PLUGIN);
  await writeFile(join(dir, 'bt.config.ts'), TS_CONFIG);

  const without = lastJson<{ config: unknown; plugin: unknown }>(await node(LOAD_TS, dir));
  if ((process.features as { typescript?: string }).typescript !== undefined) {
    t.deepEqual(without, { config: 'loaded', plugin: 'peer-ban,tracker-failover,ip-filter,ut-metadata,pex,dht,lsd,typed' }, 'this Node strips types itself');
  } else {
    t.like(without, {
      config: { code: 'CONFIG_NEEDS_TSX', message: `${join(dir, 'bt.config.ts')} is TypeScript, and loading it needs tsx, which is not installed: run \`npm install -D tsx\` in your project` },
      plugin: { code: 'PLUGIN_NEEDS_TSX' },
    });
    t.regex((without.plugin as { message: string }).message, /^plugin "\.\/typed-plugin\.ts" \(plugins\[1\] given in code\): .* run `npm install -D tsx`/);
  }

  // The user installs tsx (here: the repository's, linked into this project only).
  await mkdir(join(dir, 'node_modules'));
  await symlink(join(REPO_MODULES, 'tsx'), join(dir, 'node_modules', 'tsx'), 'junction');
  const withTsx = lastJson(await node(LOAD_TS, dir));
  t.deepEqual(withTsx, { config: 'loaded', plugin: 'peer-ban,tracker-failover,ip-filter,ut-metadata,pex,dht,lsd,typed' });
});
