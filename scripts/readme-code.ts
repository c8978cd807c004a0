// Copies code into README.md from files that CI type-checks and runs, so that
// the README's code cannot drift from working code. A marker line
//   <!-- code:examples/first-plugin.ts -->             the whole file
//   <!-- code:examples/policy-hooks.ts#ban_peer -->    the lines between `// #region ban_peer` and `// #endregion`, dedented
// is followed by a ```ts block with that text. `--write` rewrites README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const MARKER = /^<!-- code:([^#\s]+)(?:#([\w-]+))? -->$/;

/** The text a marker stands for. */
export function codeFor(path: string, region: string | undefined): string {
  const text = readFileSync(new URL(path, ROOT), 'utf8');
  if (region === undefined) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '// #endregion');
  if (start < 0 || end < 0) throw new Error(`${path} has no region "${region}"`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return `${body.map((l) => l.slice(indent)).join('\n')}\n`;
}

/** The README with the block after each marker replaced by (or, when missing, given) its code. */
export function withCode(readme: string): string {
  const lines = readme.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    const match = MARKER.exec(line);
    if (match === null) continue;
    out.push('```ts', ...codeFor(match[1]!, match[2]).replace(/\n$/, '').split('\n'), '```');
    if (lines[i + 1] === '```ts') {
      const close = lines.indexOf('```', i + 2);
      if (close < 0) throw new Error(`README.md: the code block after line ${i + 1} is not closed`);
      i = close;
    }
  }
  return out.join('\n');
}

/** Every marker: [path, region]. */
export function markers(readme: string): [string, string | undefined][] {
  return readme
    .split('\n')
    .map((l) => MARKER.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, m[2]]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = new URL('README.md', ROOT);
  const readme = readFileSync(path, 'utf8');
  if (process.argv.includes('--write')) writeFileSync(path, withCode(readme));
  else process.stdout.write(withCode(readme));
}
