// uTP (BEP 29): the packet codec, one connection as a Duplex, and the UDP socket that carries them.
export { UtpConnection, type UtpState } from './connection.ts';
export { UtpError, type UtpErrorCode } from './errors.ts';
export { Ledbat, TARGET_DELAY_US } from './ledbat.ts';
export type { UtpConnectionOptions, UtpCounters } from './options.ts';
export { decodePacket, encodePacket, encodeHeader, looksLikeUtp, PacketType, type UtpPacket } from './packet.ts';
export { UtpSocket, type UtpDialOptions, type UtpSocketLimits, type UtpSocketOptions } from './socket.ts';
