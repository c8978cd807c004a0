// The selective ACK bitmask we send (BEP 29): bit i, least significant bit
// of byte i/8 first, says packet ack + 2 + i is held out of order.
import { seqAdd, seqDistance } from './sequence.ts';

/** Bitmask bytes at most (256 packets past the gap). */
export const MAX_SACK_BYTES = 32;

/** The mask for the out-of-order packets `held` past cumulative ack `ack`: a multiple of 4 bytes, at most MAX_SACK_BYTES. */
export function selectiveAckMask(ack: number, held: Iterable<number>): Buffer {
  const base = seqAdd(ack, 2);
  const offsets = [...held].map((seq) => seqDistance(base, seq));
  const highest = Math.max(0, ...offsets);
  const bytes = Math.min(MAX_SACK_BYTES, (Math.floor(highest / 32) + 1) * 4);
  const mask = Buffer.alloc(bytes);
  for (const i of offsets) if (i < bytes * 8) mask[i >> 3]! |= 1 << (i & 7);
  return mask;
}
