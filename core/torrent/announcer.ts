// The trackers of one torrent: its BEP 12 tiers, the announce lifecycle
// (started, regular re-announces at the tracker's interval and never before
// its min interval, completed, stopped) and the peers the trackers return. Which trackers to use is asked
// of the choose_trackers policy hook each time something changes, and when a
// failing tracker may be tried again of the tracker_retry policy hook; the
// announcer keeps the facts (each tracker's state, its retry time) and the
// timing, and never announces to a tracker before its retry time. The tiers
// keep the metainfo's order: reordering them (BEP 12) is a policy's business.
import { randomBytes } from 'node:crypto';
import type { AnnounceEvent, AnnounceParams, EventSink, PolicyHooks, TrackerCandidate, TrackerChoice } from '../hooks.ts';
import { Tracker, type TrackerOptions } from '../tracker/tracker.ts';
import type { UdpOptions } from '../tracker/udp.ts';
import type { Address, Torrent } from '../types.ts';

/** Peers asked for in each announce (libtorrent asks for 200; 50 keeps replies small). */
export const DEFAULT_NUMWANT = 50;
/** Retry delay after a first failure when no tracker_retry tap answers (the tracker-failover plugin does). */
export const DEFAULT_RETRY_DELAY_MS = 30_000;
/** The longest the default retry delay grows to, doubling with each failure in a row. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 3_600_000;
/** Floor under a tracker's interval, so that one asking for 0 s is not hammered. */
export const DEFAULT_MIN_ANNOUNCE_INTERVAL_MS = 60_000;
/** How long stop() waits for the "stopped" announces before abandoning them. */
export const DEFAULT_STOP_TIMEOUT_MS = 2_500;

/** What the announcer needs of its torrent (the Swarm has it). */
export interface AnnouncedTorrent extends Torrent {
  readonly uploaded: number;
  readonly downloaded: number;
  /** Bytes of wanted pieces still missing. */
  readonly left: number;
  addPeers(addresses: readonly Address[]): void;
}

export interface AnnouncerOptions {
  readonly torrent: AnnouncedTorrent;
  /** Tracker URLs by tier (BEP 12), tier 0 first. Duplicates and unsupported schemes are left out. */
  readonly tiers: readonly (readonly string[])[];
  readonly sink: EventSink;
  readonly hooks: Pick<PolicyHooks, 'choose_trackers' | 'tracker_retry' | 'announce_params'>;
  /** Our raw 20-byte peer id. */
  readonly peerId: Buffer;
  /** The port peers can reach us on, read at each announce. */
  readonly port: () => number;
  /** 32-bit key sent with every announce; random by default. */
  readonly key?: number;
  readonly numwant?: number;
  /** Total time limit of one HTTP announce (the timeouts.trackerMs setting). */
  readonly timeoutMs: number;
  /** UDP retransmission schedule (the trackers.udp* settings). */
  readonly udp: UdpOptions;
  /** Retry delay after a first failure when no tracker_retry tap answers; it doubles with each failure in a row. */
  readonly retryDelayMs?: number;
  /** Cap on that default retry delay. */
  readonly maxRetryDelayMs?: number;
  /** Floor under the interval between regular announces to one tracker. */
  readonly minAnnounceIntervalMs?: number;
  /** Bound on stop(): stopped announces still running after it are aborted. */
  readonly stopTimeoutMs?: number;
  /** Clock (epoch ms), replaceable in tests. */
  readonly now?: () => number;
}

interface TrackerProgress {
  /** A "started" announce succeeded (and no "stopped" was sent since). */
  startSent: boolean;
  /** A "completed" announce succeeded, or "started" told the tracker we had everything. */
  completeSent: boolean;
}

const SUPPORTED = new Set(['http:', 'https:', 'udp:']);

