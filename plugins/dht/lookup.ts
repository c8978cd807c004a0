// The iterative lookup of Kademlia: ask the closest nodes we know about the
// target, learn closer ones from their replies, ask those, and stop when the
// K closest nodes that answered have all been asked. `alpha` queries run at
// once. get_peers lookups also collect peers and each responder's token (for
// announce_peer).
import type { NodeContact, PeerAddress } from './compact.ts';
import type { KrpcQuery, KrpcReply } from './krpc.ts';
import { compareDistance } from './node-id.ts';
import { K } from './routing-table.ts';

export const ALPHA = 3;
/** Candidates kept at most (the closest); a hostile reply cannot make a lookup hold more. */
const MAX_CANDIDATES = 64;

/** A node to ask: bootstrap nodes have no known id yet. */
export interface LookupSeed extends PeerAddress {
  readonly id?: Buffer;
}

export interface Responder {
  readonly node: NodeContact;
  readonly token: Buffer | undefined;
}

export interface LookupResult {
  /** The closest nodes that answered, closest first, at most K. */
  readonly responders: readonly Responder[];
  readonly peers: readonly PeerAddress[];
  /** Queries sent. */
  readonly queried: number;
}

export interface LookupOptions {
  readonly target: Buffer;
  readonly method: 'find_node' | 'get_peers';
  readonly ourId: Buffer;
  readonly seeds: readonly LookupSeed[];
  readonly query: (to: PeerAddress, query: KrpcQuery) => Promise<KrpcReply>;
  /** Called with each reply's new peers, as they arrive (get_peers). */
  readonly onPeers?: (peers: readonly PeerAddress[]) => void;
  /** Stops the lookup early (the client is closing). */
  readonly cancelled?: () => boolean;
}

interface Candidate {
  readonly address: PeerAddress;
  id: Buffer | undefined;
  state: 'new' | 'asking' | 'answered' | 'failed';
  token: Buffer | undefined;
}

export function lookup(options: LookupOptions): Promise<LookupResult> {
  const { target, method, ourId } = options;
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const peers = new Map<string, PeerAddress>();
  let queried = 0;
  let running = 0;

  const addCandidate = (seed: LookupSeed): void => {
    const key = `${seed.ip}:${seed.port}`;
    if (seen.has(key) || (seed.id !== undefined && seed.id.equals(ourId))) return;
    seen.add(key);
    candidates.push({ address: { ip: seed.ip, port: seed.port }, id: seed.id, state: 'new', token: undefined });
  };
  const sort = (): void => {
    candidates.sort((a, b) => (a.id === undefined ? (b.id === undefined ? 0 : 1) : b.id === undefined ? -1 : compareDistance(target, a.id, b.id)));
    // Drop the farthest unasked candidates beyond the cap; those being asked or answered stay.
    for (let i = candidates.length - 1; i >= 0 && candidates.length > MAX_CANDIDATES; i--) {
      if (candidates[i]!.state === 'new' || candidates[i]!.state === 'failed') candidates.splice(i, 1);
    }
  };
  for (const seed of options.seeds) addCandidate(seed);
  sort();

  return new Promise((resolve) => {
    const finish = (): void => {
      const responders = candidates
        .filter((c) => c.state === 'answered' && c.id !== undefined)
        .slice(0, K)
        .map((c) => ({ node: { id: c.id!, ...c.address }, token: c.token }));
      resolve({ responders, peers: [...peers.values()], queried });
    };
    const step = (): void => {
      if (options.cancelled?.() === true) {
        if (running === 0) finish();
        return;
      }
      // The lookup has converged when the K closest live candidates have all answered.
      let live = 0;
      for (const c of candidates) {
        if (running >= ALPHA || live >= K) break;
        if (c.state === 'failed') continue;
        live++;
        if (c.state !== 'new') continue;
        c.state = 'asking';
        running++;
        queried++;
        const query: KrpcQuery = method === 'find_node' ? { method, id: ourId, target } : { method, id: ourId, infoHash: target };
        options.query(c.address, query).then(
          (reply) => {
            c.state = 'answered';
            c.id = reply.id;
            c.token = reply.token;
            const fresh = (reply.values ?? []).filter((p) => !peers.has(`${p.ip}:${p.port}`));
            for (const p of fresh) peers.set(`${p.ip}:${p.port}`, p);
            if (fresh.length > 0) options.onPeers?.(fresh);
            for (const n of reply.nodes ?? []) addCandidate(n);
            sort();
          },
          () => {
            c.state = 'failed';
          },
        ).finally(() => {
          running--;
          step();
        });
      }
      if (running === 0) finish();
    };
    step();
  });
}
