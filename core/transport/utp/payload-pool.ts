// Buffers for the full data packets a socket's connections send: each slot
// holds a packet's header and payload, so that a first transmission is one
// datagram of one buffer, its header written in front of the payload. A
// payload is kept until the remote acknowledges it (it may be sent again),
// so it cannot be a view of the writer's memory (see WriteQueue), and a
// fresh copy per packet was a new allocation every packetSize bytes sent: V8
// counts those bytes against its old-generation limit, so a uTP seeder ran a
// full collection every few megabytes uploaded. Slots come back when their
// packet is acknowledged after a single transmission:
// that transmission reached the remote, so no send queued in the kernel or
// in libuv still reads it. A packet sent twice, or still in flight when its
// connection is destroyed, keeps its slot (the garbage collector takes it).
// Each slot is an allocation of its own, not a cut of a larger slab: one slot
// kept (in flight, or free) would keep its whole slab, so a remote choosing
// which packets to make us resend could make the free list hold many slabs.
import { HEADER_LENGTH } from './packet.ts';

/** One packet's memory: the header's room, then the payload's. */
export interface PacketSlot {
  /** The whole slot: a header (HEADER_LENGTH bytes, no extensions) and a full payload. */
  readonly datagram: Buffer;
  /** The payload's part (packetSize bytes). */
  readonly payload: Buffer;
}

export class PayloadPool {
  readonly packetSize: number;
  readonly #maxFree: number;
  readonly #free: PacketSlot[] = [];

  /** `maxFree`: slots kept for reuse at most (more given back are dropped). */
  constructor(packetSize: number, maxFree: number) {
    this.packetSize = packetSize;
    this.#maxFree = maxFree;
  }

  /** Free slots now. */
  get pooled(): number {
    return this.#free.length;
  }

  /** A slot, its bytes left over from earlier use. */
  take(): PacketSlot {
    return this.#free.pop() ?? this.#allocate();
  }

  /** Gives back a slot from take() that nothing reads any more. */
  give(slot: PacketSlot): void {
    if (slot.payload.length === this.packetSize && this.#free.length < this.#maxFree) this.#free.push(slot);
  }

  #allocate(): PacketSlot {
    const datagram = Buffer.allocUnsafeSlow(HEADER_LENGTH + this.packetSize);
    return { datagram, payload: datagram.subarray(HEADER_LENGTH) };
  }
}
