// Built-in plugin "peer-ban": finds the addresses behind pieces that fail
// their hash check and bans them.
//
// - Evidence (evidence.ts): a SHA-1 of each block of a failed piece, with its
//   sender. When the piece passes, a sender whose block differs from the good
//   one is proven to have sent corrupt data; so is one that sends a block
//   twice with different data.
// - Trust (trust.ts): where blocks cannot tell, each failed piece costs every
//   sender points and each passed piece earns some; evidence of innocence
//   gives them back. Failures whose evidence is still pending (the piece has
//   not passed since) do not count towards a ban: they may yet clear the
//   address, and counting them banned honest seeders that shared many pieces
//   with a corrupter.
// - Parole (parole.ts): every sender of a failed piece is on parole; the
//   plugin answers the parole_peer policy hook, so the engine gives its peers
//   whole pieces of their own until a piece it sent alone passes (cleared) or
//   fails (convicted: a proven candidate for ban_peer).
//
// The plugin never bans on its own authority: for each address a failure
// implicates it builds a BanCandidate and asks the ban_peer policy hook. Its
// own default rule is tapped there at Stage.DEFAULT (ban when proven or when
// the settled trust score reached banThreshold); a user plugin tapping at
// Stage.POLICY answers first: true bans, false vetoes. A `true` answer, from
// whichever tap, becomes client.banPeer(...).
//
// getPeerBan(client) returns the state the plugin keeps for that client.
import schema from '../../config-schema/peer-ban.schema.json' with { type: 'json' };
import { definePlugin, Stage } from '../../core/index.ts';
import { isIp } from '../../core/net/address.ts';
import type { BanCandidate, BlockSource, Client, JsonSchema, Torrent } from '../../core/index.ts';
import { BlockEvidence, sendersOf } from './evidence.ts';
import { ParoleBoard } from './parole.ts';
import { TrustTable, type TrustRecord } from './trust.ts';
import { resolvePeerBanOptions, type PeerBanOptions, type ResolvedPeerBanOptions } from './options.ts';

export { BlockEvidence, sendersOf } from './evidence.ts';
export type { FailureReport, PassReport } from './evidence.ts';
export { ParoleBoard } from './parole.ts';
export type { ParoleFailure } from './parole.ts';
export { TrustTable } from './trust.ts';
export type { TrustOptions, TrustRecord } from './trust.ts';

export { resolvePeerBanOptions } from './options.ts';
export type { PeerBanOptions, ResolvedPeerBanOptions } from './options.ts';

interface TorrentState {
  readonly evidence: BlockEvidence;
  readonly trust: TrustTable;
  readonly parole: ParoleBoard;
}

/** What the plugin keeps for one client. */
export class PeerBanState {
  readonly options: ResolvedPeerBanOptions;
  // Keyed by the torrent object, so that a removed torrent's state goes with it.
  readonly #torrents = new WeakMap<Torrent, TorrentState>();

  constructor(options: ResolvedPeerBanOptions) {
    this.options = options;
  }

  /** The trust record of an address in a torrent, if it took part in a verified piece. */
  trustOf(torrent: Torrent, ip: string): TrustRecord | undefined {
    return this.#torrents.get(torrent)?.trust.get(ip);
  }

  /** The torrent's evidence (block records of failed pieces not yet passed). */
  evidenceOf(torrent: Torrent): BlockEvidence | undefined {
    return this.#torrents.get(torrent)?.evidence;
  }

  /** Whether the address is on parole in the torrent (its peers get whole pieces of their own). */
  onParole(torrent: Torrent, ip: string): boolean {
    return this.#torrents.get(torrent)?.parole.has(ip) ?? false;
  }

  /**
   * The default rule: ban what is proven, what fell to the trust threshold, or
   * (maxHashFails) what failed too often. Failures whose block evidence is
   * still pending do not count: their penalty is left out of the score.
   */
  decide(candidate: BanCandidate): boolean | undefined {
    if (candidate.proven) return true;
    const o = this.options;
    const record = this.trustOf(candidate.torrent, candidate.ip);
    const pending = candidate.pendingPieces ?? 0;
    const trust = candidate.trust ?? record?.score;
    if (trust !== undefined && Math.min(o.trustMax, trust + pending * o.trustPenalty) <= o.banThreshold) return true;
    const unexplained = (record === undefined ? candidate.failedPieces : record.failed - record.cleared) - pending;
    return o.maxHashFails !== undefined && unexplained >= o.maxHashFails ? true : undefined;
  }

  stateOf(torrent: Torrent): TorrentState {
    let state = this.#torrents.get(torrent);
    if (state === undefined) {
      const o = this.options;
      state = {
        evidence: new BlockEvidence(o.maxEvidenceBlocks),
        trust: new TrustTable({ penalty: o.trustPenalty, reward: o.trustReward, max: o.trustMax, maxEntries: o.maxTrackedPeers }),
        parole: new ParoleBoard(o.maxTrackedPeers),
      };
      this.#torrents.set(torrent, state);
    }
    return state;
  }

