// The public API. Built-in plugins import from here and nowhere else.
export { Client } from './client.ts';
export { definePlugin, PLUGIN_CLASS } from "./plugin.ts";
export type { JsonSchema, Plugin, PluginClass } from "./plugin.ts";
export { fillDefaults, OptionsError } from "./json-schema.ts";
export type { ClientOptions, ListenerMethods, ListenerOptions } from './client.ts';
export {
  EVENTS,
  EVENT_NAMES,
  SPEC_EVENT_NAMES,
  POLICY_RESULT_CHECKS,
  Stage,
} from './hooks.ts';
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
} from './hooks.ts';
export type * from './types.ts';
export {
  AddressError,
  bigIntToIpv6,
  compareIp,
  formatAddress,
  formatIp,
  ipFamily,
  ipToValue,
  ipValue,
  ipv4ToNumber,
  ipv6ToBigInt,
  isIp,
  normalizeIp,
  numberToIpv4,
  parseAddress,
  parseIp,
  protocolOf,
  sameIp,
  unmapIp,
} from './net/index.ts';
export type { AddressErrorCode, IpFamily, IpValue, ParsedIp } from './net/index.ts';
export { CodedError } from './errors.ts';
export { ClientError } from './client-error.ts';
export type { ClientErrorCode } from './client-error.ts';
// The strict bencode decoder and canonical encoder, for plugins that speak bencoded protocols (extensions, the DHT's KRPC).
export { bdecode, bencode, BencodeError, isBencodeDict, isBencodeList } from './bencode/index.ts';
export type { BdecodeLimits, BdecodeOptions, BencodeDict, BencodeInput, BencodeList, BencodeValue } from './bencode/index.ts';
export { decodeWireBencode, encodeBencode, ownValue } from './wire/bencode.ts';
export { createClient } from './create-client.ts';
export type { CreateClientOptions } from './create-client.ts';
export { ConfigError, CONFIG_SCHEMA_PATH, SEARCH_PLACES, loadConfig, validateConfig } from './config.ts';
export type { BtConfig, ConfigErrorCode, LoadConfigOptions, LoadedConfig } from './config.ts';
export { BUILTIN_PLUGINS, PluginLoadError, TAP_NAME_WARNING_CODE, applyPlugins, isBuiltin, resolvePlugins } from './plugin-host/index.ts';
export type {
  BuiltinPluginName,
  PluginEntry,
  PluginErrorCode,
  PluginFactory,
  PluginReference,
  PluginSources,
  PluginSwitch,
  ResolvedPlugin,
} from './plugin-host/index.ts';
export type { SyntaxErrorLocation } from './plugin-host/index.ts';
export { expandPorts, mergeSettings, resolveSettings } from './settings.ts';
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
  ResolvedSettings,
  ResolvedTimeoutSettings,
  ResolvedTrackerSettings,
  TimeoutSettings,
  TrackerSettings,
} from './settings.ts';
export { Tracker, TrackerError } from './tracker/index.ts';
export type {
  AnnounceResult,
  ScrapeStats,
  TrackerAnnounceParams,
  TrackerErrorCode,
  TrackerOptions,
  TrackerProtocol,
  UdpOptions,
} from './tracker/index.ts';
export { StorageError } from './storage/errors.ts';
export type { StorageErrorCode, StorageOperation } from './storage/errors.ts';
export {
  MetainfoError,
  MAX_PIECE_LENGTH,
  MAX_TOTAL_LENGTH,
  choosePieceLength,
  createTorrent,
  decodeInfoHash,
  encodeTorrent,
  parseInfoDictionary,
  parseMagnet,
  parsePeerAddress,
  parseTorrent,
  toMagnetURI,
} from './metainfo/index.ts';
export type {
  CreatedTorrent,
  CreateTorrentOptions,
  MagnetLink,
  MagnetPeer,
  Metainfo,
  MetainfoErrorCode,
  MetainfoFile,
  OuterFields,
  TorrentFileFields,
} from './metainfo/index.ts';
export { BitField, BitFieldError, bitfieldByteLength } from './bitfield.ts';
export type { BitFieldErrorCode } from './bitfield.ts';
export { decodeClientName, formatPeerId, generatePeerId } from './peer-id.ts';
export { DEFAULT_EXTENSIONS, KEEP_ALIVE_MS, PeerConnection, PeerError } from './peer/index.ts';
export type { PeerConnectionOptions, PeerDataErrorCode, PeerDelegate, PeerRateGate, PeerRateGates, PeerErrorCode, PeerLimits, PeerTimeouts, PeerTorrentInfo } from './peer/index.ts';
export {
  DEFAULT_MAX_MESSAGE_LENGTH,
  MessageId,
  WireError,
  WireParser,
  decodeHandshake,
  decodeMessage,
  encodeHandshake,
  encodeMessage,
} from './wire/index.ts';
export type { ExtendedHandshake, Extensions, Handshake, Message, MessageType, WireErrorCode, WirePacket } from './wire/index.ts';
export { BanError, BanList, DEFAULT_MAX_BANS, banKey } from './ban-list.ts';
export type { AddBanOptions, BanEntry, BanErrorCode, BanListOptions, BanPeerOptions, BanScope } from './ban-list.ts';
export {
  Announcer,
  DEFAULT_MAX_RETRY_DELAY_MS,
  DEFAULT_MIN_ANNOUNCE_INTERVAL_MS,
  DEFAULT_NUMWANT,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_STOP_TIMEOUT_MS,
  defaultRetryDelayMs,
  firstUsableTracker,
  trackerTiers,
} from './torrent/index.ts';
export type { AnnouncedTorrent, AnnouncerOptions } from './torrent/index.ts';
export {
  DEFAULT_PIECES_IN_FLIGHT,
  DEFAULT_WEBSEED_MAX_FAILURES,
  DEFAULT_WEBSEED_MAX_RETRY_DELAY_MS,
  DEFAULT_WEBSEED_RETRY_DELAY_MS,
  DEFAULT_WEBSEED_TIMEOUT_MS,
  WebSeed,
  WebSeedError,
  WebSeeds,
  fetchRange,
  pieceRanges,
  webSeedFileUrl,
} from './webseed/index.ts';
export type { PieceRange, RangeRequestOptions, WebSeedErrorCode, WebSeedHost, WebSeedLayout, WebSeedsOptions } from './webseed/index.ts';
export { CLIENT_VERSION, OUR_UT_METADATA_ID, UT_METADATA, compactIp, ourExtendedHandshake } from './torrent/index.ts';
export type { OurHandshakeOptions } from './torrent/index.ts';
export {
  MAX_METADATA_SIZE,
  MAX_QUEUED_FOR_METADATA,
  METADATA_PIECE_LENGTH,
  MetadataAssembler,
  MetadataError,
  answerMetadataRequest,
  decodeMetadataMessage,
  encodeMetadataMessage,
  metadataPiece,
  metadataPieceCount,
  remoteMetadataSupport,
} from './torrent/metadata-exchange.ts';
export type { MetadataErrorCode, MetadataMessage, MetadataPeer, RemoteMetadataSupport } from './torrent/metadata-exchange.ts';
export { DEFAULT_METADATA_REQUEST_TIMEOUT_MS, DEFAULT_METADATA_RETRY_MS, DEFAULT_METADATA_WINDOW, MetadataFetcher } from './torrent/metadata-fetcher.ts';
export type { MetadataFetcherOptions } from './torrent/metadata-fetcher.ts';
export { MagnetSwarm, UNKNOWN_LEFT } from './torrent/magnet-swarm.ts';
export type { MagnetSwarmOptions, MagnetSwarmPeer } from './torrent/magnet-swarm.ts';
export type { DestroyHandler } from './client.ts';
export { ExtensionError, ExtensionRegistry, FIRST_EXTENSION_ID, MAX_EXTENSION_ID, defineExtension } from './extensions/registry.ts';
export type {
  ExtensionConnection,
  ExtensionDefinition,
  ExtensionErrorCode,
  ExtensionPeer,
  PeerExtension,
  RegisteredExtension,
} from './extensions/registry.ts';
export type { AddTorrentOptions, ConnectionCounts } from './engine.ts';
export type { Swarm } from './torrent/index.ts';
export { RateBuckets, RateGate, RateLimitError, RateScheduler, TokenBucket } from './net/rate-limiter.ts';
export type { RateLimits } from './net/rate-limiter.ts';
