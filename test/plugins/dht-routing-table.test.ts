// The routing table: buckets split on our own id, k = 8, good/questionable/
// bad nodes, replacements, stale buckets, and its size bound.
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { commonPrefixBits, compareDistance, randomIdInBucket } from '../../plugins/dht/node-id.ts';
import { GOOD_FOR_MS, K, RoutingTable } from '../../plugins/dht/routing-table.ts';

const contact = (id: Buffer, n: number) => ({ id, ip: `10.0.${n >> 8}.${n & 0xff}`, port: 6881 });

test('a full table splits the bucket holding our id and keeps the closest nodes', (t) => {
  const table = new RoutingTable(randomBytes(20), { maxNodes: 10_000, now: 0 });
  for (let i = 0; i < 2000; i++) table.insert(contact(randomBytes(20), i), 0, true);
  t.true(table.bucketCount > 5);
  t.true(table.size <= table.bucketCount * K);
  // Nodes sharing a long prefix with us are always taken (their bucket is the one that splits).
  const near = randomIdInBucket(table.id, 30);
  t.true(table.insert(contact(near, 5000), 0, true).added);
  t.is(commonPrefixBits(table.id, near), 30);
  const closest = table.closest(table.id, 8, 0);
  t.deepEqual(closest[0]!.id, near);
  for (let i = 1; i < closest.length; i++) t.true(compareDistance(table.id, closest[i - 1]!.id, closest[i]!.id) < 0);
});

test('a full far bucket asks to ping its questionable nodes, then a bad one is replaced', (t) => {
  const me = Buffer.alloc(20, 0);
  const table = new RoutingTable(me, { maxNodes: 100, now: 0 });
  const far = (n: number): Buffer => Buffer.concat([Buffer.from([0x80 | n]), randomBytes(19)]);
  // Fill bucket 0 (ids starting with bit 1) and, to stop it splitting, bucket 1 holds our side.
  for (let i = 0; i < K; i++) t.true(table.insert(contact(far(i), i), 0, true).added);
  table.insert(contact(Buffer.concat([Buffer.from([0x01]), randomBytes(19)]), 99), 0, true);
  const later = GOOD_FOR_MS + 1;
  const outcome = table.insert(contact(far(20), 20), later, true);
  t.false(outcome.added);
  t.is(outcome.ping.length, K);
  t.is(table.stateOf(outcome.ping[0]!, later), 'questionable');
  table.failed(outcome.ping[0]!.id, later);
  table.failed(outcome.ping[0]!.id, later);
  // The replacement (the node that answered) took the bad node's place.
  t.true(table.closest(far(20), 100, later).some((n) => n.ip === '10.0.0.20'));
});

test('the table never holds more than maxNodes; one address, one id', (t) => {
  const table = new RoutingTable(randomBytes(20), { maxNodes: 20, now: 0 });
  for (let i = 0; i < 5000; i++) table.insert(contact(randomBytes(20), i), 0, true);
  t.true(table.size <= 20);
  const small = new RoutingTable(randomBytes(20), { maxNodes: 100, now: 0 });
  t.true(small.insert(contact(randomBytes(20), 1), 0, true).added);
  t.false(small.insert(contact(randomBytes(20), 1), 0, true).added);
  t.false(small.insert({ id: small.id, ip: '10.9.9.9', port: 1 }, 0, true).added);
});

test('stale buckets are refreshed with an id in their range', (t) => {
  const table = new RoutingTable(randomBytes(20), { maxNodes: 100, now: 0 });
  t.deepEqual(table.staleBucketTargets(1000), []);
  const targets = table.staleBucketTargets(GOOD_FOR_MS);
  t.is(targets.length, 1);
  t.deepEqual(table.staleBucketTargets(GOOD_FOR_MS + 1), []);
});
