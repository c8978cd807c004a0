// The shapes that parsing a .torrent file or a magnet link produces.

/** One file of a torrent, in torrent order. */
export interface MetainfoFile {
  /**
   * Path relative to the download folder, '/'-joined. It begins with the
   * torrent's name: a single-file torrent's only file is `name`, a multi-file
   * torrent's files are `name/sub/file`.
   */
  readonly path: string;
  /** The components of `path` (name first). Each is a safe file name. */
  readonly pathSegments: readonly string[];
  readonly length: number;
  /** Offset of the file's first byte in the torrent's concatenated data. */
  readonly offset: number;
  /** BEP 47 padding file (attr contains 'p'): its bytes are zeros and need not be stored. */
  readonly padding: boolean;
  /** BEP 47 attribute letters as found ('' when absent): p padding, x executable, h hidden, l symlink. */
  readonly attr: string;
}

/** A parsed v1 .torrent file (or v1 part of a hybrid one). */
export interface Metainfo {
  /** SHA-1 of the info dictionary's bytes as they stand in the file, 40 lowercase hex digits. */
  readonly infoHash: string;
  /** The same 20 bytes. */
  readonly infoHashBuffer: Buffer;
  /** The info dictionary's raw bytes (what ut_metadata serves). */
  readonly infoBuffer: Buffer;
  /** The torrent's name (name.utf-8 when present): the file name, or the top folder's. */
  readonly name: string;
  readonly pieceLength: number;
  /** Every piece's 20-byte SHA-1 end to end, in piece order (a view of infoBuffer): what storage checks pieces against. */
  readonly pieceHashes: Buffer;
  /**
   * One 20-byte SHA-1 per piece (views of pieceHashes), made on first use:
   * a Buffer per piece held from the add on cost a torrent of 4,096 pieces
   * 4,096 objects, for each of a thousand torrents.
   */
  readonly pieces: readonly Buffer[];
  readonly pieceCount: number;
  /** Length of the last piece (between 1 and pieceLength). */
  readonly lastPieceLength: number;
  /** Total length: the sum of the files' lengths, padding files included. */
  readonly length: number;
  readonly files: readonly MetainfoFile[];
  /** True when the info dictionary has `files` (even with one file in it). */
  readonly multiFile: boolean;
  /** Tracker tiers (BEP 12): announce-list when present, else [[announce]], else []. */
  readonly announce: readonly (readonly string[])[];
  /** Web seeds (BEP 19 url-list). */
  readonly urlList: readonly string[];
  /** BEP 27: no DHT, no PEX, only the trackers given. */
  readonly private: boolean;
  readonly comment?: string;
  readonly createdBy?: string;
  /** Seconds since the Unix epoch. */
  readonly creationDate?: number;
  /** The info dictionary's `source` (set by private trackers to change the info hash). */
  readonly source?: string;
  /** Length of piece `index`; throws PIECE_INDEX_OUT_OF_RANGE outside 0..pieceCount-1. */
  pieceLengthAt(index: number): number;
}

export interface MagnetPeer {
  readonly ip: string;
  readonly port: number;
}

/** A parsed magnet link (BEP 9). */
export interface MagnetLink {
  /** 40 lowercase hex digits, whether the link gave hex or base32. */
  readonly infoHash: string;
  readonly infoHashBuffer: Buffer;
  /** dn: the display name, when given. */
  readonly name?: string;
  /** tr (and tr.1, tr.2...), in order, duplicates removed. */
  readonly trackers: readonly string[];
  /** ws: web seeds. */
  readonly webSeeds: readonly string[];
  /** x.pe: peers to dial directly. */
  readonly peers: readonly MagnetPeer[];
}
