// One connection to a remote peer on any Duplex (see connection.ts).
export {
  DEFAULT_EXTENSIONS,
  PeerConnection,
  type PeerConnectionOptions,
  type PeerDelegate,
  type PeerTorrentInfo,
} from './connection.ts';
export { PeerError, type PeerDataErrorCode, type PeerErrorCode, type PeerLimitCode } from './errors.ts';
export { EMPTY_MESSAGE_WINDOW_MS, KEEP_ALIVE_MS, type PeerLimits, type PeerTimeouts } from './limits.ts';
export { InvalidPieces, MAX_PENDING_PIECES, RemotePieces, type PiecesNews } from './remote-pieces.ts';
