// The fuzz report as text: a table of counts per target and in total, and
// each finding with its input in hex.
import type { Finding } from './protocol.ts';
import type { Counts, FuzzReport } from './runner.ts';

const COLUMNS: readonly [string, keyof Counts][] = [
  ['inputs', 'inputs'],
  ['ok', 'ok'],
  ['coded', 'coded'],
  ['non-coded', 'nonCoded'],
  ['crashes', 'crashes'],
  ['hangs', 'hangs'],
];

export function formatReport(report: FuzzReport): string {
  const rows: string[][] = [['target', ...COLUMNS.map(([title]) => title)]];
  for (const [name, counts] of report.perTarget) rows.push([name, ...COLUMNS.map(([, key]) => String(counts[key]))]);
  rows.push(['total', ...COLUMNS.map(([, key]) => String(report.total[key]))]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const rate = Math.round(report.total.inputs / Math.max(report.elapsedMs / 1000, 0.001));
  return [...rows.slice(0, -1).map(line), '-'.repeat(line(rows[0]!).length), line(rows[rows.length - 1]!), `seed ${report.seed}, ${seconds} s, ${rate} inputs/s`].join('\n');
}

export function formatFinding(finding: Finding, savedAs: string | undefined): string {
  const hex = Buffer.from(finding.input.subarray(0, 256)).toString('hex');
  const more = finding.input.length > 256 ? ` ... (${finding.input.length} bytes)` : ` (${finding.input.length} bytes)`;
  return [
    `${finding.kind.toUpperCase()} in ${finding.target} (batch ${finding.batch}, input ${finding.index})${savedAs === undefined ? '' : `, saved as ${savedAs}`}`,
    `  ${finding.error.split('\n').slice(0, 6).join('\n  ')}`,
    `  input: ${hex}${more}`,
  ].join('\n');
}
