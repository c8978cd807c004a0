// What a blocklist line parser answers.
import type { IpRange } from './range.ts';

export type ParsedLine =
  | { readonly kind: 'range'; readonly range: IpRange; readonly label?: string }
  /** A line that is valid but blocks nothing (an eMule entry whose access level allows). */
  | { readonly kind: 'skip' }
  | { readonly kind: 'error'; readonly reason: string };

/**
 * Dotted-quad IPv4 where each part may be zero-padded ("001.002.003.004"):
 * blocklist formats are decimal by definition, so padding is not octal here.
 */
export function paddedIpv4ToNumber(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    value = value * 256 + part;
  }
  return value;
}

/** An IPv4 range from two padded ends, or the reason it is not one. */
export function ipv4Range(startText: string, endText: string): { range: IpRange } | { reason: string } {
  const lo = paddedIpv4ToNumber(startText);
  if (lo === undefined) return { reason: `${JSON.stringify(startText)} is not an IPv4 address` };
  const hi = paddedIpv4ToNumber(endText);
  if (hi === undefined) return { reason: `${JSON.stringify(endText)} is not an IPv4 address` };
  if (lo > hi) return { reason: 'the range ends before it starts' };
  return { range: { family: 'ipv4', lo, hi } };
}
