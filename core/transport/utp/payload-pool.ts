// Buffers for the payloads of the data packets a socket's connections send.
// A payload is kept until the remote acknowledges it (it may be sent again),
// so it cannot be a view of the writer's memory (see WriteQueue), and a fresh
// copy per packet was a new allocation every packetSize bytes sent: V8 counts
// those bytes against its old-generation limit, so a uTP seeder ran a full
// collection every few megabytes uploaded. Buffers are cut from slabs and
// come back when their packet is acknowledged after a single transmission:
// that transmission reached the remote, so no send queued in the kernel or
// in libuv still reads it. A packet sent twice, or still in flight when its
// connection is destroyed, keeps its buffer (the garbage collector takes it).

/** Packets cut from one allocation. */
const SLAB_PACKETS = 32;

export class PayloadPool {
  readonly packetSize: number;
  readonly #maxFree: number;
  readonly #free: Buffer[] = [];

  /** `maxFree`: buffers kept for reuse at most (more given back are dropped). */
  constructor(packetSize: number, maxFree: number) {
    this.packetSize = packetSize;
    this.#maxFree = Math.max(SLAB_PACKETS, maxFree);
  }

  /** Free buffers now. */
  get pooled(): number {
    return this.#free.length;
  }

  /** A packetSize buffer, its bytes left over from earlier use. */
  take(): Buffer {
    return this.#free.pop() ?? this.#grow();
  }

  /** Gives back a buffer from take() that nothing reads any more. */
  give(buffer: Buffer): void {
    if (buffer.length === this.packetSize && this.#free.length < this.#maxFree) this.#free.push(buffer);
  }

  #grow(): Buffer {
    const size = this.packetSize;
    const slab = Buffer.allocUnsafeSlow(size * SLAB_PACKETS);
    for (let i = SLAB_PACKETS - 1; i > 0; i--) this.#free.push(slab.subarray(i * size, (i + 1) * size));
    return slab.subarray(0, size);
  }
}
