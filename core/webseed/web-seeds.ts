// BEP 19 web seeds: HTTP servers holding a torrent's files. Each acts as a
// peer that has every piece: it takes whole pieces no peer has started,
// fetches them with range requests and hands them to the swarm, which checks
// them like any other piece. A seed that fails (host not found, refused,
// 4xx/5xx, wrong length, a piece failing its hash) fires url_seed and is
// retried later with a growing delay, and dropped after too many failures in a row.
import http from 'node:http';
import https from 'node:https';
import type { EventSink } from '../hooks.ts';
import type { PieceOutcome, SwarmService } from '../torrent/index.ts';
import type { Torrent } from '../types.ts';
import { WebSeedError, toWebSeedError } from './errors.ts';
import { pieceRanges, webSeedFileUrl, type WebSeedLayout } from './layout.ts';
import { fetchRange, parseSeedUrl } from './range-request.ts';

/** Pieces fetched at once from one seed once it has proved itself (libtorrent pipelines 5 requests). */
export const DEFAULT_PIECES_IN_FLIGHT = 4;
/** Wait after a seed's first failure; doubled with each further failure in a row (libtorrent waits 30 s). */
export const DEFAULT_WEBSEED_RETRY_DELAY_MS = 30_000;
export const DEFAULT_WEBSEED_MAX_RETRY_DELAY_MS = 600_000;
/** Failures in a row after which a seed is dropped for good. */
export const DEFAULT_WEBSEED_MAX_FAILURES = 5;

/** What web seeds need of their swarm (the Swarm has it). */
export interface WebSeedHost extends Torrent {
  /** A whole missing piece, reserved for the caller; -1 when none is left. */
  takeWebSeedPiece(): number;
  releaseWebSeedPiece(index: number): void;
  allocatePiece(index: number): Buffer;
  /** Checks and stores a piece; the URL names the sender in piece_hash_* events. */
  deliverWebSeedPiece(url: string, index: number, data: Buffer): Promise<PieceOutcome>;
}

export interface WebSeedsOptions {
  /** The url-list entries (and a magnet's ws). */
  readonly urls: readonly string[];
  readonly layout: WebSeedLayout;
  readonly host: WebSeedHost;
  readonly sink: EventSink;
  /** Time limit of one range request, redirects included. */
  readonly timeoutMs?: number;
  readonly piecesInFlight?: number;
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly maxFailures?: number;
  readonly userAgent?: string;
  /** True while a seed's URL is banned (the ban list keeps web seeds by URL): it is not asked meanwhile. */
  readonly isBanned?: (url: string) => boolean;
  /** Clock (epoch ms), replaceable in tests. */
  readonly now?: () => number;
}

/** One web seed's state. */
export class WebSeed {
  readonly url: string;
  /** Failures since the last piece that passed. */
  failures = 0;
  /** Epoch ms before which the seed is not asked again. */
  retryAt = 0;
  /** Given up after too many failures in a row, or its URL is unusable. */
  dropped = false;
  /** Pieces being fetched now. */
  inFlight = 0;
  /** Pieces it sent that passed their hash check, and their bytes. */
  piecesPassed = 0;
  bytesPassed = 0;
  lastError: WebSeedError | undefined;
  /** Bumped at each counted failure: requests begun before it do not count their own failure again. */
  attempt = 0;

  constructor(url: string) {
    this.url = url;
  }
}

export class WebSeeds implements SwarmService {
  readonly seeds: readonly WebSeed[];
  readonly #layout: WebSeedLayout;
  readonly #host: WebSeedHost;
  readonly #sink: EventSink;
  readonly #timeoutMs: number | undefined;
  readonly #piecesInFlight: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #maxFailures: number;
  readonly #userAgent: string | undefined;
  readonly #isBanned: (url: string) => boolean;
  readonly #now: () => number;
  readonly #fetches = new Set<Promise<void>>();
  #running = false;
  #control = new AbortController();
  #agents: { http: http.Agent; https: https.Agent } | undefined;

