// What `swarmhook` and its subpaths export. The root list is pinned here, so
// that a name reaches the public API by a deliberate edit of this list (and a
// line in CHANGELOG.md), not as a side effect of an export added for a test.
// Every subpath in package.json "exports" must come from a source entry file
// that `npm run build` compiles (tsconfig.build.json takes core/ and plugins/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import test from 'ava';
import { BUILTIN_PLUGINS } from '../../core/index.ts';
import { exportedNames } from '../helpers/module-exports.ts';
import { matchesPattern, packageExports, REPO_ROOT, sourceOf } from '../helpers/package-exports.ts';

const ROOT_EXPORTS = [
  'AddBanOptions', 'AddTorrentOptions', 'Address', 'AddressError', 'AddressErrorCode', 'AnnounceEvent',
  'AnnounceFields', 'AnnounceParams', 'BUILTIN_PLUGINS', 'BanCandidate', 'BanEntry', 'BanError', 'BanErrorCode',
  'BanPeerOptions', 'BanScope', 'BaseInfo', 'BencodeError', 'BlockSource', 'BoundPorts', 'BtConfig',
  'BuiltinPluginName', 'BuiltinPluginOptions', 'CLIENT_VERSION', 'Client', 'ClientError', 'ClientErrorCode',
  'ClientOptions', 'ClientSettings', 'CodedError', 'ConfigError', 'ConfigErrorCode', 'ConfigPluginEntry',
  'ConnectionAttempt', 'ConnectionCounts', 'ConnectionVerdict', 'CreateClientOptions', 'DatagramHandler', 'DefinedConfig',
  'DestroyHandler', 'EVENTS', 'EVENT_NAMES', 'EncryptionSettings', 'EventAttributes', 'EventHooks', 'EventInfo',
  'EventName', 'EventSink', 'ExtendedHandshakeContext', 'ExtensionConnection', 'ExtensionDefinition',
  'ExtensionError', 'ExtensionErrorCode', 'ExtensionPeer', 'ExtensionRegistry', 'FILE_PRIORITIES', 'FilePriority',
  'FileReadStream', 'FilterRule', 'HookName', 'Hooks', 'HttpHandler', 'HttpRoute', 'JsonSchema', 'LimitSettings',
  'ListenSettings', 'Listener', 'ListenerMethods', 'ListenerOptions', 'ListeningSocket', 'LoadConfigOptions',
  'LoadedConfig', 'MagnetLink', 'MagnetPeer', 'MetadataSource', 'Metainfo', 'MetainfoError', 'MetainfoErrorCode',
  'MetainfoFile', 'OPT_IN_BUILTIN_PLUGINS', 'OptionsError', 'Packet', 'ParoleCandidate', 'Peer', 'PeerDataErrorCode',
  'PeerEncryption', 'PeerError', 'PeerErrorCode', 'PeerExtension', 'PendingMagnet', 'Plugin', 'PluginClass',
  'PluginEntry', 'PluginErrorCode', 'PluginFactory', 'PluginLoadError', 'PluginReference', 'PluginSwitch',
  'PolicyHooks', 'PortSpec', 'RateLimitError', 'RateLimits', 'RateSettings', 'ReadRange', 'RegisteredExtension',
  'ReplacementContext', 'ResolvedEncryptionSettings', 'ResolvedLimitSettings', 'ResolvedListenSettings',
  'ResolvedRateSettings', 'ResolvedResumeSettings', 'ResolvedSettings', 'ResolvedTimeoutSettings',
  'ResolvedTrackerSettings', 'ResumeSettings', 'RpcRequest', 'RpcVerdict', 'SPEC_EVENT_NAMES', 'SeedBuffer',
  'SeedOptions', 'SeedSource', 'Severity', 'SharedUdpSocket', 'Stage', 'StorageError', 'StorageErrorCode', 'StorageOperation',
  'StreamServer', 'Swarm', 'SwarmFile', 'SyntaxErrorLocation', 'TimeoutSettings', 'Torrent', 'TorrentFile',
  'TorrentState', 'TrackerCandidate', 'TrackerChoice', 'TrackerError', 'TrackerErrorCode', 'TrackerFailure',
  'TrackerSettings', 'TransportChoice', 'TransportName', 'TransportProtocol', 'UnchokeContext', 'WebSeedError',
  'WebSeedErrorCode', 'WireError', 'WireErrorCode', 'createClient', 'defineConfig', 'defineExtension',
  'definePlugin', 'fillDefaults', 'isTorrentFileUrl', 'loadConfig', 'torrentDir',
];

