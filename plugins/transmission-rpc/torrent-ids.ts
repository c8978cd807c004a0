// Transmission numbers its torrents 1, 2, 3... in the order they were
// added; clients address them by that id or by the info hash. The ids are
// given in the order torrents are first seen, so that a daemon restoring its
// session in order hands out the same ones.
import type { Client, Peer, Swarm, Torrent } from '../../core/index.ts';
import { RpcError } from './errors.ts';

/** A torrent as the RPC sees it: running, or a magnet link still fetching its metadata. */
export type RpcTorrent = { readonly kind: 'torrent'; readonly torrent: Swarm } | { readonly kind: 'magnet'; readonly torrent: Torrent & { readonly peers: readonly Peer[] } };

export class TorrentIds {
  readonly #ids = new Map<string, number>();
  #next = 1;

  idOf(infoHash: string): number {
    let id = this.#ids.get(infoHash);
    if (id === undefined) this.#ids.set(infoHash, (id = this.#next++));
    return id;
  }

  forget(infoHash: string): void {
    this.#ids.delete(infoHash);
  }

  /** Every torrent of the client, in id order. */
  all(client: Client): RpcTorrent[] {
    const list: RpcTorrent[] = [
      ...client.torrents.map((torrent) => ({ kind: 'torrent', torrent }) as const),
      ...client.magnets.map((torrent) => ({ kind: 'magnet', torrent }) as const),
    ];
    // Torrents not seen yet (restored, or added by the watched folder) get their ids in the client's order, not in whatever order sort compares them.
    for (const t of list) this.idOf(t.torrent.infoHash);
    return list.sort((a, b) => this.idOf(a.torrent.infoHash) - this.idOf(b.torrent.infoHash));
  }

  /**
   * The torrents an `ids` argument names: absent means all; a number, an
   * info hash, or a list of them; "recently-active" (Transmission's) is all
   * that run. Names that match nothing are left out, as Transmission does.
   */
  select(client: Client, ids: unknown): RpcTorrent[] {
    const all = this.all(client);
    if (ids === undefined) return all;
    if (ids === 'recently-active') return all.filter((t) => t.torrent.state !== 'paused');
    const wanted = Array.isArray(ids) ? ids : [ids];
    if (wanted.length > 100_000) throw new RpcError('RPC_BAD_ARGUMENT', 'too many ids');
    const numbers = new Set<number>();
    const hashes = new Set<string>();
    for (const id of wanted) {
      if (typeof id === 'number' && Number.isSafeInteger(id)) numbers.add(id);
      else if (typeof id === 'string' && /^[0-9a-fA-F]{40}$/.test(id)) hashes.add(id.toLowerCase());
      else throw new RpcError('RPC_BAD_ARGUMENT', `"ids" holds ${JSON.stringify(id)?.slice(0, 60)}, which is neither a torrent id nor an info hash`);
    }
    return all.filter((t) => numbers.has(this.idOf(t.torrent.infoHash)) || hashes.has(t.torrent.infoHash));
  }
}
