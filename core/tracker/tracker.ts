// One tracker URL of one torrent: its state (failures in a row, intervals,
// tracker id) and its announce and scrape, which fire the tracker_* events and
// never reject. Which tracker to use next, and when to retry a failing one, is
// decided through policy hooks by the announcer; this class only keeps the facts.
import type { EventAttributes, EventName, EventSink } from '../hooks.ts';
import type { Torrent } from '../types.ts';
import { TrackerError, toTrackerError } from './errors.ts';
import { httpAnnounce, httpScrape, scrapeUrlFor } from './http.ts';
import type { AnnounceRequest, ExchangeOptions, TrackerAnnounceParams } from './request.ts';
import type { AnnounceResult, ScrapeStats } from './response.ts';
import { UdpTrackerSession, type UdpExchangeOptions, type UdpOptions } from './udp.ts';

export type { TrackerAnnounceParams } from './request.ts';

export type TrackerProtocol = 'http' | 'https' | 'udp';

export interface TrackerOptions {
  readonly url: string;
  /** Tier of the announce-list (BEP 12) this URL belongs to, 0 first. */
  readonly tier: number;
  readonly torrent: Torrent;
  readonly sink: EventSink;
  /** Our raw 20-byte peer id. */
  readonly peerId: Buffer;
  /** 32-bit key sent with every announce. */
  readonly key: number;
  /** Total time limit of one HTTP announce or scrape, redirects included (the timeouts.trackerMs setting). */
  readonly timeoutMs: number;
  /** UDP retransmission schedule and optional total limit (see UdpOptions; timeoutMs above is HTTP's). */
  readonly udp: UdpOptions;
  readonly http?: {
    /** Default 5. */
    readonly maxRedirects?: number;
    /** Default 4 MiB. */
    readonly maxResponseBytes?: number;
    readonly userAgent?: string;
  };
  /** Clock (epoch ms), replaceable in tests. */
  readonly now?: () => number;
}

function protocolOf(url: string): TrackerProtocol | undefined {
  try {
    const p = new URL(url).protocol;
    return p === 'http:' ? 'http' : p === 'https:' ? 'https' : p === 'udp:' ? 'udp' : undefined;
  } catch {
    return undefined;
  }
}

function checkInfoHash(infoHash: Buffer): void {
  if (!Buffer.isBuffer(infoHash) || infoHash.length !== 20) {
    throw new TrackerError('TRACKER_BAD_REQUEST', 'the info hash to announce must be 20 bytes');
  }
}

export class Tracker {
  readonly url: string;
  readonly tier: number;
  readonly torrent: Torrent;
  /** undefined when the URL's scheme is not one we speak (announces then fail with TRACKER_BAD_URL). */
  readonly protocol: TrackerProtocol | undefined;

  /** Consecutive failed announces; 0 after a success. */
  timesInRow = 0;
  /** HTTP status of the last announce: 200 on HTTP success, 0 for UDP, time-outs and connection failures. */
  lastStatusCode: number | undefined;
  /** `tracker id` the tracker gave us, sent back with later announces. */
  trackerId: string | undefined;
  /** Seconds between regular announces, as the tracker asked. */
  interval: number | undefined;
  minInterval: number | undefined;
  /** Epoch ms of the next regular announce the tracker asked for (0 before the first success). */
  nextAnnounceAt = 0;
  lastAnnounceAt = 0;
  lastSuccessAt = 0;
  lastError: TrackerError | undefined;
  /** Seeders and leechers from the last reply that told. */
  complete: number | undefined;
  incomplete: number | undefined;
  lastScrape: ScrapeStats | undefined;
  lastScrapeError: TrackerError | undefined;

  readonly #sink: EventSink;
  readonly #peerId: Buffer;
  readonly #key: number;
  readonly #timeoutMs: number;
  readonly #udpOptions: UdpOptions;
  readonly #httpOptions: NonNullable<TrackerOptions['http']>;
  readonly #now: () => number;
  readonly #udp: UdpTrackerSession | undefined;
  readonly #inFlight = new Set<AbortController>();