test('the root exports exactly the pinned names, values and types', (t) => {
  const actual = exportedNames(new URL('core/index.ts', REPO_ROOT));
  const expected = [...ROOT_EXPORTS].sort();
  const added = actual.filter((n) => !expected.includes(n));
  const removed = expected.filter((n) => !actual.includes(n));
  t.deepEqual({ added, removed }, { added: [], removed: [] }, 'a change of the public API: update ROOT_EXPORTS (and CHANGELOG.md) if it is meant');
});

test('engine internals and address helpers are not in the root', (t) => {
  const actual = new Set(exportedNames(new URL('core/index.ts', REPO_ROOT)));
  for (const name of ['Announcer', 'WebSeeds', 'POLICY_RESULT_CHECKS', 'banKey', 'ipv6ToBigInt', 'BanList', 'applyPlugins', 'resolveSettings', 'PLUGIN_CLASS']) {
    t.false(actual.has(name), name);
  }
});

const exportsMap = packageExports();

test('package.json exports the root, the lower layers, the plugins, the schemas and itself', (t) => {
  t.deepEqual(
    [...exportsMap.keys()],
    ['.', './bencode', './metainfo', './wire', './peer', './net', './tracker', './webseed', './plugins/*', './config-schema/*', './package.json'],
  );
});

for (const [subpath, targets] of exportsMap) {
  test(`exports "${subpath}" resolves to source files the build compiles`, (t) => {
    for (const target of targets) {
      const source = sourceOf(target);
      if (target.startsWith('./dist/')) {
        t.regex(target, /\.(d\.ts|js)$/, `${target}: a built file`);
        t.true(source.startsWith('core/') || source.startsWith('plugins/'), `${source} is under core/ or plugins/ (tsconfig.build.json)`);
      }
      if (!source.includes('*')) {
        t.true(existsSync(new URL(source, REPO_ROOT)), `${subpath}: ${target} comes from ${source}, which exists`);
        continue;
      }
      // A pattern: what it stands for in the sources, one folder level deep.
      const base = source.slice(0, source.indexOf('*'));
      const matches = readdirSync(new URL(base, REPO_ROOT), { withFileTypes: true })
        .map((entry) => `${base}${entry.name}${source.slice(source.indexOf('*') + 1)}`)
        .filter((path) => matchesPattern(source, path) && existsSync(new URL(path, REPO_ROOT)));
      t.true(matches.length > 0, `${subpath}: ${source} matches source files`);
      if (subpath === './plugins/*') {
        for (const name of BUILTIN_PLUGINS) t.true(matches.includes(`plugins/${name}/index.ts`), `swarmhook/plugins/${name}`);
      }
    }
  });
}

test('each lower layer entry exports something, says which subpath it is, and is the types and the code of its export', (t) => {
  for (const [subpath, targets] of exportsMap) {
    if (subpath === '.' || subpath.includes('*') || !targets.every((x) => x.startsWith('./dist/'))) continue;
    t.is(new Set(targets.map(sourceOf)).size, 1, subpath);
    const entry = new URL(sourceOf(targets[0]!), REPO_ROOT);
    t.true(exportedNames(entry).length > 0, subpath);
    t.true(readFileSync(entry, 'utf8').includes(`// Published as \`swarmhook/${subpath.slice(2)}\``), `${sourceOf(targets[0]!)} says it is swarmhook/${subpath.slice(2)}`);
  }
});
