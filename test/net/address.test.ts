import test from 'ava';
import {
  AddressError,
} from '../../core/index.ts';
import { compareIp, formatAddress, ipFamily, ipToValue, ipv4ToNumber, isIp, normalizeIp, numberToIpv4, parseAddress, protocolOf, sameIp } from '../../core/net/address.ts';
import { compareAddress, isIPv4Mapped, isLoopback } from '../../core/net/address.ts';

test('normalizeIp: canonical IPv4, RFC 5952 IPv6, mapped IPv6 as IPv4', (t) => {
  t.is(normalizeIp('192.0.2.1'), '192.0.2.1');
  t.is(normalizeIp('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  t.is(normalizeIp('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  t.is(normalizeIp('::ffff:192.0.2.1'), '192.0.2.1');
  t.is(normalizeIp('::ffff:c000:201'), '192.0.2.1');
  t.is(normalizeIp('::1'), '::1');
  t.is(normalizeIp('::'), '::');
  t.is(normalizeIp('::192.0.2.1'), '::c000:201', 'IPv4-compatible (deprecated) is not mapped');
});

test('strict parsing: inet_aton shorthands and octal-looking parts are refused', (t) => {
  for (const bad of ['127.1', '010.0.0.1', '0x7f.0.0.1', '1.2.3.256', '1.2.3.4.5', '', 'localhost', '1.2.3.4:80', '[::1]', ':::1']) {
    t.false(isIp(bad), bad);
    const error = t.throws(() => normalizeIp(bad), { instanceOf: AddressError }, bad);
    t.is(error?.code, 'INVALID_ADDRESS');
  }
  t.true(isIp('0.0.0.0'));
  t.true(isIp('fe80::1%eth0'));
});

test('protocol and family of an address', (t) => {
  t.is(protocolOf('192.0.2.1'), 'tcp4');
  t.is(protocolOf('2001:db8::1'), 'tcp6');
  t.is(protocolOf('::ffff:192.0.2.1'), 'tcp4');
  t.is(protocolOf('::1', 'udp'), 'udp6');
  t.is(protocolOf('127.0.0.1', 'udp'), 'udp4');
  t.is(ipFamily('::ffff:1.2.3.4'), 'ipv4');
  t.true(isIPv4Mapped('::FFFF:1.2.3.4'));
  t.false(isIPv4Mapped('1.2.3.4'));
  t.false(isIPv4Mapped('::1'));
});

test('loopback addresses: 127/8, ::1 and a mapped 127.x; not other addresses, not names', (t) => {
  for (const ip of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) t.true(isLoopback(ip), ip);
  for (const ip of ['128.0.0.1', '10.0.0.1', '::', '::2', '2001:db8::1', '::ffff:10.0.0.1', 'localhost', '127.1']) t.false(isLoopback(ip), ip);
});

test('formatting and parsing ip:port and [ip]:port', (t) => {
  t.is(formatAddress({ ip: '192.0.2.1', port: 6881 }), '192.0.2.1:6881');
  t.is(formatAddress({ ip: '2001:DB8::1', port: 6881 }), '[2001:db8::1]:6881');
  t.is(formatAddress({ ip: '::ffff:192.0.2.1', port: 1 }), '192.0.2.1:1');
  t.deepEqual(parseAddress('192.0.2.1:6881'), { ip: '192.0.2.1', port: 6881 });
  t.deepEqual(parseAddress('[2001:db8::1]:51413'), { ip: '2001:db8::1', port: 51413 });
  t.deepEqual(parseAddress('[::ffff:10.0.0.1]:80'), { ip: '10.0.0.1', port: 80 });
  t.is(t.throws(() => parseAddress('2001:db8::1:80'), { instanceOf: AddressError })?.code, 'INVALID_ADDRESS', 'IPv6 needs brackets');
  t.is(t.throws(() => parseAddress('1.2.3.4:0'), { instanceOf: AddressError })?.code, 'INVALID_PORT');
  t.is(t.throws(() => parseAddress('1.2.3.4:65536'), { instanceOf: AddressError })?.code, 'INVALID_PORT');
});

test('numeric values and comparison: IPv4 (with mapped) before IPv6, then by value', (t) => {
  t.is(ipv4ToNumber('255.255.255.255'), 0xffffffff);
  t.is(ipv4ToNumber('0.0.0.0'), 0);
  t.is(ipv4ToNumber('1.2.3.4'), 0x01020304);
  for (const bad of ['1.2.3', '1.2.3.4.', '.1.2.3', '01.2.3.4', '1.2.3.256', '1..2.3', '1.2.3.4 ']) t.is(ipv4ToNumber(bad), undefined, bad);
  t.is(numberToIpv4(0xc0000201), '192.0.2.1');
  t.deepEqual(ipToValue('::ffff:0.0.1.0'), { family: 'ipv4', value: 256 });
  t.deepEqual(ipToValue('::1:0'), { family: 'ipv6', value: 0x10000n });
  const sorted = ['2001:db8::2', '10.0.0.2', '::ffff:10.0.0.1', '2001:db8::1', '9.255.255.255'].sort(compareIp);
  t.deepEqual(sorted, ['9.255.255.255', '::ffff:10.0.0.1', '10.0.0.2', '2001:db8::1', '2001:db8::2']);
  t.true(sameIp('::ffff:10.0.0.1', '10.0.0.1'));
  t.false(sameIp('::1', '0.0.0.1'));
  t.true(compareAddress({ ip: '10.0.0.1', port: 2 }, { ip: '::ffff:a00:1', port: 1 }) > 0);
});
