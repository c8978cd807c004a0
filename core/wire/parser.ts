// A streaming parser of the peer wire protocol: feed it socket reads of any
// size; it calls back with the handshake and then each message.
//
// Hot path (piece messages at hundreds of MB/s; bench/wire.ts measures the
// parser against a memcpy of the same bytes): reads are queued as they
// come, never concatenated wholesale; a message lying inside one read is
// handed out as a subarray of it (no copy), and one spanning reads is copied
// exactly once into a buffer of its own size, or, for a piece of a standard
// block whose handler copies blocks out at once (transientBlocks), into a
// buffer reused from one such message to the next: over uTP (1400-byte
// reads) every block spans reads, and a fresh 16 KiB buffer per block was
// most of a download's external memory, which is what makes V8 collect.
// The length prefix is checked against the maximum before any of the body
// is waited for.
import { WireError } from './errors.ts';
import { decodeExtendedHandshake } from './extended-handshake.ts';
import {
  BLOCK_LENGTH,
  CHOKE,
  DEFAULT_MAX_MESSAGE_LENGTH,
  EXTENDED_HANDSHAKE_ID,
  HAVE_ALL,
  HAVE_NONE,
  INTERESTED,
  KEEP_ALIVE,
  NOT_INTERESTED,
  UNCHOKE,
  HANDSHAKE_LENGTH,
  MessageId,
  PROTOCOL_BYTES,
  readExtensions,
  type Handshake,
  type Message,
} from './messages.ts';

export interface WireParserHandlers {
  onHandshake(handshake: Handshake): void;
  onMessage(message: Message): void;
}

export interface WireParserOptions {
  /** False when the handshake is not part of this stream (already exchanged). Default true. */
  readonly expectHandshake?: boolean;
  /** Largest message (id + payload, without the 4-byte prefix) accepted. Default DEFAULT_MAX_MESSAGE_LENGTH. */
  readonly maxMessageLength?: number;
  /**
   * Asked when a piece message of at most BLOCK_LENGTH bytes of block spans
   * reads: true lets the parser copy it into a buffer it reuses, so that its
   * block is valid only until onMessage returns (the handler copies it out
   * at once). Otherwise, and without this option, it gets a buffer of its own.
   */
  readonly transientBlocks?: () => boolean;
}

/** The piece body's id, index and begin: the block follows. */
const PIECE_HEADER = 9;
/** Where a piece body starts in the scratch buffer: its block then starts 8-byte aligned, as copying it into shared memory wants (piece-assembly.ts). */
const SCRATCH_BODY_OFFSET = 7;
/** The reused buffer of transient blocks (transientBlocks), shared by all parsers: they run one at a time. */
let scratch: Buffer | undefined;
/** A handler fed another parser from inside its onMessage: the nested parse does not take the scratch buffer. */
let scratchInUse = false;

const NAMES: Readonly<Record<number, string>> = {
  [MessageId.CHOKE]: 'choke',
  [MessageId.UNCHOKE]: 'unchoke',
  [MessageId.INTERESTED]: 'interested',
  [MessageId.NOT_INTERESTED]: 'not interested',
  [MessageId.HAVE]: 'have',
  [MessageId.BITFIELD]: 'bitfield',
  [MessageId.REQUEST]: 'request',
  [MessageId.PIECE]: 'piece',
  [MessageId.CANCEL]: 'cancel',
  [MessageId.PORT]: 'port',
  [MessageId.SUGGEST]: 'suggest',
  [MessageId.HAVE_ALL]: 'have all',
  [MessageId.HAVE_NONE]: 'have none',
  [MessageId.REJECT]: 'reject request',
  [MessageId.ALLOWED_FAST]: 'allowed fast',
  [MessageId.EXTENDED]: 'extended',
};

function exactly(body: Buffer, length: number): void {
  if (body.length !== length) {
    throw new WireError('BAD_MESSAGE_LENGTH', `${NAMES[body[0]!]} message of ${body.length} bytes (must be ${length})`);
  }
}

/**
 * Decodes one message from its body: the id byte and the payload, without
 * the length prefix (an empty body is a keep-alive). Payload buffers are
 * subarrays of `body`. Throws WireError on a length that does not fit the id.
 */
