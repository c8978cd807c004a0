// The routing table of BEP 5: k-buckets of at most K nodes each. The bucket
// covering our own id splits when full, so the table knows many nodes near
// us and a few far away. A node is good when it answered us in the last 15
// minutes, bad after failing queries in a row, questionable in between; a
// full bucket takes a newcomer only in place of a bad node, and otherwise
// keeps it as a replacement and asks its caller to ping the questionable
// nodes (whose failure then makes room).
import type { NodeContact } from './compact.ts';
import { commonPrefixBits, compareDistance, ID_LENGTH, randomIdInBucket } from './node-id.ts';

export const K = 8;
/** A node that answered within this is good; a bucket unchanged this long is refreshed. */
export const GOOD_FOR_MS = 15 * 60_000;
/** A node that failed this many queries in a row is bad. */
export const MAX_FAILURES = 2;

export type NodeState = 'good' | 'questionable' | 'bad';

export interface RoutingNode extends NodeContact {
  /** When it last answered a query of ours (0: never). */
  lastReply: number;
  /** When we last heard from it at all. */
  lastSeen: number;
  failures: number;
}

interface Bucket {
  nodes: RoutingNode[];
  /** Nodes waiting for a bad node of the bucket to leave, newest last. */
  replacements: RoutingNode[];
  lastChanged: number;
}

export interface InsertOutcome {
  readonly added: boolean;
  /** Questionable nodes of the full bucket the caller should ping. */
  readonly ping: readonly RoutingNode[];
}

export class RoutingTable {
  readonly id: Buffer;
  readonly #buckets: Bucket[];
  readonly #maxNodes: number;
  #size = 0;

  constructor(id: Buffer, options: { maxNodes: number; now?: number }) {
    this.id = id;
    this.#maxNodes = options.maxNodes;
    this.#buckets = [{ nodes: [], replacements: [], lastChanged: options.now ?? Date.now() }];
  }

  /** Nodes in the buckets (replacements not counted). */
  get size(): number {
    return this.#buckets.reduce((n, b) => n + b.nodes.length, 0);
  }

  get bucketCount(): number {
    return this.#buckets.length;
  }

  stateOf(node: RoutingNode, now: number): NodeState {
    if (node.failures >= MAX_FAILURES) return 'bad';
    return node.lastReply > 0 && now - node.lastReply < GOOD_FOR_MS ? 'good' : 'questionable';
  }

  /**
   * Records that a node contacted us (`replied`: it answered our query).
   * Returns whether it is in the table and which nodes to ping to make room.
   */
  insert(contact: NodeContact, now: number, replied: boolean): InsertOutcome {
    if (contact.id.length !== ID_LENGTH || contact.id.equals(this.id)) return { added: false, ping: [] };
    const bucket = this.#bucketFor(contact.id);
    const known = bucket.nodes.find((n) => n.id.equals(contact.id));
    if (known !== undefined) {
      // Another address claiming a known id is ignored: the first one keeps it.
      if (known.ip !== contact.ip || known.port !== contact.port) return { added: false, ping: [] };
      known.lastSeen = now;
      if (replied) {
        known.lastReply = now;
        known.failures = 0;
        bucket.lastChanged = now;
      }
      return { added: true, ping: [] };
    }
    if (this.#holdsAddress(contact)) return { added: false, ping: [] };
    const node: RoutingNode = { id: contact.id, ip: contact.ip, port: contact.port, lastReply: replied ? now : 0, lastSeen: now, failures: 0 };
    if (bucket.nodes.length < K) {
      if (this.#size >= this.#maxNodes) return { added: false, ping: [] };
      bucket.nodes.push(node);
      bucket.lastChanged = now;
      this.#size++;
      return { added: true, ping: [] };
    }
    if (bucket === this.#buckets[this.#buckets.length - 1] && this.#buckets.length < ID_LENGTH * 8 && this.#size < this.#maxNodes) {
      this.#split();
      return this.insert(contact, now, replied);
    }
    const bad = bucket.nodes.findIndex((n) => this.stateOf(n, now) === 'bad');
    if (bad >= 0) {
      bucket.nodes[bad] = node;
      bucket.lastChanged = now;
      return { added: true, ping: [] };
    }
    // Only a node that answered us may wait as a replacement; hearsay from `nodes` strings may not.
    if (replied) {
      bucket.replacements = bucket.replacements.filter((n) => !n.id.equals(node.id));
      bucket.replacements.push(node);
      if (bucket.replacements.length > K) bucket.replacements.shift();
    }
    return { added: false, ping: bucket.nodes.filter((n) => this.stateOf(n, now) === 'questionable') };
  }

  /** A query to the node timed out; a bad node gives way to the newest replacement. */
  failed(id: Buffer, now: number): void {
    const bucket = this.#bucketFor(id);
    const index = bucket.nodes.findIndex((n) => n.id.equals(id));
    if (index < 0) return;
    const node = bucket.nodes[index]!;
    node.failures++;
    if (this.stateOf(node, now) !== 'bad') return;
    const replacement = bucket.replacements.pop();
    if (replacement !== undefined) {
      bucket.nodes[index] = replacement;
      bucket.lastChanged = now;
    } else if (node.lastReply === 0) {
      // Never answered and nothing to replace it with: drop it rather than hand it out.
      bucket.nodes.splice(index, 1);
      this.#size--;
    }
  }

  /** The n good or questionable nodes closest to target. */
  closest(target: Uint8Array, n: number, now: number): RoutingNode[] {
    const all = this.#buckets.flatMap((b) => b.nodes).filter((node) => this.stateOf(node, now) !== 'bad');
    return all.sort((a, b) => compareDistance(target, a.id, b.id)).slice(0, n);
  }

  /** Every node, for saving. */
  nodes(): RoutingNode[] {
    return this.#buckets.flatMap((b) => b.nodes);
  }

  /** Targets to look up for buckets unchanged for GOOD_FOR_MS: a random id in each one's range. */
  staleBucketTargets(now: number): Buffer[] {
    const targets: Buffer[] = [];
    this.#buckets.forEach((bucket, index) => {
      if (now - bucket.lastChanged >= GOOD_FOR_MS) {
        bucket.lastChanged = now;
        targets.push(randomIdInBucket(this.id, index));
      }
    });
    return targets;
  }

  /** Questionable nodes that have been quiet the longest, to ping (oldest first). */
  questionable(now: number, n: number): RoutingNode[] {
    return this.nodes()
      .filter((node) => this.stateOf(node, now) === 'questionable')
      .sort((a, b) => a.lastSeen - b.lastSeen)
      .slice(0, n);
  }

  #bucketFor(id: Uint8Array): Bucket {
    const index = Math.min(commonPrefixBits(this.id, id), this.#buckets.length - 1);
    return this.#buckets[index]!;
  }

  #holdsAddress(contact: NodeContact): boolean {
    return this.#buckets.some((b) => b.nodes.some((n) => n.ip === contact.ip && n.port === contact.port));
  }

  #split(): void {
    const last = this.#buckets[this.#buckets.length - 1]!;
    const depth = this.#buckets.length;
    const next: Bucket = { nodes: [], replacements: [], lastChanged: last.lastChanged };
    const stays = (n: RoutingNode): boolean => commonPrefixBits(this.id, n.id) < depth;
    next.nodes = last.nodes.filter((n) => !stays(n));
    last.nodes = last.nodes.filter(stays);
    next.replacements = last.replacements.filter((n) => !stays(n));
    last.replacements = last.replacements.filter(stays);
    this.#buckets.push(next);
  }
}
