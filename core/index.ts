// The public API, what `import ... from 'swarmhook'` gives: the client, the
// plugin and config helpers, the hook table and its types, the error classes
// and the data the events and the client hand out. Lower layers a user may
// drive on their own are subpath exports, each an entry file listed in
// package.json "exports" (swarmhook/bencode, /metainfo, /wire, /peer, /net,
// /tracker, /webseed, /plugins/<name>); engine internals are exported nowhere.
// test/project/public-api.test.ts pins this list: growing it is a decision.
// Built-in plugins import from here or from a subpath's entry file, nothing else.
export { Client } from './client.ts';
export type { ClientOptions, DestroyHandler, ListenerMethods, ListenerOptions } from './client.ts';
export { createClient } from './create-client.ts';
export type { CreateClientOptions } from './create-client.ts';
export { definePlugin } from './plugin.ts';
export type { JsonSchema, Plugin, PluginClass } from './plugin.ts';
export { fillDefaults, OptionsError } from './json-schema.ts';
export { defineConfig } from './define-config.ts';
export type { BuiltinPluginOptions, ConfigPluginEntry, DefinedConfig } from './define-config.ts';
export { EVENTS, EVENT_NAMES, SPEC_EVENT_NAMES, Stage } from './hooks.ts';
export type {
  AnnounceEvent,
  AnnounceFields,
  AnnounceParams,
  BanCandidate,
  BaseInfo,
  BlockSource,
  ConnectionAttempt,
  ConnectionVerdict,
  EventAttributes,
  EventHooks,
  EventSink,
  EventInfo,
  ExtendedHandshakeContext,
  EventName,
  HookName,
  Hooks,
  Listener,
  ListeningSocket,
  ParoleCandidate,
  PolicyHooks,
  TrackerCandidate,
  TrackerChoice,
  TrackerFailure,
  TransportChoice,
  TransportName,
  UnchokeContext,
  ReplacementContext,
  RpcRequest,
  RpcVerdict,
  HttpRoute,
  HttpHandler,
} from './hooks.ts';
export type * from './types.ts';
export { CodedError } from './errors.ts';
export { ClientError } from './client-error.ts';
export type { ClientErrorCode } from './client-error.ts';
export { ConfigError, loadConfig } from './config.ts';
export type { BtConfig, ConfigErrorCode, LoadConfigOptions, LoadedConfig } from './config.ts';
export { BUILTIN_PLUGINS, OPT_IN_BUILTIN_PLUGINS, PluginLoadError } from './plugin-host/index.ts';
export type {
  BuiltinPluginName,
  PluginEntry,
  PluginErrorCode,
  PluginFactory,
  PluginReference,
  PluginSwitch,
  SyntaxErrorLocation,
} from './plugin-host/index.ts';
export type {
  ClientSettings,
  EncryptionSettings,
  LimitSettings,
  ListenSettings,
  PortSpec,
  ResolvedEncryptionSettings,
  RateSettings,
  ResolvedLimitSettings,
  ResolvedListenSettings,
  ResolvedRateSettings,
  ResolvedResumeSettings,
  ResolvedSettings,
  ResolvedTimeoutSettings,
  ResolvedTrackerSettings,
  ResumeSettings,
  TimeoutSettings,
  TrackerSettings,
} from './settings.ts';
// What the client hands out: torrents (Swarm), metainfo, counts, bans, rate limits.
export type { ConnectionCounts } from './connections.ts';
export type { AddTorrentOptions } from './engine.ts';
export type { Swarm } from './torrent/index.ts';
export type { MagnetLink, MagnetPeer, Metainfo, MetainfoFile } from './metainfo/index.ts';
export type { BoundPorts } from './net/index.ts';
export type { DatagramHandler, SharedUdpSocket } from './net/shared-udp-socket.ts';
export type { AddBanOptions, BanEntry, BanErrorCode, BanPeerOptions, BanScope } from './ban-list.ts';
export { BanError } from './ban-list.ts';
export type { RateLimits } from './net/rate-limiter.ts';
export { RateLimitError } from './net/rate-limiter.ts';
// The error classes of the lower layers, so that `instanceof` works without a subpath import.
export { AddressError } from './net/address.ts';
export type { AddressErrorCode } from './net/address.ts';
export { BencodeError } from './bencode/index.ts';
export { MetainfoError } from './metainfo/index.ts';
export type { MetainfoErrorCode } from './metainfo/index.ts';
export { PeerError } from './peer/index.ts';
export type { PeerDataErrorCode, PeerErrorCode } from './peer/index.ts';
export { StorageError } from './storage/errors.ts';
export type { StorageErrorCode, StorageOperation } from './storage/errors.ts';
export { TrackerError } from './tracker/index.ts';
export type { TrackerErrorCode } from './tracker/index.ts';
export { WebSeedError } from './webseed/index.ts';
export type { WebSeedErrorCode } from './webseed/index.ts';
export { WireError } from './wire/index.ts';
export type { WireErrorCode } from './wire/index.ts';
// Protocol extensions (BEP 10) as plugins.
export { ExtensionError, defineExtension } from './extensions/registry.ts';
export type {
  ExtensionConnection,
  ExtensionDefinition,
  ExtensionErrorCode,
  ExtensionPeer,
  ExtensionRegistry,
  PeerExtension,
  RegisteredExtension,
} from './extensions/registry.ts';
// Magnet links: where their info dictionaries come from (the ut-metadata built-in is one such source).
export type { MetadataSource, PendingMagnet } from './torrent/index.ts';
// The library for applications: a torrent's files, their priorities and streams, its HTTP server.
export type { SeedOptions } from './client.ts';
export type { SeedBuffer, SeedSource } from './seed-source.ts';
export type { SwarmFile } from './torrent/swarm-file.ts';
export { FILE_PRIORITIES } from './torrent/file-priorities.ts';
export type { FilePriority } from './torrent/file-priorities.ts';
export type { FileReadStream, ReadRange } from './torrent/file-stream.ts';
export type { StreamServer } from './torrent/stream-server.ts';
// The version we advertise (BEP 10 `v`, Transmission's session-get `version`).
export { CLIENT_VERSION } from './torrent/extensions.ts';
// What the daemon's plugins (transmission-rpc, web-ui) read of a torrent: its folder.
export { torrentDir } from './torrent/torrent-dir.ts';
export { isTorrentFileUrl } from './torrent-file-url.ts';
