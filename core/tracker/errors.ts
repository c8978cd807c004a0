// Why a tracker request failed, as a code a plugin can switch on, the HTTP
// status to report (0 when there was none: time-out, no connection, UDP) and
// an English reason for tracker_failure.
import { HttpGetError, type HttpGetErrorCode } from '../net/http-get.ts';
import { HttpCodedError } from '../net/http-error.ts';
import { describeSocketError } from '../net/socket-error.ts';

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

export class TrackerError extends HttpCodedError<TrackerErrorCode> {}

/** The tracker's code for each failure of the shared HTTP GET. */
const FROM_HTTP_GET: { readonly [K in HttpGetErrorCode]: TrackerErrorCode } = {
  HTTP_TIMEOUT: 'TRACKER_TIMEOUT',
  HTTP_ABORTED: 'TRACKER_ABORTED',
  HTTP_DNS: 'TRACKER_CONNECTION',
  HTTP_CONNECTION: 'TRACKER_CONNECTION',
  HTTP_NOT_HTTP: 'TRACKER_BAD_RESPONSE',
  HTTP_TOO_LARGE: 'TRACKER_RESPONSE_TOO_LARGE',
  HTTP_REDIRECT_WITHOUT_LOCATION: 'TRACKER_HTTP_STATUS',
  HTTP_REDIRECT_INVALID: 'TRACKER_BAD_RESPONSE',
  HTTP_REDIRECT_UNSUPPORTED: 'TRACKER_BAD_URL',
  HTTP_REDIRECT_LOOP: 'TRACKER_REDIRECT_LOOP',
  HTTP_TOO_MANY_REDIRECTS: 'TRACKER_REDIRECT_LOOP',
  HTTP_BAD_URL: 'TRACKER_BAD_URL',
};

/**
 * Turns anything thrown by the HTTP GET, a socket or a parser into a
 * TrackerError with an English reason. A connection failure reports status
 * 0, even when it broke in the middle of a reply.
 */
export function toTrackerError(err: unknown, statusCode = 0): TrackerError {
  if (err instanceof TrackerError) return err;
  if (err instanceof HttpGetError) {
    const code = FROM_HTTP_GET[err.code];
    return new TrackerError(code, err.message, code === 'TRACKER_CONNECTION' ? 0 : err.statusCode, { cause: err });
  }
  const failure = describeSocketError(err);
  return new TrackerError(failure.kind === 'not-http' ? 'TRACKER_BAD_RESPONSE' : 'TRACKER_CONNECTION', failure.reason, statusCode, { cause: err });
}
