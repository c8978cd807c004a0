import test from 'ava';
import type { ExecutionContext } from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { numberToIpv4 } from '../../core/net/address.ts';
import { DAT_PERMIT_LEVEL, IpFilter, IpFilterError } from '../../plugins/ip-filter/index.ts';

const FIXTURES = 'test/fixtures/blocklists';

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-blocklist-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('PeerGuardian text: labels (with colons), padding, CRLF; bad lines reported with file and line', (t) => {
  const f = new IpFilter();
  const file = `${FIXTURES}/sample.p2p`;
  const result = f.loadBlocklist(file);
  t.is(result.file, file);
  t.is(result.loaded, 5);
  t.is(f.size, 5);
  t.deepEqual(
    result.errors.map((e) => [e.file, e.line, e.text]),
    [
      [file, 7, 'Broken range:198.51.100.200-198.51.100.100'],
      [file, 8, 'Not an address:300.1.1.1-300.1.1.2'],
    ],
  );
  t.regex(result.errors[0].reason, /ends before it starts/);
  t.deepEqual({ ...f.has('192.0.2.77') }, { start: '192.0.2.0', end: '192.0.2.255', source: `${file}:3`, label: 'Example Corp' });
  t.is(f.has('198.51.100.20')?.label, 'Label: with: colons');
  t.deepEqual({ ...f.has('203.0.113.7') }, { start: '203.0.113.7', end: '203.0.113.7', source: `${file}:5` }, 'no label');
  t.is(f.has('10.0.0.5')?.label, 'Padded');
  t.is(f.has('10.0.0.10'), undefined);
  t.is(f.has('100.100.1.1')?.source, `${file}:9`);
  t.is(f.has('198.51.100.150'), undefined, 'the broken line added nothing');
});

test(`eMule ipfilter.dat: levels below ${DAT_PERMIT_LEVEL} block, others permit`, (t) => {
  const f = new IpFilter();
  const file = `${FIXTURES}/ipfilter.dat`;
  const result = f.loadBlocklist(file);
  t.is(result.loaded, 4);
  t.is(result.permitted, 2);
  t.deepEqual(result.errors.map((e) => [e.line, e.text]), [[9, '001.002.007.000 - 001.002.007.255 , high , level is not a number']]);
  t.is(f.has('1.2.3.4')?.label, 'Blocked at level 0');
  t.is(f.has('1.2.4.4')?.label, 'Blocked at level 126');
  t.is(f.has('1.2.5.4'), undefined, 'level 127 permits');
  t.is(f.has('1.2.6.4'), undefined, 'level 200 permits');
  t.deepEqual({ ...f.has('8.8.8.8') }, { start: '8.8.8.0', end: '8.8.8.255', source: `${file}:7` });
  t.is(f.has('9.9.9.9')?.label, 'label, with a comma');
  t.is(f.has('1.2.7.1'), undefined);
});

test('lines of every kind in one file: CIDR, IPv6, mapped, ranges, p2p and dat lines', (t) => {
  const f = new IpFilter();
  const file = `${FIXTURES}/mixed.txt`;
  const result = f.loadBlocklist(file);
  t.is(result.loaded, 7);
  t.deepEqual(result.errors.map((e) => e.line), [7, 10]);
  t.is(f.has('10.200.0.1')?.source, `${file}:2`);
  t.is(f.has('2001:db8:ffff::1')?.source, `${file}:3`);
  t.is(f.has('172.16.0.5')?.source, `${file}:4`);
  t.is(f.has('192.168.1.200')?.start, '192.168.1.0', 'the mapped rule blocks the IPv4 address');
  t.is(f.has('::ffff:192.168.1.200')?.source, `${file}:5`);
  t.is(f.has('fe80::80')?.source, `${file}:6`);
  t.is(f.has('198.19.0.1')?.label, 'Example');
  t.is(f.has('198.51.100.1')?.label, 'TEST-NET-2');
});

