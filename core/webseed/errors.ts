// Why a web seed failed, as a code a plugin can switch on and an English
// reason for the url_seed event.
import { CodedError } from '../errors.ts';

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

export class WebSeedError extends CodedError<WebSeedErrorCode> {
  /** HTTP status of the reply that failed; 0 when there was none. */
  readonly statusCode: number;

  constructor(code: WebSeedErrorCode, reason: string, statusCode = 0, options?: { cause?: unknown }) {
    super(code, reason, options);
    this.statusCode = statusCode;
  }
}

/** Turns a socket error into a WebSeedError with an English reason. */
export function toWebSeedError(err: unknown): WebSeedError {
  if (err instanceof WebSeedError) return err;
  const e: NodeJS.ErrnoException = err instanceof Error ? err : new Error(String(err));
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new WebSeedError('WEBSEED_DNS', `host not found (${e.code})`, 0, { cause: e });
    case 'ECONNREFUSED':
      return new WebSeedError('WEBSEED_CONNECTION', 'connection refused', 0, { cause: e });
    case 'ECONNRESET':
      return new WebSeedError('WEBSEED_CONNECTION', 'connection reset before a complete reply', 0, { cause: e });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new WebSeedError('WEBSEED_CONNECTION', `host unreachable (${e.code})`, 0, { cause: e });
  }
  if (typeof e.code === 'string' && e.code.startsWith('HPE_')) {
    return new WebSeedError('WEBSEED_CONNECTION', `reply is not valid HTTP (${e.code})`, 0, { cause: e });
  }
  return new WebSeedError('WEBSEED_CONNECTION', e.message || 'connection failed', 0, { cause: e });
}
