// One connection to a remote peer on any Duplex (see connection.ts).
// Published as `swarmhook/peer` (package.json "exports"): what this file exports is public API.
export { ourHandshakeBytes, PeerConnection, type PeerConnectionOptions, type PeerDelegate } from './connection.ts';
export { DEFAULT_EXTENSIONS, type PeerConnectionOptionsOf, type PeerDelegateOf, type PeerRateGate, type PeerRateGates, type PeerTorrentInfo } from './options.ts';
export { PeerError, type PeerDataErrorCode, type PeerErrorCode, type PeerLimitCode } from './errors.ts';
export { EMPTY_MESSAGE_WINDOW_MS, KEEP_ALIVE_MS, type PeerLimits, type PeerTimeouts } from './limits.ts';
export { InvalidPieces, MAX_PENDING_PIECES, RemotePieces, type PiecesNews } from './remote-pieces.ts';
export { decodeClientName, formatPeerId } from '../peer-id.ts';
