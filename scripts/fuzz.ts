// npm run fuzz: the parsers of hostile input (bencode, .torrent files, the
// peer wire, extension messages, tracker replies, magnet links) against
// mutated inputs, in worker threads under a watchdog. Exits 1 when anything
// crashed, hung or threw a non-coded error; findings are saved to --out.
//
//   npm run fuzz -- [--inputs N] [--seconds S] [--target NAME]... [--workers N]
//                   [--batch N] [--timeout-ms MS] [--seed N] [--out DIR]
//   npm run fuzz -- --replay FILE --target NAME     run one saved input here
//   npm run fuzz -- --list
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isCoded } from './fuzz/coded.ts';
import type { Finding } from './fuzz/protocol.ts';
import { formatFinding, formatReport } from './fuzz/report.ts';
import { runFuzz } from './fuzz/runner.ts';
import { targetNamed, TARGETS } from './fuzz/targets/index.ts';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string' },
    seconds: { type: 'string' },
    target: { type: 'string', multiple: true },
    workers: { type: 'string' },
    batch: { type: 'string' },
    'timeout-ms': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', default: 'fuzz-findings' },
    replay: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} wants a number, not "${text}"`);
    process.exit(2);
  }
  return n;
}

if (values.list) {
  for (const t of TARGETS) console.log(`${t.name.padEnd(20)} ${t.description}${t.explicitOnly === true ? ' (only when named)' : ''}`);
  process.exit(0);
}

const targets = values.target?.flatMap((t) => t.split(',')).filter((t) => t !== '');

if (values.replay !== undefined) {
  if (targets?.length !== 1) {
    console.error('--replay needs exactly one --target');
    process.exit(2);
  }
  const input = readFileSync(values.replay);
  try {
    targetNamed(targets[0]!).run(input);
    console.log('returned');
  } catch (err) {
    console.log(isCoded(err) ? `coded error: ${(err as Error).message}` : 'NOT a coded error:');
    if (!isCoded(err)) console.log(err);
  }
  process.exit(0);
}

const outDir = values.out;
const save = (finding: Finding): string => {
  mkdirSync(outDir, { recursive: true });
  const name = `${finding.target}-${finding.kind}-${createHash('sha1').update(finding.input).digest('hex').slice(0, 12)}.bin`;
  const path = join(outDir, name);
  writeFileSync(path, finding.input);
  return path;
};

const report = await runFuzz({
  targets,
  inputs: count('inputs', values.inputs),
  seconds: count('seconds', values.seconds),
  workers: count('workers', values.workers),
  batchSize: count('batch', values.batch),
  timeoutMs: count('timeout-ms', values['timeout-ms']),
  seed: count('seed', values.seed),
  onFinding: (finding) => console.log(formatFinding(finding, save(finding))),
  onProgress: (inputs, ms) => console.error(`... ${inputs} inputs in ${(ms / 1000).toFixed(0)} s`),
});
console.log(formatReport(report));
const bad = report.total.nonCoded + report.total.crashes + report.total.hangs;
process.exit(bad === 0 ? 0 : 1);
