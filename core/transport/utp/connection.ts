// One uTP connection (BEP 29) as a Node Duplex: what is written goes out in
// data packets under the send window (min of LEDBAT's window and the peer's
// advertised one), what arrives in order is pushed to the reader. The UDP
// socket (UtpSocket) owns the datagrams; it hands this connection the packets
// addressed to it and ticks its timers.
//
// Sequence numbers: seq of the next packet we send (#seq), the last packet of
// the peer's we have in order (#ack), the peer's cumulative ack of ours
// (#peerAck). Both wrap at 2^16.
import { Duplex } from 'node:stream';
import type { Address } from '../../types.ts';
import { UtpError } from './errors.ts';
import { Ledbat } from './ledbat.ts';
import type { UtpConnectionOptions, UtpCounters } from './options.ts';
import { encodeHeader, PacketType, writeHeader, type UtpPacket } from './packet.ts';
import { RttEstimator } from './rtt.ts';
import { selectiveAckMask } from './selective-ack.ts';
import { microsNow, seqAdd, seqDistance } from './sequence.ts';
import type { PacketSlot, PayloadPool } from './payload-pool.ts';
import { WriteQueue } from './write-queue.ts';

export type UtpState = 'syn-sent' | 'syn-recv' | 'connected' | 'closed';

/** How a connection reaches the wire and its socket (the socket implements it). */
export interface UtpLink {
  /** Sends one datagram to the connection's remote: `header` (or a whole packet), then `payload` when given. */
  send(header: Buffer, payload: Buffer | undefined): void;
  /** Asks for flushTurn() once the datagrams read (and the writes made) in this turn are handled. */
  scheduleFlush(connection: UtpConnection): void;
  /** An accepted connection received its first data packet: it is a connection now, not a half-open SYN. */
  established(connection: UtpConnection): void;
  /** The connection is over: forget it. */
  closed(connection: UtpConnection): void;
  readonly counters: UtpCounters;
  /** Buffers for the payloads of our data packets (the socket's, shared by its connections). */
  readonly payloads: PayloadPool;
  /** Datagrams waiting in the socket's send queue (a full kernel buffer): that queue reads their buffers when it gets to them. */
  queuedSends(): number;
}

export interface UtpConnectionInit {
  readonly remote: Address;
  readonly protocol: 'udp4' | 'udp6';
  /** Id on the packets we receive. */
  readonly receiveId: number;
  /** Id on the packets we send. */
  readonly sendId: number;
  readonly link: UtpLink;
  readonly options: UtpConnectionOptions;
  /** For an accepted connection: the SYN it answers. */
  readonly syn?: UtpPacket;
}

interface SentPacket {
  readonly seq: number;
  readonly type: PacketType;
  readonly payload: Buffer;
  /** The pooled slot whose payload part is `payload` (full packets only), given back once the packet is acknowledged. */
  readonly slot: PacketSlot | undefined;
  sentAtMs: number;
  transmissions: number;
  /** Presumed lost by a timeout: not counted in flight until sent again. */
  needResend: boolean;
}

/** Out-of-order packets kept at most, besides the byte bound. */
const MAX_REORDER_PACKETS = 4096;
const DUP_ACKS_FOR_RETRANSMIT = 3;

export class UtpConnection extends Duplex {
  readonly remote: Address;
  readonly protocol: 'udp4' | 'udp6';
  readonly receiveId: number;
  readonly sendId: number;
  readonly #link: UtpLink;
  readonly #options: UtpConnectionOptions;
  #state: UtpState;
  readonly #rtt = new RttEstimator();
  readonly #ledbat: Ledbat;

