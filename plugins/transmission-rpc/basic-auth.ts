// HTTP Basic auth (RFC 7617), compared in constant time so that the answer's
// timing does not tell how much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** The credentials of an Authorization header; undefined when absent or not Basic. */
export function parseBasicAuth(header: string | undefined): Credentials | undefined {
  if (header === undefined) return undefined;
  const m = /^Basic +([A-Za-z0-9+/=]{1,1024})$/i.exec(header.trim());
  if (m === null) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export function credentialsMatch(given: Credentials, expected: Credentials): boolean {
  // Both compared (no early exit), over digests of equal length.
  const user = timingSafeEqual(digest(given.user), digest(expected.user));
  const password = timingSafeEqual(digest(given.password), digest(expected.password));
  return user && password;
}
