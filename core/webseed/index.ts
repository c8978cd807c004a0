// BEP 19 web seeds: the seeds of one swarm (web-seeds.ts), the URL and byte
// ranges of each piece (layout.ts), and the range request (range-request.ts).
// Published as `swarmhook/webseed` (package.json "exports"): what this file exports is public API.
export { WebSeedError, toWebSeedError } from './errors.ts';
export type { WebSeedErrorCode } from './errors.ts';
export { pieceRanges, pieceSize, webSeedFileUrl } from './layout.ts';
export type { PieceRange, WebSeedLayout } from './layout.ts';
export { DEFAULT_WEBSEED_TIMEOUT_MS, fetchRange } from './range-request.ts';
export type { RangeRequestOptions } from './range-request.ts';

export {
  DEFAULT_PIECES_IN_FLIGHT,
  DEFAULT_WEBSEED_MAX_FAILURES,
  DEFAULT_WEBSEED_MAX_RETRY_DELAY_MS,
  DEFAULT_WEBSEED_RETRY_DELAY_MS,
  WebSeed,
  WebSeeds,
} from './web-seeds.ts';
export type { WebSeedHost, WebSeedsOptions } from './web-seeds.ts';
