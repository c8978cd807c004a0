// What an announce sends and the options every tracker exchange (HTTP or UDP)
// takes. The fields every announce carries are AnnounceFields (core/hooks.ts),
// declared once; these add what the tracker layer needs.
import type { AnnounceEvent, AnnounceFields } from '../hooks.ts';

/** What a caller of Tracker.announce gives. */
export interface TrackerAnnounceParams extends AnnounceFields {
  /** Raw 20-byte v1 info hash. */
  readonly infoHash: Buffer;
  /** Our address, when it should be told explicitly. */
  readonly ip?: string;
  /** Our IPv6 address (BEP 7), HTTP only. */
  readonly ipv6?: string;
}

/** What goes to the tracker: the caller's parameters and what the Tracker adds. */
export interface AnnounceRequest extends TrackerAnnounceParams {
  /** Our raw 20-byte peer id. */
  readonly peerId: Buffer;
  /** 32-bit key identifying us across IP changes (sent as 8 hex digits over HTTP). */
  readonly key: number;
  /** `tracker id` from a previous reply of this tracker, sent back as `trackerid`. */
  readonly trackerId?: string;
}

export interface ExchangeOptions {
  /** Total time limit of the exchange, redirects and retransmissions included. */
  readonly timeoutMs: number;
  /** Aborts the exchange; it then fails with code TRACKER_ABORTED. */
  readonly signal?: AbortSignal;
  /** Bytes sent to the tracker (per HTTP request, per UDP datagram). */
  readonly onWrite?: (bytes: number) => void;
  /** Bytes received from the tracker (per HTTP reply, per UDP datagram). */
  readonly onRead?: (bytes: number) => void;
}

export const EVENT_PARAM: { readonly [E in AnnounceEvent]: string | undefined } = Object.freeze({
  none: undefined,
  started: 'started',
  completed: 'completed',
  stopped: 'stopped',
});

/** Clamps a byte counter to a non-negative integer, as trackers expect. */
export const counter = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
