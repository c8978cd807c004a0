// Write tokens of BEP 5: get_peers hands the requester SHA-1(ip + secret);
// announce_peer must bring it back from the same IP. The secret changes every
// 5 minutes and the previous one is still accepted, so a token lives 5 to 10
// minutes without our keeping any per-requester state.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_ROTATION_MS = 5 * 60_000;

export class TokenStore {
  #current = randomBytes(16);
  #previous = randomBytes(16);
  #rotatedAt: number;

  constructor(now: number = Date.now()) {
    this.#rotatedAt = now;
  }

  /** The token for an address now. */
  issue(ip: string, now: number): Buffer {
    this.#rotate(now);
    return token(ip, this.#current);
  }

  /** Whether `given` is a token we issued to ip under the current or the previous secret. */
  check(ip: string, given: Buffer, now: number): boolean {
    this.#rotate(now);
    return same(given, token(ip, this.#current)) || same(given, token(ip, this.#previous));
  }

  #rotate(now: number): void {
    while (now - this.#rotatedAt >= TOKEN_ROTATION_MS) {
      this.#previous = this.#current;
      this.#current = randomBytes(16);
      // After a long pause both secrets are renewed: the loop runs twice at most.
      this.#rotatedAt = now - this.#rotatedAt >= 2 * TOKEN_ROTATION_MS ? now - TOKEN_ROTATION_MS : this.#rotatedAt + TOKEN_ROTATION_MS;
    }
  }
}

function token(ip: string, secret: Buffer): Buffer {
  return createHash('sha1').update(ip).update(secret).digest();
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
