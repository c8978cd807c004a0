// Write tokens (current and previous secret, 5-minute rotation), the peer
// store's caps and expiry, and the per-address query limit.
import test from 'ava';
import { PEER_TTL_MS, PeerStore } from '../../plugins/dht/peer-store.ts';
import { QueryRateLimit } from '../../plugins/dht/rate-limit.ts';
import { TOKEN_ROTATION_MS, TokenStore } from '../../plugins/dht/tokens.ts';

test('a token is good for its address under the current and the previous secret only', (t) => {
  const tokens = new TokenStore(0);
  const token = tokens.issue('10.0.0.1', 0);
  t.true(tokens.check('10.0.0.1', token, 1000));
  t.false(tokens.check('10.0.0.2', token, 1000));
  t.false(tokens.check('10.0.0.1', Buffer.from('forged'), 1000));
  t.true(tokens.check('10.0.0.1', token, TOKEN_ROTATION_MS + 1));
  t.false(tokens.check('10.0.0.1', token, 2 * TOKEN_ROTATION_MS + 1));
});

test('the peer store is capped per info hash and in total, and forgets after 30 minutes', (t) => {
  const store = new PeerStore({ maxPeersPerTorrent: 3, maxStoredPeers: 5 });
  for (let i = 1; i <= 5; i++) store.add('a', { ip: '10.0.0.1', port: i }, 0);
  t.is(store.get('a', 100, 0).length, 3);
  for (let i = 1; i <= 5; i++) store.add('b', { ip: '10.0.0.2', port: i }, 0);
  t.true(store.size <= 5);
  t.false(store.add('c', { ip: '10.0.0.3', port: 1 }, 0));
  t.deepEqual(store.get('a', 100, PEER_TTL_MS), []);
  t.is(store.size, 0);
});

test('an address over its query rate is ignored for the penalty', (t) => {
  const limit = new QueryRateLimit({ perSecond: 3, penaltyMs: 10_000 });
  t.deepEqual([1, 2, 3, 4, 5].map(() => limit.admit('10.0.0.1', 0)), ['ok', 'ok', 'ok', 'over', 'ignored']);
  t.is(limit.admit('10.0.0.2', 0), 'ok');
  t.is(limit.admit('10.0.0.1', 5000), 'ignored');
  t.is(limit.admit('10.0.0.1', 10_001), 'ok');
});