  // Sending
  #seq: number;
  #peerAck: number;
  readonly #inFlight = new Map<number, SentPacket>();
  #inFlightBytes = 0;
  /** Packets in flight marked needResend. */
  #resendCount = 0;
  #peerWindow: number;
  #dupAcks = 0;
  /** Losses of packets below this seq belong to a window already halved. */
  #lossRecoverySeq: number;
  #timeoutAtMs = Infinity;
  /** No datagram waited in the socket's send queue when the ack being handled came (see #acknowledge). */
  #slotsReusable = false;
  #zeroWindowSinceMs: number | undefined;
  readonly #pending = new WriteQueue();
  #pendingCallback: ((error?: Error | null) => void) | undefined;
  /**
   * Less than a packet is queued, and the writer may add to it in this turn:
   * it waits for flushTurn (the turn's end) rather than go out as a short
   * packet, so that a bulk writer's writes fill whole packets, and small
   * messages written together share one.
   */
  #tailHeld = false;
  /** flushTurn is sending: a short tail goes out now. */
  #tailDue = false;
  #finCallback: ((error?: Error | null) => void) | undefined;
  #finSeq: number | undefined;
  #finAcked = false;
  #lastSentMs: number;
  #lastProbeMs = -Infinity;
  #synSentAtMs = 0;
  #synTransmissions = 0;
  readonly #createdAtMs: number;
  /**
   * Destroyed without an error while the remote still reads: the stream is
   * gone, but what was written still goes out, then the FIN, until the
   * remote acknowledges them and answers with its FIN (so that it ends
   * cleanly, not on a RESET), or #closeDeadlineMs passes.
   */
  #closing = false;
  #closeDeadlineMs = Infinity;

  // Receiving
  #ack: number;
  readonly #reorder = new Map<number, Buffer>();
  #reorderBytes = 0;
  /**
   * In-order payloads of this turn's datagrams, pushed to the reader at the
   * turn's end (flushTurn): the socket reads a turn's datagrams, then the
   * reader parses them, rather than a parse between every two reads
   * (bench/utp-cpu.ts --wire: about 5% less CPU). Pushed one by one, as they
   * came: joined into one chunk (or one view of a shared buffer), they cost an
   * allocation or a copy per turn, and a wire parser kept no fewer copies.
   */
  #arrived: Buffer[] = [];
  #arrivedBytes = 0;
  #remoteFinSeq: number | undefined;
  #readEnded = false;
  #replyMicros = 0;
  #ackPending = false;
  #advertisedSmallWindow = false;
  #bytesRead = 0;
  #bytesWritten = 0;
  /** The initiator's SYN seq, to answer a repeated SYN. */
  readonly #synSeq: number | undefined;

  constructor(init: UtpConnectionInit) {
    // Reads are pushed as packets arrive; the receive window (not the stream's highWaterMark) bounds them.
    // Not half-open, as a net.Socket: the remote's FIN ends our side too, and 'close' follows.
    super({ allowHalfOpen: false, readableHighWaterMark: init.options.maxReceiveBuffer, writableHighWaterMark: 64 * 1024 });
    this.remote = init.remote;
    this.protocol = init.protocol;
    this.receiveId = init.receiveId;
    this.sendId = init.sendId;
    this.#link = init.link;
    this.#options = init.options;
    this.#ledbat = new Ledbat({ packetSize: init.options.packetSize, maxWindow: init.options.maxSendWindow });
    this.#peerWindow = init.options.packetSize;
    const now = performance.now();
    this.#createdAtMs = now;
    this.#lastSentMs = now;
    const initialSeq = (Math.random() * 0x10000) & 0xffff;
    this.#seq = initialSeq;
    this.#peerAck = seqAdd(initialSeq, -1);
    this.#lossRecoverySeq = initialSeq;
    if (init.syn === undefined) {
      this.#state = 'syn-sent';
      this.#ack = 0;
      this.#synSeq = undefined;
    } else {
      this.#state = 'syn-recv';
      this.#ack = init.syn.seq;
      this.#synSeq = init.syn.seq;
      this.#peerWindow = init.syn.windowSize;
      this.#replyMicros = (microsNow() - init.syn.timestamp) >>> 0;
    }
  }

