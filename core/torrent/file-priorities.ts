// Which pieces a torrent downloads, and how urgently, from its files'
// priorities. A piece holding bytes of several files (at a boundary) is
// wanted when any of them is, at the highest of their priorities: skipping a
// file never starves its neighbour. Pure arithmetic over the file layout.

/** A file's download priority: `skip` downloads none of its pieces (those it shares with a wanted file excepted). */
export type FilePriority = 'skip' | 'low' | 'normal' | 'high';

export const FILE_PRIORITIES: readonly FilePriority[] = Object.freeze(['skip', 'low', 'normal', 'high']);

/** The picker's level of a file priority (0: not wanted). */
export function priorityLevel(priority: FilePriority): number {
  const level = FILE_PRIORITIES.indexOf(priority);
  if (level < 0) throw new RangeError(`file priority must be one of ${FILE_PRIORITIES.join(', ')}, not ${String(priority)}`);
  return level;
}

/** Where a file lies in the torrent's data. */
export interface FileSpan {
  readonly offset: number;
  readonly length: number;
  /** BEP 47 padding: wants nothing. */
  readonly padding?: boolean;
}

/** First and last piece holding bytes of the file; undefined for an empty or padding file. */
export function piecesOfFile(file: FileSpan, pieceLength: number): { first: number; last: number } | undefined {
  if (file.length === 0 || file.padding === true) return undefined;
  return { first: Math.floor(file.offset / pieceLength), last: Math.floor((file.offset + file.length - 1) / pieceLength) };
}

/** The files (their indexes) holding bytes of piece `index`; `files` are in offset order, as in a torrent. */
export function filesOfPiece(files: readonly FileSpan[], pieceLength: number, index: number): number[] {
  const start = index * pieceLength;
  const end = start + pieceLength;
  // The first file ending after the piece's start (binary search).
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const f = files[mid]!;
    if (f.offset + f.length <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < files.length && files[i]!.offset < end; i++) {
    const f = files[i]!;
    if (f.length > 0 && f.padding !== true) out.push(i);
  }
  return out;
}

/** Bytes of file `file` inside piece `index`. */
export function overlap(file: FileSpan, pieceLength: number, index: number): number {
  const start = index * pieceLength;
  return Math.max(0, Math.min(file.offset + file.length, start + pieceLength) - Math.max(file.offset, start));
}

/** The priority level of piece `index`: the highest of its files' levels. */
export function piecePriority(files: readonly FileSpan[], levels: Uint8Array, pieceLength: number, index: number): number {
  let level = 0;
  for (const f of filesOfPiece(files, pieceLength, index)) level = Math.max(level, levels[f]!);
  return level;
}