  constructor(options: WebSeedsOptions) {
    this.seeds = [...new Set(options.urls)].map((u) => new WebSeed(u));
    this.#layout = options.layout;
    this.#host = options.host;
    this.#sink = options.sink;
    this.#timeoutMs = options.timeoutMs;
    this.#piecesInFlight = Math.max(1, options.piecesInFlight ?? DEFAULT_PIECES_IN_FLIGHT);
    this.#retryDelayMs = options.retryDelayMs ?? DEFAULT_WEBSEED_RETRY_DELAY_MS;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? DEFAULT_WEBSEED_MAX_RETRY_DELAY_MS;
    this.#maxFailures = options.maxFailures ?? DEFAULT_WEBSEED_MAX_FAILURES;
    this.#userAgent = options.userAgent;
    this.#isBanned = options.isBanned ?? (() => false);
    this.#now = options.now ?? Date.now;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#control = new AbortController();
    this.#agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    for (const seed of this.seeds) {
      if (seed.dropped || seed.attempt > 0) continue;
      try {
        parseSeedUrl(seed.url);
      } catch (err) {
        seed.dropped = true;
        this.#report(seed, toWebSeedError(err), 'dropped');
      }
    }
    this.#kick();
  }

  tick(): void {
    this.#kick();
  }

  /** Aborts every request and gives their pieces back. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#control.abort(new WebSeedError('WEBSEED_ABORTED', 'request aborted'));
    await Promise.allSettled([...this.#fetches]);
    this.#agents?.http.destroy();
    this.#agents?.https.destroy();
    this.#agents = undefined;
  }

  /** Gives every usable seed pieces up to its limit. */
  #kick(): void {
    if (!this.#running) return;
    const now = this.#now();
    for (const seed of this.seeds) {
      if (seed.dropped || now < seed.retryAt || this.#isBanned(seed.url)) continue;
      // A seed that has not proved itself (or just failed) gets one piece at a time.
      const limit = seed.failures === 0 && seed.piecesPassed > 0 ? this.#piecesInFlight : 1;
      while (seed.inFlight < limit) {
        const index = this.#host.takeWebSeedPiece();
        if (index < 0) return;
        seed.inFlight++;
        const fetch: Promise<void> = this.#fetchPiece(seed, index)
          .catch((err: unknown) => {
            // Only a bug gets here (fetch and delivery report their own failures): keep the piece available.
            this.#host.releaseWebSeedPiece(index);
            process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'SWARMHOOK_WEBSEED' });
          })
          .finally(() => {
            seed.inFlight--;
            this.#fetches.delete(fetch);
            this.#kick();
          });
        this.#fetches.add(fetch);
      }
    }
  }

  async #fetchPiece(seed: WebSeed, index: number): Promise<void> {
    const attempt = seed.attempt;
    const data = this.#host.allocatePiece(index);
    try {
      for (const range of pieceRanges(this.#layout, index)) {
        if (range.padding) {
          data.fill(0, range.pieceOffset, range.pieceOffset + range.length);
          continue;
        }
        const url = webSeedFileUrl(seed.url, this.#layout, range.file);
        await fetchRange(url, range.fileOffset, range.fileOffset + range.length - 1, data, range.pieceOffset, {
          signal: this.#control.signal,
          ...(this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }),
          ...(this.#userAgent === undefined ? {} : { userAgent: this.#userAgent }),
          ...(this.#agents === undefined ? {} : { agents: this.#agents }),
        });
      }
    } catch (err) {
      this.#host.releaseWebSeedPiece(index);
      const error = toWebSeedError(err);
      if (this.#running && error.code !== 'WEBSEED_ABORTED') this.#failed(seed, attempt, error);
      return;
    }
    if (!this.#running) {
      this.#host.releaseWebSeedPiece(index);
      return;
    }
    const outcome = await this.#host.deliverWebSeedPiece(seed.url, index, data);
    if (outcome === 'passed') {
      seed.failures = 0;
      seed.lastError = undefined;
      seed.piecesPassed++;
      seed.bytesPassed += data.length;
    } else if (outcome === 'failed') {
      this.#failed(seed, attempt, new WebSeedError('WEBSEED_HASH', `piece ${index} failed its hash check`));
    }
  }

  #failed(seed: WebSeed, attempt: number, error: WebSeedError): void {
    // Requests in flight when the seed failed fail the same way: count the failure once.
    if (attempt !== seed.attempt) return;
    seed.attempt++;
    seed.failures++;
    seed.lastError = error;
    if (seed.failures >= this.#maxFailures) {
      seed.dropped = true;
      this.#report(seed, error, 'dropped');
      return;
    }
    const delay = Math.min(this.#maxRetryDelayMs, this.#retryDelayMs * 2 ** (seed.failures - 1));
    seed.retryAt = this.#now() + delay;
    this.#report(seed, error, delay);
  }

  #report(seed: WebSeed, error: WebSeedError, next: number | 'dropped'): void {
    if (!this.#sink.listens('url_seed')) return;
    const then =
      next === 'dropped'
        ? seed.failures > 0
          ? `; dropped after ${seed.failures} failures in a row`
          : '; dropped'
        : `; retrying in ${Math.round(next / 1000)} s`;
    this.#sink.emit('url_seed', { url: seed.url, torrent: this.#host, reason: `${error.message}${then}` });
  }
}
