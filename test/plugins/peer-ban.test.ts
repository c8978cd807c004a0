// Unit tests of the peer-ban plugin: its evidence and trust bookkeeping, and
// its decisions through ban_peer, driven by synthetic piece_hash_* events.
import test from 'ava';
import { Client } from '../../core/client.ts';
import { resolvePlugins, PluginLoadError } from '../../core/plugin-host/index.ts';
import { Stage, type BanCandidate, type BlockSource, type EventInfo } from '../../core/hooks.ts';
import type { Torrent } from '../../core/types.ts';
import { BlockEvidence, TrustTable, getPeerBan, peerBanPlugin, type PeerBanOptions } from '../../plugins/peer-ban/index.ts';
import { bytes } from '../helpers/payload.ts';

const BLOCK = 16384;
const GOOD = bytes('piece', 4 * BLOCK);

/** A piece as received: block b from senders[b], with the blocks in `corrupt` garbled (`salt` varies the garbage). */
function received(senders: readonly (string | undefined)[], corrupt: readonly number[] = [], salt = 1): { blocks: BlockSource[]; data: Buffer } {
  const data = Buffer.from(GOOD.subarray(0, senders.length * BLOCK));
  for (const b of corrupt) data[b * BLOCK + 100] = (data[b * BLOCK + 100]! + salt) & 255;
  const blocks = senders.map((ip, b) => ({ begin: b * BLOCK, length: BLOCK, peer: undefined, ip }));
  return { blocks, data };
}

// ------------------------------------------------------------------ evidence

test('evidence: the sender of the block that differs from the passed piece is proven; the others are cleared', (t) => {
  const ev = new BlockEvidence();
  const fail = received(['1.1.1.1', '2.2.2.2', '3.3.3.3', '2.2.2.2'], [2]);
  const f = ev.recordFailure(7, fail.blocks, fail.data);
  t.deepEqual(f.involved, ['1.1.1.1', '2.2.2.2', '3.3.3.3']);
  t.is(f.proven.size, 0, 'one failure alone proves nothing');
  t.is(f.soleSender, undefined);
  t.is(ev.size, 4);
  const pass = received(['4.4.4.4', '4.4.4.4', '4.4.4.4', '4.4.4.4']);
  const p = ev.recordPass(7, pass.blocks, pass.data);
  t.deepEqual([...p.proven.keys()], ['3.3.3.3']);
  t.regex(p.proven.get('3.3.3.3')!, /offset 32768 of piece 7/);
  t.deepEqual([...p.cleared], [['1.1.1.1', 1], ['2.2.2.2', 1]]);
  t.deepEqual(p.involved, ['4.4.4.4']);
  t.is(ev.size, 0, 'a passed piece is forgotten');
  t.false(ev.has(7));
});

test('evidence: a block sent twice with different data, in two failures, proves its sender', (t) => {
  const ev = new BlockEvidence();
  const first = received(['1.1.1.1', '2.2.2.2'], [1], 1);
  t.is(ev.recordFailure(0, first.blocks, first.data).proven.size, 0);
  const same = received(['1.1.1.1', '2.2.2.2'], [1], 1);
  t.is(ev.recordFailure(0, same.blocks, same.data).proven.size, 0, 'the same bytes again: no new evidence');
  t.is(ev.size, 2, 'identical records are kept once');
  const other = received(['2.2.2.2', '2.2.2.2'], [1], 2);
  const f = ev.recordFailure(0, other.blocks, other.data);
  t.deepEqual([...f.proven.keys()], ['2.2.2.2']);
  t.regex(f.proven.get('2.2.2.2')!, /twice with different data/);
  t.is(f.soleSender, '2.2.2.2');
});

test('evidence: blocks of unknown origin count for nothing and prevent a sole sender', (t) => {
  const ev = new BlockEvidence();
  const r = received(['1.1.1.1', undefined], [0]);
  const f = ev.recordFailure(3, r.blocks, r.data);
  t.deepEqual(f.involved, ['1.1.1.1']);
  t.is(f.soleSender, undefined);
  t.is(ev.size, 1);
  const pass = received([undefined, undefined]);
  t.deepEqual([...ev.recordPass(3, pass.blocks, pass.data).proven.keys()], ['1.1.1.1']);
});

