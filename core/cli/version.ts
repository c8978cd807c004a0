// `bt --version`: the version in swarmhook's package.json, found upward from
// this module (core/cli/ in a clone, dist/core/cli/ in the installed package).
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  for (let url = new URL('./package.json', import.meta.url), i = 0; i < 5; i++, url = new URL('../package.json', url)) {
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      continue;
    }
    const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (pkg.name === 'swarmhook' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}
