// Built-in plugins are written as a user would write them: against the public
// API only. A plugin's file may import its own folder, Node's modules, the
// package's runtime dependencies, and what package.json "exports" offers
// (swarmhook = core/index.ts, swarmhook/wire = core/wire/index.ts, the other
// plugins' entries, config-schema/*): the allowed set is read from "exports",
// so a new subpath is importable as soon as it is published. The examples,
// user code shipped in the repository, follow the same rule.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import ts from 'typescript';
import { importableSources, matchesPattern, REPO_ROOT } from '../helpers/package-exports.ts';

const ROOT = fileURLToPath(REPO_ROOT);
const DEPENDENCIES = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object }).dependencies);
const IMPORTABLE = importableSources();

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every module a file names: imports, re-exports, dynamic imports. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Why `spec` may not be imported from `file` (whose own files are those under `home`), or undefined when it may. */
function violation(file: string, spec: string, home: string): string | undefined {
  if (spec.startsWith('node:')) return undefined;
  if (!spec.startsWith('.')) {
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    return DEPENDENCIES.includes(pkg) ? undefined : `${spec} is not a runtime dependency of the package`;
  }
  const target = relative(ROOT, join(dirname(join(ROOT, file)), spec));
  if (target.startsWith(`${home}/`)) return undefined;
  if (IMPORTABLE.some((pattern) => matchesPattern(pattern, target))) return undefined;
  return `${target} is not the entry of a subpath in package.json "exports"`;
}

function check(files: readonly string[], homeOf: (file: string) => string): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const spec of specifiers(file)) {
      const why = violation(file, spec, homeOf(file));
      if (why !== undefined) problems.push(`${file} imports ${spec}: ${why}`);
    }
  }
  return problems;
}

test('the allowed set comes from package.json exports', (t) => {
  for (const entry of ['core/index.ts', 'core/wire/index.ts', 'core/metainfo/index.ts', 'core/net/address.ts', 'plugins/*/index.ts', 'config-schema/*']) {
    t.true(IMPORTABLE.includes(entry), entry);
  }
  t.false(IMPORTABLE.some((p) => matchesPattern(p, 'core/torrent/index.ts')), 'engine internals are not importable');
  t.is(violation('plugins/x/index.ts', '../../core/engine.ts', 'plugins/x'), 'core/engine.ts is not the entry of a subpath in package.json "exports"');
  t.is(violation('plugins/x/index.ts', '../../core/wire/index.ts', 'plugins/x'), undefined);
  t.is(violation('plugins/x/index.ts', '../y/index.ts', 'plugins/x'), undefined, 'another plugin through its entry');
  t.not(violation('plugins/x/index.ts', '../y/state.ts', 'plugins/x'), undefined, 'not another plugin\'s inside');
  t.not(violation('plugins/x/index.ts', 'tsx', 'plugins/x'), undefined, 'a devDependency is not installed for users');
});

test('built-in plugins import only the public API, their own folder, Node and runtime dependencies', (t) => {
  const files = tsFiles('plugins');
  t.true(files.length > 0);
  t.deepEqual(check(files, (file) => file.split('/').slice(0, 2).join('/')), []);
});

test('the examples import only what a user of the package can', (t) => {
  const files = tsFiles('examples');
  t.true(files.length > 0);
  t.deepEqual(check(files, () => 'examples'), []);
});
