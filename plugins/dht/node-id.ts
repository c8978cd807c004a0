// Node ids and the XOR metric of Kademlia (BEP 5): ids and info hashes are
// 160-bit strings, and the distance between two is their bitwise XOR, read as
// an unsigned number.
import { randomBytes } from 'node:crypto';

export const ID_LENGTH = 20;

export function randomId(): Buffer {
  return randomBytes(ID_LENGTH);
}

/** XOR of two ids. */
export function distance(a: Uint8Array, b: Uint8Array): Buffer {
  const out = Buffer.alloc(ID_LENGTH);
  for (let i = 0; i < ID_LENGTH; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Which of a and b is closer to target: negative when a is. */
export function compareDistance(target: Uint8Array, a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < ID_LENGTH; i++) {
    const da = a[i]! ^ target[i]!;
    const db = b[i]! ^ target[i]!;
    if (da !== db) return da - db;
  }
  return 0;
}

/** Number of leading bits a and b share (160 when equal): the routing table's bucket index. */
export function commonPrefixBits(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < ID_LENGTH; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return ID_LENGTH * 8;
}

/** A random id sharing exactly `bits` leading bits with `id` (to refresh the bucket of that prefix). */
export function randomIdInBucket(id: Uint8Array, bits: number): Buffer {
  const out = randomId();
  for (let i = 0; i < bits; i++) setBit(out, i, bit(id, i));
  if (bits < ID_LENGTH * 8) setBit(out, bits, bit(id, bits) ^ 1);
  return out;
}

function bit(b: Uint8Array, i: number): number {
  return (b[i >> 3]! >> (7 - (i & 7))) & 1;
}

function setBit(b: Uint8Array, i: number, v: number): void {
  const mask = 1 << (7 - (i & 7));
  b[i >> 3] = v === 1 ? b[i >> 3]! | mask : b[i >> 3]! & ~mask;
}
