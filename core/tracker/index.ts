// Announce and scrape of ONE tracker over HTTP(S) or UDP. The engine creates a
// Tracker per announce URL; its announcer asks the policy hooks which to use when.
// Published as `swarmhook/tracker` (package.json "exports"): what this file exports is public API.
export { Tracker } from './tracker.ts';
export type { TrackerOptions, TrackerProtocol } from './tracker.ts';
export { TrackerError, toTrackerError } from './errors.ts';
export type { TrackerErrorCode } from './errors.ts';
export { DEFAULT_INTERVAL_S, parseAnnounceReply, parseCompactPeers, parseScrapeReply } from './response.ts';
export type { AnnounceResult, ScrapeStats } from './response.ts';
export type { AnnounceRequest, ExchangeOptions, TrackerAnnounceParams } from './request.ts';
export {
  buildAnnounceUrl,
  buildScrapeUrl,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  httpAnnounce,
  httpScrape,
  percentEncodeBytes,
  scrapeUrlFor,
} from './http.ts';
export type { HttpOptions } from './http.ts';
export {
  CONNECTION_ID_LIFE_MS,
  PROTOCOL_ID,
  UdpAction,
  UdpTrackerSession,
  parseUdpUrl,
} from './udp.ts';
export type { UdpExchangeOptions, UdpOptions, UdpTarget } from './udp.ts';
