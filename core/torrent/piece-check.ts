// What a check of the data on disk tells the torrent: each piece hashed is
// reported (piece_hash_passed / piece_hash_failed, no peers: the disk sent
// it), and a full recheck's findings replace what the picker believed.
import type { EventSink } from '../hooks.ts';
import type { Torrent } from '../types.ts';

/** Reports one piece read back from disk and hashed. */
export function reportCheckedPiece(sink: EventSink, torrent: Torrent, index: number, ok: boolean): void {
  const event = ok ? 'piece_hash_passed' : 'piece_hash_failed';
  if (sink.listens(event)) sink.emit(event, { torrent, index, peers: [], blocks: [], data: undefined });
}

interface HaveMarks {
  readonly have: Uint8Array;
  markHave(index: number): void;
  markMissing(index: number): void;
}

/** Takes a full recheck's result as the truth: pieces found bad or absent are missing (and fetched again), pieces found right are had. Returns how many went missing. */
export function adoptRecheck(picker: HaveMarks, found: Uint8Array): number {
  let lost = 0;
  for (let i = 0; i < found.length; i++) {
    if (found[i] === 1) picker.markHave(i);
    else if (picker.have[i] === 1) {
      picker.markMissing(i);
      lost++;
    }
  }
  return lost;
}
