// Which files of a torrent are wanted, read back from the pieces it wants: a
// file is wanted when every piece holding its bytes is. That is the file
// selection given at add time, except a file lying wholly in pieces shared
// with wanted files, which is downloaded anyway (and so counts as wanted).
// Adding with these files again wants exactly the same pieces.

interface PieceWants {
  readonly meta: { readonly pieceLength: number; readonly files: readonly { readonly offset: number; readonly length: number }[] };
  readonly pieceCount: number;
  readonly picker: { readonly wanted: Uint8Array };
}

export function isFileWanted(torrent: PieceWants, index: number): boolean {
  const file = torrent.meta.files[index];
  if (file === undefined) return false;
  const { pieceLength } = torrent.meta;
  const first = Math.floor(file.offset / pieceLength);
  const last = Math.min(torrent.pieceCount - 1, Math.floor((file.offset + Math.max(file.length, 1) - 1) / pieceLength));
  for (let i = first; i <= last; i++) if (torrent.picker.wanted[i] !== 1) return false;
  return true;
}

/** Indexes of the wanted files. */
export function wantedFiles(torrent: PieceWants): number[] {
  return torrent.meta.files.map((_, i) => i).filter((i) => isFileWanted(torrent, i));
}