  get state(): UtpState {
    return this.#state;
  }

  /** Payload bytes received (in order, handed to the reader). */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  /** Payload bytes sent once (retransmissions not counted). */
  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  /** LEDBAT's current window in bytes. */
  get congestionWindow(): number {
    return this.#ledbat.window;
  }

  /** The window the remote advertised last. */
  get peerWindow(): number {
    return this.#peerWindow;
  }

  /** Out-of-order bytes held. */
  get reorderBytes(): number {
    return this.#reorderBytes;
  }

  get rttMs(): number {
    return this.#rtt.rttMs;
  }

  /** Sends the SYN of an outgoing connection ('connect' fires on the answer). */
  start(): void {
    if (this.#state !== 'syn-sent' || this.#synTransmissions > 0) return;
    this.#sendSyn(performance.now());
    this.#seq = seqAdd(this.#seq, 1); // the SYN takes a sequence number
  }

  /** Answers the SYN of an accepted connection (again, when the initiator repeats it). */
  acceptSyn(): void {
    this.#sendState();
  }

  #sendSyn(now: number): void {
    this.#synSentAtMs = now;
    this.#synTransmissions++;
    this.#link.send(
      encodeHeader({
        type: PacketType.SYN,
        // BEP 29: the SYN carries the id the initiator receives on; all later packets carry receive id + 1.
        connectionId: this.receiveId,
        timestamp: microsNow(),
        timestampDiff: 0,
        windowSize: this.#receiveWindow(),
        seq: seqAdd(this.#seq, this.#synTransmissions > 1 ? -1 : 0),
        ack: 0,
      }),
      undefined,
    );
  }

  // ---- receiving --------------------------------------------------------

