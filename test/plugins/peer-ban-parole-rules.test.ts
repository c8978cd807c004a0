// Unit tests of peer-ban's parole and of its trust rule while block evidence
// is pending, driven by synthetic piece_hash_* events (the swarm end to end is
// in peer-ban-parole.test.ts).
import test from 'ava';
import { Client } from '../../core/client.ts';
import { Stage, type BanCandidate, type BlockSource, type EventInfo } from '../../core/hooks.ts';
import type { Peer, Torrent } from '../../core/types.ts';
import { ParoleBoard, getPeerBan, peerBanPlugin, type PeerBanOptions } from '../../plugins/peer-ban/index.ts';
import { bytes } from '../helpers/payload.ts';

const BLOCK = 16384;
const GOOD = bytes('parole piece', 4 * BLOCK);
const torrent: Torrent = { infoHash: 'ab'.repeat(20), name: 'public', state: 'downloading', private: false };
const HONEST = '10.0.0.2';
const CORRUPTER = '10.0.0.4';

/** A piece as received: block b from senders[b], the blocks in `corrupt` garbled. */
function received(senders: readonly string[], corrupt: readonly number[] = []): { blocks: BlockSource[]; data: Buffer } {
  const data = Buffer.from(GOOD.subarray(0, senders.length * BLOCK));
  for (const b of corrupt) data[b * BLOCK + 100] ^= 0xff;
  return { blocks: senders.map((ip, b) => ({ begin: b * BLOCK, length: BLOCK, peer: undefined, ip })), data };
}

function setup(options: PeerBanOptions = {}) {
  const bans: EventInfo<'peer_ban'>[] = [];
  const client = new Client({ on_peer_ban: (_c, i) => bans.push(i) });
  peerBanPlugin.apply(client, options);
  const candidates: BanCandidate[] = [];
  client.hooks.ban_peer.tap({ name: 'spy', stage: Stage.POLICY }, (c) => void candidates.push(c));
  const fail = (index: number, senders: readonly string[], corrupt: readonly number[]) =>
    client.emit('piece_hash_failed', { torrent, index, peers: [], ...received(senders, corrupt) });
  const pass = (index: number, senders: readonly string[]) => client.emit('piece_hash_passed', { torrent, index, peers: [], ...received(senders) });
  /** What the engine would be told about a peer of this address after piece `index`. */
  const paroled = (ip: string, index?: number): boolean | undefined =>
    client.hooks.parole_peer.call({ torrent, peer: { ip } as Peer, after: index === undefined ? 'connected' : 'piece_failed', index });
  return { client, bans, candidates, fail, pass, paroled, state: getPeerBan(client)! };
}

test('board: every sender of a failed piece goes on parole; the sole sender of a later failure is convicted, of a pass cleared', (t) => {
  const board = new ParoleBoard(10);
  t.deepEqual(board.recordFailure(3, ['a', 'b'], undefined), { convicted: undefined, reason: undefined });
  t.true(board.has('a') && board.has('b'));
  t.is(board.sinceOf('a'), 3);
  t.true(board.recordPass('a'));
  t.false(board.has('a'));
  t.false(board.recordPass('c'), 'not on parole: nothing to clear');
  const verdict = board.recordFailure(5, ['b'], 'b');
  t.is(verdict.convicted, 'b');
  t.regex(verdict.reason!, /on parole since piece 3 failed its hash check, it alone sent piece 5, which failed too/);
  t.deepEqual(board.recordFailure(6, ['c'], 'c').convicted, undefined, 'a sole sender not on parole is not convicted by parole');
});

test('board: memory is bounded, the address on parole longest is forgotten first', (t) => {
  const board = new ParoleBoard(2);
  board.recordFailure(0, ['a', 'b'], undefined);
  board.recordFailure(1, ['c'], undefined);
  t.is(board.size, 2);
  t.false(board.has('a'));
  t.true(board.has('c'));
});

test('plugin: the senders of a failed piece are on parole (parole_peer answers true), until a piece one sent alone passes', (t) => {
  const { fail, pass, paroled, state, bans } = setup();
  t.is(paroled(HONEST), undefined, 'nobody is on parole at first');
  fail(0, [CORRUPTER, HONEST], [0]);
  t.is(bans.length, 0);
  t.true(paroled(HONEST, 0));
  t.true(paroled(CORRUPTER, 0));
  t.true(state.onParole(torrent, HONEST));
  pass(1, [HONEST, HONEST]);
  t.is(paroled(HONEST), undefined, 'cleared by a piece it sent alone');
  pass(2, [CORRUPTER, HONEST]);
  t.true(paroled(CORRUPTER), 'a shared piece that passes clears nobody');
});

test('plugin: a peer on parole that alone sends a piece that fails is convicted: a proven candidate for ban_peer', (t) => {
  // banSoleSender off, so that the ban comes from parole alone.
  const { fail, bans, candidates, paroled } = setup({ banSoleSender: false });
  fail(0, [CORRUPTER, HONEST], [0]);
  fail(2, [CORRUPTER, CORRUPTER], [0]);
  t.deepEqual(bans.map((b) => b.ip), [CORRUPTER]);
  t.regex(bans[0]!.reason, /on parole since piece 0 failed its hash check, it alone sent piece 2, which failed too/);
  t.true(candidates.find((c) => c.ip === CORRUPTER && c.proven) !== undefined);
  t.is(paroled(CORRUPTER), undefined, 'a banned address is off the board');
  t.true(paroled(HONEST));
});

test('plugin: with parole off, parole_peer gets no answer', (t) => {
  const { fail, paroled } = setup({ parole: false });
  fail(0, [CORRUPTER, HONEST], [0]);
  t.is(paroled(HONEST, 0), undefined);
  t.is(paroled(CORRUPTER, 0), undefined);
});

test('plugin: no ban on trust while block evidence for the failed pieces is pending; when they pass, the corrupter is proven and the honest seeder refunded', (t) => {
  const { fail, pass, bans, candidates, state } = setup();
  // The swarm: the corrupter's first block in four pieces the honest seeder finished.
  for (const index of [0, 2, 4, 6]) fail(index, [CORRUPTER, HONEST], [0]);
  t.is(state.trustOf(torrent, HONEST)?.score, -8, 'the score itself falls as before');
  t.deepEqual(bans, [], 'but the four failures are pending: nobody is banned');
  const last = candidates.filter((c) => c.ip === HONEST).at(-1)!;
  t.like(last, { failedPieces: 4, pendingPieces: 4, trust: -8, proven: false });
  pass(0, [HONEST, HONEST]);
  t.deepEqual(bans.map((b) => b.ip), [CORRUPTER]);
  t.regex(bans[0]!.reason, /offset 0 of piece 0: it differs/);
  t.is(state.trustOf(torrent, HONEST)?.score, -5, 'refunded for piece 0, rewarded for the pass');
  t.false(bans.some((b) => b.ip === HONEST));
});

test('plugin: failures whose evidence is forgotten count again: trust bans as before', (t) => {
  // Evidence for one two-block piece at a time.
  const { fail, bans } = setup({ maxEvidenceBlocks: 2 });
  for (const index of [0, 2, 4, 6]) fail(index, ['10.0.0.1', `10.0.1.${index}`], [1]);
  t.is(bans.length, 0, 'three forgotten failures, one pending: settled trust -6');
  fail(8, ['10.0.0.1', '10.0.1.8'], [1]);
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.1']);
  t.regex(bans[0]!.reason, /took part in 5 pieces.*trust -10/);
});