  constructor(options: TrackerOptions) {
    if (!Buffer.isBuffer(options.peerId) || options.peerId.length !== 20) throw new TypeError('peerId must be a 20-byte Buffer');
    this.url = options.url;
    this.tier = options.tier;
    this.torrent = options.torrent;
    this.#sink = options.sink;
    this.#peerId = options.peerId;
    this.#key = options.key;
    this.#timeoutMs = options.timeoutMs;
    this.#udpOptions = options.udp;
    this.#httpOptions = options.http ?? {};
    this.#now = options.now ?? Date.now;
    let protocol = protocolOf(options.url);
    let udp: UdpTrackerSession | undefined;
    if (protocol === 'udp') {
      try {
        udp = new UdpTrackerSession(options.url, { now: this.#now });
      } catch {
        protocol = undefined; // no port or host: unusable, reported on announce
      }
    }
    this.protocol = protocol;
    this.#udp = udp;
  }

  /** True while an announce or scrape is under way. */
  get updating(): boolean {
    return this.#inFlight.size > 0;
  }

  /** True when the URL follows the scrape convention (BEP 48) or is UDP. */
  get canScrape(): boolean {
    return this.protocol === 'udp' || (this.protocol !== undefined && scrapeUrlFor(this.url) !== undefined);
  }

  /**
   * Announces and fires tracker_announce, tracker_write / tracker_read,
   * then tracker_success (and tracker_warning) or tracker_failure. Never
   * rejects: a failure resolves to undefined and is in `lastError`. An
   * announce cancelled by abort() resolves to undefined without an event.
   */
  async announce(params: TrackerAnnounceParams): Promise<AnnounceResult | undefined> {
    const control = this.#begin();
    try {
      this.lastAnnounceAt = this.#now();
      this.#emit('tracker_announce', { torrent: this.torrent, url: this.url, announce_event: params.event });
      checkInfoHash(params.infoHash);
      const request: AnnounceRequest = {
        ...params,
        peerId: this.#peerId,
        key: this.#key,
        ...(this.trackerId !== undefined ? { trackerId: this.trackerId } : {}),
      };
      const result = await this.#announceOnce(request, this.#exchangeOptions(control.signal));
      this.#succeeded(result);
      return result;
    } catch (err) {
      if (control.signal.aborted && this.#isAbort(err)) return undefined;
      this.#failed(toTrackerError(err));
      return undefined;
    } finally {
      this.#inFlight.delete(control);
    }
  }

  /** Scrapes this torrent (or the given info hash); undefined on failure (see lastScrapeError). Never rejects. */
  async scrape(infoHash: Buffer = Buffer.from(this.torrent.infoHash, 'hex')): Promise<ScrapeStats | undefined> {
    const control = this.#begin();
    try {
      checkInfoHash(infoHash);
      const o = this.#exchangeOptions(control.signal);
      let stats: Map<string, ScrapeStats>;
      if (this.#udp !== undefined) stats = await this.#udp.scrape([infoHash], this.#udpExchange(o));
      else if (this.protocol === 'http' || this.protocol === 'https') stats = await httpScrape(this.url, [infoHash], { ...o, ...this.#httpOptions });
      else throw this.#unsupported();
      const result = stats.get(infoHash.toString('hex'));
      if (result === undefined) throw new TrackerError('TRACKER_BAD_RESPONSE', 'scrape reply lacks the torrent');
      this.lastScrape = result;
      this.lastScrapeError = undefined;
      return result;
    } catch (err) {
      if (!(control.signal.aborted && this.#isAbort(err))) this.lastScrapeError = toTrackerError(err);
      return undefined;
    } finally {
      this.#inFlight.delete(control);
    }
  }

  /** Cancels every announce and scrape in flight; they resolve to undefined. The tracker stays usable. */
  abort(): void {
    for (const c of this.#inFlight) c.abort(new TrackerError('TRACKER_ABORTED', 'request aborted'));
    this.#inFlight.clear();
  }

  #begin(): AbortController {
    const control = new AbortController();
    this.#inFlight.add(control);
    return control;
  }

  #isAbort(err: unknown): boolean {
    return err instanceof TrackerError && err.code === 'TRACKER_ABORTED';
  }

  #unsupported(): TrackerError {
    return new TrackerError('TRACKER_BAD_URL', `unsupported tracker URL: ${this.url}`);
  }

  #exchangeOptions(signal: AbortSignal): ExchangeOptions {
    const sink = this.#sink;
    return {
      timeoutMs: this.#timeoutMs,
      signal,
      onWrite: (length) => {
        if (sink.listens('tracker_write')) this.#emit('tracker_write', { torrent: this.torrent, url: this.url, length });
      },
      onRead: (length) => {
        if (sink.listens('tracker_read')) this.#emit('tracker_read', { torrent: this.torrent, url: this.url, length });
      },
    };
  }

  #udpExchange(o: ExchangeOptions): UdpExchangeOptions {
    const { timeoutMs: _httpLimit, ...rest } = o;
    return { ...rest, ...this.#udpOptions };
  }

  #announceOnce(request: AnnounceRequest, o: ExchangeOptions): Promise<AnnounceResult> {
    if (this.#udp !== undefined) return this.#udp.announce(request, this.#udpExchange(o));
    if (this.protocol === 'http' || this.protocol === 'https') return httpAnnounce(this.url, request, { ...o, ...this.#httpOptions });
    return Promise.reject(this.#unsupported());
  }

  #succeeded(result: AnnounceResult): void {
    const now = this.#now();
    this.timesInRow = 0;
    this.lastError = undefined;
    this.lastStatusCode = this.protocol === 'udp' ? 0 : 200;
    this.lastSuccessAt = now;
    this.interval = result.interval;
    this.minInterval = result.minInterval;
    if (result.trackerId !== undefined) this.trackerId = result.trackerId;
    if (result.complete !== undefined) this.complete = result.complete;
    if (result.incomplete !== undefined) this.incomplete = result.incomplete;
    this.nextAnnounceAt = now + Math.max(result.interval, result.minInterval ?? 0) * 1000;
    this.#emit('tracker_success', { torrent: this.torrent, url: this.url, peer_count: result.peers.length, interval: result.interval });
    if (result.warning !== undefined) this.#emit('tracker_warning', { torrent: this.torrent, url: this.url, warning: result.warning });
  }

  #failed(error: TrackerError): void {
    this.timesInRow++;
    this.lastError = error;
    this.lastStatusCode = error.statusCode;
    this.#emit('tracker_failure', {
      torrent: this.torrent,
      url: this.url,
      times_in_row: this.timesInRow,
      status_code: error.statusCode,
      reason: error.message,
    });
  }

  #emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void {
    try {
      this.#sink.emit(event, attributes);
    } catch (err) {
      // Client.emit never throws (taps are guarded); another sink that does must not turn an announce into a rejection.
      process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'SWARMHOOK_SINK_THREW' });
    }
  }
}
