// One connection to a remote peer: byte stream <-> wire parser, the
// handshake both ways, choke/interest state, what the remote has, timeouts.
// Every step is announced on the event sink (peer_* events); every message
// goes, after this object has updated its own state, to a delegate (the
// torrent layer).
//
// The stream arrives connected, as any Duplex (a TCP socket, an encrypted or
// uTP stream): dialing, listening and IP filtering happen in core/net/, and
// the caller says whom it is connected to. Invalid input ends the connection
// with peer_error and peer_disconnect and touches nothing else.
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { BitField } from '../bitfield.ts';
import type { EventSink } from '../hooks.ts';
import { MessageBudget } from '../message-budget.ts';
import { decodeClientName, formatPeerId } from '../peer-id.ts';
import type { Peer, PeerEncryption, Torrent, TransportProtocol } from '../types.ts';
import {
  CHOKE,
  DEFAULT_MAX_MESSAGE_LENGTH,
  HAVE_ALL,
  HAVE_NONE,
  INTERESTED,
  KEEP_ALIVE,
  NOT_INTERESTED,
  UNCHOKE,
  WireError,
  WireParser,
  encodeHandshake,
  encodeMessage,
  encodePieceHeader,
  extendedHandshakeMessage,
  readExtensions,
  reservedBytes,
  type ExtendedHandshake,
  type Extensions,
  type Handshake,
  type Message,
} from '../wire/index.ts';
import { claimReads } from '../transport/tcp-reads.ts';
import { PeerError, type PeerLimitCode } from './errors.ts';
import { EMPTY_MESSAGE_WINDOW_MS, type PeerLimits, type PeerTimeouts } from './limits.ts';
import { DEFAULT_EXTENSIONS, type PeerConnectionOptionsOf, type PeerDelegateOf, type PeerRateGate, type PeerRateGates, type PeerTorrentInfo } from './options.ts';
import { OUTGOING } from './outgoing.ts';
import { InvalidPieces, MAX_PENDING_PIECES, RemotePieces, type PiecesNews } from './remote-pieces.ts';
import { StreamWriter } from './stream-writer.ts';

/** How the torrent layer drives a PeerConnection (see PeerDelegateOf). */
export type PeerDelegate = PeerDelegateOf<PeerConnection>;
export type PeerConnectionOptions = PeerConnectionOptionsOf<PeerConnection>;

/** What a net.Socket has beyond a Duplex; used when the stream has it. */
interface NoDelayStream {
  setNoDelay(noDelay?: boolean): unknown;
}

function hasNoDelay(stream: Duplex): stream is Duplex & NoDelayStream {
  return typeof (stream as Partial<NoDelayStream>).setNoDelay === 'function';
}

/** The BitTorrent handshake an outgoing connection with these options sends: given as MSE's initial payload, then handshakeSent: true. */
export function ourHandshakeBytes(infoHash: string, ourPeerId: Buffer, extensions?: Partial<Extensions>): Buffer {
  return encodeHandshake(Buffer.from(infoHash, 'hex'), ourPeerId, reservedBytes({ ...DEFAULT_EXTENSIONS, ...extensions }));
}

export class PeerConnection implements Peer {
  readonly ip: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  readonly direction: 'incoming' | 'outgoing';
  readonly encryption: PeerEncryption;

  readonly #stream: Duplex;
  readonly #sink: EventSink;
  readonly #delegate: PeerDelegate;
  readonly #parser: WireParser;
  readonly #ourPeerId: Buffer;
  readonly #ourExtensions: Extensions;
  readonly #timeouts: PeerTimeouts;
  readonly #writer: StreamWriter;
  readonly #emptyMessages: MessageBudget;

  #peerId: Buffer | undefined;
  #peerIdText: string | undefined;
  #clientName: string | undefined;
  #remoteExtensions: Extensions | undefined;
  #torrentInfo: PeerTorrentInfo | undefined;
  #handshakeSent = false;
  #ready = false;
  #closed = false;
  #closeReason: string | undefined;
  #remoteEnded = false;

  #amChoking = true;
  #amInterested = false;
  #peerChoking = true;
  #peerInterested = false;
  #bytesIn = 0;
  #lastIn: number;