test('evidence: memory is bounded; the piece that failed longest ago goes first', (t) => {
  const ev = new BlockEvidence(10);
  for (let i = 0; i < 5; i++) {
    const r = received(['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'], [0], i + 1);
    ev.recordFailure(i, r.blocks, r.data);
    t.true(ev.size <= 10 || ev.pieceCount === 1);
  }
  t.is(ev.pieceCount, 2);
  t.false(ev.has(0));
  t.true(ev.has(3) && ev.has(4));
  // A piece failing again moves to the back of the queue.
  const again = received(['9.9.9.9', '9.9.9.9', '9.9.9.9', '9.9.9.9'], [0], 9);
  ev.recordFailure(3, again.blocks, again.data);
  t.true(ev.has(3));
  t.false(ev.has(4));
  const pass = received(['5.5.5.5', '5.5.5.5', '5.5.5.5', '5.5.5.5']);
  t.is(ev.recordPass(4, pass.blocks, pass.data).proven.size, 0, 'forgotten evidence proves nothing');
  ev.clear();
  t.is(ev.size, 0);
});

// ------------------------------------------------------------------ trust

test('trust: -penalty per failure, +reward per pass up to the ceiling, refunds for innocence', (t) => {
  const trust = new TrustTable({ penalty: 2, reward: 1, max: 3 });
  for (let i = 0; i < 5; i++) trust.passed('a');
  t.deepEqual(trust.get('a'), { score: 3, failed: 0, passed: 5, cleared: 0 });
  t.deepEqual(trust.failed('a'), { score: 1, failed: 1, passed: 5, cleared: 0 });
  t.deepEqual(trust.failed('b'), { score: -2, failed: 1, passed: 0, cleared: 0 });
  trust.refund('b', 1);
  t.is(trust.get('b')?.score, 0);
  trust.refund('b', 10);
  t.is(trust.get('b')?.score, 3, 'refunds stop at the ceiling too');
  t.is(trust.get('b')?.cleared, 1, 'never more cleared than failed');
  trust.refund('nobody', 1);
  t.is(trust.get('nobody'), undefined);
});

test('trust: memory is bounded and addresses under suspicion are kept longest', (t) => {
  const trust = new TrustTable({ maxEntries: 3 });
  trust.failed('suspect');
  trust.passed('x');
  trust.passed('y');
  trust.passed('z');
  t.is(trust.size, 3);
  t.not(trust.get('suspect'), undefined);
  t.is(trust.get('x'), undefined);
});

// ------------------------------------------------------------------ the plugin

const publicTorrent: Torrent = { infoHash: 'ab'.repeat(20), name: 'public', state: 'downloading', private: false };
const privateTorrent: Torrent = { infoHash: 'cd'.repeat(20), name: 'private', state: 'downloading', private: true };

function setup(options: PeerBanOptions = {}) {
  const bans: EventInfo<'peer_ban'>[] = [];
  const errors: EventInfo<'plugin_error'>[] = [];
  const client = new Client({ on_peer_ban: (_c, i) => bans.push(i), on_plugin_error: (_c, i) => errors.push(i) });
  peerBanPlugin.apply(client, options);
  const fail = (torrent: Torrent, index: number, senders: readonly (string | undefined)[], corrupt: readonly number[], salt = 1) => {
    const r = received(senders, corrupt, salt);
    client.emit('piece_hash_failed', { torrent, index, peers: [], ...r });
  };
  const pass = (torrent: Torrent, index: number, senders: readonly (string | undefined)[]) => {
    client.emit('piece_hash_passed', { torrent, index, peers: [], ...received(senders) });
  };
  return { client, bans, errors, fail, pass, state: getPeerBan(client)! };
}

