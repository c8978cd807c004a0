// The connection gate: before dialling out and on every accepted socket the
// engine asks the allow_connection policy hook, and reports a refusal as an
// ip_filter event. Policies always see canonical addresses, so an IPv4 peer
// reaching a dual-stack socket as ::ffff:1.2.3.4 is judged as 1.2.3.4.
import type net from 'node:net';
import type { ConnectionAttempt, EventSink, PolicyHooks } from '../hooks.ts';
import type { TransportProtocol } from '../types.ts';
import { formatIp, parseIp, unmapIp, type ParsedIp } from './address.ts';

/**
 * The attempt as policies see it: the ip canonical, and a mapped IPv4 address
 * counted as IPv4 (tcp6 -> tcp4), since the traffic it carries is IPv4.
 * An ip that does not parse is passed on unchanged.
 */
export function normalizeAttempt(attempt: ConnectionAttempt): ConnectionAttempt {
  let ip: ParsedIp;
  try {
    ip = parseIp(attempt.address.ip);
  } catch {
    return attempt;
  }
  const plain = unmapIp(ip);
  const text = formatIp(plain);
  const protocol: TransportProtocol =
    plain !== ip ? (attempt.protocol.startsWith('udp') ? 'udp4' : 'tcp4') : attempt.protocol;
  if (text === attempt.address.ip && protocol === attempt.protocol) return attempt;
  return { ...attempt, address: { ip: text, port: attempt.address.port }, protocol };
}

/**
 * Asks allow_connection whether the connection may go ahead. Returns false
 * when a policy refused it, after firing ip_filter with the rule that matched.
 * No opinion (undefined) or { allow: true } admits the connection.
 */
export function admitConnection(hooks: PolicyHooks, sink: EventSink, attempt: ConnectionAttempt): boolean {
  const asked = normalizeAttempt(attempt);
  const verdict = hooks.allow_connection.call(asked);
  if (verdict === undefined || verdict.allow) return true;
  sink.emit('ip_filter', { address: asked.address, protocol: asked.protocol, rule: verdict.rule });
  return false;
}

/**
 * Gate for an accepted socket: builds the attempt from the socket's remote
 * end and destroys the socket at once when it is refused. Returns whether the
 * socket was admitted. A socket already closed (no remote address) is refused.
 */
export function admitSocket(
  hooks: PolicyHooks,
  sink: EventSink,
  socket: net.Socket,
  protocol: 'tcp4' | 'tcp6',
  infoHash?: string,
): boolean {
  const ip = socket.remoteAddress;
  const port = socket.remotePort;
  if (ip === undefined || port === undefined) {
    socket.destroy();
    return false;
  }
  const attempt: ConnectionAttempt = {
    address: { ip, port },
    protocol,
    direction: 'incoming',
    ...(infoHash === undefined ? {} : { infoHash }),
  };
  if (admitConnection(hooks, sink, attempt)) return true;
  socket.destroy();
  return false;
}
