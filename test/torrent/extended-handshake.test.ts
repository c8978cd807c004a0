// Our BEP 10 extension handshake as the engine builds it (extensions add
// their ids and keys later: see test/plugins/extensions.test.ts), and the
// compact address in its yourip.
import test from 'ava';
import { compactIp } from '../../core/net/address.ts';
import { CLIENT_VERSION, ourExtendedHandshake } from '../../core/torrent/extensions.ts';
import { decodeExtendedHandshake, encodeExtendedHandshake } from '../../core/wire/index.ts';
import { DEFAULT_SETTINGS } from '../helpers/default-settings.ts';

test('our extension handshake: v, reqq, p and yourip, no extension of its own, through the wire encoder and back', (t) => {
  const reqq = DEFAULT_SETTINGS.limits.maxQueuedRequestsPerPeer;
  const ours = ourExtendedHandshake({ port: 6881, remoteIp: '192.0.2.7', requestQueue: reqq });
  t.deepEqual(ours.m, {});
  const decoded = decodeExtendedHandshake(encodeExtendedHandshake(ours));
  t.deepEqual(decoded, { m: {}, v: CLIENT_VERSION, reqq, p: 6881, yourip: Buffer.from([192, 0, 2, 7]) });
  // Without port or a usable address those fields are left out.
  t.deepEqual(decodeExtendedHandshake(encodeExtendedHandshake(ourExtendedHandshake({ port: undefined, remoteIp: 'not an ip', requestQueue: reqq }))), {
    m: {},
    v: CLIENT_VERSION,
    reqq,
  });
});

test('compactIp encodes IPv4 in 4 bytes and IPv6 in 16', (t) => {
  t.deepEqual(compactIp('127.0.0.1'), Buffer.from([127, 0, 0, 1]));
  t.deepEqual(compactIp('::ffff:10.1.2.3'), Buffer.from([10, 1, 2, 3]));
  t.deepEqual(compactIp('::1'), Buffer.from([...Array<number>(15).fill(0), 1]));
  t.is(compactIp('2001:db8::1')!.toString('hex'), '20010db8000000000000000000000001');
  t.is(compactIp('fe80::1%eth0')!.length, 16);
  t.is(compactIp('example.org'), undefined);
});
