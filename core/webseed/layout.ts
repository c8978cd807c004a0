// Where a torrent's bytes live on a web seed (BEP 19): the URL of each file
// and the file ranges that make up each piece.

/** The parts of a torrent's metainfo a web seed needs (core/metainfo/index.ts's Metainfo has them). */
export interface WebSeedLayout {
  readonly name: string;
  /** True when the info dictionary has `files`: URLs are then url/name/path. */
  readonly multiFile: boolean;
  readonly pieceLength: number;
  /** Total length of the torrent's data. */
  readonly length: number;
  readonly files: readonly {
    /** The file's path components, the torrent's name first. */
    readonly pathSegments: readonly string[];
    readonly length: number;
    readonly offset: number;
    /** BEP 47 padding file: zeros, never fetched. */
    readonly padding: boolean;
  }[];
}

/** Part of one piece that lies in one file. */
export interface PieceRange {
  readonly file: number;
  /** First byte within the file. */
  readonly fileOffset: number;
  /** Where the bytes go within the piece. */
  readonly pieceOffset: number;
  readonly length: number;
  /** A padding file's range: zeros, not fetched. */
  readonly padding: boolean;
}

/** Path segments are encoded one by one, so that '/' inside none of them and every reserved character is escaped. */
const encodeSegment = (segment: string): string => encodeURIComponent(segment);

/**
 * The URL of file `index` on the web seed `base`. Single-file: the URL itself,
 * or with the name appended when it ends in '/'. Multi-file: the URL as a
 * folder, then the name and the file's path, each segment URL-encoded.
 */
export function webSeedFileUrl(base: string, layout: WebSeedLayout, index: number): string {
  const file = layout.files[index];
  if (file === undefined) throw new RangeError(`file ${index} out of range (${layout.files.length} files)`);
  if (!layout.multiFile) return base.endsWith('/') ? base + encodeSegment(layout.name) : base;
  const folder = base.endsWith('/') ? base : `${base}/`;
  return folder + file.pathSegments.map(encodeSegment).join('/');
}

/** Length of piece `index`. */
export function pieceSize(layout: WebSeedLayout, index: number): number {
  const count = Math.ceil(layout.length / layout.pieceLength);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`piece ${index} out of range (${count} pieces)`);
  return index < count - 1 ? layout.pieceLength : layout.length - layout.pieceLength * (count - 1);
}

/** The file ranges of piece `index`, in order; zero-length files are left out. */
export function pieceRanges(layout: WebSeedLayout, index: number): PieceRange[] {
  const start = index * layout.pieceLength;
  const end = start + pieceSize(layout, index);
  const out: PieceRange[] = [];
  const files = layout.files;
  // Files are in offset order: find the first that ends after the piece starts.
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid]!.offset + files[mid]!.length <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < files.length && files[i]!.offset < end; i++) {
    const file = files[i]!;
    const from = Math.max(start, file.offset);
    const to = Math.min(end, file.offset + file.length);
    if (from >= to) continue;
    out.push({ file: i, fileOffset: from - file.offset, pieceOffset: from - start, length: to - from, padding: file.padding });
  }
  return out;
}
