// Lookups per second of IpFilter.has() over a 100,000-range blocklist,
// against a linear scan of the same ranges measured in the same run.
// Run: node --import=tsx bench/ip-filter.ts [ranges]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipv4ToNumber, numberToIpv4 } from '../core/net/address.ts';
import { IpFilter } from '../plugins/ip-filter/index.ts';

const RANGES = Number(process.argv[2] ?? 100_000);
const PROBES = 4096;

// Deterministic pseudo-random numbers (xorshift32), so runs are comparable.
let seed = 0x9e3779b9;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};

// Random ranges of 1 to 4096 addresses over the whole IPv4 space; some overlap.
const ranges: [number, number][] = [];
for (let i = 0; i < RANGES; i++) {
  const lo = Math.floor(random() * 0xffff0000);
  ranges.push([lo, lo + Math.floor(random() * 4096)]);
}
const dir = mkdtempSync(join(tmpdir(), 'swarmhook-bench-'));
const file = join(dir, 'bench.p2p');
writeFileSync(file, ranges.map(([lo, hi], i) => `r${i}:${numberToIpv4(lo)}-${numberToIpv4(hi)}`).join('\n'));

const filter = new IpFilter();
let t0 = performance.now();
const { loaded } = filter.loadBlocklist(file);
const loadMs = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });

// Half the probes inside a range, half anywhere (mostly outside).
const probes: string[] = [];
for (let i = 0; i < PROBES; i++) {
  if (i % 2 === 0) {
    const [lo, hi] = ranges[Math.floor(random() * ranges.length)];
    probes.push(numberToIpv4(lo + Math.floor(random() * (hi - lo + 1))));
  } else {
    probes.push(numberToIpv4(Math.floor(random() * 2 ** 32)));
  }
}

t0 = performance.now();
filter.has('0.0.0.0'); // the first lookup builds the table
const buildMs = performance.now() - t0;

/** The reference: what a filter without the merged table would do. */
const scan = (ip: string): boolean => {
  const v = ipv4ToNumber(ip) as number;
  for (let i = 0; i < ranges.length; i++) if (ranges[i][0] <= v && v <= ranges[i][1]) return true;
  return false;
};

// Both must agree before their speeds mean anything.
for (const p of probes) {
  if ((filter.has(p) !== undefined) !== scan(p)) throw new Error(`disagreement on ${p}`);
}

function rate(label: string, lookup: (ip: string) => unknown, minMs: number): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 256; i++) if (lookup(probes[n++ % PROBES]) !== undefined) sink++;
    elapsed = performance.now() - start;
  }
  const perSecond = (n / elapsed) * 1000;
  console.log(`${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en').padStart(14)} lookups/s  (${n} lookups, ${sink} hits, ${elapsed.toFixed(0)} ms)`);
  return perSecond;
}

// A change at run time: the next lookup rebuilds the table.
const added = filter.add('203.0.113.0/24');
t0 = performance.now();
filter.has('203.0.113.1');
const rebuildMs = performance.now() - t0;
filter.remove(added);

console.log(`ranges: ${loaded.toLocaleString('en')}  load (parse + insert): ${loadMs.toFixed(0)} ms  first table build: ${buildMs.toFixed(0)} ms  rebuild after add(): ${rebuildMs.toFixed(0)} ms`);
const fast = rate('IpFilter.has (binary search)', (ip) => filter.has(ip), 1000);
const slow = rate('linear scan (reference)', (ip) => (scan(ip) ? true : undefined), 1000);
console.log(`ratio: ${(fast / slow).toFixed(0)}x faster than the linear scan`);
