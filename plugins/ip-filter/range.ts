// One range of addresses as numbers: IPv4 as a 32-bit number, IPv6 as a
// 128-bit bigint. An IPv4-mapped IPv6 range is stored as the IPv4 range it
// carries, so a rule for ::ffff:1.2.3.0/120 and a peer at 1.2.3.4 meet.
import { CodedError } from '../../core/index.ts';
import { bigIntToIpv6, formatIp, ipv4ToNumber, ipValue, numberToIpv4, parseIp, unmapIp } from '../../core/net/address.ts';
import type { IpValue, ParsedIp } from '../../core/net/address.ts';

export type IpRange =
  | { readonly family: 'ipv4'; readonly lo: number; readonly hi: number }
  | { readonly family: 'ipv6'; readonly lo: bigint; readonly hi: bigint };

export type IpFilterErrorCode = 'INVALID_RULE' | 'BLOCKLIST_UNREADABLE';

export class IpFilterError extends CodedError<IpFilterErrorCode> {
  constructor(code: IpFilterErrorCode, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause });
  }
}

const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const ALL_V6 = (1n << 128n) - 1n;

function invalid(text: string, why: string): IpFilterError {
  return new IpFilterError('INVALID_RULE', `invalid IP filter rule ${JSON.stringify(text)}: ${why}`);
}

function parseEnd(rule: string, text: string): ParsedIp {
  try {
    return parseIp(text.trim());
  } catch {
    throw invalid(rule, `${JSON.stringify(text.trim())} is not an IP address`);
  }
}

/** A v6 range lying wholly inside ::ffff:0:0/96 becomes the IPv4 range it maps. */
function unmapRange(lo: bigint, hi: bigint): IpRange {
  if (lo >> 32n === 0xffffn && hi >> 32n === 0xffffn) {
    return { family: 'ipv4', lo: Number(lo - MAPPED_PREFIX), hi: Number(hi - MAPPED_PREFIX) };
  }
  return { family: 'ipv6', lo, hi };
}

/**
 * Parses a rule: one address ("1.2.3.4", "2001:db8::1"), a CIDR block
 * ("10.0.0.0/8", "2001:db8::/32"; host bits are ignored) or a range
 * ("1.2.3.0 - 1.2.3.255", both ends of one family). Throws IpFilterError INVALID_RULE.
 */
export function parseRange(text: string): IpRange {
  const rule = text.trim();
  if (rule === '') throw invalid(text, 'empty');
  const slash = rule.indexOf('/');
  if (slash !== -1) {
    const ip = parseEnd(rule, rule.slice(0, slash));
    const bitsText = rule.slice(slash + 1).trim();
    const width = ip.kind() === 'ipv4' ? 32 : 128;
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) throw invalid(text, `prefix length must be 0 to ${width}`);
    const bits = BigInt(bitsText);
    if (ip.kind() === 'ipv4') {
      const hostMask = (1n << (32n - bits)) - 1n;
      const lo = BigInt(ipValue(ip).value) & ~hostMask & 0xffffffffn;
      return { family: 'ipv4', lo: Number(lo), hi: Number(lo | hostMask) };
    }
    const hostMask = (1n << (128n - bits)) - 1n;
    const lo = (ipValue(ip).value as bigint) & ~hostMask & ALL_V6;
    return unmapRange(lo, lo | hostMask);
  }
  const dash = rule.indexOf('-');
  if (dash !== -1) {
    const start = ipValue(parseEnd(rule, rule.slice(0, dash)));
    const end = ipValue(parseEnd(rule, rule.slice(dash + 1)));
    if (start.family !== end.family) throw invalid(text, 'the two ends are of different families (IPv4 and IPv6)');
    if (start.value > end.value) throw invalid(text, 'the range ends before it starts');
    return start.family === 'ipv4'
      ? { family: 'ipv4', lo: start.value, hi: end.value as number }
      : unmapRange(start.value, end.value as bigint);
  }
  const one = ipValue(unmapIp(parseEnd(rule, rule)));
  return one.family === 'ipv4' ? { family: 'ipv4', lo: one.value, hi: one.value } : { family: 'ipv6', lo: one.value, hi: one.value };
}

/** Canonical text of a range end. */
export function formatValue(family: 'ipv4' | 'ipv6', value: number | bigint): string {
  return family === 'ipv4' ? numberToIpv4(value as number) : formatIp(bigIntToIpv6(value as bigint));
}

/** Numeric value of an address literal (mapped IPv6 counts as IPv4), or undefined when it is not one. */
export function addressValue(ip: string): IpValue | undefined {
  const v4 = ipv4ToNumber(ip);
  if (v4 !== undefined) return { family: 'ipv4', value: v4 };
  let parsed: ParsedIp;
  try {
    parsed = parseIp(ip);
  } catch {
    return undefined;
  }
  return ipValue(unmapIp(parsed));
}
