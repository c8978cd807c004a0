import test from 'ava';
import fc from 'fast-check';
import { IpFilter, IpFilterError } from '../../plugins/ip-filter/index.ts';
import { parseRange } from '../../plugins/ip-filter/range.ts';
import { ipv4ToNumber, numberToIpv4 } from '../../core/net/address.ts';

const v4 = (ip: string): number => ipv4ToNumber(ip) as number;

test('rules: single addresses, CIDR blocks and ranges, IPv4 and IPv6', (t) => {
  t.deepEqual(parseRange('1.2.3.4'), { family: 'ipv4', lo: v4('1.2.3.4'), hi: v4('1.2.3.4') });
  t.deepEqual(parseRange(' 10.0.0.0/8 '), { family: 'ipv4', lo: v4('10.0.0.0'), hi: v4('10.255.255.255') });
  t.deepEqual(parseRange('10.1.2.3/16'), { family: 'ipv4', lo: v4('10.1.0.0'), hi: v4('10.1.255.255') }, 'host bits ignored');
  t.deepEqual(parseRange('0.0.0.0/0'), { family: 'ipv4', lo: 0, hi: 0xffffffff });
  t.deepEqual(parseRange('1.2.3.4/32'), { family: 'ipv4', lo: v4('1.2.3.4'), hi: v4('1.2.3.4') });
  t.deepEqual(parseRange('1.2.3.0 - 1.2.4.255'), { family: 'ipv4', lo: v4('1.2.3.0'), hi: v4('1.2.4.255') });
  t.deepEqual(parseRange('1.2.3.0-1.2.3.0'), { family: 'ipv4', lo: v4('1.2.3.0'), hi: v4('1.2.3.0') });
  t.deepEqual(parseRange('2001:db8::/32'), {
    family: 'ipv6',
    lo: 0x20010db8n << 96n,
    hi: (0x20010db8n << 96n) | ((1n << 96n) - 1n),
  });
  t.deepEqual(parseRange('::1'), { family: 'ipv6', lo: 1n, hi: 1n });
  t.deepEqual(parseRange('::/0'), { family: 'ipv6', lo: 0n, hi: (1n << 128n) - 1n });
  t.deepEqual(parseRange('fe80::1 - fe80::ff'), { family: 'ipv6', lo: (0xfe80n << 112n) | 1n, hi: (0xfe80n << 112n) | 0xffn });
});

test('rules: IPv4-mapped IPv6 rules are IPv4 rules', (t) => {
  t.deepEqual(parseRange('::ffff:1.2.3.4'), parseRange('1.2.3.4'));
  t.deepEqual(parseRange('::ffff:1.2.3.0/120'), parseRange('1.2.3.0/24'));
  t.deepEqual(parseRange('::ffff:0:0/96'), parseRange('0.0.0.0/0'));
  t.deepEqual(parseRange('::ffff:1.2.3.0 - ::ffff:1.2.3.9'), parseRange('1.2.3.0 - 1.2.3.9'));
  t.is(parseRange('::fffe:0:0/95').family, 'ipv6', 'a block reaching beyond the mapped space stays IPv6');
});

test('rules: what does not parse is refused with INVALID_RULE', (t) => {
  for (const bad of ['', 'example.com', '1.2.3', '1.2.3.256', '010.0.0.1', '127.1', '1.2.3.4/33', '2001:db8::/129', '1.2.3.4/',
    '1.2.3.4/-1', '1.2.3.9 - 1.2.3.0', '1.2.3.4 - 2001:db8::1', '1.2.3.4 -', '1.2.3.4/8/8']) {
    const error = t.throws(() => parseRange(bad), { instanceOf: IpFilterError }, bad);
    t.is(error?.code, 'INVALID_RULE');
    t.true(error?.message.includes(JSON.stringify(bad.trim())) ?? false, error?.message);
  }
});

test('has(): IPv4 boundaries, IPv6, mapped lookups, and what is not an address', (t) => {
  const f = new IpFilter();
  const block = f.add('192.0.2.16 - 192.0.2.31');
  const six = f.add({ range: '2001:db8:1::/48', label: 'docs' }, 'test');
  t.is(f.size, 2);
  t.is(f.has('192.0.2.15'), undefined);
  t.is(f.has('192.0.2.16'), block);
  t.is(f.has('192.0.2.31'), block);
  t.is(f.has('192.0.2.32'), undefined);
  t.is(f.has('::ffff:192.0.2.20'), block);
  t.is(f.has('::ffff:c000:214'), block, 'mapped, written in hex');
  t.is(f.has('2001:db8:1:ffff::1'), six);
  t.is(f.has('2001:db8:2::'), undefined);
  t.is(f.has('2001:db8:1::1%eth0'), six, 'zone ids do not matter');
  t.is(f.has('not an ip'), undefined);
  t.deepEqual({ ...block }, { start: '192.0.2.16', end: '192.0.2.31', source: 'api' });
  t.deepEqual({ ...six }, { start: '2001:db8:1::', end: '2001:db8:1:ffff:ffff:ffff:ffff:ffff', source: 'test', label: 'docs' });
  t.true(Object.isFrozen(block));
});

