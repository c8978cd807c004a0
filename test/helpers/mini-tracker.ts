// A small working HTTP tracker for loopback tests: it remembers who announced
// which torrent and answers each announce with the others (compact), and can
// be told to refuse some announces first. Built on FakeHttpTracker.
import type { ExecutionContext } from 'ava';
import { bencode, compactPeers, FakeHttpTracker, type HttpBehavior, type RecordedHttpRequest } from './fake-tracker.ts';

export interface MiniTrackerAnnounce {
  readonly infoHash: string;
  readonly peerId: string;
  readonly port: number;
  readonly event: string;
  readonly left: number;
  readonly numwant: number;
}

export interface MiniTrackerOptions {
  /** Seconds the tracker asks between announces (default 1800). */
  readonly interval?: number;
  readonly minInterval?: number;
  /** Answer this instead of serving the announce (e.g. fail the first one of each peer). */
  readonly refuse?: (announce: MiniTrackerAnnounce, previous: readonly MiniTrackerAnnounce[]) => HttpBehavior | undefined;
}

export class MiniTracker {
  readonly announces: MiniTrackerAnnounce[] = [];
  readonly #swarms = new Map<string, Map<string, { port: number }>>();
  #http!: FakeHttpTracker;

  static async start(t: ExecutionContext, options: MiniTrackerOptions = {}): Promise<MiniTracker> {
    const tracker = new MiniTracker();
    tracker.#http = await FakeHttpTracker.start((req) => tracker.#serve(req, options));
    t.teardown(() => tracker.#http.close());
    return tracker;
  }

  get url(): string {
    return this.#http.url;
  }

  /** Announces received for one torrent, in order. */
  of(infoHash: string): MiniTrackerAnnounce[] {
    return this.announces.filter((a) => a.infoHash === infoHash);
  }

  #serve(req: RecordedHttpRequest, options: MiniTrackerOptions): HttpBehavior {
    const one = (key: string): Buffer | undefined => req.query.get(key)?.[0];
    const infoHash = one('info_hash');
    const peerId = one('peer_id');
    if (req.path !== '/announce' || infoHash === undefined || peerId === undefined) {
      return { kind: 'reply', status: 400, body: bencode({ 'failure reason': 'bad request' }) };
    }
    const announce: MiniTrackerAnnounce = {
      infoHash: infoHash.toString('hex'),
      peerId: peerId.toString('hex'),
      port: Number(one('port')?.toString() ?? 0),
      event: one('event')?.toString() ?? 'none',
      left: Number(one('left')?.toString() ?? 0),
      numwant: Number(one('numwant')?.toString() ?? 50),
    };
    const previous = this.announces.filter((a) => a.peerId === announce.peerId && a.infoHash === announce.infoHash);
    this.announces.push(announce);
    const refusal = options.refuse?.(announce, previous);
    if (refusal !== undefined) return refusal;
    let swarm = this.#swarms.get(announce.infoHash);
    if (swarm === undefined) this.#swarms.set(announce.infoHash, (swarm = new Map()));
    if (announce.event === 'stopped') swarm.delete(announce.peerId);
    else swarm.set(announce.peerId, { port: announce.port });
    const others = [...swarm.entries()].filter(([id]) => id !== announce.peerId).map(([, p]) => ({ ip: '127.0.0.1', port: p.port }));
    return {
      kind: 'reply',
      body: bencode({
        interval: options.interval ?? 1800,
        ...(options.minInterval === undefined ? {} : { 'min interval': options.minInterval }),
        complete: 0,
        incomplete: swarm.size,
        peers: compactPeers(others.slice(0, Math.max(0, announce.numwant))),
      }),
    };
  }
}
