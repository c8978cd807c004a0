// What `bt seed` and `bt download` print when a file of the torrent fails, so
// that a damaged seed does not go on looking fine: the failure, the recheck
// of the file, what the recheck found and what happens next (its lost pieces
// are downloaded again), and when the torrent is whole again. A failed write
// stops the torrent instead; the commands report that from its state.
import type { Client } from '../client.ts';
import type { CliIO } from './info.ts';

/** Prints file problems of `client`'s torrents on stderr, each line starting with `prefix` ("bt seed"). */
export function reportFileProblems(client: Client, prefix: string, io: CliIO): void {
  const damaged = new Set<string>();
  client.on_file_error((_c, info) => {
    io.stderr.write(`${prefix}: ${info.message}\n`);
  });
  client.on_file_recheck((_c, info) => {
    if (info.phase === 'finished' && info.missing > 0) damaged.add(info.torrent.infoHash);
    io.stderr.write(`${prefix}: ${info.message}\n`);
  });
  client.on_torrent_complete((_c, info) => {
    if (!damaged.delete(info.torrent.infoHash)) return;
    io.stderr.write(`${prefix}: ${info.torrent.name} is complete again: its lost pieces were downloaded and verified; seeding\n`);
  });
}

/** Prints once when the torrent stops in the error state (a failed write pauses it); returns a function that stops watching. */
export function reportStop(torrent: { readonly name: string; readonly state: string; readonly error: Error | undefined }, prefix: string, io: CliIO): () => void {
  const timer = setInterval(() => {
    if (torrent.state !== 'error') return;
    clearInterval(timer);
    io.stderr.write(`${prefix}: ${torrent.name} stopped: ${torrent.error?.message ?? 'a storage error'}; fix the cause and start it again\n`);
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}
