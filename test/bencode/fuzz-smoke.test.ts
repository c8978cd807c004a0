// A short run of `npm run fuzz` (scripts/fuzz.ts): a few thousand mutated
// inputs over every target must give no crash, no hang and no error that is
// not a CodedError. The fuzzer's own detectors are checked on a target made
// to misbehave. Fixed seeds: the same inputs every run.
import test from 'ava';
import { formatFinding, formatReport } from '../../scripts/fuzz/report.ts';
import { runFuzz } from '../../scripts/fuzz/runner.ts';
import { TARGETS } from '../../scripts/fuzz/targets/index.ts';

test('every target: a few thousand inputs, 0 crashes, 0 hangs, 0 non-coded errors', async (t) => {
  // A generous time-out: a hang is an input that never returns, not a slow one on a busy machine.
  const report = await runFuzz({ inputs: 4000, workers: 1, seed: 20261129, timeoutMs: 10_000 });
  t.log(formatReport(report));
  for (const finding of report.findings) t.log(formatFinding(finding, undefined));
  t.is(report.total.inputs, 4000);
  t.deepEqual([...report.perTarget.keys()], TARGETS.filter((x) => x.explicitOnly !== true).map((x) => x.name));
  t.is(report.total.crashes, 0);
  t.is(report.total.hangs, 0);
  t.is(report.total.nonCoded, 0);
  // The mutations reach both sides: inputs that are accepted and inputs that are refused.
  for (const [name, counts] of report.perTarget) t.true(counts.ok > 0 && counts.coded > 0, name);
});

test('the fuzzer counts a hang, a dead worker and a non-coded error, and goes on past them', async (t) => {
  // Inputs 1 (hang), 2 (TypeError) and 3 (process.exit) come up among mutations of a single 0 byte.
  const report = await runFuzz({ targets: ['self-test'], inputs: 200, workers: 1, batchSize: 50, seed: 3, timeoutMs: 1000 });
  t.log(formatReport(report));
  const c = report.perTarget.get('self-test')!;
  t.is(c.inputs, 200);
  t.is(c.ok + c.coded + c.nonCoded + c.crashes + c.hangs, 200);
  t.true(c.hangs >= 1, 'hangs');
  t.true(c.crashes >= 1, 'crashes');
  t.true(c.nonCoded >= 1, 'non-coded');
  for (const f of report.findings) {
    t.is(f.input[0], f.kind === 'hang' ? 1 : f.kind === 'non-coded' ? 2 : 3, `${f.kind} input`);
  }
});