test('has(): the extremes of both address spaces', (t) => {
  const f = new IpFilter();
  const low = f.add('0.0.0.0');
  const high = f.add('255.255.255.255');
  const zero = f.add('::');
  const top = f.add('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  t.is(f.has('0.0.0.0'), low);
  t.is(f.has('255.255.255.255'), high);
  t.is(f.has('0.0.0.1'), undefined);
  t.is(f.has('::'), zero);
  t.is(f.has('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), top);
  t.is(f.has('::2'), undefined);
});

test('overlapping rules: the answer is a rule that covers the address, before and after removals', (t) => {
  const f = new IpFilter();
  const outer = f.add('10.0.0.0/8');
  const inner = f.add('10.1.0.0/16');
  const straddling = f.add('10.255.255.0 - 11.0.0.255');
  t.is(f.has('10.1.2.3'), outer, 'the wider rule owns the shared part');
  t.is(f.has('11.0.0.5'), straddling);
  t.true(f.remove(outer));
  t.false(f.remove(outer), 'already gone');
  t.is(f.has('10.1.2.3'), inner);
  t.is(f.has('10.2.0.0'), undefined);
  t.is(f.has('10.255.255.1'), straddling);
});

test('add and remove at run time: by rule object, by text, by source', (t) => {
  const f = new IpFilter();
  const a = f.add('198.51.100.0/24', 'api');
  f.add('198.51.100.0 - 198.51.100.255', 'other');
  f.add('203.0.113.5', '.btrc');
  f.add('2001:db8::/32', '.btrc');
  t.is(f.size, 4);
  t.true(f.remove('198.51.100.0/24'), 'every rule covering exactly that range');
  t.is(f.has('198.51.100.1'), undefined);
  t.false(f.remove(a));
  t.false(f.remove({ range: '192.0.2.0/24' }));
  const b = f.add('192.0.2.0/24');
  t.true(f.remove({ start: b.start, end: b.end, source: b.source }), 'an equal rule object works too');
  t.is(f.removeSource('.btrc'), 2);
  t.is(f.size, 0);
  t.is(f.has('203.0.113.5'), undefined);
  f.add('1.1.1.1');
  f.clear();
  t.is(f.has('1.1.1.1'), undefined);
  t.deepEqual([...f.rules()], []);
});

test('the merged table agrees with a linear scan (IPv4, random rules and lookups)', (t) => {
  const range = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 300 }));
  fc.assert(
    fc.property(fc.array(range, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5400 }), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 10 }), (ranges, probes, removals) => {
      const f = new IpFilter();
      const base = v4('10.0.0.0');
      let rules = ranges.map(([lo, len]) => ({ lo: base + lo, hi: base + lo + len, rule: f.add(`${numberToIpv4(base + lo)} - ${numberToIpv4(base + lo + len)}`) }));
      for (const r of removals) {
        if (rules.length === 0) break;
        const victim = rules[r % rules.length];
        f.remove(victim.rule);
        rules = rules.filter((x) => x !== victim);
      }
      for (const p of probes) {
        const value = base + p;
        const found = f.has(numberToIpv4(value));
        const covering = rules.filter((r) => r.lo <= value && value <= r.hi).map((r) => r.rule);
        if (covering.length === 0 ? found !== undefined : found === undefined || !covering.includes(found)) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('the merged table agrees with a linear scan (IPv6)', (t) => {
  const base = 0x20010db8n << 96n;
  const hex = (v: bigint): string => {
    const h = v.toString(16).padStart(32, '0');
    return h.match(/.{4}/g)?.join(':') ?? '';
  };
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 1n << 70n }), fc.bigInt({ min: 0n, max: 1n << 66n })), { maxLength: 30 }),
      fc.array(fc.bigInt({ min: 0n, max: 1n << 71n }), { maxLength: 40 }),
      (ranges, probes) => {
        const f = new IpFilter();
        const rules = ranges.map(([lo, len]) => ({ lo: base + lo, hi: base + lo + len, rule: f.add(`${hex(base + lo)} - ${hex(base + lo + len)}`) }));
        for (const p of [...probes, ...ranges.map(([lo]) => lo), ...ranges.map(([lo, len]) => lo + len + 1n)]) {
          const value = base + p;
          const found = f.has(hex(value));
          const covering = rules.filter((r) => r.lo <= value && value <= r.hi).map((r) => r.rule);
          if (covering.length === 0 ? found !== undefined : found === undefined || !covering.includes(found)) return false;
        }
        return true;
      },
    ),
    { numRuns: 200 },
  );
  t.pass();
});
