// Per-IP connection counts.
import test from 'ava';
import { IpConnections } from '../../core/net/ip-connections.ts';

test('per-IP counts: IPv4-mapped IPv6 counts as IPv4, the map forgets an address at zero', (t) => {
  const ips = new IpConnections(2);
  t.true(ips.tryAdd('127.0.0.2'));
  t.true(ips.tryAdd('::ffff:127.0.0.2'));
  t.false(ips.tryAdd('127.0.0.2'));
  t.is(ips.count('127.0.0.2'), 2);
  ips.remove('::ffff:127.0.0.2');
  ips.remove('127.0.0.2');
  t.is(ips.size, 0);
});