test('plugin: the sole sender of a failed piece is banned at once, from that torrent', (t) => {
  const { client, bans, fail } = setup();
  fail(publicTorrent, 0, ['10.0.0.1', '10.0.0.1', '10.0.0.1'], [1]);
  t.deepEqual(bans.map((b) => [b.ip, b.torrent, b.severity]), [['10.0.0.1', publicTorrent, 'info']]);
  t.regex(bans[0]!.reason, /sent every block of piece 0/);
  t.true(client.isBanned('10.0.0.1', publicTorrent.infoHash));
  t.false(client.isBanned('10.0.0.1', privateTorrent.infoHash));
  t.is(client.bans[0]!.until, undefined, 'for the client\'s life by default');
  fail(publicTorrent, 1, ['10.0.0.1', '10.0.0.1', '10.0.0.1'], [1]);
  t.is(bans.length, 1, 'an address already banned is not asked about again');
});

test('plugin: block evidence names the culprit among several senders once the piece passes; the innocent keep their trust', (t) => {
  const { bans, fail, pass, state } = setup();
  pass(publicTorrent, 5, ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  fail(publicTorrent, 0, ['10.0.0.1', '10.0.0.2', '10.0.0.3'], [2]);
  t.is(bans.length, 0, 'one failure shared by three: nobody is proven yet');
  t.is(state.trustOf(publicTorrent, '10.0.0.1')?.score, -1);
  pass(publicTorrent, 0, ['10.0.0.1', '10.0.0.2', '10.0.0.2']);
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.3']);
  t.regex(bans[0]!.reason, /offset 32768 of piece 0.*differs/);
  t.deepEqual(state.trustOf(publicTorrent, '10.0.0.1'), { score: 2, failed: 1, passed: 2, cleared: 1 }, 'refunded, then rewarded');
  t.is(state.evidenceOf(publicTorrent)?.size, 0);
});

test('plugin: with smart ban off, trust decides: banned when the score reaches the threshold', (t) => {
  const { bans, fail, state } = setup({ smartBan: false });
  const others = ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'];
  for (let i = 0; i < 4; i++) fail(publicTorrent, i, ['10.0.0.1', others[i]!], [0]);
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.1']);
  t.regex(bans[0]!.reason, /took part in 4 pieces that failed.*trust -8/);
  t.is(state.trustOf(publicTorrent, '10.0.0.2')?.score, -2, 'the others took part once each');
});

test('plugin: maxHashFails bans after that many failures evidence did not clear, not counting those whose evidence is pending', (t) => {
  // Evidence for one failed piece of two blocks at a time: a newer failure makes the older one's evidence forgotten.
  const { bans, fail, pass } = setup({ maxHashFails: 2, banThreshold: -100, maxEvidenceBlocks: 2 });
  fail(publicTorrent, 2, ['10.0.0.1', '10.0.0.9'], [1]);
  pass(publicTorrent, 2, ['10.0.0.1', '10.0.0.1']);
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.9'], 'proven by evidence; 10.0.0.1 cleared');
  fail(publicTorrent, 0, ['10.0.0.1', '10.0.0.2'], [1]);
  fail(publicTorrent, 1, ['10.0.0.1', '10.0.0.3'], [1]);
  t.is(bans.length, 1, 'three failures: one cleared, one whose evidence is pending, one that evidence can no longer clear');
  fail(publicTorrent, 3, ['10.0.0.1', '10.0.0.4'], [1]);
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.9', '10.0.0.1'], 'two failures evidence can no longer clear');
});

test('plugin: a POLICY tap vetoes, or decides first; the candidate carries counts and trust', (t) => {
  const { client, bans, fail } = setup();
  const seen: BanCandidate[] = [];
  client.hooks.ban_peer.tap({ name: 'my-policy', stage: Stage.POLICY }, (c) => {
    seen.push(c);
    if (c.ip === '10.0.0.9') return false; // trusted
    if (c.torrent.private) return true; // no second chances on private trackers
    return undefined;
  });
  fail(publicTorrent, 0, ['10.0.0.9', '10.0.0.9'], [0]);
  t.is(bans.length, 0, 'vetoed although the default would ban');
  t.like(seen[0], { ip: '10.0.0.9', proven: true, failedPieces: 1, passedPieces: 0, trust: -2 });
  fail(privateTorrent, 0, ['10.0.0.7', '10.0.0.8'], [0]);
  t.deepEqual(bans.map((b) => [b.ip, b.torrent.name]), [['10.0.0.7', 'private'], ['10.0.0.8', 'private']], 'banned at the first failure');
  fail(publicTorrent, 1, ['10.0.0.7', '10.0.0.8'], [0]);
  t.is(bans.length, 2, 'on a public torrent the default rule waits for evidence');
});

test('plugin: a tap that throws in ban_peer is reported as plugin_error and the default decision stands', (t) => {
  const { client, bans, errors, fail } = setup();
  client.hooks.ban_peer.tap({ name: 'broken-policy', stage: Stage.POLICY }, () => {
    throw new Error('policy exploded');
  });
  fail(publicTorrent, 0, ['10.0.0.1', '10.0.0.1'], [1]);
  t.is(errors.length, 1);
  t.like(errors[0], { plugin: 'broken-policy', hook: 'ban_peer', severity: 'critical' });
  t.is(errors[0]!.error.message, 'policy exploded');
  t.deepEqual(bans.map((b) => b.ip), ['10.0.0.1']);
});

test('plugin: scope client and a ban duration reach the ban list', (t) => {
  const { client, fail } = setup({ scope: 'client', banDurationMs: 60_000 });
  const before = Date.now();
  fail(publicTorrent, 0, ['10.0.0.1'], [0]);
  t.true(client.isBanned('10.0.0.1', privateTorrent.infoHash));
  const [entry] = client.bans;
  t.is(entry!.infoHash, undefined);
  t.true(entry!.until! >= before + 60_000 && entry!.until! <= Date.now() + 60_000);
});

test('plugin: web seeds are banned by URL, or never when banWebSeeds is false', (t) => {
  const url = 'http://seed.example/data/';
  const on = setup();
  on.fail(publicTorrent, 0, [url, url], [0]);
  t.deepEqual(on.bans.map((b) => b.ip), [url]);
  t.true(on.client.isBanned(url, publicTorrent.infoHash));

  const off = setup({ banWebSeeds: false });
  off.fail(publicTorrent, 0, [url, url], [0]);
  t.is(off.bans.length, 0);
  t.is(off.state.trustOf(publicTorrent, url), undefined);
  // Its block still serves as evidence: the peer whose block differs from the good piece is named.
  off.fail(publicTorrent, 1, [url, '10.0.0.1'], [1]);
  off.pass(publicTorrent, 1, [url, url]);
  t.deepEqual(off.bans.map((b) => b.ip), ['10.0.0.1']);
});

test('plugin: checks of data on disk (no senders) are ignored; completion drops the evidence', (t) => {
  const { client, bans, fail, state } = setup();
  client.emit('piece_hash_failed', { torrent: publicTorrent, index: 0, peers: [], blocks: [], data: undefined });
  t.is(state.trustOf(publicTorrent, '10.0.0.1'), undefined);
  fail(publicTorrent, 2, ['10.0.0.1', '10.0.0.2'], [0]);
  t.is(state.evidenceOf(publicTorrent)?.size, 2);
  client.emit('torrent_complete', { torrent: publicTorrent });
  t.is(state.evidenceOf(publicTorrent)?.size, 0);
  t.is(bans.length, 0);
});

test('plugin: options are validated by its schema, with defaults filled in', async (t) => {
  const [resolved] = (await resolvePlugins({ code: [['peer-ban', { banThreshold: -3 }]] })).filter((r) => r.plugin.name === 'peer-ban');
  t.like(resolved!.options, { banThreshold: -3, trustPenalty: 2, scope: 'torrent', smartBan: true, banDurationMs: 0 });
  t.false('maxHashFails' in (resolved!.options as object), 'maxHashFails is off unless given');
  // The example of ARCHITECTURE.md.
  const [documented] = (await resolvePlugins({ code: [['peer-ban', { maxHashFails: 3 }]] })).filter((r) => r.plugin.name === 'peer-ban');
  t.like(documented!.options, { maxHashFails: 3 });
  const err = await t.throwsAsync(resolvePlugins({ code: [['peer-ban', { scope: 'planet' }]] }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_OPTIONS');
  t.is(err?.optionPath, '/scope');
  const positive = await t.throwsAsync(resolvePlugins({ code: [['peer-ban', { banThreshold: 1 }]] }), { instanceOf: PluginLoadError });
  t.is(positive?.optionPath, '/banThreshold');
});
