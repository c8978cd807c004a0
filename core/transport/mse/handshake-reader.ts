// Reads the handshake's fields off a Duplex: exact lengths and "scan for this
// pattern within N bytes". Bounded: it pauses the stream once it holds more
// than the handshake can need, and a scan fails as soon as the window is
// passed. One deadline covers the whole handshake.
import type { Duplex } from 'node:stream';
import { MseError } from './errors.ts';

/** Bytes held before the stream is paused when no read is waiting. */
const HIGH_WATER = 2048;

interface Pending {
  /** Returns true when it has settled. */
  readonly check: () => boolean;
  readonly reject: (err: Error) => void;
}

export class HandshakeReader {
  readonly #stream: Duplex;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending | undefined;
  #failure: Error | undefined;
  #timer: NodeJS.Timeout | undefined;
  #released = false;

  constructor(stream: Duplex, timeoutMs: number) {
    this.#stream = stream;
    this.#timer = setTimeout(() => this.fail(new MseError('MSE_TIMEOUT', `MSE handshake not finished after ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', this.#onData);
    stream.on('end', this.#onEnd);
    stream.on('close', this.#onEnd);
    stream.on('error', this.#onError);
  }

  /** Bytes received and not yet consumed. */
  get buffered(): Buffer {
    return this.#buffer;
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    this.#settle();
    if (this.#pending === undefined && this.#buffer.length >= HIGH_WATER) this.#stream.pause();
  };

  readonly #onEnd = (): void => {
    this.fail(new MseError('MSE_CLOSED', 'connection closed during the MSE handshake'));
  };

  readonly #onError = (err: Error): void => {
    this.fail(new MseError('MSE_CLOSED', `connection failed during the MSE handshake: ${err.message}`, { cause: err }));
  };

  #settle(): void {
    if (this.#pending?.check()) this.#pending = undefined;
  }

  #wait<T>(attempt: () => T | undefined): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#pending) return Promise.reject(new Error('HandshakeReader: one read at a time'));
    return new Promise<T>((resolve, reject) => {
      this.#pending = {
        check: () => {
          let value: T | undefined;
          try {
            value = attempt();
          } catch (err) {
            reject(err as Error);
            return true;
          }
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        reject,
      };
      this.#settle();
      if (this.#pending) this.#stream.resume();
    });
  }

  #take(n: number): Buffer {
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    return out;
  }

  /** Waits until `decide` returns a value for the bytes so far, without consuming them. */
  peek<T>(decide: (buffered: Buffer) => T | undefined): Promise<T> {
    return this.#wait(() => decide(this.#buffer));
  }

  /** The next `n` bytes. */
  read(n: number): Promise<Buffer> {
    return this.#wait(() => (this.#buffer.length >= n ? this.#take(n) : undefined));
  }

  /**
   * Skips at most `maxSkip` bytes to just past `pattern`; resolves with the
   * number of bytes skipped. Fails with MSE_NO_SYNC once `maxSkip +
   * pattern.length` bytes have arrived without it.
   */
  skipPast(pattern: Buffer, maxSkip: number, what: string): Promise<number> {
    const window = maxSkip + pattern.length;
    return this.#wait(() => {
      const at = this.#buffer.subarray(0, window).indexOf(pattern);
      if (at >= 0) {
        this.#take(at + pattern.length);
        return at;
      }
      if (this.#buffer.length >= window) throw new MseError('MSE_NO_SYNC', `${what} not found within ${maxSkip} bytes`);
      return undefined;
    });
  }

  /** Ends the handshake: every later read fails with `err`, and the pending one now. */
  fail(err: Error): void {
    if (this.#failure || this.#released) return;
    this.#failure = err;
    this.#detach();
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(err);
  }

  /**
   * Hands the stream on: stops listening, leaves it paused, and returns the
   * bytes received past the handshake.
   */
  release(): Buffer {
    this.#released = true;
    this.#detach();
    this.#stream.pause();
    return this.#take(this.#buffer.length);
  }

  #detach(): void {
    clearTimeout(this.#timer);
    this.#stream.off('data', this.#onData);
    this.#stream.off('end', this.#onEnd);
    this.#stream.off('close', this.#onEnd);
    this.#stream.off('error', this.#onError);
  }
}
