// What a swarm needs of the layers below it. The concrete classes (the peer
// connection, the storage) satisfy these shapes; the swarm depends on nothing else.
import type { PeerLimitCode } from '../peer/index.ts';
import type { BlockLease } from '../storage/piece-cache.ts';
import type { ResumeData } from '../storage/resume-data.ts';
import type { Address, Peer, TorrentFile } from '../types.ts';

/** The parts of a .torrent the swarm uses (core/metainfo/index.ts's Metainfo has them). */
export interface SwarmMeta {
  readonly infoHash: string;
  readonly infoHashBuffer: Buffer;
  readonly name: string;
  readonly pieceLength: number;
  readonly pieceCount: number;
  readonly pieceHashes: Buffer;
  /** Made on first use (see Metainfo.pieces): the engine reads pieceHashes. */
  readonly pieces: readonly Buffer[];
  readonly length: number;
  readonly private: boolean;
  readonly files: readonly { readonly path: string; readonly length: number; readonly offset: number }[];
}

/** A connection as the swarm drives it. */
export interface SwarmPeer extends Peer {
  hasPiece(index: number): boolean;
  /** The remote has every piece. */
  readonly isSeed: boolean;
  readonly supportsFast: boolean;
  /** Its BEP 10 handshake, once received: `reqq` is how many requests it holds before rejecting more. */
  readonly extendedHandshake?: { readonly reqq?: number } | undefined;
  /** True while the socket's buffer is full: stop queueing piece data until it drains. */
  readonly writableNeedDrain: boolean;
  /** Bytes waiting in the socket. */
  readonly writableLength: number;
  choke(): void;
  unchoke(): void;
  interested(): void;
  notInterested(): void;
  have(index: number): void;
  request(index: number, begin: number, length: number): void;
  cancel(index: number, begin: number, length: number): void;
  reject(index: number, begin: number, length: number): void;
  /** Sends a block; `onFlushed` runs once it left the socket, or with an error when the connection closed first. */
  piece(index: number, begin: number, block: Buffer, onFlushed?: (err?: Error | null) => void): void;
  /** Closes the connection for going over a limit: peer_error with the code, then peer_disconnect. */
  fail(code: PeerLimitCode, error: string): void;
}

/** Piece storage as the swarm uses it. */
export interface PieceStore {
  /** In the torrent's order: `index` is the position; padding files (BEP 47) hold no data. */
  readonly files: readonly (TorrentFile & { readonly index: number; readonly padding: boolean })[];
  /** A buffer for assembling a piece, in memory the hasher can use without copying. */
  allocatePiece(index: number): Buffer;
  /** Gives back a buffer from allocatePiece that nothing uses any more (verified, written, reported), for reuse. */
  releasePiece?(data: Buffer): void;
  /** Verifies a piece's bytes against its hash. */
  verify(index: number, data: Buffer): Promise<boolean>;
  writePiece(index: number, data: Uint8Array): Promise<void>;
  read(index: number, begin: number, length: number): Promise<Buffer>;
  /** A block to send: valid until release(), after which its memory is reused (core/storage/piece-cache.ts). */
  readBlock(index: number, begin: number, length: number): Promise<BlockLease>;
  /** The block at once when its piece is cached; undefined otherwise. */
  cachedBlock(index: number, begin: number, length: number): BlockLease | undefined;
  /** Starts reading a piece that will be asked for soon. */
  readAhead(index: number): void;
  /** Closes its open files (they open again on the next read or write). */
  closeHandles(): Promise<void>;
  /** Hashes what is on disk; calls back per piece that was actually read. Resolves to 1 per piece had, 0 per piece not. */
  check(options: {
    onPiece?: (index: number, ok: boolean) => void;
    /** Trusted resume data: pieces wholly in files it still describes are not hashed (onTrusted per piece had). */
    resume?: ResumeData;
    onTrusted?: (index: number) => void;
    /** Aborting rejects the check. */
    signal?: AbortSignal;
  }): Promise<Uint8Array>;
  /**
   * Reads and hashes again every piece holding bytes of file `fileIndex`
   * (after a read of it failed); calls back per piece that could be read.
   * `have[i]` is 1 when piece `first + i` is intact on disk.
   */
  recheckFile(
    fileIndex: number,
    options: { onPiece?: (index: number, ok: boolean) => void; signal?: AbortSignal },
  ): Promise<{ readonly first: number; readonly have: Uint8Array }>;
  /**
   * True for the read error that began a burst of failures of its file (the
   * one file_error was fired for); false for the others of the burst, which
   * the file's recheck covers.
   */
  opensBurst(error: Error): boolean;
  /** Whether a file is wanted (file priorities changed while running): wanted empty files are created by prepare(). */
  setWanted?(fileIndex: number, wanted: boolean): void;
  /** Creates folders and the files no piece touches (zero-length ones). */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

/** How a swarm asks the client for more connections. */
export interface Dialer {
  /**
   * Dials the address, or decides never to (connected already, banned,
   * filtered): true. False when there is no room for a dial now (half-open
   * connections): offer the address again later.
   */
  connect(address: Address): boolean;
}

/** Something that runs beside the peers and follows the swarm's lifecycle (the web seeds). */
export interface SwarmService {
  /** The torrent runs (downloading or seeding). */
  start(): void;
  /** Called about once a second while the torrent runs. */
  tick(now: number): void;
  /** The torrent paused, failed or is closing: stop and give back what was taken. */
  stop(): Promise<void>;
}
