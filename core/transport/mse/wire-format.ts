// Sizes and small encoders shared by both sides of the handshake.
import { randomBytes, randomInt } from 'node:crypto';

/** The specification's bound on PadA, PadB, PadC and PadD. */
export const MAX_PAD = 512;
/** The verification constant: eight zero bytes. */
export const VC = Buffer.alloc(8);

/** 0-512 random bytes: PadA and PadB hide the DH keys' fixed length. */
export function randomPad(): Buffer {
  return randomBytes(randomInt(MAX_PAD + 1));
}

export function uint16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeUInt16BE(n);
  return b;
}

export function uint32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n);
  return b;
}
