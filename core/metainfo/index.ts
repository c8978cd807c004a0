// .torrent files and magnet links: parsing, info hashes, safe file paths, and
// creating torrents. Imports nothing from the rest of core.
// Published as `swarmhook/metainfo` (package.json "exports"): what this file exports is public API.
export { MetainfoError } from './errors.ts';
export type { MetainfoErrorCode } from './errors.ts';
export type { MagnetLink, MagnetPeer, Metainfo, MetainfoFile } from './types.ts';
export { MAX_PIECE_LENGTH, MAX_TOTAL_LENGTH, parseInfoDictionary, parseTorrent } from './parse.ts';
export type { OuterFields } from './parse.ts';
export { decodeInfoHash, parseMagnet, parsePeerAddress, toMagnetURI } from './magnet.ts';
export { choosePieceLength, createTorrent } from './create.ts';
export type { CreatedTorrent, CreateTorrentOptions } from './create.ts';
export { encodeTorrent } from './encode.ts';
export type { TorrentFileFields } from './encode.ts';
export { MAX_DEPTH, scanBencode } from './decode-bencode.ts';
export type { BencodeScan, ByteSpan } from './decode-bencode.ts';
