// What a connected TCP socket says of its remote end, for a PeerConnection
// (which takes any Duplex and so is told whom it talks to).
import type { Socket } from 'node:net';
import { isIp, normalizeIp } from '../net/address.ts';
import type { Address } from '../types.ts';

/**
 * The remote's address in the one canonical spelling (normalizeIp): an IPv4
 * peer on a dual-stack socket shows as ::ffff:a.b.c.d and is reported as
 * a.b.c.d. A destroyed socket has no address: ''.
 */
export function tcpRemoteAddress(socket: Socket): Address {
  const ip = socket.remoteAddress ?? '';
  return { ip: isIp(ip) ? normalizeIp(ip) : ip, port: socket.remotePort ?? 0 };
}

/** tcp6 for a remote reached over IPv6 (not an IPv4-mapped one), else tcp4. */
export function tcpProtocol(socket: Socket): 'tcp4' | 'tcp6' {
  return socket.remoteFamily === 'IPv6' && !tcpRemoteAddress(socket).ip.includes('.') ? 'tcp6' : 'tcp4';
}