export function decodeMessage(body: Buffer): Message {
  if (body.length === 0) return KEEP_ALIVE;
  const id = body[0]!;
  switch (id) {
    case MessageId.PIECE:
      if (body.length < 9) throw new WireError('BAD_MESSAGE_LENGTH', `piece message of ${body.length} bytes (at least 9)`);
      return { type: 'piece', index: body.readUInt32BE(1), begin: body.readUInt32BE(5), block: body.subarray(9) };
    case MessageId.REQUEST:
      exactly(body, 13);
      return { type: 'request', index: body.readUInt32BE(1), begin: body.readUInt32BE(5), length: body.readUInt32BE(9) };
    case MessageId.HAVE:
      exactly(body, 5);
      return { type: 'have', index: body.readUInt32BE(1) };
    case MessageId.CHOKE:
      exactly(body, 1);
      return CHOKE;
    case MessageId.UNCHOKE:
      exactly(body, 1);
      return UNCHOKE;
    case MessageId.INTERESTED:
      exactly(body, 1);
      return INTERESTED;
    case MessageId.NOT_INTERESTED:
      exactly(body, 1);
      return NOT_INTERESTED;
    case MessageId.BITFIELD:
      return { type: 'bitfield', bitfield: body.subarray(1) };
    case MessageId.CANCEL:
      exactly(body, 13);
      return { type: 'cancel', index: body.readUInt32BE(1), begin: body.readUInt32BE(5), length: body.readUInt32BE(9) };
    case MessageId.PORT:
      exactly(body, 3);
      return { type: 'port', port: body.readUInt16BE(1) };
    case MessageId.SUGGEST:
      exactly(body, 5);
      return { type: 'suggest', index: body.readUInt32BE(1) };
    case MessageId.HAVE_ALL:
      exactly(body, 1);
      return HAVE_ALL;
    case MessageId.HAVE_NONE:
      exactly(body, 1);
      return HAVE_NONE;
    case MessageId.REJECT:
      exactly(body, 13);
      return { type: 'reject', index: body.readUInt32BE(1), begin: body.readUInt32BE(5), length: body.readUInt32BE(9) };
    case MessageId.ALLOWED_FAST:
      exactly(body, 5);
      return { type: 'allowed-fast', index: body.readUInt32BE(1) };
    case MessageId.EXTENDED: {
      if (body.length < 2) throw new WireError('BAD_MESSAGE_LENGTH', 'extended message without an extended id');
      const extendedId = body[1]!;
      const payload = body.subarray(2);
      if (extendedId === EXTENDED_HANDSHAKE_ID) {
        return { type: 'extended', extendedId, payload, handshake: decodeExtendedHandshake(payload) };
      }
      return { type: 'extended', extendedId, payload };
    }
    default:
      return { type: 'unknown', id, payload: body.subarray(1) };
  }
}

/**
 * Decodes a 68-byte handshake. Throws BAD_PROTOCOL when it does not start
 * with "\x13BitTorrent protocol". The fields are subarrays of `data`.
 */
export function decodeHandshake(data: Buffer): Handshake {
  if (data.length !== HANDSHAKE_LENGTH) throw new WireError('BAD_HANDSHAKE', `handshake of ${data.length} bytes (must be ${HANDSHAKE_LENGTH})`);
  const wrong = protocolMismatch(data, 0, HANDSHAKE_LENGTH);
  if (wrong !== undefined) throw wrong;
  const reserved = data.subarray(20, 28);
  return {
    type: 'handshake',
    reserved,
    extensions: readExtensions(reserved),
    infoHash: data.subarray(28, 48),
    peerId: data.subarray(48, 68),
  };
}

/** A BAD_PROTOCOL error if the bytes from..to (within the first 20) differ from "\x13BitTorrent protocol". */
function protocolMismatch(data: Uint8Array, from: number, to: number): WireError | undefined {
  for (let i = from; i < to && i < 20; i++) {
    const expected = i === 0 ? PROTOCOL_BYTES.length : PROTOCOL_BYTES[i - 1];
    if (data[i] !== expected) {
      return new WireError(
        'BAD_PROTOCOL',
        i === 0 ? `protocol string length ${data[0]} (expected 19: not a BitTorrent handshake)` : 'protocol string is not "BitTorrent protocol"',
      );
    }
  }
  return undefined;
}