  readonly #remotePieces = new RemotePieces();
  /** What the delegate hears of the message being handled, when not the message itself (see RemotePieces). */
  #news: readonly number[] | undefined;
  #extendedHandshake: ExtendedHandshake | undefined;
  #ourExtendedHandshake: ExtendedHandshake | undefined;
  #dhtPort: number | undefined;
  readonly #allowedFast = new Set<number>();

  #handshakeTimer: NodeJS.Timeout | undefined;
  #rates: PeerRateGates | undefined;
  /** Reading paused for the disk (pauseReading) and for the download rate limit: resumed when neither holds it. */
  #pausedForDisk = false;
  #pausedForRate = false;
  #tickTimer: NodeJS.Timeout | undefined;

  constructor(options: PeerConnectionOptions) {
    const stream = options.stream;
    this.#stream = stream;
    this.#sink = options.sink;
    this.#delegate = options.delegate;
    this.direction = options.direction;
    if (options.ourPeerId.length !== 20) throw new PeerError('BAD_VALUE', `our peer id must be 20 bytes, got ${options.ourPeerId.length}`);
    this.#ourPeerId = options.ourPeerId;
    this.#ourExtensions = { ...DEFAULT_EXTENSIONS, ...options.extensions };
    this.#timeouts = { ...options.timeouts };
    const limits: PeerLimits = options.limits;
    this.ip = options.address.ip;
    this.port = options.address.port;
    this.protocol = options.protocol;
    this.encryption = options.encryption ?? 'none';
    this.#lastIn = performance.now();
    // Small messages pile up in a stream the remote does not read (a reject for each request it keeps sending...).
    const overflow = (queued: number): void =>
      this.fail('SEND_BUFFER_FULL', `${queued} bytes wait in the socket (limit ${limits.maxSendBuffer}): the peer does not read`);
    this.#writer = new StreamWriter(stream, limits.maxSendBuffer, overflow, this.#lastIn);
    this.#rates = options.rates;
    this.#writer.meter = (bytes) => this.#rates?.upload.charge(bytes);
    this.#emptyMessages = new MessageBudget(limits.maxEmptyMessagesPerSecond, EMPTY_MESSAGE_WINDOW_MS, this.#lastIn);

    const torrent = options.torrent ?? (options.infoHash !== undefined ? { infoHash: options.infoHash } : undefined);
    if (this.direction === 'outgoing') {
      if (torrent === undefined) throw new PeerError('BAD_VALUE', 'an outgoing connection needs the info hash it asks for');
      if (!/^[0-9a-f]{40}$/i.test(torrent.infoHash)) throw new PeerError('BAD_VALUE', `info hash must be 40 hex digits, got ${torrent.infoHash}`);
      this.setTorrent(torrent);
    }

    this.#parser = new WireParser(
      { onHandshake: (h) => this.#onHandshake(h), onMessage: (m) => this.#onMessage(m) },
      {
        maxMessageLength: options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH,
        // The delegate copies blocks out at once (PeerDelegateOf.onMessage); a peer_packet_in listener might keep one.
        transientBlocks: () => !this.#sink.listens('peer_packet_in'),
      },
    );

    // Messages are small and already batched per tick (cork): Nagle would only delay them.
    if (hasNoDelay(stream)) stream.setNoDelay(true);
    stream.on('data', this.#onData);
    // A TCP socket we dialled hands its reads over as views of a shared buffer (no copy, no allocation); the parser copies what it keeps.
    claimReads(stream, this.#onTransientData);
    stream.on('drain', this.#onDrain);
    stream.on('end', () => {
      this.#remoteEnded = true;
    });
    stream.on('error', (err: NodeJS.ErrnoException) => this.disconnect(`socket error: ${err.code ?? err.message}`));
    stream.on('close', () => this.disconnect(this.#remoteEnded ? 'connection closed by peer' : 'connection closed'));
    // A socket handed on by the MSE layer is paused (adding a 'data' listener does not resume a paused stream).
    stream.resume();

    this.#handshakeTimer = setTimeout(
      () => this.disconnect(`handshake timeout (no handshake within ${this.#timeouts.handshakeMs} ms)`),
      this.#timeouts.handshakeMs,
    );
    this.#handshakeTimer.unref();

    if (stream.destroyed) {
      process.nextTick(() => this.disconnect('socket closed before the handshake'));
      return;
    }
    if (this.direction !== 'outgoing') return;
    // Sent already inside an MSE handshake (its initial payload, see ourHandshakeBytes).
    if (options.handshakeSent === true) this.#handshakeSent = true;
    else this.#sendHandshake();
  }

  // ------------------------------------------------------------ Peer fields

  get peerId(): Buffer | undefined {
    return this.#peerId;
  }
  get clientName(): string | undefined {
    return this.#clientName;
  }
  get amChoking(): boolean {
    return this.#amChoking;
  }
  get amInterested(): boolean {
    return this.#amInterested;
  }
  get peerChoking(): boolean {
    return this.#peerChoking;
  }
  get peerInterested(): boolean {
    return this.#peerInterested;
  }
  get bytesIn(): number {
    return this.#bytesIn;
  }
  get bytesOut(): number {
    return this.#writer.bytesOut;
  }
  get infoHash(): string | undefined {
    return this.#torrentInfo?.infoHash;
  }

  // ------------------------------------------------------------ more state

  /** The torrent, when the caller gave it. */
  get torrent(): Torrent | undefined {
    return this.#torrentInfo?.torrent;
  }
  get pieceCount(): number | undefined {
    return this.#torrentInfo?.pieceCount;
  }
  /** The remote's pieces, once the piece count is known (undefined before). */
  get remoteBitfield(): BitField | undefined {
    return this.#remotePieces.bitfield;
  }
  /** True when the remote told us it has piece `index` (works before the piece count is known too). */
  hasPiece(index: number): boolean {
    return this.#remotePieces.has(index);
  }
  /** True when the remote has every piece (a seed). */
  get isSeed(): boolean {
    return this.#remotePieces.isSeed;
  }
  /** Extension bits the remote announced in its handshake. */
  get remoteExtensions(): Extensions | undefined {
    return this.#remoteExtensions;
  }
  /** BEP 6 is on when both sides announced it. */
  get supportsFast(): boolean {
    return this.#ourExtensions.fast && this.#remoteExtensions?.fast === true;
  }
  /** BEP 10 is on when both sides announced it. */
  get supportsExtended(): boolean {
    return this.#ourExtensions.extended && this.#remoteExtensions?.extended === true;
  }
  /** The remote's BEP 10 handshake, once received. */
  get extendedHandshake(): ExtendedHandshake | undefined {
    return this.#extendedHandshake;
  }
  /** The BEP 10 handshake we sent, if any. */
  get ourExtendedHandshake(): ExtendedHandshake | undefined {
    return this.#ourExtendedHandshake;
  }
  /** The DHT port from the remote's port message. */
  get dhtPort(): number | undefined {
    return this.#dhtPort;
  }
  /** Pieces the remote lets us request while it chokes us (BEP 6 allowed fast). */
  get remoteAllowedFast(): ReadonlySet<number> {
    return this.#allowedFast;
  }
  /** Both handshakes done and not closed: messages can be sent. */
  get ready(): boolean {
    return this.#ready && !this.#closed;
  }
  get closed(): boolean {
    return this.#closed;
  }
  get closeReason(): string | undefined {
    return this.#closeReason;
  }
  /** The stream's write buffer is over its high-water mark: wait for onDrain before sending more blocks. */
  get writableNeedDrain(): boolean {
    return this.#writer.needDrain;
  }
  /** Bytes queued in the stream, not yet handed on (to the kernel, for a socket). */
  get writableLength(): number {
    return this.#writer.queued;
  }
  /** The peer id as shown in events: text when printable, hex otherwise. */
  get peerIdText(): string | undefined {
    return this.#peerIdText;
  }

  /**
   * Tells the connection which torrent it serves, or completes what it knew
   * (the piece count of a magnet link once the metadata is in). Pieces the
   * remote announced before are checked against the count now; a mismatch
   * ends the connection with peer_error.
   */
  setTorrent(info: PeerTorrentInfo): void {
    if (info.pieceCount !== undefined && !(Number.isSafeInteger(info.pieceCount) && info.pieceCount > 0)) {
      throw new PeerError('BAD_VALUE', `piece count must be a positive integer, got ${info.pieceCount}`);
    }
    const current = this.#torrentInfo;
    if (current !== undefined && current.infoHash !== info.infoHash.toLowerCase()) {
      throw new PeerError('BAD_VALUE', `connection is for ${current.infoHash}, not ${info.infoHash}`);
    }
    if (current?.pieceCount !== undefined && info.pieceCount !== undefined && info.pieceCount !== current.pieceCount) {
      throw new PeerError('BAD_VALUE', `piece count already set to ${current.pieceCount}`);
    }
    const pieceCount = info.pieceCount ?? current?.pieceCount;
    const torrent = info.torrent ?? current?.torrent;
    this.#torrentInfo = {
      infoHash: info.infoHash.toLowerCase(),
      ...(pieceCount !== undefined ? { pieceCount } : {}),
      ...(torrent !== undefined ? { torrent } : {}),
    };
    if (pieceCount !== undefined && !this.#remotePieces.settled) {
      const invalid = this.#remotePieces.settle(pieceCount);
      if (invalid !== undefined) this.#invalidData(invalid.code, invalid.message);
    }
  }

  /** Stops reading from the stream (backpressure when the disk is slower than the peer). */
  pauseReading(): void {
    this.#pausedForDisk = true;
    this.#stream.pause();
  }
  resumeReading(): void {
    this.#pausedForDisk = false;
    if (!this.#closed && !this.#pausedForRate) this.#stream.resume();
  }

  /** The rate limits its bytes count against from now on (its torrent's, once known). */
  setRateGates(rates: PeerRateGates | undefined): void {
    if (this.#pausedForRate) this.#rates?.download.cancel(this.#rateReady);
    this.#rates = rates;
    if (this.#pausedForRate) this.#rateReady();
  }

  /** The download gate has tokens again: read on (unless the disk holds reading). */
  readonly #rateReady = (): void => {
    this.#pausedForRate = false;
    if (this.#closed) return;
    // The time held does not count towards the inactivity timeout.
    this.#lastIn = performance.now();
    const gate = this.#rates?.download;
    if (gate !== undefined && !gate.ready()) return this.#holdForRate(gate);
    if (!this.#pausedForDisk) this.#stream.resume();
  };

  /** Pausing the readable side stops reading the socket: TCP's window then slows the sender to the rate. */
  #holdForRate(gate: PeerRateGate): void {
    this.#pausedForRate = true;
    this.#stream.pause();
    gate.wait(this.#rateReady);
  }

  // ------------------------------------------------------------ sending

  // Each send checks what OUTGOING asks of its message and returns false
  // when the stream wants a drain.

  /** Sends choke if we are not choking already. */
  choke(): boolean {
    return this.#sendSwitch('choking', true, CHOKE);
  }
  unchoke(): boolean {
    return this.#sendSwitch('choking', false, UNCHOKE);
  }
  interested(): boolean {
    return this.#sendSwitch('interested', true, INTERESTED);
  }
  notInterested(): boolean {
    return this.#sendSwitch('interested', false, NOT_INTERESTED);
  }
  have(index: number): boolean {
    return this.#send({ type: 'have', index });
  }
  bitfield(field: BitField): boolean {
    this.#assertReady();
    const count = this.pieceCount;
    if (count !== undefined && field.length !== count) throw new PeerError('BAD_VALUE', `bitfield of ${field.length} pieces for a torrent of ${count}`);
    return this.#send({ type: 'bitfield', bitfield: field.toBuffer() });
  }
  haveAll(): boolean {
    return this.#send(HAVE_ALL);
  }
  haveNone(): boolean {
    return this.#send(HAVE_NONE);
  }
  request(index: number, begin: number, length: number): boolean {
    return this.#send({ type: 'request', index, begin, length });
  }
  cancel(index: number, begin: number, length: number): boolean {
    return this.#send({ type: 'cancel', index, begin, length });
  }
  /**
   * Sends a block: the 13-byte header and the block itself as two writes of
   * one corked batch (one writev), so the block is not copied: do not change
   * it until the stream has written it.
   * Returns false when the stream wants a drain (pace uploads on onDrain).
   * `onFlushed` is called once, when the block has left the stream for the
   * kernel or could not (the connection closed): the moment the memory it
   * holds is free. Not called when the connection was closed already.
   */
  piece(index: number, begin: number, block: Buffer, onFlushed?: (err?: Error | null) => void): boolean {
    this.#assertAllowed('piece', index);
    if (this.#closed) return false;
    const header = encodePieceHeader(index, begin, block.length);
    const ok = this.#writer.writeTwo(header, block, onFlushed);
    this.#sent(header.length + block.length, () => ({ type: 'piece', index, begin, block }));
    return ok;
  }
  reject(index: number, begin: number, length: number): boolean {
    return this.#send({ type: 'reject', index, begin, length });
  }
  allowedFast(index: number): boolean {
    return this.#send({ type: 'allowed-fast', index });
  }
  suggest(index: number): boolean {
    return this.#send({ type: 'suggest', index });
  }
  /** Our DHT port (BEP 5 port message). */
  sendDhtPort(dhtPort: number): boolean {
    return this.#send({ type: 'port', port: dhtPort });
  }
  /** A BEP 10 message under the id the remote announced for the extension. */
  extended(extendedId: number, payload: Buffer): boolean {
    return this.#send({ type: 'extended', extendedId, payload });
  }
  /**
   * A BEP 10 message of the extension `name`, under the id the remote's
   * extended handshake gave it; false (nothing sent) when the remote did not
   * announce it or the connection is closed.
   */
  sendExtended(name: string, payload: Buffer): boolean {
    const id = this.#extendedHandshake?.m[name];
    if (id === undefined || id === 0 || this.closed) return false;
    return this.extended(id, payload);
  }
  /** Our BEP 10 handshake. */
  sendExtendedHandshake(handshake: ExtendedHandshake): boolean {
    this.#assertAllowed('extended', undefined);
    const message = extendedHandshakeMessage(handshake);
    this.#ourExtendedHandshake = handshake;
    return this.#send(message);
  }
  keepAlive(): boolean {
    return this.#send(KEEP_ALIVE);
  }

  /**
   * Closes the connection because the remote went over a limit: peer_error
   * with the code, then peer_disconnect. For the layers above (the swarm's
   * request queue); the connection checks its own limits itself.
   */
  fail(code: PeerLimitCode, error: string): void {
    if (this.#closed) return;
    this.#sink.emit('peer_error', { peer_id: this.#peerIdText, ip: this.ip, error, code });
    this.disconnect(`over a limit [${code}]: ${error}`);
  }

  /** Closes the connection (once): peer_disconnect with the reason, then the delegate's onClose. */
  disconnect(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeReason = reason;
    clearTimeout(this.#handshakeTimer);
    clearInterval(this.#tickTimer);
    this.#rates?.download.cancel(this.#rateReady);
    this.#parser.stop();
    this.#writer.flush();
    this.#stream.destroy();
    this.#sink.emit('peer_disconnect', { peer: this, reason });
    try {
      this.#delegate.onClose?.(this, reason);
    } catch (err) {
      process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'SwarmhookDelegateWarning');
    }
  }

  // ------------------------------------------------------------ internals

  #assertReady(): void {
    if (!this.#ready && !this.#closed) throw new PeerError('NOT_READY', 'cannot send before both handshakes are done (wait for onReady)');
  }

  /** Throws PeerError unless a message of this type (with this piece index) may be sent now: see OUTGOING. */
  #assertAllowed(type: Message['type'], index: number | undefined): void {
    this.#assertReady();
    const rule = OUTGOING[type];
    if (rule.needs === 'fast' && !this.supportsFast) {
      throw new PeerError('NOT_NEGOTIATED', `${rule.name} needs the fast extension (BEP 6), which this connection did not negotiate`);
    }
    if (rule.needs === 'extended' && !this.supportsExtended) {
      throw new PeerError('NOT_NEGOTIATED', 'extended messages need BEP 10, which this connection did not negotiate');
    }
    const count = this.pieceCount;
    if (rule.indexed && count !== undefined && !(Number.isInteger(index) && index! >= 0 && index! < count)) {
      throw new PeerError('BAD_VALUE', `piece index ${index} outside 0..${count - 1}`);
    }
  }

  /** Sends choke/unchoke or interested/not interested when it changes our side's flag. */
  #sendSwitch(flag: 'choking' | 'interested', on: boolean, message: Message): boolean {
    this.#assertReady();
    if ((flag === 'choking' ? this.#amChoking : this.#amInterested) === on) return !this.writableNeedDrain;
    if (flag === 'choking') this.#amChoking = on;
    else this.#amInterested = on;
    return this.#send(message);
  }

  /** Checks (OUTGOING) and writes one message; it is also what peer_packet_out carries. */
  #send(message: Message): boolean {
    // The index is read of indexed messages only: `'index' in message` met the shape of every kind of
    // message, and each new one deoptimised #send (--trace-deopt-verbose: "wrong map", twice per downloader).
    const index = OUTGOING[message.type].indexed ? (message as Extract<Message, { readonly index: number }>).index : undefined;
    this.#assertAllowed(message.type, index);
    return this.#write(encodeMessage(message), message);
  }

  /** Writes one message; `packet` is the object for peer_packet_out, built only if someone listens. */
  #write(bytes: Buffer, packet: Message | Handshake | (() => Message)): boolean {
    if (this.#closed) return false;
    const ok = this.#writer.write(bytes);
    this.#sent(bytes.length, packet);
    return ok;
  }

  /** Bytes wait in the stream and none left it for sendStallMs (see StreamWriter): the remote stopped reading. */
  #sendStalled(now: number): boolean {
    const quiet = this.#writer.stalledFor(now, this.#timeouts.sendStallMs);
    if (quiet === undefined) return false;
    this.fail('SEND_BUFFER_STALLED', `${this.#writer.queued} bytes wait in the socket and none was taken for ${Math.round(quiet / 1000)} s`);
    return true;
  }

  /** Reports a write: peer_packet_out and peer_data_out, built only if someone listens. */
  #sent(length: number, packet: Message | Handshake | (() => Message)): void {
    const sink = this.#sink;
    if (sink.listens('peer_packet_out')) sink.emit('peer_packet_out', { peer: this, packet: typeof packet === 'function' ? packet() : packet });
    if (sink.listens('peer_data_out')) sink.emit('peer_data_out', { peer: this, length });
  }

  #sendHandshake(): void {
    const infoHash = Buffer.from(this.#torrentInfo!.infoHash, 'hex');
    const reserved = reservedBytes(this.#ourExtensions);
    this.#handshakeSent = true;
    this.#write(encodeHandshake(infoHash, this.#ourPeerId, reserved), {
      type: 'handshake',
      reserved,
      extensions: readExtensions(reserved),
      infoHash,
      peerId: this.#ourPeerId,
    });
  }

  readonly #onData = (chunk: Buffer): void => this.#receive(chunk, false);
  readonly #onTransientData = (chunk: Buffer): void => this.#receive(chunk, true);

  /** Bytes from the peer; `transient` ones are valid only during the call (see WireParser.push). */
  #receive(chunk: Buffer, transient: boolean): void {
    if (this.#closed) return;
    this.#bytesIn += chunk.length;
    this.#lastIn = performance.now();
    if (this.#sink.listens('peer_data_in')) this.#sink.emit('peer_data_in', { peer: this, length: chunk.length });
    const gate = this.#rates?.download;
    if (gate !== undefined) {
      gate.charge(chunk.length);
      if (!this.#pausedForRate && !gate.ready()) this.#holdForRate(gate);
    }
    try {
      this.#parser.push(chunk, transient);
    } catch (err) {
      if (err instanceof WireError) this.#invalidData(err.code, err.message);
      else this.#internalError(err);
    }
  }

  readonly #onDrain = (): void => {
    if (this.#closed) return;
    try {
      this.#delegate.onDrain?.(this);
    } catch (err) {
      this.#internalError(err);
    }
  };

  /** The remote sent invalid data: peer_error, then disconnect. */
  #invalidData(code: string, error: string): void {
    if (this.#closed) return;
    this.#sink.emit('peer_error', { peer_id: this.#peerIdText, ip: this.ip, error, code });
    this.disconnect(`invalid data [${code}]: ${error}`);
  }

  /** A delegate threw: the connection cannot be trusted to be in a known state. */
  #internalError(err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    process.emitWarning(error, 'SwarmhookDelegateWarning');
    this.disconnect(`internal error: ${error.message}`);
  }

  #onHandshake(handshake: Handshake): void {
    // The parser's buffers are reused by nothing, but copies keep a 20-byte id from pinning a 64 KiB read.
    const peerId = Buffer.from(handshake.peerId);
    const infoHash = handshake.infoHash.toString('hex');
    this.#peerId = peerId;
    this.#peerIdText = formatPeerId(peerId);
    this.#clientName = decodeClientName(peerId);
    this.#remoteExtensions = handshake.extensions;
    const sink = this.#sink;
    if (sink.listens('peer_packet_in')) {
      sink.emit('peer_packet_in', {
        peer: this,
        packet: { ...handshake, reserved: Buffer.from(handshake.reserved), infoHash: Buffer.from(handshake.infoHash), peerId },
      });
    }
    sink.emit('peer_id', { peer: this, peer_id: this.#peerIdText });
    if (this.#closed) return;

    if (peerId.equals(this.#ourPeerId)) {
      this.disconnect('connected to ourselves');
      return;
    }
    if (this.direction === 'outgoing') {
      if (infoHash !== this.#torrentInfo!.infoHash) {
        this.#invalidData('BAD_HANDSHAKE', `handshake for info hash ${infoHash}, we asked for ${this.#torrentInfo!.infoHash}`);
        return;
      }
    } else {
      const info = this.#delegate.onHandshake?.(this, infoHash);
      if (this.#closed) return;
      if (info === undefined) {
        this.disconnect(`unknown info hash ${infoHash}`);
        return;
      }
      this.setTorrent({ ...info, infoHash });
      this.#sendHandshake();
    }
    this.#handshakeDone();
  }

  #handshakeDone(): void {
    clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
    this.#ready = true;
    this.#sink.emit('peer_handshake_complete', { peer: this });
    if (this.#closed) return;
    this.#startTicking();
    this.#delegate.onReady?.(this);
  }

  /** One timer per connection for inactivity and keep-alives. */
  #startTicking(): void {
    const { inactivityMs, keepAliveMs, sendStallMs } = this.#timeouts;
    const period = Math.max(5, Math.min(10_000, Math.min(inactivityMs, keepAliveMs, sendStallMs) / 4));
    this.#tickTimer = setInterval(() => {
      const now = performance.now();
      // Silence while we hold reading for the rate limit is ours, not the peer's.
      if (!this.#pausedForRate && now - this.#lastIn >= inactivityMs) {
        this.disconnect(`inactivity timeout (nothing received for ${Math.round((now - this.#lastIn) / 1000)} s)`);
        return;
      }
      if (this.#sendStalled(now)) return;
      if (now - this.#writer.lastOut >= keepAliveMs) this.keepAlive();
    }, period);
    this.#tickTimer.unref();
  }

  #onMessage(message: Message): void {
    if (this.#closed) return;
    if (!this.#updateState(message)) return;
    const news = this.#news;
    this.#news = undefined;
    if (this.#sink.listens('peer_packet_in')) this.#sink.emit('peer_packet_in', { peer: this, packet: message });
    if (this.#closed) return;
    if (news === undefined) {
      this.#delegate.onMessage(this, message);
      return;
    }
    // A bitfield after the first reaches the delegate as haves for its new
    // pieces, and a repeated have not at all, so that the torrent layer
    // counts each piece of a peer once.
    for (const index of news) {
      if (this.#closed) return;
      this.#delegate.onMessage(this, { type: 'have', index });
    }
  }

  /** Applies a message to our state; false (after peer_error and disconnect) when it is invalid. */
  #updateState(message: Message): boolean {
    switch (message.type) {
      case 'choke':
        this.#peerChoking = true;
        return this.#countEmpty(message.type);
      case 'unchoke':
        this.#peerChoking = false;
        return this.#countEmpty(message.type);
      case 'interested':
        this.#peerInterested = true;
        return this.#countEmpty(message.type);
      case 'not-interested':
        this.#peerInterested = false;
        return this.#countEmpty(message.type);
      case 'have':
        return this.#checkIndex(message.index, 'have') && this.#piecesNews(this.#remotePieces.have(message.index));
      case 'bitfield':
        return this.#piecesNews(this.#remotePieces.receiveBitfield(message.bitfield));
      case 'have-all':
      case 'have-none':
        if (!this.#negotiated('fast', message.type) || !this.#countEmpty(message.type)) return false;
        return this.#piecesNews(this.#remotePieces.receiveAllOrNone(message.type === 'have-all'));
      case 'request':
        this.#writer.requested();
        return this.#checkRequestIndex(message.index);
      case 'piece':
      case 'cancel':
        return this.#checkIndex(message.index, message.type);
      case 'suggest':
        return this.#negotiated('fast', message.type) && this.#checkIndex(message.index, message.type);
      case 'reject':
        return this.#negotiated('fast', message.type) && this.#checkIndex(message.index, message.type);
      case 'allowed-fast':
        if (!this.#negotiated('fast', message.type) || !this.#checkIndex(message.index, message.type)) return false;
        if (this.#allowedFast.size < 256) this.#allowedFast.add(message.index);
        return true;
      case 'port':
        this.#dhtPort = message.port;
        return true;
      case 'extended':
        if (!this.#negotiated('extended', 'extended')) return false;
        if (message.handshake !== undefined) this.#extendedHandshake = message.handshake;
        return true;
      case 'keep-alive':
        return this.#countEmpty(message.type);
      case 'unknown':
        return message.payload.length > 0 || this.#countEmpty('payload-less unknown');
    }
  }

  /** One more keep-alive or payload-less message; false (after peer_error and disconnect) past the budget. */
  #countEmpty(what: string): boolean {
    if (this.#emptyMessages.take()) return true;
    const { limit, windowMs } = this.#emptyMessages;
    this.fail('MESSAGE_FLOOD', `more than ${limit} keep-alives and payload-less messages within ${windowMs / 1000} s (the last a ${what})`);
    return false;
  }

  #negotiated(extension: 'fast' | 'extended', what: string): boolean {
    if (extension === 'fast' ? this.supportsFast : this.supportsExtended) return true;
    const bep = extension === 'fast' ? 'BEP 6 fast extension' : 'BEP 10 extension protocol';
    this.#invalidData('NOT_NEGOTIATED', `${what} message without the ${bep} negotiated`);
    return false;
  }

  #checkIndex(index: number, what: string): boolean {
    const count = this.pieceCount;
    if (count === undefined ? index < MAX_PENDING_PIECES : index < count) return true;
    this.#invalidData('BAD_INDEX', `${what} for piece ${index}, torrent has ${count ?? 'at most ' + MAX_PENDING_PIECES} pieces`);
    return false;
  }

  #checkRequestIndex(index: number): boolean {
    const count = this.pieceCount;
    if (count !== undefined && index < count) return true;
    const reason = count === undefined ? `request for piece ${index} before the torrent's metadata is known` : `request for piece ${index}, torrent has ${count} pieces`;
    const torrent = this.torrent;
    if (torrent !== undefined) this.#sink.emit('invalid_request', { torrent, ip: this.ip, reason });
    this.#invalidData('BAD_INDEX', reason);
    return false;
  }

  /** Notes what the delegate is to hear of a have, bitfield or have-all/none; false (after peer_error and disconnect) when it is invalid. */
  #piecesNews(news: PiecesNews): boolean {
    if (news instanceof InvalidPieces) {
      this.#invalidData(news.code, news.message);
      return false;
    }
    if (news !== 'as-is') this.#news = news;
    return true;
  }
}
