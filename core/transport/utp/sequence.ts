// 16-bit sequence numbers and 32-bit microsecond clocks wrap around: every
// comparison goes through these helpers.

export const SEQ_MASK = 0xffff;

/** (a + n) mod 2^16. */
export function seqAdd(a: number, n: number): number {
  return (a + n) & SEQ_MASK;
}

/** How far b is ahead of a, mod 2^16 (0 to 65535). */
export function seqDistance(a: number, b: number): number {
  return (b - a) & SEQ_MASK;
}

/** A microsecond clock truncated to 32 bits, as uTP's timestamps are. */
export function microsNow(): number {
  return (performance.now() * 1000) >>> 0;
}

/** b - a on the 32-bit circle, as a signed number (negative when b is before a). */
export function wrapDiff32(a: number, b: number): number {
  return ((b - a) | 0);
}