test('a gzip-compressed list loads like the plain one', (t) => {
  const dir = tempDir(t);
  const gz = join(dir, 'sample.p2p.gz');
  writeFileSync(gz, gzipSync(readFileSync(`${FIXTURES}/sample.p2p`)));
  const f = new IpFilter();
  const result = f.loadBlocklist(gz);
  t.is(result.loaded, 5);
  t.is(result.errors.length, 2);
  t.is(f.has('192.0.2.1')?.source, `${gz}:3`);
});

test('a list that cannot be read throws BLOCKLIST_UNREADABLE and changes nothing', (t) => {
  const dir = tempDir(t);
  const f = new IpFilter();
  f.add('1.1.1.1');
  const missing = join(dir, 'nope.p2p');
  const error = t.throws(() => f.loadBlocklist(missing), { instanceOf: IpFilterError });
  t.is(error?.code, 'BLOCKLIST_UNREADABLE');
  t.true(error?.message.includes(missing) ?? false);
  const notGzip = join(dir, 'bad.gz');
  writeFileSync(notGzip, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
  t.is(t.throws(() => f.loadBlocklist(notGzip), { instanceOf: IpFilterError })?.code, 'BLOCKLIST_UNREADABLE');
  t.is(f.size, 1);
});

test('loading the same file again replaces its rules; removeSource drops them', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'list.p2p');
  writeFileSync(file, 'a:1.0.0.0-1.0.0.255\nb:2.0.0.0-2.0.0.255\n');
  const f = new IpFilter();
  f.add('9.9.9.9', '.btrc');
  t.is(f.loadBlocklist(file).loaded, 2);
  writeFileSync(file, 'c:3.0.0.0-3.0.0.255\n');
  t.is(f.loadBlocklist(file).loaded, 1);
  t.is(f.size, 2);
  t.is(f.has('1.0.0.1'), undefined);
  t.is(f.has('3.0.0.1')?.label, 'c');
  t.is(f.removeSource(file), 1);
  t.is(f.has('3.0.0.1'), undefined);
  t.is(f.has('9.9.9.9')?.source, '.btrc');
});

test('a list of 100,000 ranges with one bad line: the bad line reported, all others loaded and found', (t) => {
  const dir = tempDir(t);
  const count = 100_000;
  const badLine = 54_321;
  const lines: string[] = ['# generated'];
  // Disjoint ranges of 16 addresses with gaps of 16, from 11.0.0.0 on.
  const start = (i: number): number => 0x0b000000 + i * 32;
  for (let i = 0; i < count; i++) {
    if (lines.length + 1 === badLine) lines.push('Oops:11.0.0.0-11.0.0.x');
    lines.push(`Range ${i}:${numberToIpv4(start(i))}-${numberToIpv4(start(i) + 15)}`);
  }
  const file = join(dir, 'big.p2p');
  writeFileSync(file, lines.join('\n'));
  const shown = relative(process.cwd(), file);

  const f = new IpFilter();
  const result = f.loadBlocklist(shown);
  t.is(result.loaded, count);
  t.is(f.size, count);
  t.deepEqual(result.errors.map((e) => [e.file, e.line, e.text]), [[shown, badLine, 'Oops:11.0.0.0-11.0.0.x']]);

  for (const i of [0, 1, 4242, badLine, count - 1]) {
    t.is(f.has(numberToIpv4(start(i)))?.label, `Range ${i}`);
    t.is(f.has(numberToIpv4(start(i) + 15))?.label, `Range ${i}`);
    t.is(f.has(numberToIpv4(start(i) + 16)), undefined, 'the gap after range i');
  }
  t.is(f.has('10.255.255.255'), undefined);
  t.is(f.has(`::ffff:${numberToIpv4(start(777) + 3)}`)?.label, 'Range 777');

  const rule = f.has(numberToIpv4(start(500)));
  if (rule === undefined) return t.fail();
  t.true(f.remove(rule));
  t.is(f.has(numberToIpv4(start(500))), undefined);
  t.is(f.has(numberToIpv4(start(501)))?.label, 'Range 501');
  f.add({ range: numberToIpv4(start(500)), label: 'back' });
  t.is(f.has(numberToIpv4(start(500)))?.label, 'back');
});
