// Addresses and sockets: the address helpers every layer shares, listening,
// dialling, and the gates and limits a connection passes before it is a peer.
export * from './address.ts';
export { dial, DialError } from './dialer.ts';
export type { DialErrorCode, DialOptions } from './dialer.ts';
export { admitConnection, admitSocket, normalizeAttempt } from './gate.ts';
export { HalfOpenSlots, INCOMING_RESERVE } from './half-open.ts';
export type { HalfOpenConnection, HalfOpenOptions } from './half-open.ts';
export { IpConnections, ipKey } from './ip-connections.ts';
export { expandPortRange, Listener, PortRangeError } from './listener.ts';
export type { BoundPorts, ListenerOptions, ListenProtocol, PortRange, PortRangeErrorCode } from './listener.ts';