const enum State {
  Handshake,
  Length,
  Body,
  Stopped,
}

export class WireParser {
  readonly maxMessageLength: number;
  readonly #handlers: WireParserHandlers;
  /** Unread socket reads; the first one is read from #offset on. */
  #chunks: Buffer[] = [];
  #head = 0;
  #offset = 0;
  #buffered = 0;
  #state: State;
  /** In State.Body: the length of the message being waited for. */
  #bodyLength = 0;
  /** Bytes of the protocol string already checked (handshake state). */
  #checked = 0;
  readonly #transientBlocks: (() => boolean) | undefined;
  /** While push() parses a transient chunk: its memory, which nothing handed out or kept may point into. */
  #transient: ArrayBufferLike | undefined;

  constructor(handlers: WireParserHandlers, options: WireParserOptions = {}) {
    this.#handlers = handlers;
    this.maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    this.#transientBlocks = options.transientBlocks;
    this.#state = options.expectHandshake === false ? State.Length : State.Handshake;
  }

  /** Bytes received and not yet parsed. */
  get buffered(): number {
    return this.#buffered;
  }

  get handshakeDone(): boolean {
    return this.#state !== State.Handshake;
  }

  /** True after stop() or after an error: further input is ignored. */
  get stopped(): boolean {
    return this.#state === State.Stopped;
  }

  /** Stops parsing, even in the middle of a read (e.g. when a handler disconnected). */
  stop(): void {
    this.#state = State.Stopped;
    this.#chunks = [];
    this.#head = 0;
    this.#offset = 0;
    this.#buffered = 0;
  }

