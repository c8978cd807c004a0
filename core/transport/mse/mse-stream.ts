// The connection after the handshake: a Duplex over the socket that decrypts
// what it reads and encrypts what it writes (RC4), or passes bytes through
// (plaintext method, or no MSE at all), after first yielding the bytes that
// arrived with the handshake. The BitTorrent layer runs on it unchanged.
import { Duplex } from 'node:stream';
import type { Rc4 } from './rc4.ts';

export interface MseStreamOptions {
  /** Encrypts what we write; null to send in the clear. */
  readonly send: Rc4 | null;
  /** Decrypts what we read; null when the peer sends in the clear. */
  readonly receive: Rc4 | null;
  /** Plaintext already received (the initial payload, and bytes read past the handshake, decrypted). */
  readonly head: readonly Buffer[];
}

/** The socket fields that callers log and key peers by, copied through when the inner stream is a net.Socket. */
interface SocketLike {
  readonly remoteAddress?: string;
  readonly remotePort?: number;
  readonly remoteFamily?: string;
  readonly localAddress?: string;
  readonly localPort?: number;
}

export class MseStream extends Duplex {
  readonly #inner: Duplex;
  readonly #send: Rc4 | null;
  readonly #receive: Rc4 | null;

  constructor(inner: Duplex, options: MseStreamOptions) {
    super({ allowHalfOpen: false });
    this.#inner = inner;
    this.#send = options.send;
    this.#receive = options.receive;
    for (const chunk of options.head) if (chunk.length > 0) this.push(chunk);
    inner.on('data', (chunk: Buffer) => {
      // Socket chunks are ours alone, so they are decrypted in place.
      if (this.#receive) this.#receive.apply(chunk);
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (err) => this.destroy(err));
    inner.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
  }

  get remoteAddress(): string | undefined {
    return (this.#inner as SocketLike).remoteAddress;
  }
  get remotePort(): number | undefined {
    return (this.#inner as SocketLike).remotePort;
  }
  get remoteFamily(): string | undefined {
    return (this.#inner as SocketLike).remoteFamily;
  }
  get localAddress(): string | undefined {
    return (this.#inner as SocketLike).localAddress;
  }
  get localPort(): number | undefined {
    return (this.#inner as SocketLike).localPort;
  }

  /** Passed to the socket underneath (the peer layer turns Nagle off). */
  setNoDelay(noDelay?: boolean): this {
    (this.#inner as Duplex & { setNoDelay?: (noDelay?: boolean) => unknown }).setNoDelay?.(noDelay);
    return this;
  }

  override _read(): void {
    this.#inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // The caller may reuse its buffer: encrypt a copy.
    this.#inner.write(this.#send ? this.#send.process(chunk) : chunk, callback);
  }

  /**
   * A corked batch (the peer layer corks each tick's messages: a block is a
   * header and a body) goes to the socket as one writev, not a syscall per
   * chunk.
   */
  override _writev(chunks: { chunk: Buffer; encoding: BufferEncoding }[], callback: (error?: Error | null) => void): void {
    const inner = this.#inner;
    const send = this.#send;
    inner.cork();
    const last = chunks.length - 1;
    for (let i = 0; i < last; i++) inner.write(send ? send.process(chunks[i]!.chunk) : chunks[i]!.chunk);
    inner.write(send ? send.process(chunks[last]!.chunk) : chunks[last]!.chunk, callback);
    inner.uncork();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#inner.end(callback);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner.destroy();
    callback(err);
  }
}

/**
 * The stream to speak BitTorrent on when nothing is encrypted: the socket
 * itself, with the bytes read past the handshake put back at its head. An
 * MseStream in between would cost a Duplex per connection and a hop per
 * chunk each way for nothing (most connections are plaintext). Returned
 * paused, as the handshake left it.
 */
export function plaintextStream(inner: Duplex, head: readonly Buffer[]): Duplex {
  const bytes = head.filter((b) => b.length > 0);
  // Bytes cannot be put back once 'end' was emitted: then the wrapper yields them.
  if (bytes.length > 0 && inner.readableEnded) return new MseStream(inner, { send: null, receive: null, head: bytes });
  for (let i = bytes.length - 1; i >= 0; i--) inner.unshift(bytes[i]!);
  return inner;
}

