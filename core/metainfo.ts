// .torrent files and magnet links: parsing, info hashes, safe file paths, and
// creating torrents. Imports nothing from the rest of core.
export { MetainfoError } from './metainfo/errors.ts';
export type { MetainfoErrorCode } from './metainfo/errors.ts';
export type { MagnetLink, MagnetPeer, Metainfo, MetainfoFile } from './metainfo/types.ts';
export { MAX_PIECE_LENGTH, MAX_TOTAL_LENGTH, parseInfoDictionary, parseTorrent } from './metainfo/parse.ts';
export type { OuterFields } from './metainfo/parse.ts';
export { decodeInfoHash, parseMagnet, parsePeerAddress, toMagnetURI } from './metainfo/magnet.ts';
export { choosePieceLength, createTorrent } from './metainfo/create.ts';
export type { CreatedTorrent, CreateTorrentOptions } from './metainfo/create.ts';
export { encodeTorrent } from './metainfo/encode.ts';
export type { TorrentFileFields } from './metainfo/encode.ts';
export { MAX_DEPTH, scanBencode } from './metainfo/decode-bencode.ts';
export type { BencodeScan, ByteSpan } from './metainfo/decode-bencode.ts';
