// Why a web seed failed, as a code a plugin can switch on and an English
// reason for the url_seed event.
import { HttpGetError, type HttpGetErrorCode } from '../net/http-get.ts';
import { HttpCodedError } from '../net/http-error.ts';
import { describeSocketError } from '../net/socket-error.ts';

export type WebSeedErrorCode =
  /** The seed's host name did not resolve. */
  | 'WEBSEED_DNS'
  /** Could not connect (refused, unreachable) or the connection broke mid-reply. */
  | 'WEBSEED_CONNECTION'
  /** No complete reply within the time limit. */
  | 'WEBSEED_TIMEOUT'
  /** The reply's status was not 206 (nor a 200 carrying exactly the asked bytes). */
  | 'WEBSEED_HTTP_STATUS'
  /** Too many redirects, a redirect loop, or a redirect to an unusable URL. */
  | 'WEBSEED_REDIRECT'
  /** The reply carried another range or another number of bytes than asked. */
  | 'WEBSEED_LENGTH'
  /** The piece the seed sent failed its hash check. */
  | 'WEBSEED_HASH'
  /** The URL is not http(s) or cannot be parsed. */
  | 'WEBSEED_BAD_URL'
  /** The request was cancelled (the torrent stopped). */
  | 'WEBSEED_ABORTED';

export class WebSeedError extends HttpCodedError<WebSeedErrorCode> {}

/** The web seed's code for each failure of the shared HTTP GET. */
const FROM_HTTP_GET: { readonly [K in HttpGetErrorCode]: WebSeedErrorCode } = {
  HTTP_TIMEOUT: 'WEBSEED_TIMEOUT',
  HTTP_ABORTED: 'WEBSEED_ABORTED',
  HTTP_DNS: 'WEBSEED_DNS',
  HTTP_CONNECTION: 'WEBSEED_CONNECTION',
  HTTP_NOT_HTTP: 'WEBSEED_CONNECTION',
  HTTP_TOO_LARGE: 'WEBSEED_LENGTH',
  HTTP_REDIRECT_WITHOUT_LOCATION: 'WEBSEED_REDIRECT',
  HTTP_REDIRECT_INVALID: 'WEBSEED_REDIRECT',
  HTTP_REDIRECT_UNSUPPORTED: 'WEBSEED_REDIRECT',
  HTTP_REDIRECT_LOOP: 'WEBSEED_REDIRECT',
  HTTP_TOO_MANY_REDIRECTS: 'WEBSEED_REDIRECT',
  HTTP_BAD_URL: 'WEBSEED_BAD_URL',
};

/** Turns a failure of the HTTP GET or a socket error into a WebSeedError with an English reason. */
export function toWebSeedError(err: unknown): WebSeedError {
  if (err instanceof WebSeedError) return err;
  if (err instanceof HttpGetError) return new WebSeedError(FROM_HTTP_GET[err.code], err.message, err.statusCode, { cause: err });
  const failure = describeSocketError(err);
  return new WebSeedError(failure.kind === 'dns' ? 'WEBSEED_DNS' : 'WEBSEED_CONNECTION', failure.reason, 0, { cause: err });
}