  /**
   * Parses as much as `chunk` completes, calling the handlers synchronously.
   * Throws WireError on invalid input, after which the parser is stopped.
   * The chunk is kept (not copied) while it is needed: do not reuse it. A
   * `transient` chunk is valid only during this call (a read into a shared
   * buffer): messages are handed out as copies (a standard block only as
   * transientBlocks allows), and what is left of it is copied before return.
   */
  push(chunk: Buffer, transient = false): void {
    if (this.#state === State.Stopped || chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (transient) this.#transient = chunk.buffer;
    try {
      this.#drain();
    } catch (err) {
      if (err instanceof WireError) this.stop();
      throw err;
    } finally {
      if (transient) this.#keepRest(chunk);
    }
  }

  /** The unread end of a transient chunk, copied: it is all the parser keeps of it (at most one message's bytes). */
  #keepRest(chunk: Buffer): void {
    this.#transient = undefined;
    const at = this.#chunks.length - 1;
    if (at < this.#head || this.#chunks[at] !== chunk) return;
    const from = at === this.#head ? this.#offset : 0;
    this.#chunks[at] = Buffer.from(chunk.subarray(from));
    if (at === this.#head) this.#offset = 0;
  }

  /** A body or handshake taken from the chunks, copied when it lies in a transient chunk (except a block its handler copies out at once). */
  #owned(bytes: Buffer): Buffer {
    if (this.#transient === undefined || bytes.buffer !== this.#transient) return bytes;
    return this.#lendsBlock(bytes[0]!, bytes.length) ? bytes : Buffer.from(bytes);
  }

  /** A body of n bytes starting with `id` is a piece of a standard block, and its handler copies blocks out at once (transientBlocks). */
  #lendsBlock(id: number, n: number): boolean {
    return id === MessageId.PIECE && n <= PIECE_HEADER + BLOCK_LENGTH && this.#transientBlocks?.() === true;
  }

  #drain(): void {
    for (;;) {
      switch (this.#state) {
        case State.Handshake: {
          this.#checkProtocolSoFar();
          if (this.#buffered < HANDSHAKE_LENGTH) return;
          this.#state = State.Length;
          this.#handlers.onHandshake(decodeHandshake(this.#owned(this.#take(HANDSHAKE_LENGTH))));
          break;
        }
        case State.Length: {
          if (this.#buffered < 4) return;
          const length = this.#readLength();
          if (length === 0) {
            this.#handlers.onMessage(KEEP_ALIVE);
            break;
          }
          if (length > this.maxMessageLength) {
            throw new WireError('MESSAGE_TOO_LONG', `message of ${length} bytes announced (maximum ${this.maxMessageLength})`);
          }
          this.#bodyLength = length;
          this.#state = State.Body;
          break;
        }
        case State.Body: {
          if (this.#buffered < this.#bodyLength) return;
          this.#state = State.Length;
          if (this.#takesScratch(this.#bodyLength)) this.#onTransientBody(this.#bodyLength);
          else this.#handlers.onMessage(decodeMessage(this.#owned(this.#take(this.#bodyLength))));
          break;
        }
        case State.Stopped:
          return;
      }
    }
  }

  /** Fails as soon as a received byte of the protocol string is wrong, without waiting for 68 bytes. */
  #checkProtocolSoFar(): void {
    const available = Math.min(this.#buffered, 20);
    if (this.#checked >= available) return;
    const first = this.#chunks[this.#head]!;
    const head = first.length - this.#offset >= available ? first.subarray(this.#offset, this.#offset + available) : this.#peek(available);
    const wrong = protocolMismatch(head, this.#checked, available);
    if (wrong !== undefined) throw wrong;
    this.#checked = available;
  }

  /** The next 4 bytes as a big-endian length, consumed. */
  #readLength(): number {
    const first = this.#chunks[this.#head]!;
    if (first.length - this.#offset >= 4) {
      const length = first.readUInt32BE(this.#offset);
      this.#consumed(first, 4);
      return length;
    }
    return this.#take(4).readUInt32BE(0);
  }

  #consumed(first: Buffer, n: number): void {
    this.#offset += n;
    this.#buffered -= n;
    if (this.#offset === first.length) this.#nextChunk();
  }

  #nextChunk(): void {
    this.#offset = 0;
    this.#head++;
    if (this.#head === this.#chunks.length) {
      this.#chunks = [];
      this.#head = 0;
    } else if (this.#head > 64) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }

  /** A copy of the next n buffered bytes, not consumed (n <= buffered). */
  #peek(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    let offset = this.#offset;
    for (let i = this.#head; filled < n; i++) {
      const chunk = this.#chunks[i]!;
      const k = Math.min(chunk.length - offset, n - filled);
      chunk.copy(out, filled, offset, offset + k);
      filled += k;
      offset = 0;
    }
    return out;
  }

  /** The next n buffered bytes, consumed: a subarray when they lie in one read, else one copy. */
  #take(n: number): Buffer {
    const first = this.#chunks[this.#head]!;
    if (first.length - this.#offset >= n) {
      const out = first.subarray(this.#offset, this.#offset + n);
      this.#consumed(first, n);
      return out;
    }
    return this.#copyOut(Buffer.allocUnsafe(n));
  }

  /** Copies the next out.length buffered bytes into `out`, consumed. */
  #copyOut(out: Buffer): Buffer {
    const n = out.length;
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[this.#head]!;
      const k = Math.min(chunk.length - this.#offset, n - filled);
      chunk.copy(out, filled, this.#offset, this.#offset + k);
      filled += k;
      this.#offset += k;
      if (this.#offset === chunk.length) this.#nextChunk();
    }
    this.#buffered -= n;
    return out;
  }

  /** The next body, of n bytes, spans reads, is a piece of a standard block, and its handler takes blocks as transient. */
  #takesScratch(n: number): boolean {
    if (scratchInUse) return false;
    const first = this.#chunks[this.#head]!;
    return first.length - this.#offset < n && this.#lendsBlock(first[this.#offset]!, n);
  }

  /** Hands the next body over as a view of the scratch buffer, valid while onMessage runs. */
  #onTransientBody(n: number): void {
    scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BODY_OFFSET + PIECE_HEADER + BLOCK_LENGTH);
    const body = this.#copyOut(scratch.subarray(SCRATCH_BODY_OFFSET, SCRATCH_BODY_OFFSET + n));
    scratchInUse = true;
    try {
      this.#handlers.onMessage(decodeMessage(body));
    } finally {
      scratchInUse = false;
    }
  }
}
