// One torrent's swarm and what it is made of as the engine sees it: the swarm
// (its picker, choker and piece accounting stay inside), the announcer, the
// metadata phase of a magnet link (BEP 9) and the client-wide send budget.
export {
  Announcer,
  DEFAULT_MIN_ANNOUNCE_INTERVAL_MS,
  DEFAULT_NUMWANT,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_STOP_TIMEOUT_MS,
  firstUsableTracker,
  trackerTiers,
} from './announcer.ts';
export type { AnnouncedTorrent, AnnouncerOptions } from './announcer.ts';
export type { Dialer, PieceStore, SwarmMeta, SwarmPeer, SwarmService } from './contracts.ts';
export { CLIENT_VERSION, DEFAULT_REQQ, OUR_UT_METADATA_ID, UT_METADATA, compactIp, ourExtendedHandshake } from './extensions.ts';
export type { OurHandshakeOptions } from './extensions.ts';
export { MagnetSwarm, UNKNOWN_LEFT } from './magnet-swarm.ts';
export type { MagnetSwarmOptions, MagnetSwarmPeer } from './magnet-swarm.ts';
export {
  MAX_METADATA_SIZE,
  MAX_QUEUED_FOR_METADATA,
  METADATA_PIECE_LENGTH,
  MetadataAssembler,
  MetadataError,
  answerMetadataRequest,
  decodeMetadataMessage,
  encodeMetadataMessage,
  handleMetadataMessage,
  infoDictionaryOf,
  metadataPiece,
  metadataPieceCount,
  remoteMetadataSupport,
} from './metadata-exchange.ts';
export type { MetadataErrorCode, MetadataMessage, MetadataPeer, RemoteMetadataSupport } from './metadata-exchange.ts';
export { DEFAULT_METADATA_REQUEST_TIMEOUT_MS, DEFAULT_METADATA_RETRY_MS, DEFAULT_METADATA_WINDOW, MetadataFetcher } from './metadata-fetcher.ts';
export type { MetadataFetcherOptions } from './metadata-fetcher.ts';
export { SendBudget } from './send-budget.ts';
export { MAX_REQUEST_LENGTH, Swarm } from './swarm.ts';
export type { PieceOutcome, SwarmOptions } from './swarm.ts';
