// Address helpers over ipaddr.js. Peers, filters and listeners all compare
// addresses, so they share one strict parser and one canonical text form:
// IPv4 as dotted quad, IPv6 per RFC 5952, and an IPv4-mapped IPv6 address
// (::ffff:1.2.3.4, what a dual-stack socket reports) as the IPv4 it carries.
// Published as `swarmhook/net` (package.json "exports"): what this file exports is public API.
import { ipaddr, type IPv4, type IPv6 } from './ipaddr.ts';
import { CodedError } from '../errors.ts';
import type { Address, TransportProtocol } from '../types.ts';

export type IpFamily = 'ipv4' | 'ipv6';

export type AddressErrorCode = 'INVALID_ADDRESS' | 'INVALID_PORT';

export class AddressError extends CodedError<AddressErrorCode> {}

export type ParsedIp = IPv4 | IPv6;

/**
 * Parses an IP address literal. IPv4 must be four decimal parts without
 * leading zeros: inet_aton forms like "127.1" or "010.0.0.1" (octal!) are
 * refused rather than guessed. A zone id (fe80::1%eth0) is accepted.
 */
export function parseIp(text: string): ParsedIp {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  const v6 = embeddedIpv4ToHex(text);
  if (v6 !== undefined && ipaddr.IPv6.isValid(v6)) return ipaddr.IPv6.parse(v6);
  throw new AddressError('INVALID_ADDRESS', `not an IP address: ${JSON.stringify(text)}`);
}

/** True when the text is an IP literal parseIp accepts. */
export function isIp(text: string): boolean {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return true;
  const v6 = embeddedIpv4ToHex(text);
  return v6 !== undefined && ipaddr.IPv6.isValid(v6);
}

/**
 * Rewrites a trailing dotted IPv4 part of an IPv6 literal as two hex groups.
 * ipaddr.js reads any "::a.b.c.d" as mapped (::ffff:a.b.c.d), which would
 * turn the IPv4-compatible ::192.0.2.1 into 192.0.2.1; hex has no such
 * ambiguity. Undefined when the dotted part is not strict decimal.
 */
function embeddedIpv4ToHex(text: string): string | undefined {
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)(%.*)?$/.exec(text);
  if (m === null) return text;
  if (!ipaddr.IPv4.isValidFourPartDecimal(m[2])) return undefined;
  const [a, b, c, d] = ipaddr.IPv4.parse(m[2]).octets;
  return `${m[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}${m[3] ?? ''}`;
}

/** The IPv4 address an IPv4-mapped IPv6 address carries; any other address unchanged. */
export function unmapIp(ip: ParsedIp): ParsedIp {
  return ip.kind() === 'ipv6' && (ip as IPv6).isIPv4MappedAddress() ? (ip as IPv6).toIPv4Address() : ip;
}

/** 4 bytes for an IPv4 address, 16 for IPv6 (a zone id dropped); undefined for anything else. */
export function compactIp(ip: string): Buffer | undefined {
  if (!isIp(ip)) return undefined;
  return Buffer.from(unmapIp(parseIp(ip.replace(/%.*$/, ''))).toByteArray());
}

/** Canonical text of a parsed address (mapped IPv6 becomes IPv4, IPv6 per RFC 5952). */
export function formatIp(ip: ParsedIp): string {
  const plain = unmapIp(ip);
  return plain.kind() === 'ipv4' ? plain.toString() : (plain as IPv6).toRFC5952String();
}

/** Canonical text of an address literal; throws AddressError INVALID_ADDRESS. */
export function normalizeIp(text: string): string {
  // Fast path: the common case is already canonical.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return text;
  return formatIp(parseIp(text));
}

/** True for ::ffff:a.b.c.d in any spelling. */
export function isIPv4Mapped(text: string): boolean {
  if (!ipaddr.IPv6.isValid(text)) return false;
  return ipaddr.IPv6.parse(text).isIPv4MappedAddress();
}

/** True for this host's own addresses, 127.0.0.0/8 and ::1 (a mapped 127.x too): the kernel answers for them at once. */
export function isLoopback(text: string): boolean {
  return isIp(text) && unmapIp(parseIp(text.replace(/%.*$/, ''))).range() === 'loopback';
}