  /** A packet addressed to this connection. */
  handlePacket(packet: UtpPacket): void {
    if (this.#state === 'closed') return;
    const now = performance.now();
    this.#replyMicros = (microsNow() - packet.timestamp) >>> 0;
    switch (packet.type) {
      case PacketType.RESET:
        this.#fail(new UtpError('UTP_RESET', `${this.#who()} reset the connection`));
        return;
      case PacketType.SYN:
        // A repeated SYN: our state packet was lost.
        if (this.#synSeq === packet.seq) this.#sendState();
        return;
      case PacketType.STATE:
        if (this.#state === 'syn-sent') {
          this.#state = 'connected';
          // The responder's first data packet carries the seq of its state packet.
          this.#ack = seqAdd(packet.seq, -1);
          if (this.#synTransmissions === 1) this.#rtt.sample(now - this.#synSentAtMs);
          this.#peerAck = seqAdd(this.#seq, -1);
          this.#peerWindow = packet.windowSize;
          this.emit('connect');
          this.#flush(now);
          return;
        }
        break;
      default:
        if (this.#state === 'syn-sent') return; // data before the state packet: not a connection yet
    }
    if (!this.#onAck(packet, now)) return;
    if (packet.type === PacketType.DATA || packet.type === PacketType.FIN) this.#onData(packet);
    this.#flush(now);
    this.#maybeFinished();
  }

  /** Processes the ack fields. False when the packet acks what we never sent: it is dropped whole. */
  #onAck(packet: UtpPacket, now: number): boolean {
    const sentSpan = seqDistance(this.#peerAck, seqAdd(this.#seq, -1));
    const advance = seqDistance(this.#peerAck, packet.ack);
    if (advance > sentSpan) {
      // Behind our cumulative ack (an old packet, reordered): its ack says nothing new.
      if (advance >= 0x8000) {
        this.#peerWindow = packet.windowSize;
        return true;
      }
      this.#link.counters.badAck++;
      return false;
    }
    this.#peerWindow = packet.windowSize;
    if (packet.windowSize > 0 || this.#pending.bytes === 0) this.#zeroWindowSinceMs = undefined;
    else this.#zeroWindowSinceMs ??= now;
    const inFlightBefore = this.#inFlightBytes;
    // Asked once per ack, not per packet acked: a packet transmitted once, before this ack came, went out with an empty queue.
    this.#slotsReusable = this.#link.queuedSends() === 0;
    let acked = 0;
    if (advance > 0) {
      this.#dupAcks = 0;
      for (let i = 1; i <= advance; i++) acked += this.#acknowledge(seqAdd(this.#peerAck, i), now);
      this.#peerAck = packet.ack;
      this.#timeoutAtMs = this.#inFlight.size === 0 ? Infinity : now + this.#rtt.timeoutMs;
    } else if (packet.type === PacketType.STATE && this.#inFlight.size > 0 && packet.payload.length === 0) {
      this.#link.counters.duplicateAck++;
      if (++this.#dupAcks === DUP_ACKS_FOR_RETRANSMIT) this.#lost(seqAdd(this.#peerAck, 1), now);
    }
    if (packet.selectiveAck !== undefined) acked += this.#onSelectiveAck(packet.ack, packet.selectiveAck, sentSpan - advance, now);
    if (acked > 0) {
      this.#ledbat.delaySample(packet.timestampDiff, now);
      this.#ledbat.onAck(acked, inFlightBefore);
    }
    return true;
  }

  /** Removes one packet from flight; returns its payload bytes (0 when it was not in flight). */
  #acknowledge(seq: number, now: number): number {
    const sent = this.#inFlight.get(seq);
    if (sent === undefined) return 0;
    this.#inFlight.delete(seq);
    if (sent.needResend) this.#resendCount--;
    else this.#inFlightBytes -= sent.payload.length;
    if (sent.transmissions === 1) {
      this.#rtt.sample(now - sent.sentAtMs);
      // Its one transmission arrived, and no send waits in the socket's queue: nothing reads the buffer any more. (A
      // peer may ack what it has not seen: with sends queued, this packet's might be one, and a slot reused by then
      // would carry another packet's bytes. The garbage collector takes such a slot.)
      if (sent.slot !== undefined && this.#slotsReusable) this.#link.payloads.give(sent.slot);
    }
    if (sent.type === PacketType.FIN) this.#finAcked = true;
    return sent.payload.length;
  }

  /** Bit i of the mask: packet ack + 2 + i arrived. A packet with 3 acknowledged after it is lost. */
  #onSelectiveAck(ack: number, mask: Buffer, span: number, now: number): number {
    const bits = Math.min(mask.length * 8, Math.max(0, span - 1));
    let acked = 0;
    let after = 0;
    for (let i = bits - 1; i >= -1; i--) {
      const seq = seqAdd(ack, 2 + i);
      const received = i >= 0 && (mask[i >> 3]! & (1 << (i & 7))) !== 0;
      if (received) {
        acked += this.#acknowledge(seq, now);
        after++;
      } else if (after >= DUP_ACKS_FOR_RETRANSMIT) {
        this.#lost(seq, now);
      }
    }
    return acked;
  }

  /** A packet is presumed lost: resend it now (fast retransmit; again only after a round trip), and halve the window once per window. */
  #lost(seq: number, now: number): void {
    const sent = this.#inFlight.get(seq);
    if (sent === undefined || sent.needResend || now - sent.sentAtMs < this.#rtt.rttMs + 5) return;
    if (seqDistance(this.#lossRecoverySeq, seq) < 0x8000) {
      this.#ledbat.onLoss();
      this.#lossRecoverySeq = this.#seq;
    }
    this.#transmit(sent, now);
  }

  #onData(packet: UtpPacket): void {
    if (this.#state === 'syn-recv') {
      this.#state = 'connected';
      this.#link.established(this);
    }
    this.#ackPending = true;
    this.#link.scheduleFlush(this);
    if (packet.type === PacketType.FIN && this.#remoteFinSeq === undefined) this.#remoteFinSeq = packet.seq;
    const distance = seqDistance(seqAdd(this.#ack, 1), packet.seq);
    if (distance >= 0x8000) return; // a duplicate of what we have: the ack scheduled above tells the sender
    if (this.#remoteFinSeq !== undefined && seqDistance(packet.seq, this.#remoteFinSeq) >= 0x8000) return; // past the end
    if (distance === 0) {
      if (!this.#deliver(packet.payload)) return;
      this.#ack = packet.seq;
      for (let next = this.#reorder.get(seqAdd(this.#ack, 1)); next !== undefined; next = this.#reorder.get(seqAdd(this.#ack, 1))) {
        const seq = seqAdd(this.#ack, 1);
        this.#reorder.delete(seq);
        this.#reorderBytes -= next.length;
        this.#deliver(next);
        this.#ack = seq;
      }
    } else if (
      distance < MAX_REORDER_PACKETS &&
      !this.#reorder.has(packet.seq) &&
      this.#reorderBytes + packet.payload.length + this.#heldBytes() <= this.#options.maxReceiveBuffer
    ) {
      // A FIN's place must be kept even though it carries nothing.
      this.#reorder.set(packet.seq, packet.payload);
      this.#reorderBytes += packet.payload.length;
    } else {
      this.#link.counters.droppedData++;
    }
    if (this.#remoteFinSeq !== undefined && this.#ack === this.#remoteFinSeq && !this.#readEnded) {
      this.#readEnded = true;
      if (!this.#closing) {
        this.#pushArrived();
        this.push(null);
      }
    }
  }

  /** Takes in-order bytes for the reader (pushed at the turn's end); false (dropped, not acked) when the peer ignores our window. */
  #deliver(payload: Buffer): boolean {
    if (payload.length === 0 || this.#closing) return true; // closing: nobody reads, but the sender needs its ack
    if (this.#heldBytes() + payload.length > this.#options.maxReceiveBuffer) {
      this.#link.counters.droppedData++;
      return false;
    }
    this.#arrived.push(payload);
    this.#arrivedBytes += payload.length;
    return true;
  }

  /** Hands this turn's in-order bytes to the reader. */
  #pushArrived(): void {
    if (this.#arrivedBytes === 0) return;
    const arrived = this.#arrived;
    const bytes = this.#arrivedBytes;
    this.#arrived = [];
    this.#arrivedBytes = 0;
    this.#bytesRead += bytes;
    for (const payload of arrived) this.push(payload);
  }

  /** In-order bytes held for the reader: unread, and arrived this turn. */
  #heldBytes(): number {
    return this.readableLength + this.#arrivedBytes;
  }

  #receiveWindow(): number {
    return Math.max(0, this.#options.maxReceiveBuffer - this.#heldBytes() - this.#reorderBytes);
  }

  override _read(): void {
    // The reader took bytes: a peer we told our window was (nearly) shut learns it opened.
    if (this.#advertisedSmallWindow && this.#receiveWindow() >= 2 * this.#options.packetSize) this.#sendState();
  }

  /**
   * The turn's datagrams and writes are handled: the reader gets what
   * arrived in order, a short tail held for more bytes goes out, then the
   * ack, unless a data packet carried it already.
   */
  flushTurn(): void {
    // The reader first: what it writes in answer goes out with this flush, not a turn later.
    this.#pushArrived();
    if (this.#tailHeld) {
      this.#tailHeld = false;
      this.#tailDue = true;
      this.#flush(performance.now());
      this.#tailDue = false;
    }
    if (this.#ackPending && this.#state !== 'closed') this.#sendState();
  }

  // ---- sending ----------------------------------------------------------

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#writev([chunk], callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.#writev(
      chunks.map((c) => c.chunk),
      callback,
    );
  }

  #writev(chunks: Buffer[], callback: (error?: Error | null) => void): void {
    for (const c of chunks) this.#pending.push(c);
    // Called back once less than a packet is left unsent, and copied: until then the stream buffers further writes (backpressure).
    this.#pendingCallback = callback;
    this.#flush(performance.now());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#finCallback = callback;
    this.#flush(performance.now());
    // The remote finished first (it may be gone, as a destroyed TCP socket is): our FIN is sent, not waited for.
    if (this.#readEnded && this.#finSeq !== undefined && this.#finCallback !== undefined) {
      this.#finCallback = undefined;
      callback();
    }
  }

  #flush(now: number): void {
    if (this.#state !== 'connected') return;
    const { packetSize } = this.#options;
    if (this.#resendCount > 0) this.#resend(now);
    while (this.#pending.bytes > 0 && this.#resendCount === 0) {
      if (this.#pending.bytes < packetSize && this.#holdTail()) break;
      let window = this.#sendWindow();
      // A window shut below one packet: one packet per timeout still goes out when nothing is in flight, the probe whose ack reopens it.
      if (window < packetSize && this.#inFlight.size === 0 && now - this.#lastProbeMs >= this.#rtt.timeoutMs) {
        window = packetSize;
        this.#lastProbeMs = now;
      }
      const room = window - this.#inFlightBytes;
      if (room <= 0) break;
      const size = Math.min(packetSize, this.#pending.bytes, room);
      if (size < packetSize && size < this.#pending.bytes && this.#inFlight.size > 0) break; // wait for a full packet's room
      if (size === packetSize) {
        const slot = this.#link.payloads.take();
        this.#sendData(PacketType.DATA, this.#pending.take(size, slot.payload), now, slot);
      } else {
        // A short packet holds a buffer of its size: in flight, memory stays bounded by the window's bytes, however many packets.
        this.#sendData(PacketType.DATA, this.#pending.take(size, Buffer.allocUnsafe(size)), now);
      }
    }
    if (this.#pending.bytes < packetSize && this.#pendingCallback !== undefined) {
      // The writer may reuse its buffers once called back: the bytes still queued become a copy of ours.
      this.#pending.own();
      const callback = this.#pendingCallback;
      this.#pendingCallback = undefined;
      callback();
    }
    if ((this.#finCallback !== undefined || this.#closing) && this.#pending.bytes === 0 && this.#finSeq === undefined) {
      this.#finSeq = this.#seq;
      this.#sendData(PacketType.FIN, Buffer.alloc(0), now);
    }
  }

  /** Whether a short tail waits for the turn's end (see #tailHeld); not when the writer has ended, or it is due. */
  #holdTail(): boolean {
    if (this.#tailDue || this.#finCallback !== undefined || this.#closing) return false;
    if (!this.#tailHeld) {
      this.#tailHeld = true;
      this.#link.scheduleFlush(this);
    }
    return true;
  }

  /** After a timeout: the packets presumed lost go out again, oldest first, as the window lets them. */
  #resend(now: number): void {
    for (const sent of this.#inFlight.values()) {
      if (!sent.needResend) continue;
      if (this.#inFlightBytes > 0 && this.#inFlightBytes + sent.payload.length > this.#sendWindow()) return;
      sent.needResend = false;
      this.#resendCount--;
      this.#inFlightBytes += sent.payload.length;
      this.#transmit(sent, now);
    }
  }

  #sendWindow(): number {
    return Math.min(this.#ledbat.window, this.#peerWindow);
  }

  #sendData(type: PacketType, payload: Buffer, now: number, slot?: PacketSlot): void {
    const sent: SentPacket = { seq: this.#seq, type, payload, slot, sentAtMs: now, transmissions: 0, needResend: false };
    this.#seq = seqAdd(this.#seq, 1);
    this.#inFlight.set(sent.seq, sent);
    this.#inFlightBytes += payload.length;
    this.#bytesWritten += payload.length;
    if (this.#timeoutAtMs === Infinity) this.#timeoutAtMs = now + this.#rtt.timeoutMs;
    this.#transmit(sent, now);
  }

  #transmit(sent: SentPacket, now: number): void {
    sent.transmissions++;
    sent.sentAtMs = now;
    this.#lastSentMs = now;
    this.#ackPending = false;
    const slot = sent.slot;
    if (slot !== undefined && sent.transmissions === 1 && this.#reorder.size === 0) {
      // The first transmission: the header goes in the slot, in front of the payload, and the datagram is one buffer.
      // Resends get a header of their own: a first send still queued (a full socket buffer) keeps its bytes.
      writeHeader(slot.datagram, sent.type, this.sendId, microsNow(), this.#replyMicros, this.#advertisedWindow(), sent.seq, this.#ack);
      this.#link.send(slot.datagram, undefined);
      return;
    }
    this.#link.send(this.#header(sent.type, sent.seq), sent.payload.length === 0 ? undefined : sent.payload);
  }

  #sendState(): void {
    this.#ackPending = false;
    this.#lastSentMs = performance.now();
    this.#link.send(this.#header(PacketType.STATE, this.#seq), undefined);
  }

  /** The receive window to put in a packet we send; noting whether it is nearly shut (see _read). */
  #advertisedWindow(): number {
    const windowSize = this.#receiveWindow();
    this.#advertisedSmallWindow = windowSize < 2 * this.#options.packetSize;
    return windowSize;
  }

  #header(type: PacketType, seq: number): Buffer {
    const windowSize = this.#advertisedWindow();
    const selectiveAck = this.#reorder.size === 0 ? undefined : selectiveAckMask(this.#ack, this.#reorder.keys());
    return encodeHeader({
      type,
      connectionId: this.sendId,
      timestamp: microsNow(),
      timestampDiff: this.#replyMicros,
      windowSize,
      seq,
      ack: this.#ack,
      ...(selectiveAck === undefined ? {} : { selectiveAck }),
    });
  }

  // ---- timers and closing -----------------------------------------------

  /** Called by the socket every few tens of ms: retransmission, keepalive, and the connection's time limits. */
  tick(now: number): void {
    const o = this.#options;
    if (this.#closing && now >= this.#closeDeadlineMs) {
      this.#fail(new UtpError('UTP_TIMEOUT', `${this.#who()} did not acknowledge what was sent before the close within ${o.closeTimeoutMs} ms`));
      return;
    }
    switch (this.#state) {
      case 'closed':
        return;
      case 'syn-sent':
        if (now - this.#synSentAtMs < this.#rtt.timeoutMs) return;
        if (this.#synTransmissions > o.maxSynRetransmits) {
          this.#fail(new UtpError('UTP_CONNECT_TIMEOUT', `${this.#who()} did not answer ${this.#synTransmissions} SYNs`), false);
          return;
        }
        this.#rtt.backOff();
        this.#sendSyn(now);
        return;
      case 'syn-recv':
        if (now - this.#createdAtMs >= o.halfOpenTimeoutMs) {
          this.#link.counters.halfOpenExpired++;
          this.#fail(new UtpError('UTP_TIMEOUT', `${this.#who()} sent no data within ${o.halfOpenTimeoutMs} ms of its SYN`), false);
        }
        return;
      case 'connected':
        break;
    }
    if (this.#zeroWindowSinceMs !== undefined && now - this.#zeroWindowSinceMs >= o.zeroWindowTimeoutMs) {
      this.#fail(new UtpError('UTP_ZERO_WINDOW', `${this.#who()} kept its receive window shut for ${o.zeroWindowTimeoutMs} ms`));
      return;
    }
    if (this.#inFlight.size > 0 && now >= this.#timeoutAtMs) {
      const oldest = this.#inFlight.values().next().value as SentPacket;
      if (oldest.transmissions > o.maxRetransmits) {
        this.#fail(new UtpError('UTP_TIMEOUT', `${this.#who()} acknowledged nothing after ${oldest.transmissions} transmissions`));
        return;
      }
      this.#ledbat.onTimeout();
      this.#rtt.backOff();
      this.#dupAcks = 0;
      this.#lossRecoverySeq = this.#seq;
      // As libtorrent: everything in flight is presumed lost and resent as the (now one-packet) window allows.
      for (const sent of this.#inFlight.values()) {
        if (!sent.needResend) this.#resendCount++;
        sent.needResend = true;
      }
      this.#inFlightBytes = 0;
      this.#timeoutAtMs = now + this.#rtt.timeoutMs;
      this.#flush(now);
    } else if (this.#inFlight.size === 0 && this.#pending.bytes > 0) {
      this.#flush(now); // a shut window: probe it when its time comes
    }
    if (now - this.#lastSentMs >= o.keepAliveMs) this.#sendState();
  }

  /** Both FINs are through: the connection ends without a reset. */
  #maybeFinished(): void {
    if (this.#finAcked && this.#finCallback !== undefined) {
      const callback = this.#finCallback;
      this.#finCallback = undefined;
      callback();
    }
    if (this.#finAcked && this.#readEnded && this.#state !== 'closed') {
      // The ack of the remote's FIN goes out now: once forgotten, this connection answers nothing.
      if (this.#ackPending) this.#sendState();
      this.#state = 'closed';
      this.#link.closed(this);
    }
  }

  #fail(error: UtpError, sendReset = true): void {
    if (this.#state === 'closed') return;
    if (this.#closing) {
      // The stream is destroyed already: nobody is left to hear of the error.
      if (sendReset && error.code !== 'UTP_RESET') this.#link.send(this.#header(PacketType.RESET, this.#seq), undefined);
      this.#forget();
      return;
    }
    if (!sendReset) this.#forget();
    else if (error.code === 'UTP_RESET') this.#forget();
    this.destroy(error);
  }

  #forget(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#link.closed(this);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.#state === 'connected' && error === null && !this.#readEnded && this.#options.closeTimeoutMs > 0 && (this.#pending.bytes > 0 || this.#inFlight.size > 0)) {
      // As a closed TCP socket's bytes still leave from the kernel: what was written goes out, then the FIN, resent as
      // needed, until acknowledged and the remote's FIN is in (bounded by closeTimeoutMs). A remote that finished first
      // is gone, and with every byte acknowledged there is nothing to deliver: neither waits (a FIN is sent once).
      this.#closing = true;
      this.#closeDeadlineMs = performance.now() + this.#options.closeTimeoutMs;
      this.#reorder.clear();
      this.#reorderBytes = 0;
      this.#arrived = [];
      this.#arrivedBytes = 0;
      const final = this.#finCallback;
      this.#finCallback = undefined;
      final?.();
      this.#flush(performance.now());
      callback(null);
      return;
    }
    if (this.#state === 'connected' && error === null && this.#finSeq === undefined) {
      // destroy() without an error closes as a TCP socket does: a FIN after what was sent (sent once: nobody is left to retransmit it).
      this.#link.send(this.#header(PacketType.FIN, this.#seq), undefined);
    } else if ((this.#state === 'connected' && error !== null) || this.#state === 'syn-recv') {
      // An abrupt end: tell the remote at once rather than let it time out.
      this.#link.send(this.#header(PacketType.RESET, this.#seq), undefined);
    }
    this.#forget();
    this.#inFlight.clear();
    this.#reorder.clear();
    this.#arrived = [];
    this.#arrivedBytes = 0;
    this.#pending.clear();
    const pending = this.#finCallback;
    this.#finCallback = undefined;
    pending?.(error ?? new UtpError('UTP_RESET', 'the connection was destroyed before its FIN was acknowledged'));
    callback(error);
  }

  #who(): string {
    return `uTP peer ${this.remote.ip}:${this.remote.port}`;
  }
}
