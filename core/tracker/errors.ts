// Why a tracker request failed, as a code a plugin can switch on, the HTTP
// status to report (0 when there was none: time-out, no connection, UDP) and
// an English reason for tracker_failure.
import { CodedError } from '../errors.ts';

export type TrackerErrorCode =
  /** No complete reply within the time limit (or the UDP retransmissions ran out). */
  | 'TRACKER_TIMEOUT'
  /** Could not connect, or the connection closed before a whole reply arrived. */
  | 'TRACKER_CONNECTION'
  /** The HTTP status was not 200. */
  | 'TRACKER_HTTP_STATUS'
  /** A redirect led back to a URL already visited, or there were too many redirects. */
  | 'TRACKER_REDIRECT_LOOP'
  /** The reply was not HTTP, not bencode, not a dictionary, or had fields of the wrong shape or length. */
  | 'TRACKER_BAD_RESPONSE'
  /** The reply was larger than the configured limit. */
  | 'TRACKER_RESPONSE_TOO_LARGE'
  /** The tracker answered with a `failure reason` (HTTP) or an error action (UDP). */
  | 'TRACKER_FAILURE_REASON'
  /** The URL cannot be used: unparseable, unknown scheme, no port, no scrape convention. */
  | 'TRACKER_BAD_URL'
  /** The caller's announce or scrape parameters were invalid (an info hash that is not 20 bytes). */
  | 'TRACKER_BAD_REQUEST'
  /** The request was cancelled by abort(). */
  | 'TRACKER_ABORTED';

export class TrackerError extends CodedError<TrackerErrorCode> {
  /** HTTP status of the reply that failed; 0 when there was no HTTP reply. */
  readonly statusCode: number;

  constructor(code: TrackerErrorCode, reason: string, statusCode = 0, options?: { cause?: unknown }) {
    super(code, reason, options);
    this.statusCode = statusCode;
  }
}

/** Turns anything thrown by a socket or parser into a TrackerError with an English reason. */
export function toTrackerError(err: unknown, statusCode = 0): TrackerError {
  if (err instanceof TrackerError) return err;
  const e: NodeJS.ErrnoException = err instanceof Error ? err : new Error(String(err));
  switch (e.code) {
    case 'ECONNREFUSED':
      return new TrackerError('TRACKER_CONNECTION', 'connection refused', statusCode, { cause: e });
    case 'ECONNRESET':
      return new TrackerError('TRACKER_CONNECTION', 'connection reset before a complete reply', statusCode, { cause: e });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TrackerError('TRACKER_CONNECTION', `host not found (${e.code})`, statusCode, { cause: e });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new TrackerError('TRACKER_CONNECTION', `host unreachable (${e.code})`, statusCode, { cause: e });
  }
  if (typeof e.code === 'string' && e.code.startsWith('HPE_')) {
    return new TrackerError('TRACKER_BAD_RESPONSE', `reply is not valid HTTP (${e.code})`, statusCode, { cause: e });
  }
  return new TrackerError('TRACKER_CONNECTION', e.message || 'connection failed', statusCode, { cause: e });
}