/** Family of an address literal after unmapping. */
export function ipFamily(text: string): IpFamily {
  return unmapIp(parseIp(text)).kind();
}

/** tcp4/tcp6 (or udp4/udp6) for an address literal; a mapped address counts as IPv4. */
export function protocolOf(ip: string, transport: 'tcp' | 'udp' = 'tcp'): TransportProtocol {
  return `${transport}${ipFamily(ip) === 'ipv4' ? '4' : '6'}`;
}

/** "1.2.3.4:6881" or "[2001:db8::1]:6881"; the ip is written canonically when it parses. */
export function formatAddress(address: Address): string {
  // Event messages call this per peer: the common canonical IPv4 is taken as it is, unparsed.
  const ip = ipaddr.IPv4.isValidFourPartDecimal(address.ip) || !isIp(address.ip) ? address.ip : normalizeIp(address.ip);
  return ip.includes(':') ? `[${ip}]:${address.port}` : `${ip}:${address.port}`;
}

/** Parses "ip:port" or "[ipv6]:port" into a canonical Address. */
export function parseAddress(text: string): Address {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (m === null) throw new AddressError('INVALID_ADDRESS', `not an ip:port or [ip]:port address: ${JSON.stringify(text)}`);
  return { ip: normalizeIp(m[1]), port: checkPort(Number(m[2]), text) };
}

/** A TCP/UDP port 1..65535 (0 is not a port one can connect to). */
export function checkPort(port: number, context = String(port)): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AddressError('INVALID_PORT', `port must be an integer from 1 to 65535: ${context}`);
  }
  return port;
}

/** 32-bit unsigned value of a canonical-or-not IPv4 text, or undefined when it is not IPv4. */
export function ipv4ToNumber(text: string): number | undefined {
  // Hand-written because filters call it per connection and ipaddr.js allocates.
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + part;
}

export function numberToIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** 128-bit value of an IPv6 address. */
export function ipv6ToBigInt(ip: IPv6): bigint {
  let value = 0n;
  for (const part of ip.parts) value = (value << 16n) | BigInt(part);
  return value;
}

export function bigIntToIpv6(value: bigint): IPv6 {
  const parts = new Array<number>(8);
  for (let i = 7; i >= 0; i--) {
    parts[i] = Number(value & 0xffffn);
    value >>= 16n;
  }
  return new ipaddr.IPv6(parts);
}

export type IpValue = { readonly family: 'ipv4'; readonly value: number } | { readonly family: 'ipv6'; readonly value: bigint };

/** Numeric value of a parsed address as it is (a mapped IPv6 address stays IPv6: unmapIp first if needed). */
export function ipValue(ip: ParsedIp): IpValue {
  if (ip.kind() === 'ipv4') {
    const [a, b, c, d] = (ip as IPv4).octets;
    return { family: 'ipv4', value: ((a << 24) >>> 0) + (b << 16) + (c << 8) + d };
  }
  return { family: 'ipv6', value: ipv6ToBigInt(ip as IPv6) };
}

/** Numeric value of an address literal: IPv4 (and mapped) as number, IPv6 as bigint. Throws AddressError. */
export function ipToValue(text: string): IpValue {
  const v4 = ipv4ToNumber(text);
  if (v4 !== undefined) return { family: 'ipv4', value: v4 };
  return ipValue(unmapIp(parseIp(text)));
}

/** Orders addresses: all IPv4 (mapped included) before IPv6, then numerically. For Array.sort. */
export function compareIp(a: string, b: string): number {
  const x = ipToValue(a);
  const y = ipToValue(b);
  if (x.family !== y.family) return x.family === 'ipv4' ? -1 : 1;
  return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
}

/** True when two literals denote the same address (mapped and plain IPv4 are the same). */
export function sameIp(a: string, b: string): boolean {
  return compareIp(a, b) === 0;
}

/** Orders addresses by ip, then port. */
export function compareAddress(a: Address, b: Address): number {
  return compareIp(a.ip, b.ip) || a.port - b.port;
}
