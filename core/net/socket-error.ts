// What a socket's errno (or node:http's parser code) means, in English, for
// the callers that turn it into their own coded errors: the HTTP GET, the UDP
// tracker.

export type SocketFailureKind =
  /** The host name did not resolve. */
  | 'dns'
  /** Refused, reset, unreachable, or anything else that broke the connection. */
  | 'connection'
  /** The bytes that came back are not HTTP (node:http's HPE_* codes). */
  | 'not-http';

export interface SocketFailure {
  readonly kind: SocketFailureKind;
  readonly reason: string;
}

export function describeSocketError(err: unknown): SocketFailure {
  const e: NodeJS.ErrnoException = err instanceof Error ? err : new Error(String(err));
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return { kind: 'dns', reason: `host not found (${e.code})` };
    case 'ECONNREFUSED':
      return { kind: 'connection', reason: 'connection refused' };
    case 'ECONNRESET':
      return { kind: 'connection', reason: 'connection reset before a complete reply' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return { kind: 'connection', reason: `host unreachable (${e.code})` };
  }
  if (typeof e.code === 'string' && e.code.startsWith('HPE_')) return { kind: 'not-http', reason: `reply is not valid HTTP (${e.code})` };
  return { kind: 'connection', reason: e.message || 'connection failed' };
}
