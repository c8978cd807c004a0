// package.json "exports" read back to the source files they are built from:
// "./dist/core/wire/index.js" comes from "core/wire/index.ts", and a pattern
// ("./dist/plugins/*/index.js") from the same pattern over the sources.
import { readFileSync } from 'node:fs';

export const REPO_ROOT = new URL('../../', import.meta.url);

type Target = string | { readonly types?: string; readonly default?: string };

/** Each subpath of package.json "exports" ("." and "./wire" ...) with its built files. */
export function packageExports(): ReadonlyMap<string, readonly string[]> {
  const pkg = JSON.parse(readFileSync(new URL('package.json', REPO_ROOT), 'utf8')) as { exports: Record<string, Target> };
  return new Map(
    Object.entries(pkg.exports).map(([subpath, target]) => [subpath, typeof target === 'string' ? [target] : [target.types, target.default].filter((t) => t !== undefined)]),
  );
}

/** The source file (relative to the repository, "*" kept) a built file comes from; a file shipped as is maps to itself. */
export function sourceOf(built: string): string {
  const path = built.replace(/^\.\//, '');
  if (!path.startsWith('dist/')) return path;
  return path.slice('dist/'.length).replace(/\.d\.ts$|\.js$/, '.ts');
}

/** Matches a source path against an export's source pattern, "*" standing for one path segment. */
export function matchesPattern(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return regex.test(path);
}

/** The source patterns a user (or a built-in plugin) may import: one per exported subpath. */
export function importableSources(): readonly string[] {
  return [...new Set([...packageExports().values()].flat().map(sourceOf))];
}