  /** Forgets the evidence and parole of a torrent (it completed: no piece will be downloaded again). */
  dropEvidence(torrent: Torrent): void {
    const state = this.#torrents.get(torrent);
    state?.evidence.clear();
    state?.parole.clear();
  }
}

const states = new WeakMap<Client, PeerBanState>();

/** The state the peer-ban plugin keeps for this client, or undefined when it is not applied. */
export function getPeerBan(client: Client): PeerBanState | undefined {
  return states.get(client);
}

export const peerBanPlugin = definePlugin<PeerBanOptions>({
  name: 'peer-ban',
  schema: schema as JsonSchema,
  apply(client, given) {
    const options = resolvePeerBanOptions(given);
    const state = new PeerBanState(options);
    states.set(client, state);

    client.hooks.ban_peer.tap({ name: 'peer-ban', stage: Stage.DEFAULT }, (candidate) => state.decide(candidate));
    if (options.parole) {
      client.hooks.parole_peer.tap({ name: 'peer-ban', stage: Stage.DEFAULT }, ({ torrent, peer }) =>
        state.onParole(torrent, peer.ip) ? true : undefined,
      );
    }

    // Web seeds appear with their URL as the address.
    const judged = (ip: string): boolean => options.banWebSeeds || isIp(ip);

    const ask = (torrent: Torrent, ip: string, proven: boolean, reason: string, trust: TrustRecord | undefined): void => {
      if (client.isBanned(ip, torrent.infoHash)) return;
      const pending = state.stateOf(torrent).evidence.pendingFailuresOf(ip);
      const candidate: BanCandidate = {
        torrent,
        ip,
        failedPieces: trust?.failed ?? 0,
        passedPieces: trust?.passed ?? 0,
        proven,
        reason,
        ...(trust === undefined ? {} : { trust: trust.score }),
        ...(pending === 0 ? {} : { pendingPieces: pending }),
      };
      if (client.hooks.ban_peer.call(candidate) !== true) return;
      state.stateOf(torrent).parole.release(ip);
      client.banPeer(ip, {
        torrent,
        reason,
        scope: options.scope,
        ...(options.banDurationMs > 0 ? { durationMs: options.banDurationMs } : {}),
      });
    };

    client.hooks.piece_hash_failed.tap('peer-ban', (_c, { torrent, index, blocks, data }) => {
      if (!hasSenders(blocks)) return; // a check of data on disk: nobody sent it
      const { evidence, trust, parole } = state.stateOf(torrent);
      const report =
        options.smartBan && data !== undefined
          ? evidence.recordFailure(index, blocks, data)
          : { involved: sendersOf(blocks), proven: new Map<string, string>(), soleSender: soleSenderOf(blocks) };
      // Web seeds are no peers: parole is for peers' addresses.
      const verdict = options.parole ? parole.recordFailure(index, report.involved.filter(isIp), report.soleSender) : undefined;
      const asked: { ip: string; proven: boolean; reason: string; trust: TrustRecord }[] = [];
      for (const ip of report.involved) {
        if (!judged(ip)) continue;
        const record = trust.failed(ip);
        const sole = options.banSoleSender && report.soleSender === ip;
        const proof =
          report.proven.get(ip) ??
          (verdict?.convicted === ip ? verdict.reason : undefined) ??
          (sole ? `sent every block of piece ${index}, which failed its hash check` : undefined);
        const reason =
          proof ??
          `took part in ${record.failed} piece${record.failed === 1 ? '' : 's'} that failed the hash check (piece ${index} the latest); trust ${record.score}`;
        asked.push({ ip, proven: proof !== undefined, reason, trust: record });
      }
      // The proven first, then the least trusted.
      asked.sort((a, b) => Number(b.proven) - Number(a.proven) || a.trust.score - b.trust.score);
      for (const a of asked) ask(torrent, a.ip, a.proven, a.reason, a.trust);
    });

    client.hooks.piece_hash_passed.tap('peer-ban', (_c, { torrent, index, blocks, data }) => {
      if (!hasSenders(blocks)) return;
      const { evidence, trust, parole } = state.stateOf(torrent);
      if (options.parole) parole.recordPass(soleSenderOf(blocks));
      if (!evidence.has(index)) {
        for (const ip of sendersOf(blocks)) if (judged(ip)) trust.passed(ip);
        return;
      }
      const report = evidence.recordPass(index, blocks, data);
      for (const [ip, failures] of report.cleared) trust.refund(ip, failures);
      for (const ip of report.involved) if (judged(ip) && !report.proven.has(ip)) trust.passed(ip);
      for (const [ip, reason] of report.proven) {
        if (judged(ip)) ask(torrent, ip, true, reason, trust.get(ip));
      }
    });

    client.hooks.torrent_complete.tap('peer-ban', (_c, { torrent }) => state.dropEvidence(torrent));
  },
});

function hasSenders(blocks: readonly BlockSource[]): boolean {
  for (const b of blocks) if (b.ip !== undefined) return true;
  return false;
}

function soleSenderOf(blocks: readonly BlockSource[]): string | undefined {
  const senders = sendersOf(blocks);
  return senders.length === 1 && blocks.every((b) => b.ip !== undefined) ? senders[0] : undefined;
}

export default peerBanPlugin;