function supported(url: string): boolean {
  try {
    return SUPPORTED.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * A torrent's tracker tiers: the metainfo's (announce-list, else announce),
 * then extra trackers (a magnet link's tr), each in a tier of its own.
 */
export function trackerTiers(announce: readonly (readonly string[])[], extra: readonly string[] = []): string[][] {
  return [...announce.map((tier) => [...tier]), ...extra.map((url) => [url])];
}

/** The default retry delay after `timesInRow` failures in a row: `first`, doubling each time, capped at `max`. */
export function defaultRetryDelayMs(timesInRow: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, timesInRow - 1));
}

/**
 * The default when no choose_trackers tap answers: the first tracker, in tier
 * order, whose retryAt has passed.
 */
export function firstUsableTracker(choice: TrackerChoice): string[] {
  const first = choice.trackers.find((c) => c.retryAt <= choice.now);
  return first === undefined ? [] : [first.url];
}

export class Announcer {
  readonly torrent: AnnouncedTorrent;
  /** URLs of the metainfo that were left out: schemes we do not speak (wss:, dht:...) or unparseable. */
  readonly unsupported: readonly string[];
  readonly #tiers: Tracker[][];
  readonly #byUrl = new Map<string, Tracker>();
  readonly #progress = new Map<Tracker, TrackerProgress>();
  /** Epoch ms before which each failing tracker is not tried again (0: not backing off). */
  readonly #retryAt = new Map<Tracker, number>();
  readonly #sink: EventSink;
  readonly #hooks: AnnouncerOptions['hooks'];
  readonly #port: () => number;
  readonly #numwant: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #minIntervalMs: number;
  readonly #stopTimeoutMs: number;
  readonly #now: () => number;
  #running = false;
  /** The torrent completed after it started: trackers that were told "started" are owed a "completed". */
  #completedPending = false;
  /** reannounce() asked for an announce before the interval is over. */
  #forced = false;
  #timer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: AnnouncerOptions) {
    this.torrent = options.torrent;
    this.#sink = options.sink;
    this.#hooks = options.hooks;
    this.#port = options.port;
    this.#numwant = options.numwant ?? DEFAULT_NUMWANT;
    this.#retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
    this.#minIntervalMs = options.minAnnounceIntervalMs ?? DEFAULT_MIN_ANNOUNCE_INTERVAL_MS;
    this.#stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
    const key = options.key ?? randomBytes(4).readUInt32BE(0);
    const unsupported: string[] = [];
    this.#tiers = [];
    for (const urls of options.tiers) {
      const tier: Tracker[] = [];
      for (const url of urls) {
        if (this.#byUrl.has(url)) continue;
        if (!supported(url)) {
          if (!unsupported.includes(url)) unsupported.push(url);
          continue;
        }
        const trackerOptions: TrackerOptions = {
          url,
          tier: this.#tiers.length,
          torrent: this.torrent,
          sink: this.#sink,
          peerId: options.peerId,
          key,
          now: this.#now,
          timeoutMs: options.timeoutMs,
          udp: options.udp,
        };
        const tracker = new Tracker(trackerOptions);
        this.#byUrl.set(url, tracker);
        this.#progress.set(tracker, { startSent: false, completeSent: false });
        tier.push(tracker);
      }
      if (tier.length > 0) this.#tiers.push(tier);
    }
    this.unsupported = unsupported;
  }

  /** Every tracker, tier by tier, in the metainfo's order. */
  get trackers(): readonly Tracker[] {
    return this.#tiers.flat();
  }

  /** The tiers, in the metainfo's order. */
  get tiers(): readonly (readonly Tracker[])[] {
    return this.#tiers.map((tier) => [...tier]);
  }

  tracker(url: string): Tracker | undefined {
    return this.#byUrl.get(url);
  }

  get running(): boolean {
    return this.#running;
  }

  /** Each tracker as the choose_trackers policy hook sees it, in the order of `trackers`. */
  get candidates(): readonly TrackerCandidate[] {
    return this.trackers.map((t) => this.#candidate(t));
  }

  /** One tracker as the choose_trackers policy hook sees it. */
  candidate(url: string): TrackerCandidate | undefined {
    const tracker = this.#byUrl.get(url);
    return tracker === undefined ? undefined : this.#candidate(tracker);
  }

  /** Starts announcing: "started" to the trackers the policy picks, then regular announces. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#update();
  }

  /** The download finished: trackers told "started" while we were incomplete get "completed". */
  completed(): void {
    this.#completedPending = true;
    if (this.#running) this.#update();
  }

  /** Announces again now to the trackers the policy picks, without waiting for their interval (their min interval still holds). */
  reannounce(): void {
    this.#forced = true;
    if (this.#running) this.#update();
  }

  /**
   * Stops announcing: aborts what is in flight and sends "stopped" to every
   * tracker that was told "started", waiting at most the stop time-out.
   */
  stop(): Promise<void> {
    if (!this.#running) return this.#stopping ?? Promise.resolve();
    this.#running = false;
    this.#forced = false;
    this.#clearTimer();
    const told: Tracker[] = [];
    for (const tracker of this.trackers) {
      tracker.abort();
      const progress = this.#progress.get(tracker)!;
      if (progress.startSent) told.push(tracker);
      progress.startSent = false;
      progress.completeSent = false;
    }
    const stopping = (async () => {
      if (told.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#stopTimeoutMs)));
      await Promise.race([Promise.allSettled(told.map((t) => this.#announce(t, 'stopped'))), bound]);
      clearTimeout(timer);
      // A restart may have begun while we waited: only abandon our own stopped announces.
      if (!this.#running) for (const t of told) t.abort();
    })();
    this.#stopping = stopping;
    return stopping;
  }

  // ------------------------------------------------------------ scheduling

  #update(): void {
    this.#clearTimer();
    if (!this.#running) return;
    const now = this.#now();
    const choice: TrackerChoice = { torrent: this.torrent, trackers: this.candidates, now };
    const urls = this.#hooks.choose_trackers.call(choice) ?? firstUsableTracker(choice);
    let sent = 0;
    let waiting = false;
    for (const url of urls) {
      const tracker = this.#byUrl.get(url);
      if (tracker === undefined) continue;
      if (this.#dueAt(tracker) <= now) {
        void this.#announce(tracker, this.#eventFor(tracker));
        sent++;
      } else if (!tracker.updating) {
        waiting = true;
      }
    }
    // A reannounce held back by a min interval stays asked for until it goes out.
    if (sent > 0 || !waiting) this.#forced = false;
    this.#schedule(now);
  }

  /** The event the next announce to this tracker carries. */
  #eventFor(tracker: Tracker): AnnounceEvent {
    const progress = this.#progress.get(tracker)!;
    if (!progress.startSent) return 'started';
    if (this.#completedPending && !progress.completeSent) return 'completed';
    return 'none';
  }

  /** Epoch ms from which this tracker may be announced to (Infinity while an announce is in flight). */
  #dueAt(tracker: Tracker): number {
    if (tracker.updating) return Infinity;
    if (tracker.timesInRow > 0) return this.#retryAt.get(tracker) ?? 0;
    // started and completed go out at once: the tracker counts them (libtorrent lets completed past the min interval too).
    if (this.#eventFor(tracker) !== 'none') return 0;
    const minInterval = tracker.lastAnnounceAt + (tracker.minInterval ?? 0) * 1000;
    if (this.#forced) return minInterval;
    return Math.max(tracker.nextAnnounceAt, tracker.lastAnnounceAt + this.#minIntervalMs, minInterval);
  }

  /** Wakes up at the next moment some tracker becomes due. */
  #schedule(now: number): void {
    let next = Infinity;
    for (const tracker of this.trackers) {
      const due = this.#dueAt(tracker);
      if (due > now && due < next) next = due;
    }
    if (next === Infinity) return;
    // setTimeout holds at most 2^31-1 ms; a later wake-up simply schedules again.
    const delay = Math.min(Math.max(next - now, 10), 0x7fffffff);
    this.#timer = setTimeout(() => this.#update(), delay);
    this.#timer.unref();
  }

  #candidate(tracker: Tracker): TrackerCandidate {
    return { url: tracker.url, tier: tracker.tier, timesInRow: tracker.timesInRow, retryAt: this.#retryAt.get(tracker) ?? 0 };
  }

  /** Asks tracker_retry when a tracker that just failed may be tried again; never at once. */
  #backOff(tracker: Tracker): void {
    const now = this.#now();
    const fallback = now + defaultRetryDelayMs(tracker.timesInRow, this.#retryDelayMs, this.#maxRetryDelayMs);
    const answer = this.#hooks.tracker_retry.call({
      torrent: this.torrent,
      url: tracker.url,
      tier: tracker.tier,
      timesInRow: tracker.timesInRow,
      statusCode: tracker.lastStatusCode ?? 0,
      reason: tracker.lastError?.message ?? 'announce failed',
      now,
    });
    this.#retryAt.set(tracker, answer !== undefined && answer > now ? answer : fallback);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  // ------------------------------------------------------------ announcing

  async #announce(tracker: Tracker, event: AnnounceEvent): Promise<void> {
    const t = this.torrent;
    const given: AnnounceParams = {
      url: tracker.url,
      infoHash: t.infoHash,
      port: this.#port(),
      uploaded: t.uploaded,
      downloaded: t.downloaded,
      left: t.left,
      event,
      numwant: event === 'stopped' ? 0 : this.#numwant,
    };
    // The url is the tracker's; a plugin may change what is sent, not where.
    const params = this.#hooks.announce_params.call(given);
    const { url: _sameTracker, infoHash, ...fields } = params;
    const failuresBefore = tracker.timesInRow;
    const result = await tracker.announce({ ...fields, infoHash: Buffer.from(infoHash, 'hex') });
    const progress = this.#progress.get(tracker)!;
    if (result !== undefined) {
      if (params.event === 'started') {
        progress.startSent = true;
        if (params.left === 0) progress.completeSent = true;
      } else if (params.event === 'completed') {
        progress.completeSent = true;
      }
      this.#retryAt.delete(tracker);
      if (this.#running && result.peers.length > 0) this.torrent.addPeers(result.peers);
    } else if (tracker.timesInRow > failuresBefore) {
      this.#backOff(tracker);
    }
    // After a stopped announce this matters only if start() came again meanwhile.
    if (this.#running) this.#update();
  }
}
